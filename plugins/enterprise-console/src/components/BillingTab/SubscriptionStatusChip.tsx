import { BillingSubscription } from '@internal/plugin-enterprise-console-common';
import { StatusChip } from '../StatusChip';
import { SUBSCRIPTION_STATUS_LABELS } from './subscriptionLabels';

/** A subscription's status; a scheduled one stands out until it starts. */
export function SubscriptionStatusChip(props: {
  status: BillingSubscription['status'];
}) {
  return (
    <StatusChip
      status={props.status}
      labels={SUBSCRIPTION_STATUS_LABELS}
      colors={{ scheduled: 'secondary', active: 'primary' }}
      open={['scheduled']}
    />
  );
}
