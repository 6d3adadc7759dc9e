import { DomainBinding } from '@internal/plugin-enterprise-console-common';
import Dialog from '@material-ui/core/Dialog';
import { DialogButtons } from '../DialogButtons';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';

/** The longest reason POST /v1/domain-bindings/{id}/reject takes. */
export const REJECTION_REASON_MAX_LENGTH = 1000;

/**
 * Asks for the reason of a rejection, which the account's admins read next
 * to the domain in their settings; the server requires one.
 */
export function RejectBindingDialog(props: {
  binding: DomainBinding;
  onReject: (reason: string) => void;
  onClose: () => void;
}) {
  const { binding, onReject, onClose } = props;
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  const titleId = `reject-binding-${binding.id}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>Reject {binding.domain}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {binding.accountId} will not be able to use {binding.domain} for
          single sign-on or sign-up restrictions. Its admins see your reason in
          their settings.
        </DialogContentText>
        <TextField
          fullWidth
          multiline
          minRows={3}
          variant="outlined"
          id="domain-binding-rejection-reason"
          label="Reason"
          required
          value={reason}
          onChange={event => setReason(event.target.value)}
          inputProps={{ maxLength: REJECTION_REASON_MAX_LENGTH }}
          helperText={`${reason.length}/${REJECTION_REASON_MAX_LENGTH} characters`}
        />
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action="Reject domain"
        onAction={() => onReject(trimmed)}
        disabled={!trimmed || trimmed.length > REJECTION_REASON_MAX_LENGTH}
        color="secondary"
      />
    </Dialog>
  );
}
