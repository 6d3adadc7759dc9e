import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { enterpriseConsoleDataIngestPermission } from '@internal/plugin-enterprise-console-common';
import { Request } from 'express';
import { authorizeRequest } from './authorize';

/**
 * Authenticates a user or service caller (401 otherwise) and checks that it
 * may write tenant data (403 otherwise). The plugin hands its routers the
 * service-restricted permissions service, so service principals pass only
 * while enterpriseConsole.servicePermissions grants data.ingest.
 */
export async function requireDataIngest(
  req: Request,
  options: { httpAuth: HttpAuthService; permissions: PermissionsService },
): Promise<BackstageCredentials> {
  return authorizeRequest(req, enterpriseConsoleDataIngestPermission, options);
}
