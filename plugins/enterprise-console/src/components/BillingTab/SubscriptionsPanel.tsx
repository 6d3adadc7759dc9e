import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  BillingPlan,
  BillingSubscription,
  BillingSubscriptionChange,
  enterpriseConsoleBillingManagePermission,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import { DialogButtons } from '../DialogButtons';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../api';
import { serverMessage } from '../../lib/serverMessage';
import { useConsolePermission } from '../../permissions';
import { rootRouteRef } from '../../routes';
import { useTenantName } from './useTenantName';
import { ChangePlanDialog } from './ChangePlanDialog';
import { ExtendSubscriptionDialog } from './ExtendSubscriptionDialog';
import { SubscriptionStatusChip } from './SubscriptionStatusChip';
import {
  CYCLE_LABELS,
  describeScheduledChange,
  planName,
  planWithVersion,
  precedingSubscription,
  pricingLabel,
  ScheduledChange,
  SERVICE_TYPE_LABELS,
} from './subscriptionLabels';

type Outcome = { severity: 'success' | 'error'; message: ReactNode };

type Pending = {
  subscription: BillingSubscription;
  change: ScheduledChange;
  previous?: BillingSubscription;
};

type Dialogs =
  | { kind: 'change' | 'end' | 'extend'; subscription: BillingSubscription }
  | { kind: 'cancel'; pending: Pending };

/** What a change or an end did, in a sentence. */
function describeOutcome(
  mode: 'change' | 'end',
  tenantName: string,
  result: BillingSubscriptionChange,
  plans: BillingPlan[],
): string {
  const to = planName(result.next.planId, plans);
  if (mode === 'end') {
    return result.scheduled
      ? `The subscription of ${tenantName} ends on ${result.effectiveDate}; Community follows.`
      : `The subscription of ${tenantName} has ended; it is on Community from ${result.effectiveDate}.`;
  }
  return result.scheduled
    ? `The change of ${tenantName} to ${to} is scheduled for ${
        result.effectiveDate
      }.${result.reason ? ` ${result.reason}` : ''}`
    : `${tenantName} is on ${to} from ${result.effectiveDate}.`;
}

/**
 * The subscriptions of one account's tenants, newest start first, with
 * the scheduled changes above them. Billing managers change, end, extend
 * and cancel; everyone else with billing.read only reads.
 */
export function SubscriptionsPanel(props: { account: AccountSummary }) {
  const { account } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const consoleRoot = useRouteRef(rootRouteRef);
  const { allowed: canManage } = useConsolePermission(
    enterpriseConsoleBillingManagePermission,
  );
  const [outcome, setOutcome] = useState<Outcome>();
  const [dialog, setDialog] = useState<Dialogs>();

  const subscriptions = useAsyncRetry(
    () => api.listBillingSubscriptions({ accountId: account.id }),
    [api, account.id],
  );
  // Names only: without them the ids still say which plan and tenant.
  const plans = useAsync(() => api.listBillingPlans(), [api]);
  const catalogue = plans.value ?? [];
  const items = subscriptions.value ?? [];

  const tenantName = useTenantName(account.id);

  const pending: Pending[] = items
    .filter(subscription => subscription.status === 'scheduled')
    .map(subscription => {
      const previous = precedingSubscription(subscription, items);
      return {
        subscription,
        previous,
        change: describeScheduledChange(subscription, previous, catalogue),
      };
    })
    .sort((a, b) =>
      a.subscription.startDate.localeCompare(b.subscription.startDate),
    );
  const hasScheduled = (tenantId: string) =>
    pending.some(p => p.subscription.tenantId === tenantId);

  const finish = (message: ReactNode) => {
    setDialog(undefined);
    setOutcome({ severity: 'success', message });
    subscriptions.retry();
  };

  const cancel = async (target: Pending) => {
    setDialog(undefined);
    setOutcome(undefined);
    try {
      const { restored } = await api.cancelBillingSubscription(
        target.subscription.id,
      );
      // Nothing is restored when the cancelled one was the tenant's first.
      const stays = restored
        ? ` ${tenantName(target.subscription.tenantId)} stays on ${planName(
            restored.planId,
            catalogue,
          )}.`
        : '';
      setOutcome({
        severity: 'success',
        message: `Cancelled: ${target.change.label}.${stays}`,
      });
    } catch (error) {
      setOutcome({ severity: 'error', message: serverMessage(error) });
    } finally {
      subscriptions.retry();
    }
  };

  const actions = (subscription: BillingSubscription) => {
    if (!canManage || subscription.status !== 'active') return null;
    const name = tenantName(subscription.tenantId);
    if (hasScheduled(subscription.tenantId)) {
      return (
        <Typography variant="caption" color="textSecondary">
          Cancel the scheduled change to change this subscription.
        </Typography>
      );
    }
    return (
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        <Button
          size="small"
          variant="outlined"
          color="primary"
          aria-label={`Change the plan of ${name}`}
          onClick={() => setDialog({ kind: 'change', subscription })}
        >
          Change plan
        </Button>
        {subscription.serviceType === 'implementation' && (
          <Button
            size="small"
            variant="outlined"
            aria-label={`Extend the implementation bundle of ${name}`}
            onClick={() => setDialog({ kind: 'extend', subscription })}
          >
            Extend
          </Button>
        )}
        {subscription.planId !== 'community' && (
          <Button
            size="small"
            aria-label={`End the subscription of ${name}`}
            onClick={() => setDialog({ kind: 'end', subscription })}
          >
            End
          </Button>
        )}
      </Box>
    );
  };

  const columns: TableColumn<BillingSubscription>[] = [
    {
      title: 'Tenant',
      highlight: true,
      render: subscription => (
        <Link
          to={`${consoleRoot()}/tenants/${encodeURIComponent(
            subscription.tenantId,
          )}`}
        >
          {tenantName(subscription.tenantId)}
        </Link>
      ),
    },
    {
      title: 'Plan',
      render: subscription => planWithVersion(subscription, catalogue),
    },
    {
      title: 'Cycle',
      render: subscription =>
        CYCLE_LABELS[subscription.cycle] ?? subscription.cycle,
    },
    { title: 'Start', render: subscription => subscription.startDate },
    {
      title: 'End',
      render: subscription => subscription.endDate ?? 'Open-ended',
    },
    { title: 'Pricing', render: subscription => pricingLabel(subscription) },
    {
      title: 'Service type',
      render: subscription =>
        SERVICE_TYPE_LABELS[subscription.serviceType] ??
        subscription.serviceType,
    },
    {
      title: 'Status',
      render: subscription => (
        <SubscriptionStatusChip status={subscription.status} />
      ),
    },
    ...(canManage
      ? [
          {
            title: 'Actions',
            render: actions,
          } as TableColumn<BillingSubscription>,
        ]
      : []),
  ];

  return (
    <>
      {outcome && (
        <Box mb={2}>
          <Alert
            severity={outcome.severity}
            onClose={() => setOutcome(undefined)}
          >
            {outcome.message}
          </Alert>
        </Box>
      )}
      {subscriptions.error && (
        <Box mb={2}>
          <Alert severity="error">{serverMessage(subscriptions.error)}</Alert>
        </Box>
      )}
      <Box mb={2}>
        <Typography variant="body2" color="textSecondary">
          Upgrades take effect at once. A downgrade or an end within a paid
          plan's first 30 days (its minimum commitment) is scheduled for day 30
          and listed under Scheduled changes until then; an ended subscription
          falls back to Community.
        </Typography>
      </Box>
      {pending.length > 0 && (
        <Box mb={2}>
          <Alert severity="info" aria-label="Scheduled changes">
            <AlertTitle>Scheduled changes</AlertTitle>
            {pending.map(entry => (
              <Box
                key={entry.subscription.id}
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
                data-testid={`scheduled-${entry.subscription.id}`}
              >
                <Typography variant="body2">
                  <strong>{tenantName(entry.subscription.tenantId)}</strong>:{' '}
                  {entry.change.label}
                </Typography>
                {canManage && (
                  <Button
                    size="small"
                    color="secondary"
                    aria-label={`Cancel: ${tenantName(
                      entry.subscription.tenantId,
                    )}, ${entry.change.label}`}
                    onClick={() =>
                      setDialog({ kind: 'cancel', pending: entry })
                    }
                  >
                    Cancel change
                  </Button>
                )}
              </Box>
            ))}
          </Alert>
        </Box>
      )}

      {!subscriptions.error && (
        <Table<BillingSubscription>
          title={`Subscriptions of ${account.name}`}
          columns={columns}
          data={items}
          isLoading={subscriptions.loading && !subscriptions.value}
          options={{
            paging: false,
            search: false,
            sorting: false,
            padding: 'dense',
          }}
          emptyContent={
            <Box p={3}>
              <Typography>
                No subscriptions yet. A tenant without one is not billed; a
                billing admin subscribes it to a plan.
              </Typography>
            </Box>
          }
        />
      )}
      {dialog && (dialog.kind === 'change' || dialog.kind === 'end') && (
        <ChangePlanDialog
          mode={dialog.kind}
          subscription={dialog.subscription}
          tenantName={tenantName(dialog.subscription.tenantId)}
          plans={catalogue}
          currency={account.currency}
          onClose={() => setDialog(undefined)}
          onDone={result =>
            finish(
              describeOutcome(
                dialog.kind as 'change' | 'end',
                tenantName(dialog.subscription.tenantId),
                result,
                catalogue,
              ),
            )
          }
        />
      )}
      {dialog?.kind === 'extend' && (
        <ExtendSubscriptionDialog
          subscription={dialog.subscription}
          tenantName={tenantName(dialog.subscription.tenantId)}
          onClose={() => setDialog(undefined)}
          onExtend={async endDate => {
            const extended = await api.extendBillingSubscription(
              dialog.subscription.id,
              endDate,
            );
            finish(
              `The implementation bundle of ${tenantName(
                extended.tenantId,
              )} now ends on ${extended.endDate ?? endDate}.`,
            );
          }}
        />
      )}
      {dialog?.kind === 'cancel' && (
        <Dialog
          open
          onClose={() => setDialog(undefined)}
          aria-labelledby="cancel-scheduled-title"
        >
          <DialogTitle id="cancel-scheduled-title">
            Cancel the scheduled change?
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              {tenantName(dialog.pending.subscription.tenantId)}:{' '}
              {dialog.pending.change.label}.{' '}
              {dialog.pending.previous
                ? `Cancelling it keeps ${tenantName(
                    dialog.pending.subscription.tenantId,
                  )} on ${planName(
                    dialog.pending.previous.planId,
                    catalogue,
                  )} as before the change was scheduled.`
                : 'Cancelling it removes the subscription before it starts.'}
            </DialogContentText>
          </DialogContent>
          <DialogButtons
            onCancel={() => setDialog(undefined)}
            cancelLabel="Keep it"
            action="Cancel the change"
            onAction={() => cancel(dialog.pending)}
            color="secondary"
          />
        </Dialog>
      )}
    </>
  );
}
