import { LoggerService } from '@backstage/backend-plugin-api';
import { isValidSlug } from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsoleFeatureRegistration } from '@internal/plugin-enterprise-console-node';
import { FeatureSwitch } from './EntitlementStore';

/** One registration of a feature key, as modules add them. */
export interface FeatureRegistrationEntry {
  feature: string;
  registration: EnterpriseConsoleFeatureRegistration;
}

/** Refuses a key the tenant_features table and HAS_FEATURE could not hold. */
export function checkFeatureKey(feature: string): void {
  if (!isValidSlug(feature)) {
    throw new Error(
      `Invalid entitlement feature key '${feature}': must be lowercase letters, digits and inner hyphens, 1 to 63 characters`,
    );
  }
}

/** An error's name and message; the root logger redacts configured secrets. */
function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : 'a non-Error value was thrown';
}

/**
 * The usage providers and switch hooks registered per feature key (built in
 * and through the entitlements extension point). Hooks run after the change
 * that switched a feature committed; a throwing hook or provider is logged
 * and changes nothing else.
 */
export class FeatureRegistry {
  constructor(
    private readonly entries: readonly FeatureRegistrationEntry[],
    private readonly logger: LoggerService,
  ) {
    entries.forEach(entry => checkFeatureKey(entry.feature));
  }

  /** The features a tenant uses as any provider says, sorted. */
  async featuresInUse(tenantId: string): Promise<string[]> {
    const answers = await Promise.all(
      this.entries.map(async ({ feature, registration }) => {
        if (!registration.inUse) {
          return undefined;
        }
        try {
          return (await registration.inUse(tenantId)) ? feature : undefined;
        } catch (error) {
          this.logger.warn(
            `Usage provider of feature ${feature} failed for tenant ${tenantId}, counted as not in use: ${describe(
              error,
            )}`,
          );
          return undefined;
        }
      }),
    );
    return [
      ...new Set(answers.filter((f): f is string => f !== undefined)),
    ].sort();
  }

  /** Runs the hooks of what a committed change switched off and on. */
  async afterCommit(change: FeatureSwitch | undefined): Promise<void> {
    if (!change) {
      return;
    }
    const { tenantId } = change;
    const calls = [
      ...change.switchedOff.map(feature => ({
        feature,
        hook: 'onSwitchedOff' as const,
      })),
      ...change.switchedOn.map(feature => ({
        feature,
        hook: 'onSwitchedOn' as const,
      })),
    ];
    for (const { feature, hook } of calls) {
      for (const entry of this.entries) {
        const fn = entry.registration[hook];
        if (entry.feature !== feature || !fn) {
          continue;
        }
        try {
          await fn.call(entry.registration, tenantId);
        } catch (error) {
          this.logger.error(
            `Entitlement hook ${hook} of feature ${feature} failed for tenant ${tenantId}; the plan change stays: ${describe(
              error,
            )}`,
          );
        }
      }
    }
  }
}
