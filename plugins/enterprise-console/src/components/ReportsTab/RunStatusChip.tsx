import { ReportRunStatus } from '@internal/plugin-enterprise-console-common';
import Chip from '@material-ui/core/Chip';

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
    <Chip
      size="small"
      label={LABELS[status] ?? status}
      color={COLORS[status] ?? 'default'}
      variant={
        status === 'queued' || status === 'running' ? 'outlined' : 'default'
      }
    />
  );
}
