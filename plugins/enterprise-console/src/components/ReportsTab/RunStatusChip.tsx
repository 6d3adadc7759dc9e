import { ReportRunStatus } from '@internal/plugin-enterprise-console-common';
import { StatusChip } from '../StatusChip';

const LABELS: Record<ReportRunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

const COLORS: Partial<Record<ReportRunStatus, 'primary' | 'secondary'>> = {
  succeeded: 'primary',
  failed: 'secondary',
};

/** A run's status in words. */
export function RunStatusChip(props: { status: ReportRunStatus }) {
  const { status } = props;
  return (
    <StatusChip
      status={status}
      labels={LABELS}
      colors={COLORS}
      open={['queued', 'running']}
    />
  );
}
