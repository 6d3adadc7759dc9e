import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { enterpriseConsoleDataIngestPermission } from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';

/**
 * Authenticates a user or service caller (401 otherwise) and checks that it
 * may write tenant data (403 otherwise).
 */
export async function requireDataIngest(
  req: Request,
  options: { httpAuth: HttpAuthService; permissions: PermissionsService },
): Promise<BackstageCredentials> {
  const credentials = await options.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const [decision] = await options.permissions.authorize(
    [{ permission: enterpriseConsoleDataIngestPermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: ${enterpriseConsoleDataIngestPermission.name} is required to write tenant data`,
    );
  }
  return credentials;
}
