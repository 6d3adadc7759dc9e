import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  Permission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  ENTERPRISE_ACCOUNT_RESOURCE_TYPE,
  ENTERPRISE_TENANT_RESOURCE_TYPE,
} from '@internal/plugin-enterprise-console-common';
import {
  enterpriseAccountPermissionResourceRef,
  enterpriseTenantPermissionResourceRef,
} from '@internal/plugin-enterprise-console-node';
import { Request } from 'express';
import { Knex } from 'knex';
import {
  accountCriteriaToFilter,
  allowAll,
  denyAll,
  PermissionFilter,
  tenantCriteriaToFilter,
} from './criteriaToKnex';

/** A permission on accounts or tenants, the two types lists are filtered by. */
export type ListPermission =
  | ResourcePermission<typeof ENTERPRISE_ACCOUNT_RESOURCE_TYPE>
  | ResourcePermission<typeof ENTERPRISE_TENANT_RESOURCE_TYPE>;

/** How routes authorize: each in one call. */
export interface Authorizer {
  /**
   * Authenticates the caller (401 otherwise) and checks one permission,
   * on one resource when given (403 otherwise). Returns the credentials.
   */
  authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
  authorize(
    req: Request,
    permission: ResourcePermission,
    options: { resourceRef: string },
  ): Promise<BackstageCredentials>;
  /**
   * Authenticates the caller and turns its decision on a resource permission
   * into a filter for queries over that resource's table: everything when
   * allowed, nothing when denied, the policy's conditions as SQL otherwise.
   */
  authorizeList(
    req: Request,
    permission: ListPermission,
  ): Promise<ListAuthorization>;
  /**
   * Whether already authenticated credentials hold a permission (on a
   * resource, for resource permissions): for services that decide what to
   * show or which rule applies.
   */
  isAllowed(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<boolean>;
  /** As {@link Authorizer.isAllowed}, but a denial is a 403 naming the permission. */
  requirePermission(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<void>;
}

/** The outcome of {@link Authorizer.authorizeList}. */
export interface ListAuthorization {
  credentials: BackstageCredentials;
  /** The policy's answer before it became a filter. */
  result: 'allow' | 'deny' | 'conditional';
  filter: PermissionFilter;
}

/**
 * Authenticates a user or service caller (401 otherwise) and checks one
 * permission (403 otherwise); `permissions` should be the plugin's
 * service-restricted permissions service.
 */
async function authorizeRequest(
  req: Request,
  permission: Permission,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    resourceRef?: string;
  },
): Promise<BackstageCredentials> {
  const credentials = await options.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  await requirePermission(
    options.permissions,
    credentials,
    permission,
    options.resourceRef,
  );
  return credentials;
}

async function isAllowed(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: Permission,
  resourceRef: string | undefined,
): Promise<boolean> {
  const [decision] = await permissions.authorize(
    [
      resourceRef === undefined
        ? { permission: permission as BasicPermission }
        : { permission: permission as ResourcePermission, resourceRef },
    ],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}

async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: Permission,
  resourceRef: string | undefined,
): Promise<void> {
  if (!(await isAllowed(permissions, credentials, permission, resourceRef))) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name} is required${
        resourceRef === undefined ? '' : ` on ${resourceRef}`
      }`,
    );
  }
}

/** The route-side authorization of the plugin. */
export function createAuthorizer(options: {
  httpAuth: HttpAuthService;
  /** The service-restricted permissions service (restrictServicePrincipals). */
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  db: Knex;
}): Authorizer {
  const { httpAuth, permissions, permissionsRegistry, db } = options;
  // Rulesets are only complete once every rule is registered, so they are
  // looked up on first use rather than now.
  const toAccountQuery = () =>
    createConditionTransformer(
      permissionsRegistry.getPermissionRuleset(
        enterpriseAccountPermissionResourceRef,
      ),
    );
  const toTenantQuery = () =>
    createConditionTransformer(
      permissionsRegistry.getPermissionRuleset(
        enterpriseTenantPermissionResourceRef,
      ),
    );

  return {
    authorize(
      req: Request,
      permission: Permission,
      authorizeOptions?: { resourceRef: string },
    ) {
      return authorizeRequest(req, permission, {
        httpAuth,
        permissions,
        resourceRef: authorizeOptions?.resourceRef,
      });
    },

    isAllowed(credentials, permission, resourceRef) {
      return isAllowed(permissions, credentials, permission, resourceRef);
    },

    requirePermission(credentials, permission, resourceRef) {
      return requirePermission(
        permissions,
        credentials,
        permission,
        resourceRef,
      );
    },

    async authorizeList(req, permission) {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const [decision] = await permissions.authorizeConditional(
        [{ permission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.ALLOW) {
        return { credentials, result: 'allow', filter: allowAll };
      }
      if (decision.result !== AuthorizeResult.CONDITIONAL) {
        return { credentials, result: 'deny', filter: denyAll };
      }
      const filter =
        permission.resourceType === ENTERPRISE_ACCOUNT_RESOURCE_TYPE
          ? accountCriteriaToFilter(db, toAccountQuery()(decision.conditions))
          : tenantCriteriaToFilter(db, toTenantQuery()(decision.conditions));
      return { credentials, result: 'conditional', filter };
    },
  };
}
