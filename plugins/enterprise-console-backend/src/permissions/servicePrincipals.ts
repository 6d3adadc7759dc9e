import { Config } from '@backstage/config';
import {
  BackstageCredentials,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { enterpriseConsolePermissionsByShortName } from '@internal/plugin-enterprise-console-common';

/** What service principals may do unless enterpriseConsole.servicePermissions says otherwise. */
export const DEFAULT_SERVICE_PERMISSIONS = ['data.ingest'];

/**
 * What other Backstage plugins of this product need as services whatever
 * the config: the catalog module publishes tenants as entities owned by
 * their account's admins, so the catalog plugin lists tenants and accounts
 * (names and admins), and reads no account's console.
 */
export const PLUGIN_SERVICE_PERMISSIONS: Record<string, string[]> = {
  'plugin:catalog': [
    'enterprise-console.tenant.read',
    'enterprise-console.account.list',
  ],
};

/** Reads and checks enterpriseConsole.servicePermissions; unknown names fail startup. */
export function readServicePermissions(config: Config): Set<string> {
  const key = 'enterpriseConsole.servicePermissions';
  const shortNames =
    config.getOptionalStringArray(key) ?? DEFAULT_SERVICE_PERMISSIONS;
  const names = new Set<string>();
  for (const shortName of shortNames) {
    const permission = enterpriseConsolePermissionsByShortName[shortName];
    if (!permission) {
      throw new Error(
        `Invalid ${key}: unknown permission '${shortName}', expected one of ${Object.keys(
          enterpriseConsolePermissionsByShortName,
        ).join(', ')}`,
      );
    }
    names.add(permission.name);
  }
  return names;
}

function serviceSubject(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    subject?: string;
  };
  return principal.type === 'service' ? principal.subject ?? '' : undefined;
}

/**
 * Backstage's permission client allows every permission to a service
 * principal without asking the policy. permissions.md grants services only
 * data ingestion (or what config lists), so this wraps the permissions
 * service to deny the rest before the client is asked; access restrictions
 * of the service's own token still apply on top, through the client.
 */
export function restrictServicePrincipals(
  permissions: PermissionsService,
  allowed: ReadonlySet<string>,
): PermissionsService {
  const deniedForService = (
    permission: Permission,
    options: PermissionsServiceRequestOptions,
  ) => {
    const subject = serviceSubject(options.credentials);
    return (
      subject !== undefined &&
      !allowed.has(permission.name) &&
      !PLUGIN_SERVICE_PERMISSIONS[subject]?.includes(permission.name)
    );
  };

  /** Asks `ask` about the requests a service may make; denies the rest. */
  async function answerAllowed<R extends { permission: Permission }, A>(
    requests: R[],
    options: { credentials: BackstageCredentials },
    ask: (allowedRequests: R[]) => Promise<A[]>,
  ): Promise<Array<A | { result: AuthorizeResult.DENY }>> {
    const answers = await ask(
      requests.filter(r => !deniedForService(r.permission, options)),
    );
    let next = 0;
    return requests.map(r =>
      deniedForService(r.permission, options)
        ? { result: AuthorizeResult.DENY }
        : answers[next++],
    );
  }

  return {
    async authorize(requests, options) {
      return answerAllowed(requests, options, permitted =>
        permissions.authorize(permitted, options),
      );
    },
    async authorizeConditional(requests, options) {
      return answerAllowed(requests, options, permitted =>
        permissions.authorizeConditional(permitted, options),
      );
    },
  };
}
