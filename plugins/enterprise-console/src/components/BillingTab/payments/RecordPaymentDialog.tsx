import { useApi } from '@backstage/core-plugin-api';
import {
  BillingInvoice,
  BillingPayment,
  BillingPaymentInput,
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
import { isDate, todayUtc } from '../../../lib/dates';
import { amountProblem, normalizeAmount } from '../../../lib/moneyInput';
import { formatMoney } from '../../../lib/numbers';
import { serverMessage } from '../../../lib/serverMessage';
import { DialogButtons } from '../../DialogButtons';
import { PAYMENT_METHOD_LABELS } from './paymentLabels';

/** The statement choice that lets the server settle the oldest open ones. */
const OLDEST_OPEN = 'oldest';

type Form = {
  method: BillingPaymentInput['method'];
  amount: string;
  reference: string;
  receivedAt: string;
  invoiceId: string;
};

/** What is wrong with each field, by field; empty when the form can be sent. */
export function paymentProblems(
  form: Form,
  today = todayUtc(),
): Partial<Record<keyof Form, string>> {
  const problems: Partial<Record<keyof Form, string>> = {};
  const amount = amountProblem(form.amount);
  if (amount) problems.amount = amount;
  if (!form.reference.trim()) {
    problems.reference =
      'Enter the reference: check number, transfer or card receipt.';
  }
  if (!isDate(form.receivedAt))
    problems.receivedAt = 'Enter the day it was received.';
  else if (form.receivedAt > today) {
    problems.receivedAt = 'A payment cannot be received in the future.';
  }
  return problems;
}

/**
 * Records a payment received for an account (billing.manage). It settles
 * the statement chosen, by default the oldest open ones; what is left over
 * becomes general account credit.
 */
export function RecordPaymentDialog(props: {
  accountId: string;
  /** The unpaid statements one may choose from, oldest first. */
  invoices: BillingInvoice[];
  initial?: { invoiceId?: string; amount?: string };
  onClose: () => void;
  onRecorded: (payment: BillingPayment) => void;
}) {
  const { accountId, invoices, initial = {}, onClose, onRecorded } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const [form, setForm] = useState<Form>({
    method: 'eft',
    amount: initial.amount ?? '',
    reference: '',
    receivedAt: todayUtc(),
    invoiceId: initial.invoiceId ?? OLDEST_OPEN,
  });
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const problems = paymentProblems(form);
  const shown = (field: keyof Form) => (touched ? problems[field] : undefined);
  const set = (field: keyof Form) => (event: { target: { value: unknown } }) =>
    setForm(current => ({ ...current, [field]: String(event.target.value) }));

  const save = async () => {
    setTouched(true);
    if (Object.keys(problems).length) return;
    setSaving(true);
    setFailure(undefined);
    try {
      const payment = await api.recordBillingPayment({
        accountId,
        method: form.method,
        amount: normalizeAmount(form.amount),
        reference: form.reference.trim(),
        receivedAt: form.receivedAt,
        ...(form.invoiceId === OLDEST_OPEN
          ? {}
          : { invoiceId: form.invoiceId }),
      });
      onRecorded(payment);
    } catch (error) {
      setFailure(serverMessage(error));
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="record-payment-title"
      fullWidth
    >
      <DialogTitle id="record-payment-title">Record payment</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The payment settles the statement chosen, or the oldest open ones;
          whatever is left becomes general credit of the account.
        </DialogContentText>
        <TextField
          select
          fullWidth
          margin="dense"
          variant="outlined"
          id="payment-method"
          label="Method"
          value={form.method}
          onChange={set('method')}
        >
          {Object.entries(PAYMENT_METHOD_LABELS).map(([value, label]) => (
            <MenuItem key={value} value={value}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth
          margin="dense"
          variant="outlined"
          id="payment-amount"
          label="Amount"
          inputProps={{ inputMode: 'decimal' }}
          value={form.amount}
          onChange={set('amount')}
          error={!!shown('amount')}
          helperText={shown('amount')}
        />
        <TextField
          fullWidth
          margin="dense"
          variant="outlined"
          id="payment-reference"
          label="Reference"
          value={form.reference}
          onChange={set('reference')}
          error={!!shown('reference')}
          helperText={shown('reference')}
        />
        <TextField
          fullWidth
          type="date"
          margin="dense"
          variant="outlined"
          id="payment-received"
          label="Received on (UTC)"
          InputLabelProps={{ shrink: true }}
          value={form.receivedAt}
          onChange={set('receivedAt')}
          error={!!shown('receivedAt')}
          helperText={shown('receivedAt')}
        />
        <TextField
          select
          fullWidth
          margin="dense"
          variant="outlined"
          id="payment-statement"
          label="Statement"
          value={form.invoiceId}
          onChange={set('invoiceId')}
        >
          <MenuItem value={OLDEST_OPEN}>Oldest open statements first</MenuItem>
          {invoices.map(invoice => (
            <MenuItem key={invoice.id} value={invoice.id}>
              Statement {invoice.number} ({invoice.period}), balance{' '}
              {formatMoney(invoice.balance)}
            </MenuItem>
          ))}
        </TextField>
        {failure && <Alert severity="error">{failure}</Alert>}
      </DialogContent>
      <DialogButtons
        onCancel={onClose}
        action="Record payment"
        onAction={save}
        disabled={saving}
      />
    </Dialog>
  );
}
