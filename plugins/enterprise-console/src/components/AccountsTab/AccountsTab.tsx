import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { loadAllAccounts } from '../../api/loadAllAccounts';
import { AccountsTable } from '../AccountsTable';

/**
 * The accounts the user may see, each with its tenant count.
 *
 * @public
 */
export function AccountsTab() {
  const api = useApi(enterpriseConsoleApiRef);
  const { value, loading, error } = useAsync(() => loadAllAccounts(api), [api]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value || value.accounts.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No accounts yet"
        description="Accounts and tenants appear here once an integration pushes them through the ingestion API, or when demo data is enabled. If accounts exist, none of your roles lets you see them."
      />
    );
  }
  return (
    <AccountsTable accounts={value.accounts} totalCount={value.totalCount} />
  );
}
