import { BillingInvoice } from '@internal/plugin-enterprise-console-common';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { serverMessage } from '../../../lib/serverMessage';
import { DialogButtons } from '../../DialogButtons';
import { statementTitle } from './invoiceLabels';

/** Voids a statement with the reason recorded (billing.manage). */
export function VoidStatementDialog(props: {
  invoice: BillingInvoice;
  onVoid: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { invoice, onVoid, onClose } = props;
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const problem = reason.trim()
    ? undefined
    : 'Say why the statement is voided.';

  const save = async () => {
    setTouched(true);
    if (problem) return;
    setSaving(true);
    setFailure(undefined);
    try {
      await onVoid(reason.trim());
    } catch (error) {
      setFailure(serverMessage(error));
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="void-statement-title"
      fullWidth
    >
      <DialogTitle id="void-statement-title">
        Void {statementTitle(invoice)}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          A void statement is no longer owed; the credits it used go back to
          their lines. A statement with payments cannot be voided.
        </DialogContentText>
        <TextField
          fullWidth
          multiline
          variant="outlined"
          id="void-reason"
          label="Reason"
          value={reason}
          onChange={event => setReason(event.target.value)}
          error={touched && !!problem}
          helperText={touched ? problem : undefined}
        />
        {failure && <Alert severity="error">{failure}</Alert>}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        cancelLabel="Keep it"
        action="Void statement"
        onAction={save}
        disabled={saving}
        color="secondary"
      />
    </Dialog>
  );
}
