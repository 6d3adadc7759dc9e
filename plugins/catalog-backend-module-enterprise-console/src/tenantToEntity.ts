import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  Account,
  ACCOUNT_ANNOTATION,
  Tenant,
  TENANT_ANNOTATION,
  TENANT_RESOURCE_TYPE,
} from '@internal/plugin-enterprise-console-common';

/** What a tenant entity is built from besides the tenant itself. */
export interface TenantEntityContext {
  account?: Account;
  /** Owner when neither the tenant nor its account names a group. */
  defaultOwner: string;
  /** Frontend base URL, for the link back to the console. */
  appBaseUrl: string;
  /** Where the entities come from, for the managed-by annotations. */
  locationRef: string;
}

function isGroupRef(ref: string | undefined): ref is string {
  if (!ref) return false;
  try {
    return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group';
  } catch {
    return false;
  }
}

/**
 * The owner of a tenant entity: the tenant's own group when its entity ref
 * names one, else the first admin group of its account, else the default.
 */
export function tenantOwner(
  tenant: Tenant,
  account: Account | undefined,
  defaultOwner: string,
): string {
  if (isGroupRef(tenant.entityRef)) {
    return tenant.entityRef;
  }
  return account?.adminRefs.find(isGroupRef) ?? defaultOwner;
}

/** A tenant as a catalog `Resource` of type `tenant`. */
export function tenantToEntity(
  tenant: Tenant,
  context: TenantEntityContext,
): Entity {
  const { account } = context;
  const links = [
    {
      url: `${context.appBaseUrl}/enterprise-console`,
      title: 'Enterprise Console',
      icon: 'dashboard',
    },
  ];
  if (tenant.url) {
    links.push({ url: tenant.url, title: 'Tenant', icon: 'web' });
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: tenant.id,
      title: tenant.name,
      description: `Tenant of ${account?.name ?? tenant.accountId}`,
      annotations: {
        [ANNOTATION_LOCATION]: context.locationRef,
        [ANNOTATION_ORIGIN_LOCATION]: context.locationRef,
        [TENANT_ANNOTATION]: tenant.id,
        [ACCOUNT_ANNOTATION]: tenant.accountId,
      },
      links,
    },
    spec: {
      type: TENANT_RESOURCE_TYPE,
      owner: tenantOwner(tenant, account, context.defaultOwner),
    },
  };
}
