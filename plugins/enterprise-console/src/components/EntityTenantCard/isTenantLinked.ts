import { Entity } from '@backstage/catalog-model';
import { TENANT_ANNOTATION } from '@internal/plugin-enterprise-console-common';

/**
 * Whether an entity is linked to an Enterprise Console tenant, for
 * `EntitySwitch` conditions in legacy entity pages.
 *
 * @public
 */
export function isEnterpriseConsoleTenantAvailable(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[TENANT_ANNOTATION]);
}
