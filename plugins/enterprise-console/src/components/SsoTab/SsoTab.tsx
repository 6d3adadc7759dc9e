import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  enterpriseConsoleSettingsReadPermission,
  SsoProviderInfo,
} from '@internal/plugin-enterprise-console-common';
import Chip from '@material-ui/core/Chip';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { EnterpriseAccountTab } from '../AccountPicker/EnterpriseAccountTab';

const columns: TableColumn<SsoProviderInfo>[] = [
  { title: 'Identity provider', field: 'providerId', highlight: true },
  {
    title: 'Status',
    field: 'configured',
    render: provider =>
      provider.configured ? (
        <Chip size="small" label="Configured" color="primary" />
      ) : (
        <Chip size="small" label="Not configured" variant="outlined" />
      ),
  },
  {
    title: 'Email domains that must sign in here',
    field: 'domains',
    render: provider =>
      provider.domains.length ? provider.domains.join(', ') : 'None',
  },
];

function SsoProviders(props: { account: AccountSummary }) {
  const api = useApi(enterpriseConsoleApiRef);
  const { value, loading, error } = useAsync(
    () => api.listSsoProviders(props.account.id),
    [api, props.account.id],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Table<SsoProviderInfo>
      title={`Single sign-on of ${props.account.name}`}
      columns={columns}
      data={value ?? []}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}

/**
 * The identity providers of the portal and the email domains bound to each.
 *
 * @public
 */
export function SsoTab() {
  return (
    <EnterpriseAccountTab permission={enterpriseConsoleSettingsReadPermission}>
      {account => <SsoProviders key={account.id} account={account} />}
    </EnterpriseAccountTab>
  );
}
