import { Link, Table, TableColumn } from '@backstage/core-components';
import {
  BillingCreditEntry,
  BillingInvoice,
} from '@internal/plugin-enterprise-console-common';
import { formatUtc } from '../../../lib/dates';
import { formatMoney } from '../../../lib/numbers';
import { statementTitle } from '../statements/invoiceLabels';
import { useStatementLinks } from '../statements/useStatementLinks';
import { CREDIT_REASON_LABELS } from './creditLabels';

/** A credit line's ledger entries, oldest first, as the server keeps them. */
export function CreditLedger(props: {
  accountId: string;
  entries: BillingCreditEntry[];
  invoices: BillingInvoice[];
}) {
  const { accountId, entries, invoices } = props;
  const links = useStatementLinks();
  const statement = (invoiceId?: string) => {
    if (!invoiceId) return '—';
    const invoice = invoices.find(i => i.id === invoiceId);
    return (
      <Link to={links.statement(accountId, invoiceId)}>
        {invoice ? statementTitle(invoice) : invoiceId}
      </Link>
    );
  };
  const columns: TableColumn<BillingCreditEntry>[] = [
    { title: 'Date (UTC)', render: entry => formatUtc(entry.at) },
    { title: 'Amount', render: entry => formatMoney(entry.amount) },
    {
      title: 'Reason',
      render: entry => CREDIT_REASON_LABELS[entry.reason] ?? entry.reason,
    },
    { title: 'Author', render: entry => entry.author },
    { title: 'Note', render: entry => entry.note },
    { title: 'Statement', render: entry => statement(entry.invoiceId) },
  ];
  return (
    <Table<BillingCreditEntry>
      columns={columns}
      data={entries}
      options={{
        paging: false,
        search: false,
        sorting: false,
        toolbar: false,
        padding: 'dense',
      }}
    />
  );
}
