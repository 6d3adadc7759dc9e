import { useApi } from '@backstage/core-plugin-api';
import {
  BillingPlan,
  BillingSubscription,
  BillingSubscriptionChange,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import { DialogButtons } from '../DialogButtons';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { serverMessage } from '../../lib/serverMessage';
import { ChangePreviewDetails } from './ChangePreviewDetails';
import { planName, planWithVersion } from './subscriptionLabels';

/** Ending falls back to Community; its preview is a change to it. */
export const FALLBACK_PLAN_ID = 'community';

/**
 * Changes a subscription's plan (`mode` change) or ends it (`mode` end).
 * Nothing is sent until the user has seen the server's preview: when the
 * change takes effect and why, the features it switches off and the
 * estimated invoice.
 */
export function ChangePlanDialog(props: {
  mode: 'change' | 'end';
  subscription: BillingSubscription;
  tenantName: string;
  plans: BillingPlan[];
  currency?: string;
  onDone: (result: BillingSubscriptionChange) => void;
  onClose: () => void;
}) {
  const { mode, subscription, tenantName, plans, currency, onDone, onClose } =
    props;
  const api = useApi(enterpriseConsoleApiRef);
  const [planId, setPlanId] = useState(mode === 'end' ? FALLBACK_PLAN_ID : '');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const preview = useAsync(
    async () =>
      planId
        ? api.previewBillingSubscriptionChange(subscription.id, { planId })
        : undefined,
    [api, subscription.id, planId],
  );
  // Archived plans take no new subscriptions; the current plan is no change.
  const choices = plans.filter(
    plan => plan.id !== subscription.planId && plan.visibility !== 'archived',
  );
  const current = planWithVersion(subscription, plans);
  const titleId = `change-plan-${subscription.id}`;

  const confirm = async () => {
    setSaving(true);
    setFailure(undefined);
    try {
      onDone(
        mode === 'end'
          ? await api.endBillingSubscription(subscription.id)
          : await api.changeBillingSubscription(subscription.id, { planId }),
      );
    } catch (error) {
      setFailure(serverMessage(error));
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id={titleId}>
        {mode === 'end'
          ? `End the subscription of ${tenantName}?`
          : `Change the plan of ${tenantName}`}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {mode === 'end'
            ? `${tenantName} is on ${current}. Ending the subscription moves it to Community (free up to its included users), never to nothing.`
            : `${tenantName} is on ${current}. Choose the new plan to see what the change would do before confirming it.`}
        </DialogContentText>
        {mode === 'change' && choices.length === 0 && (
          <Box mb={2}>
            <Alert severity="warning">
              The plan catalogue offers no other plan to change to.
            </Alert>
          </Box>
        )}
        {mode === 'change' && choices.length > 0 && (
          <Box mb={2}>
            <TextField
              select
              fullWidth
              variant="outlined"
              id="change-plan-select"
              label="New plan"
              value={planId}
              onChange={event => setPlanId(event.target.value)}
            >
              {choices.map(plan => (
                <MenuItem key={plan.id} value={plan.id}>
                  {plan.name}
                </MenuItem>
              ))}
            </TextField>
          </Box>
        )}
        {preview.loading && (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <CircularProgress size={20} />
            Calculating the preview…
          </Box>
        )}
        {preview.error && (
          <Alert severity="error">
            {planName(planId, plans)} cannot be applied now:{' '}
            {serverMessage(preview.error)}
          </Alert>
        )}
        {preview.value && (
          <ChangePreviewDetails preview={preview.value} currency={currency} />
        )}
        {failure && (
          <Box mt={2}>
            <Alert severity="error">{failure}</Alert>
          </Box>
        )}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action={mode === 'end' ? 'Confirm end' : 'Confirm change'}
        onAction={confirm}
        disabled={!preview.value || preview.loading || saving}
      />
    </Dialog>
  );
}
