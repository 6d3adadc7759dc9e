import {
  BillingApplication,
  BillingApplicationApproval,
  BillingPlan,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import { DialogButtons } from '../DialogButtons';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { isDate } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';
import { APPLICATION_LIMITS } from './applicationForm';
import { APPLICATION_KIND_LABELS, planName } from './subscriptionLabels';

/** What approving creates, in a sentence. */
function approvalSummary(
  application: BillingApplication,
  planLabel: string,
): string {
  return application.kind === 'pro-bono'
    ? `Approving subscribes ${
        application.tenantId
      } to ${planLabel} at pro bono for ${
        application.pilotMonths ?? '?'
      } months.`
    : `Approving subscribes ${application.tenantId} to ${planLabel} as a developer subscription, pro bono and open-ended.`;
}

/**
 * Approves an application: optionally another plan than the one asked for
 * and a later start (default today). The applicant is notified.
 */
export function ApproveApplicationDialog(props: {
  application: BillingApplication;
  plans: BillingPlan[];
  onApprove: (approval: BillingApplicationApproval) => Promise<void>;
  onClose: () => void;
}) {
  const { application, plans, onApprove, onClose } = props;
  const [planId, setPlanId] = useState(application.planId);
  const [startDate, setStartDate] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const badDate = startDate !== '' && !isDate(startDate);
  const choices = plans.some(plan => plan.id === application.planId)
    ? plans.filter(plan => plan.visibility !== 'archived')
    : [
        { id: application.planId, name: application.planId } as BillingPlan,
        ...plans.filter(plan => plan.visibility !== 'archived'),
      ];

  const approve = async () => {
    setSaving(true);
    setFailure(undefined);
    try {
      await onApprove({
        ...(planId !== application.planId ? { planId } : {}),
        ...(startDate ? { startDate } : {}),
      });
    } catch (error) {
      setFailure(serverMessage(error));
      setSaving(false);
    }
  };

  const titleId = `approve-application-${application.id}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>
        Approve the {APPLICATION_KIND_LABELS[application.kind].toLowerCase()}{' '}
        application of {application.tenantId}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {approvalSummary(application, planName(planId, plans))} The applicant
          is notified.
        </DialogContentText>
        <TextField
          select
          fullWidth
          margin="dense"
          variant="outlined"
          id="approve-plan"
          label="Plan"
          value={planId}
          onChange={event => setPlanId(event.target.value)}
        >
          {choices.map(plan => (
            <MenuItem key={plan.id} value={plan.id}>
              {plan.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          type="date"
          margin="dense"
          variant="outlined"
          id="approve-start"
          label="Start (UTC; empty: today)"
          InputLabelProps={{ shrink: true }}
          value={startDate}
          onChange={event => setStartDate(event.target.value)}
          error={badDate}
          helperText={badDate ? 'Enter a complete date.' : undefined}
        />
        {failure && (
          <Box mt={1}>
            <Alert severity="error">{failure}</Alert>
          </Box>
        )}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action="Approve"
        onAction={approve}
        disabled={saving || badDate}
      />
    </Dialog>
  );
}

/** Rejects an application with the reason the applicant is told. */
export function RejectApplicationDialog(props: {
  application: BillingApplication;
  onReject: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { application, onReject, onClose } = props;
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const trimmed = reason.trim();

  const reject = async () => {
    setSaving(true);
    setFailure(undefined);
    try {
      await onReject(trimmed);
    } catch (error) {
      setFailure(serverMessage(error));
      setSaving(false);
    }
  };

  const titleId = `reject-application-${application.id}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>
        Reject the {APPLICATION_KIND_LABELS[application.kind].toLowerCase()}{' '}
        application of {application.tenantId}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          The applicant is notified with your reason.
        </DialogContentText>
        <TextField
          fullWidth
          multiline
          minRows={3}
          variant="outlined"
          id="application-rejection-reason"
          label="Reason"
          required
          value={reason}
          onChange={event => setReason(event.target.value)}
          inputProps={{ maxLength: APPLICATION_LIMITS.reason }}
          helperText={`${reason.length}/${APPLICATION_LIMITS.reason} characters`}
        />
        {failure && (
          <Box mt={1}>
            <Alert severity="error">{failure}</Alert>
          </Box>
        )}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action="Reject application"
        onAction={reject}
        disabled={saving || !trimmed}
        color="secondary"
      />
    </Dialog>
  );
}
