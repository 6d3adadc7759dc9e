import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/*
 * Local to the settings routes until src/permissions offers a shared helper;
 * the call sites only depend on these two signatures.
 */

/** Whether the caller holds a permission (on a resource, for resource permissions). */
export async function isAllowed(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission | ResourcePermission,
  resourceRef?: string,
): Promise<boolean> {
  const [decision] = await permissions.authorize(
    [
      permission.type === 'resource'
        ? { permission, resourceRef: resourceRef! }
        : { permission },
    ],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}

/** Throws a 403 naming the permission unless the caller holds it. */
export async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission | ResourcePermission,
  resourceRef?: string,
): Promise<void> {
  if (!(await isAllowed(permissions, credentials, permission, resourceRef))) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name} is required${
        resourceRef ? ` on ${resourceRef}` : ''
      }`,
    );
  }
}
