import { BillingSubscription } from '@internal/plugin-enterprise-console-common';
import Dialog from '@material-ui/core/Dialog';
import { DialogButtons } from '../DialogButtons';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { isDate } from '../../lib/dates';
import { serverMessage } from '../../lib/serverMessage';

/** Why an extension's end date cannot be sent, or nothing when it can. */
export function extensionProblem(
  subscription: BillingSubscription,
  endDate: string,
): string | undefined {
  if (!isDate(endDate)) return 'Enter the new end date.';
  if (subscription.endDate && endDate <= subscription.endDate) {
    return `The new end must be after ${subscription.endDate}.`;
  }
  return undefined;
}

/**
 * Extends an implementation-bundle subscription to a later end; its plan
 * and features stay as they are.
 */
export function ExtendSubscriptionDialog(props: {
  subscription: BillingSubscription;
  tenantName: string;
  onExtend: (endDate: string) => Promise<void>;
  onClose: () => void;
}) {
  const { subscription, tenantName, onExtend, onClose } = props;
  const [endDate, setEndDate] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const problem = extensionProblem(subscription, endDate);
  const titleId = `extend-${subscription.id}`;

  const save = async () => {
    setTouched(true);
    if (problem) return;
    setSaving(true);
    setFailure(undefined);
    try {
      await onExtend(endDate);
    } catch (error) {
      setFailure(serverMessage(error));
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>
        Extend the implementation bundle of {tenantName}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          The subscription keeps its plan and features until the new end.{' '}
          {subscription.endDate
            ? `It now ends on ${subscription.endDate}.`
            : 'It has no end yet.'}{' '}
          The end date is exclusive: the last billed day is the day before.
        </DialogContentText>
        <TextField
          type="date"
          variant="outlined"
          id="extend-end-date"
          label="New end date (UTC)"
          InputLabelProps={{ shrink: true }}
          value={endDate}
          onChange={event => setEndDate(event.target.value)}
          onBlur={() => setTouched(true)}
          error={touched && !!problem}
          helperText={touched ? problem : undefined}
        />
        {failure && <Alert severity="error">{failure}</Alert>}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action="Extend"
        onAction={save}
        disabled={saving}
      />
    </Dialog>
  );
}
