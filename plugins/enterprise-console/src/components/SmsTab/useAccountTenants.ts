import { useApi } from '@backstage/core-plugin-api';
import { Tenant } from '@internal/plugin-enterprise-console-common';
import useAsync from 'react-use/esm/useAsync';
import { enterpriseConsoleApiRef } from '../../api';

/** Every tenant of an account the user may see, 1,000 a page. */
export function useAccountTenants(accountId: string) {
  const api = useApi(enterpriseConsoleApiRef);
  return useAsync(async () => {
    const tenants: Tenant[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.listTenants({ accountId, limit: 1000, cursor });
      tenants.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return tenants;
  }, [api, accountId]);
}
