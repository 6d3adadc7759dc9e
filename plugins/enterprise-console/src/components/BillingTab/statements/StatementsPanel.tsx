import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  BillingInvoice,
  enterpriseConsoleBillingManagePermission,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { enterpriseConsoleApiRef } from '../../../api';
import { sumMoney } from '../../../lib/moneyInput';
import { formatMoney } from '../../../lib/numbers';
import { serverMessage } from '../../../lib/serverMessage';
import { Notice } from '../Notice';
import { useConsolePermission } from '../../../permissions';
import { useTenantName } from '../useTenantName';
import { InvoiceStatusChip } from './InvoiceStatusChip';
import { invoiceTenantLabel, statementTitle } from './invoiceLabels';
import { PdfButton } from './PdfButton';
import { RunInvoicesPanel } from './RunInvoicesPanel';
import { useStatementLinks } from './useStatementLinks';

/** "2 overdue, $1,272.38 due": how many statements are late and for how much. */
export function overdueSummary(invoices: BillingInvoice[]): string | undefined {
  const overdue = invoices.filter(invoice => invoice.status === 'overdue');
  if (!overdue.length) return undefined;
  return `${overdue.length} overdue, ${formatMoney(
    sumMoney(overdue.map(invoice => invoice.balance)),
  )} due`;
}

/**
 * The invoices and statements of one account, newest period first, the
 * overdue ones standing out; billing managers run the invoices of a month
 * above them.
 */
export function StatementsPanel(props: { account: AccountSummary }) {
  const { account } = props;
  const api = useApi(enterpriseConsoleApiRef);
  const theme = useTheme();
  const links = useStatementLinks();
  const { allowed: canManage } = useConsolePermission(
    enterpriseConsoleBillingManagePermission,
  );
  const invoices = useAsyncRetry(
    () => api.listBillingInvoices({ accountId: account.id }),
    [api, account.id],
  );
  const tenantName = useTenantName(account.id);
  const items = invoices.value ?? [];
  const summary = overdueSummary(items);

  const columns: TableColumn<BillingInvoice>[] = [
    {
      title: 'Number',
      highlight: true,
      render: invoice => (
        <Link
          to={links.statement(account.id, invoice.id)}
          aria-label={`Open ${statementTitle(invoice)}`}
        >
          {invoice.number}
        </Link>
      ),
    },
    { title: 'Period', render: invoice => invoice.period },
    {
      title: 'Tenant',
      render: invoice => invoiceTenantLabel(invoice, tenantName),
    },
    { title: 'Total', render: invoice => formatMoney(invoice.total) },
    { title: 'Balance', render: invoice => formatMoney(invoice.balance) },
    { title: 'Due date', render: invoice => invoice.dueDate ?? '—' },
    {
      title: 'Status',
      render: invoice => <InvoiceStatusChip status={invoice.status} />,
    },
    { title: 'PDF', render: invoice => <PdfButton invoice={invoice} /> },
  ];

  return (
    <>
      {canManage && (
        <Box mb={2}>
          <RunInvoicesPanel onRun={invoices.retry} />
        </Box>
      )}
      <Notice
        severity="error"
        message={invoices.error && serverMessage(invoices.error)}
      />
      {summary && (
        <Box mb={2}>
          <Alert severity="error" aria-label="Overdue statements">
            {summary}
          </Alert>
        </Box>
      )}
      {!invoices.error && (
        <Table<BillingInvoice>
          title={`Statements of ${account.name}`}
          columns={columns}
          data={items}
          isLoading={invoices.loading && !invoices.value}
          options={{
            paging: false,
            search: false,
            sorting: false,
            padding: 'dense',
            rowStyle: (invoice: BillingInvoice) =>
              invoice.status === 'overdue'
                ? {
                    backgroundColor: theme.palette.errorBackground,
                    boxShadow: `inset 4px 0 ${theme.palette.error.main}`,
                  }
                : {},
          }}
          emptyContent={
            <Box p={3}>
              <Typography>
                No statements yet. The invoice run makes them after each month.
              </Typography>
            </Box>
          }
        />
      )}
    </>
  );
}
