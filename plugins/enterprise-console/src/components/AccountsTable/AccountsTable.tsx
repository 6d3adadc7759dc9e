import { Table, TableColumn } from '@backstage/core-components';
import { AccountSummary } from '@internal/plugin-enterprise-console-common';
import Chip from '@material-ui/core/Chip';

const columns: TableColumn<AccountSummary>[] = [
  { title: 'Account', field: 'name', highlight: true },
  { title: 'Id', field: 'id' },
  {
    title: 'Type',
    field: 'enterprise',
    render: account =>
      account.enterprise ? (
        <Chip label="Enterprise" size="small" color="primary" />
      ) : (
        <Chip label="Standard" size="small" variant="outlined" />
      ),
  },
  { title: 'Invoicing', field: 'invoicing' },
  { title: 'Currency', field: 'currency' },
  { title: 'Tenants', field: 'tenantCount', type: 'numeric' },
];

/** The accounts a user may see, each with its number of tenants. */
export function AccountsTable(props: {
  accounts: AccountSummary[];
  totalCount: number;
}) {
  const { accounts, totalCount } = props;
  return (
    <Table<AccountSummary>
      title={`Accounts (${totalCount})`}
      columns={columns}
      data={accounts}
      options={{
        paging: accounts.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
    />
  );
}
