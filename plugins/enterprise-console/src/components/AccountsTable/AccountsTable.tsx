import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { AccountSummary } from '@internal/plugin-enterprise-console-common';
import Chip from '@material-ui/core/Chip';
import { useNavigate } from 'react-router-dom';
import { rootRouteRef } from '../../routes';

const columns = (
  consoleOf: (account: AccountSummary) => string | undefined,
): TableColumn<AccountSummary>[] => [
  {
    title: 'Account',
    field: 'name',
    highlight: true,
    render: account => {
      const link = consoleOf(account);
      return link ? <Link to={link}>{account.name}</Link> : account.name;
    },
  },
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

/**
 * The accounts a user may see, each with its number of tenants. An
 * enterprise account's row opens its console; standard accounts have none.
 */
export function AccountsTable(props: {
  accounts: AccountSummary[];
  totalCount: number;
}) {
  const { accounts, totalCount } = props;
  const consoleRoot = useRouteRef(rootRouteRef);
  const navigate = useNavigate();
  const consoleOf = (account: AccountSummary) =>
    account.enterprise
      ? `${consoleRoot()}/console?${new URLSearchParams({
          account: account.id,
        })}`
      : undefined;
  return (
    <Table<AccountSummary>
      title={`Accounts (${totalCount})`}
      columns={columns(consoleOf)}
      data={accounts}
      onRowClick={(_event, account) => {
        const link = account && consoleOf(account);
        if (link) navigate(link);
      }}
      options={{
        paging: accounts.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
    />
  );
}
