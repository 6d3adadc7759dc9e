import {
  DomainBindingState,
  DomainBindingStatus,
} from '@internal/plugin-enterprise-console-common';
import Typography from '@material-ui/core/Typography';
import { StatusChip } from '../StatusChip';

const LABELS: Record<DomainBindingStatus, string> = {
  pending: 'Pending approval',
  approved: 'Approved',
  rejected: 'Rejected',
};

const COLORS: Partial<Record<DomainBindingStatus, 'primary' | 'secondary'>> = {
  approved: 'primary',
  rejected: 'secondary',
};

/** Whether a platform admin approved a domain an account binds, in words. */
export function DomainBindingChip(props: { status: DomainBindingStatus }) {
  const { status } = props;
  return (
    <StatusChip
      status={status}
      labels={LABELS}
      colors={COLORS}
      open={['pending']}
    />
  );
}

/**
 * A domain with its approval state next to it; a rejected one shows the
 * platform admin's reason inline, since the account's admins must act on it.
 */
export function DomainWithState(props: {
  domain: string;
  /** The account's bindings; a domain not among them (not saved yet) shows no chip. */
  bindings: DomainBindingState[];
}) {
  const { domain, bindings } = props;
  const binding = bindings.find(candidate => candidate.domain === domain);
  return (
    <span
      data-testid={`domain-${domain}`}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        flexWrap: 'wrap',
        gap: 8,
        marginRight: 16,
      }}
    >
      <span>{domain}</span>
      {binding && <DomainBindingChip status={binding.status} />}
      {binding?.status === 'rejected' && binding.reason && (
        <Typography variant="caption" color="textSecondary" component="span">
          {binding.reason}
        </Typography>
      )}
    </span>
  );
}
