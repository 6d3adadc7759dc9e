import { useApi } from '@backstage/core-plugin-api';
import {
  BillingCreditInput,
  BillingCreditLine,
  BillingSubscription,
} from '@internal/plugin-enterprise-console-common';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { enterpriseConsoleApiRef } from '../../../api';
import { amountProblem, normalizeAmount } from '../../../lib/moneyInput';
import { serverMessage } from '../../../lib/serverMessage';
import { DialogButtons } from '../../DialogButtons';
import { CREDIT_SCOPE_LABELS } from './creditLabels';

/** The level choice of a credit for the whole account. */
const ACCOUNT_LEVEL = 'account';

/**
 * Grants credit to an account or one of its subscriptions, in one scope
 * (billing.manage); a negative amount corrects an earlier grant.
 */
export function AddCreditDialog(props: {
  accountId: string;
  /** The subscriptions a credit may be for (those not ended). */
  subscriptions: BillingSubscription[];
  tenantName: (tenantId: string) => string;
  onClose: () => void;
  onAdded: (line: BillingCreditLine) => void;
}) {
  const { accountId, subscriptions, tenantName, onClose, onAdded } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [level, setLevel] = useState(ACCOUNT_LEVEL);
  const [scope, setScope] = useState<BillingCreditInput['scope']>('general');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const amountIssue = amountProblem(amount, { allowNegative: true });
  const noteIssue = note.trim() ? undefined : 'Say why the credit is given.';

  const save = async () => {
    setTouched(true);
    if (amountIssue || noteIssue) return;
    setSaving(true);
    setFailure(undefined);
    try {
      const line = await api.addBillingCredit({
        accountId,
        ...(level === ACCOUNT_LEVEL ? {} : { subscriptionId: level }),
        scope,
        amount: normalizeAmount(amount),
        note: note.trim(),
      });
      onAdded(line);
    } catch (error) {
      setFailure(serverMessage(error));
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="add-credit-title" fullWidth>
      <DialogTitle id="add-credit-title">Add credit</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Credit of a scope pays the matching invoice lines, subscription level
          first; general credit pays what remains. It never expires.
        </DialogContentText>
        <TextField
          select
          fullWidth
          margin="dense"
          variant="outlined"
          id="credit-level"
          label="Level"
          value={level}
          onChange={event => setLevel(String(event.target.value))}
        >
          <MenuItem value={ACCOUNT_LEVEL}>Account</MenuItem>
          {subscriptions.map(subscription => (
            <MenuItem key={subscription.id} value={subscription.id}>
              Subscription of {tenantName(subscription.tenantId)} (
              {subscription.planId}, from {subscription.startDate})
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          fullWidth
          margin="dense"
          variant="outlined"
          id="credit-scope"
          label="Scope"
          value={scope}
          onChange={event =>
            setScope(event.target.value as BillingCreditInput['scope'])
          }
        >
          {Object.entries(CREDIT_SCOPE_LABELS).map(([value, label]) => (
            <MenuItem key={value} value={value}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth
          margin="dense"
          variant="outlined"
          id="credit-amount"
          label="Amount"
          inputProps={{ inputMode: 'decimal' }}
          value={amount}
          onChange={event => setAmount(event.target.value)}
          error={touched && !!amountIssue}
          helperText={
            (touched && amountIssue) ||
            'A negative amount corrects an earlier grant.'
          }
        />
        <TextField
          fullWidth
          multiline
          margin="dense"
          variant="outlined"
          id="credit-note"
          label="Note"
          value={note}
          onChange={event => setNote(event.target.value)}
          error={touched && !!noteIssue}
          helperText={touched ? noteIssue : undefined}
        />
        {failure && <Alert severity="error">{failure}</Alert>}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action="Add credit"
        onAction={save}
        disabled={saving}
      />
    </Dialog>
  );
}
