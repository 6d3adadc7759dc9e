import { useApi } from '@backstage/core-plugin-api';
import { AccountSummary } from '@internal/plugin-enterprise-console-common';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';
import { loadAllAccounts } from '../../api/loadAllAccounts';

/**
 * The enterprise accounts the user can see (every account with
 * `enterpriseOnly` false: billing is about all of them), and the one chosen
 * in the `?account=` query parameter (the first one when none is chosen),
 * so a link to a tab keeps its account.
 */
export function useSelectedEnterpriseAccount(enterpriseOnly = true) {
  const api = useApi(enterpriseConsoleApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const { value, loading, error } = useAsync(
    async () =>
      (await loadAllAccounts(api)).accounts.filter(
        a => a.enterprise || !enterpriseOnly,
      ),
    [api, enterpriseOnly],
  );
  const accounts: AccountSummary[] = value ?? [];
  const requested = searchParams.get('account');
  const selected =
    accounts.find(account => account.id === requested) ?? accounts[0];
  const select = (accountId: string) => {
    const next = new URLSearchParams(searchParams);
    next.set('account', accountId);
    setSearchParams(next, { replace: true });
  };
  return { accounts, selected, select, loading, error };
}
