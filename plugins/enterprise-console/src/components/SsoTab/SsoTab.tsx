import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AccountSummary,
  DomainBindingState,
  enterpriseConsoleSettingsReadPermission,
  SsoProviderInfo,
} from '@internal/plugin-enterprise-console-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { EnterpriseAccountTab } from '../AccountPicker/EnterpriseAccountTab';
import { DomainWithState } from '../DomainBindingChip';

function columnsFor(
  bindings: DomainBindingState[],
): TableColumn<SsoProviderInfo>[] {
  return [
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
        provider.domains.length
          ? provider.domains.map(domain => (
              <DomainWithState
                key={domain}
                domain={domain}
                bindings={bindings}
              />
            ))
          : 'None',
    },
  ];
}

function SsoProviders(props: { account: AccountSummary }) {
  const api = useApi(enterpriseConsoleApiRef);
  // The settings carry each domain's approval state.
  const { value, loading, error } = useAsync(
    () =>
      Promise.all([
        api.listSsoProviders(props.account.id),
        api.getAccountSettings(props.account.id),
      ]),
    [api, props.account.id],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const [providers, settings] = value ?? [[], undefined];
  return (
    <>
      <Box mb={2}>
        <Typography variant="body2" color="textSecondary">
          A domain binds its users to a provider only once a platform admin
          approves it.
        </Typography>
      </Box>
      <Table<SsoProviderInfo>
        title={`Single sign-on of ${props.account.name}`}
        columns={columnsFor(settings?.domainBindings ?? [])}
        data={providers}
        options={{ paging: false, search: false, padding: 'dense' }}
      />
    </>
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
