import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  BillingTenantFeatures,
  enterpriseConsoleBillingReadPermission,
  enterpriseConsoleTenantReadPermission,
  isValidSlug,
} from '@internal/plugin-enterprise-console-common';
import Router from 'express-promise-router';
import { rejectUnknownQuery } from '../../lib/validation';
import { Authorizer } from '../../permissions/authorize';
import {
  allowAll,
  anyOfFilters,
  PermissionFilter,
  tenantsOfAccounts,
} from '../../permissions/criteriaToKnex';
import { TenantStore } from '../../tenants';
import { EntitlementStore } from './EntitlementStore';
import { FeatureRegistry } from './FeatureRegistry';

/** Whether the caller is another Backstage plugin (service-to-service auth). */
function isPluginService(principal: unknown): boolean {
  const { type, subject } = principal as { type?: string; subject?: string };
  return type === 'service' && (subject ?? '').startsWith('plugin:');
}

/**
 * `GET /v1/billing/tenants/{tenantId}/features`: a tenant's granted and
 * used features, for tenant.read on the tenant or billing.read on its
 * account (one OR filter in the query), or for any other plugin's service
 * principal, which the -node entitlements service calls as. Under a
 * conditional decision a tenant the caller may not read is a 404, like an
 * unknown one.
 */
export function createEntitlementsRouter(options: {
  httpAuth: HttpAuthService;
  authorizer: Authorizer;
  tenants: TenantStore;
  entitlements: EntitlementStore;
  features: FeatureRegistry;
}) {
  const { httpAuth, authorizer, tenants, entitlements, features } = options;
  const router = Router();

  router.get('/v1/billing/tenants/:tenantId/features', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    let filter: PermissionFilter = allowAll;
    if (!isPluginService(credentials.principal)) {
      const [read, billing] = await Promise.all([
        authorizer.authorizeList(req, enterpriseConsoleTenantReadPermission),
        authorizer.authorizeList(req, enterpriseConsoleBillingReadPermission),
      ]);
      const readable = anyOfFilters([read, tenantsOfAccounts(billing)]);
      if (readable.result === 'deny') {
        throw new NotAllowedError(
          `Not allowed: ${enterpriseConsoleTenantReadPermission.name} on the tenant or ${enterpriseConsoleBillingReadPermission.name} on its account is required`,
        );
      }
      filter = readable.filter;
    }
    rejectUnknownQuery(req.query, []);
    const { tenantId } = req.params;
    const tenant = isValidSlug(tenantId)
      ? await tenants.get(tenantId, filter)
      : undefined;
    if (!tenant) {
      throw new NotFoundError(`Tenant ${tenantId} not found`);
    }
    const [granted, inUse] = await Promise.all([
      entitlements.features(tenant.id),
      features.featuresInUse(tenant.id),
    ]);
    const answer: BillingTenantFeatures = {
      tenantId: tenant.id,
      planId: tenant.plan ?? null,
      edition: tenant.edition ?? null,
      granted,
      inUse,
    };
    res.json(answer);
  });

  return router;
}
