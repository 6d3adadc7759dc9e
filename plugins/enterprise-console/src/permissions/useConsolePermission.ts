import {
  Permission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/**
 * Whether the signed-in user may do something in the console: for a
 * resource permission pass the account or tenant id as `resourceRef`.
 * While the answer is loading, `allowed` is false, so actions start hidden
 * or disabled rather than flashing.
 *
 * @public
 */
export function useConsolePermission(
  permission: Permission,
  resourceRef?: string,
): { loading: boolean; allowed: boolean } {
  const { loading, allowed } = usePermission(
    permission.type === 'resource'
      ? {
          permission: permission as ResourcePermission,
          resourceRef,
        }
      : { permission: permission as Exclude<Permission, ResourcePermission> },
  );
  return { loading, allowed: !loading && allowed };
}
