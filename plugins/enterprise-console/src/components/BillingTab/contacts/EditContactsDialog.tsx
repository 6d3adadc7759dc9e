import { useApi } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  BillingContact,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { enterpriseConsoleApiRef } from '../../../api';
import { serverMessage } from '../../../lib/serverMessage';
import { DialogButtons } from '../../DialogButtons';
import { contactsProblems, trimContacts } from './contactsForm';

const EMPTY: BillingContact = { name: '', email: '', role: '' };

/** The message of a failed save; a refusal says plainly who may save. */
function saveFailure(error: unknown, account: AccountSummary): string {
  if ((error as { statusCode?: number })?.statusCode === 403) {
    return `You may not change the billing contacts of ${
      account.name
    } (billing.manage, or settings.update on the account): ${serverMessage(
      error,
    )}`;
  }
  return serverMessage(error);
}

/**
 * Replaces an account's billing contacts: rows of name, email and role
 * added and removed here, saved together.
 */
export function EditContactsDialog(props: {
  account: AccountSummary;
  contacts: BillingContact[];
  onClose: () => void;
  onSaved: (contacts: BillingContact[]) => void;
}) {
  const { account, onClose, onSaved } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [rows, setRows] = useState<BillingContact[]>(props.contacts);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const problems = contactsProblems(rows);

  const change = (index: number, field: keyof BillingContact, value: string) =>
    setRows(current =>
      current.map((row, i) => (i === index ? { ...row, [field]: value } : row)),
    );

  const save = async () => {
    setTouched(true);
    if (problems.some(p => Object.keys(p).length)) return;
    setSaving(true);
    setFailure(undefined);
    try {
      onSaved(await api.updateBillingContacts(account.id, trimContacts(rows)));
    } catch (error) {
      setFailure(saveFailure(error, account));
      setSaving(false);
    }
  };

  const field = (index: number, name: keyof BillingContact, label: string) => {
    const problem = touched ? problems[index][name] : undefined;
    return (
      <TextField
        variant="outlined"
        size="small"
        label={label}
        inputProps={{ 'aria-label': `${label} of contact ${index + 1}` }}
        value={rows[index][name]}
        onChange={event => change(index, name, event.target.value)}
        error={!!problem}
        helperText={problem}
        style={{ flex: 1 }}
      />
    );
  };

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="edit-contacts-title"
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id="edit-contacts-title">
        Billing contacts of {account.name}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          Statements are emailed to these contacts; with none, to the account’s
          admins.
        </DialogContentText>
        {rows.map((_, index) => (
          <Box
            key={index}
            display="flex"
            alignItems="flex-start"
            mb={2}
            style={{ gap: 8 }}
          >
            {field(index, 'name', 'Name')}
            {field(index, 'email', 'Email')}
            {field(index, 'role', 'Role')}
            <IconButton
              aria-label={`Remove contact ${index + 1}`}
              onClick={() =>
                setRows(current => current.filter((__, i) => i !== index))
              }
            >
              <DeleteIcon />
            </IconButton>
          </Box>
        ))}
        <Button onClick={() => setRows(current => [...current, EMPTY])}>
          Add contact
        </Button>
        {failure && <Alert severity="error">{failure}</Alert>}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action="Save contacts"
        onAction={save}
        disabled={saving}
      />
    </Dialog>
  );
}
