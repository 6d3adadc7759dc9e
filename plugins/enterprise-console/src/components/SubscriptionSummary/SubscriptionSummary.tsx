import {
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { featureLabel } from '../BillingTab/planComparison';
import {
  planWithVersion,
  pricingLabel,
  SERVICE_TYPE_LABELS,
  CYCLE_LABELS,
} from '../BillingTab/subscriptionLabels';
import { SubscriptionStatusChip } from '../BillingTab/SubscriptionStatusChip';
import {
  TenantSubscription,
  useTenantSubscription,
} from './useTenantSubscription';

const NONE = '—';

function FeatureChips(props: { value: TenantSubscription }) {
  const { features } = props.value;
  if (!features) return <>{NONE}</>;
  if (features.granted.length === 0) return <>None</>;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {features.granted.map(feature => {
        const inUse = features.inUse.includes(feature);
        return (
          <Chip
            key={feature}
            size="small"
            variant={inUse ? 'default' : 'outlined'}
            label={`${featureLabel(feature)}${inUse ? ' (in use)' : ''}`}
          />
        );
      })}
    </Box>
  );
}

/** The summary's rows; every value is a dash when there is none. */
function summaryRows(value: TenantSubscription, compact: boolean) {
  const { current, next, features, plans } = value;
  const edition =
    features?.edition ??
    plans.find(plan => plan.id === current?.planId)?.edition;
  const rows: Record<string, ReactNode> = {
    Plan: current ? planWithVersion(current, plans) : NONE,
    Edition: edition ?? NONE,
    Status: current ? (
      <SubscriptionStatusChip status={current.status} />
    ) : (
      'No active subscription'
    ),
    'Next change': next ? next.change.label : 'None scheduled',
  };
  if (!compact) {
    rows.Terms = current
      ? `${CYCLE_LABELS[current.cycle] ?? current.cycle}, ${pricingLabel(
          current,
        ).toLowerCase()}, ${(
          SERVICE_TYPE_LABELS[current.serviceType] ?? current.serviceType
        ).toLowerCase()}${current.endDate ? `, until ${current.endDate}` : ''}`
      : NONE;
    rows.Features = <FeatureChips value={value} />;
  }
  return rows;
}

/**
 * A tenant's subscription: plan, edition, status, the next scheduled
 * change and (in full) the terms and features. Nothing is shown to users
 * who may not read the account's billing.
 */
export function SubscriptionSummary(props: {
  tenant: { id: string; accountId: string };
  /** `card`: its own card (the tenant page); `rows`: rows in a card. */
  variant: 'card' | 'rows';
}) {
  const { tenant, variant } = props;
  const { hidden, loading, error, value } = useTenantSubscription(tenant);
  if (hidden) return null;
  let content;
  if (loading) {
    content = <Progress />;
  } else if (error || !value) {
    // The tenant's page and card stay useful; billing just says it is out.
    content = (
      <Typography variant="body2" color="textSecondary">
        The subscription could not be loaded.
      </Typography>
    );
  } else {
    content = (
      <StructuredMetadataTable
        dense
        metadata={summaryRows(value, variant === 'rows')}
      />
    );
  }
  if (variant === 'rows') {
    return (
      <Box mt={2} aria-label="Subscription">
        <Typography variant="subtitle2" component="h3">
          Subscription
        </Typography>
        {content}
      </Box>
    );
  }
  return (
    <Box mb={3}>
      <InfoCard
        title="Subscription"
        subheader="What the tenant pays and may use"
      >
        {content}
      </InfoCard>
    </Box>
  );
}
