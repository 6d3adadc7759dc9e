import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { AccountSummary } from '@internal/plugin-enterprise-console-common';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { AccountsTable } from '../AccountsTable';

/** Accounts are few (tens), so the page reads them all, 1,000 at a time. */
async function loadAllAccounts(
  list: (cursor?: string) => Promise<{
    items: AccountSummary[];
    nextCursor?: string;
    totalCount: number;
  }>,
) {
  const accounts: AccountSummary[] = [];
  let cursor: string | undefined;
  let totalCount = 0;
  do {
    const page = await list(cursor);
    accounts.push(...page.items);
    totalCount = page.totalCount;
    cursor = page.nextCursor;
  } while (cursor);
  return { accounts, totalCount };
}

function AccountsContent() {
  const api = useApi(enterpriseConsoleApiRef);
  const { value, loading, error } = useAsync(
    () => loadAllAccounts(cursor => api.listAccounts({ limit: 1000, cursor })),
    [api],
  );

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
        description="Accounts and tenants appear here once an integration pushes them through the ingestion API, or when demo data is enabled."
      />
    );
  }
  return (
    <AccountsTable accounts={value.accounts} totalCount={value.totalCount} />
  );
}

/**
 * The Enterprise Console page.
 *
 * @public
 */
export function EnterpriseConsolePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Enterprise Console"
        subtitle="Accounts, tenants, usage reports and billing"
      />
      <Content>
        <AccountsContent />
      </Content>
    </Page>
  );
}
