import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { enterpriseConsoleReportExportPermission } from '@internal/plugin-enterprise-console-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * The accounts among `accountIds` where the user may export reports: one
 * decision per distinct account (accounts are few; the permission client
 * batches them), not one per row. Empty while loading, so report actions
 * start hidden.
 */
export function useExportableAccounts(accountIds: string[]): Set<string> {
  const permissionApi = useApi(permissionApiRef);
  const distinct = [...new Set(accountIds.filter(Boolean))].sort();
  const { value } = useAsync(async () => {
    const decisions = await Promise.all(
      distinct.map(async resourceRef => ({
        resourceRef,
        allowed:
          (
            await permissionApi.authorize({
              permission: enterpriseConsoleReportExportPermission,
              resourceRef,
            })
          ).result === AuthorizeResult.ALLOW,
      })),
    );
    return new Set(decisions.filter(d => d.allowed).map(d => d.resourceRef));
  }, [permissionApi, distinct.join(',')]);
  return value ?? new Set();
}
