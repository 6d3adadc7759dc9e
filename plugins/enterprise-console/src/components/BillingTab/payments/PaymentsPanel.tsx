import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  BillingInvoice,
  BillingPayment,
  enterpriseConsoleBillingManagePermission,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../../api';
import { isZeroMoney } from '../../../lib/moneyInput';
import { formatMoney } from '../../../lib/numbers';
import { serverMessage } from '../../../lib/serverMessage';
import { Notice } from '../Notice';
import { useConsolePermission } from '../../../permissions';
import { InvoiceStatusChip } from '../statements/InvoiceStatusChip';
import { statementTitle, unpaidOldestFirst } from '../statements/invoiceLabels';
import { useStatementLinks } from '../statements/useStatementLinks';
import {
  appliedLabel,
  describePayment,
  PAYMENT_METHOD_LABELS,
} from './paymentLabels';
import { RecordPaymentDialog } from './RecordPaymentDialog';

const tableOptions = {
  paging: false,
  search: false,
  sorting: false,
  padding: 'dense' as const,
};

const paymentColumns: TableColumn<BillingPayment>[] = [
  { title: 'Received', render: payment => payment.receivedAt },
  {
    title: 'Method',
    render: payment => PAYMENT_METHOD_LABELS[payment.method] ?? payment.method,
  },
  { title: 'Amount', render: payment => formatMoney(payment.amount) },
  { title: 'Reference', render: payment => payment.reference },
  { title: 'Applied to', render: payment => appliedLabel(payment) || '—' },
  {
    title: 'Credit created',
    render: payment =>
      payment.creditCreated && !isZeroMoney(payment.creditCreated)
        ? formatMoney(payment.creditCreated)
        : '—',
  },
  { title: 'Recorded by', render: payment => payment.payer },
];

/**
 * An account's unpaid statements and its payments, newest received first.
 * Billing managers record a payment; it settles the statement chosen or
 * the oldest open ones, and both lists are read again to show the result.
 */
export function PaymentsPanel(props: { account: AccountSummary }) {
  const { account } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const links = useStatementLinks();
  const { allowed: canManage } = useConsolePermission(
    enterpriseConsoleBillingManagePermission,
  );
  const [recording, setRecording] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const payments = useAsyncRetry(
    () => api.listBillingPayments(account.id),
    [api, account.id],
  );
  const invoices = useAsyncRetry(
    () => api.listBillingInvoices({ accountId: account.id }),
    [api, account.id],
  );
  const unpaid = unpaidOldestFirst(invoices.value ?? []);

  const unpaidColumns: TableColumn<BillingInvoice>[] = [
    {
      title: 'Statement',
      render: invoice => (
        <Link to={links.statement(account.id, invoice.id)}>
          {statementTitle(invoice)}
        </Link>
      ),
    },
    { title: 'Period', render: invoice => invoice.period },
    { title: 'Balance', render: invoice => formatMoney(invoice.balance) },
    { title: 'Due date', render: invoice => invoice.dueDate ?? '—' },
    {
      title: 'Status',
      render: invoice => <InvoiceStatusChip status={invoice.status} />,
    },
  ];

  return (
    <>
      <Notice
        severity="success"
        message={outcome}
        onClose={() => setOutcome(undefined)}
      />
      <Notice
        severity="error"
        message={
          (payments.error || invoices.error) &&
          serverMessage(payments.error ?? invoices.error)
        }
      />
      {canManage && (
        <Box mb={2} display="flex" justifyContent="flex-end">
          <Button
            variant="contained"
            color="primary"
            disabled={!invoices.value}
            onClick={() => setRecording(true)}
          >
            Record payment
          </Button>
        </Box>
      )}
      <Box mb={3}>
        <Table<BillingInvoice>
          title={`Unpaid statements of ${account.name}`}
          columns={unpaidColumns}
          data={unpaid}
          isLoading={invoices.loading && !invoices.value}
          options={tableOptions}
          emptyContent={
            <Box p={3}>
              <Typography>Nothing is owed: no statement is unpaid.</Typography>
            </Box>
          }
        />
      </Box>
      <Table<BillingPayment>
        title={`Payments of ${account.name}`}
        columns={paymentColumns}
        data={payments.value ?? []}
        isLoading={payments.loading && !payments.value}
        options={tableOptions}
        emptyContent={
          <Box p={3}>
            <Typography>No payments recorded yet.</Typography>
          </Box>
        }
      />
      {recording && (
        <RecordPaymentDialog
          accountId={account.id}
          invoices={unpaid}
          onClose={() => setRecording(false)}
          onRecorded={payment => {
            setRecording(false);
            setOutcome(describePayment(payment));
            payments.retry();
            invoices.retry();
          }}
        />
      )}
    </>
  );
}
