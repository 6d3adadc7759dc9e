import {
  coreServices,
  createExtensionPoint,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { BillingTenantFeatures } from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsoleServiceClient } from './client';

/**
 * A tenant's entitlements as the console answers them: the features its
 * current plan grants and the features it uses.
 *
 * @public
 */
export type EnterpriseConsoleTenantFeatures = BillingTenantFeatures;

/**
 * Answers, for another backend plugin, what a tenant's plan grants and
 * what the tenant uses (permissions.md, "Entitlements"). To gate a route
 * by a feature, prefer a permission policy returning `HAS_FEATURE`; this
 * service is for code that needs the answer directly.
 *
 * @public
 */
export interface EnterpriseConsoleEntitlementsService {
  /** Whether the tenant's current plan grants the feature. */
  hasFeature(tenantId: string, feature: string): Promise<boolean>;
  /** The features the tenant uses, as the registered usage providers say. */
  featuresInUse(tenantId: string): Promise<string[]>;
  /** Granted and used features together, in one call. */
  features(tenantId: string): Promise<EnterpriseConsoleTenantFeatures>;
}

/**
 * The entitlements service. Its default asks the console backend
 * (`GET /v1/billing/tenants/{tenantId}/features`) through discovery, as the
 * calling plugin's service principal, which the console allows for this
 * route. An unknown tenant is thrown as a `ResponseError` with status 404.
 *
 * @public
 */
export const enterpriseConsoleEntitlementsServiceRef =
  createServiceRef<EnterpriseConsoleEntitlementsService>({
    // Not the extension point's id: the backend resolves dependencies by
    // id, and a service ref sharing it would resolve to the extension point.
    id: 'enterprise-console.entitlements-service',
    // Plugin scope: each plugin calls with its own service credentials.
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { discovery: coreServices.discovery, auth: coreServices.auth },
        factory: ({ discovery, auth }) => {
          const client = new EnterpriseConsoleServiceClient({
            discovery,
            auth,
          });
          return {
            async hasFeature(tenantId, feature) {
              const { granted } = await client.getTenantFeatures(tenantId);
              return granted.includes(feature);
            },
            async featuresInUse(tenantId) {
              return (await client.getTenantFeatures(tenantId)).inUse;
            },
            features: tenantId => client.getTenantFeatures(tenantId),
          };
        },
      }),
  });

/**
 * What a module registers for one feature key: whether a tenant uses the
 * feature, and what to do when a plan change switches it off or back on.
 * Every member is optional.
 *
 * @public
 */
export interface EnterpriseConsoleFeatureRegistration {
  /**
   * Whether the tenant uses the feature now (e.g. has data of it). Shown
   * before a plan change as what the tenant would lose; a throw counts as
   * not in use and is logged.
   */
  inUse?(tenantId: string): Promise<boolean>;
  /**
   * Runs after a change that took the feature from the tenant has been
   * committed. It must delete no data: an upgrade may switch it back on. A
   * throw is logged and does not undo the change.
   */
  onSwitchedOff?(tenantId: string): Promise<void>;
  /** Runs after a change that gave the feature back has been committed. */
  onSwitchedOn?(tenantId: string): Promise<void>;
}

/**
 * Lets backend modules of the console register usage providers and hooks
 * per feature key. Several modules may register the same key: a tenant uses
 * a feature when any provider says so, and every hook runs.
 *
 * @public
 */
export interface EnterpriseConsoleEntitlementsExtensionPoint {
  /** `feature` is a machine name such as `sms-reminders`. */
  addFeature(
    feature: string,
    registration: EnterpriseConsoleFeatureRegistration,
  ): void;
}

/**
 * The extension point through which modules register feature usage
 * providers and switch hooks.
 *
 * @public
 */
export const enterpriseConsoleEntitlementsExtensionPoint =
  createExtensionPoint<EnterpriseConsoleEntitlementsExtensionPoint>({
    id: 'enterprise-console.entitlements',
  });
