import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Writing tenant data: the account and tenant PUT routes and the ingestion
 * API. Granted to integrations (service principals are always allowed by the
 * permission framework) and to the users a policy chooses.
 *
 * @public
 */
export const enterpriseConsoleDataIngestPermission = createPermission({
  name: 'enterprise-console.data.ingest',
  attributes: { action: 'create' },
});

/**
 * Every permission of the Enterprise Console, as registered by the backend.
 *
 * @public
 */
export const enterpriseConsolePermissions = [
  enterpriseConsoleDataIngestPermission,
];
