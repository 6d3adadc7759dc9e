import { Account, Tenant } from '@internal/plugin-enterprise-console-common';
import { tenantToEntity } from './tenantToEntity';

const account: Account = {
  id: 'acme',
  name: 'Acme Health',
  enterprise: true,
  adminRefs: ['user:default/ada', 'group:default/acme-admins'],
  adminEmails: [],
  invoicing: 'consolidated',
  currency: 'USD',
  autopay: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const tenant: Tenant = {
  id: 'acme-clinic',
  accountId: 'acme',
  name: 'Clinic Visits',
  url: 'https://clinic.example',
  createdAt: '2025-01-01T00:00:00.000Z',
  timezone: 'UTC',
  feedLimit: 25,
};

const context = {
  account,
  defaultOwner: 'group:default/platform',
  appBaseUrl: 'http://portal.example',
  locationRef: 'enterprise-console:enterprise-console-tenants',
};

describe('tenantToEntity', () => {
  it('makes a Resource of type tenant owned by the account admin group', () => {
    expect(tenantToEntity(tenant, context)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'acme-clinic',
        title: 'Clinic Visits',
        description: 'Tenant of Acme Health',
        annotations: {
          'backstage.io/managed-by-location':
            'enterprise-console:enterprise-console-tenants',
          'backstage.io/managed-by-origin-location':
            'enterprise-console:enterprise-console-tenants',
          'enterprise-console.io/tenant': 'acme-clinic',
          'enterprise-console.io/account': 'acme',
        },
        links: [
          {
            url: 'http://portal.example/enterprise-console',
            title: 'Enterprise Console',
            icon: 'dashboard',
          },
          { url: 'https://clinic.example', title: 'Tenant', icon: 'web' },
        ],
      },
      spec: { type: 'tenant', owner: 'group:default/acme-admins' },
    });
  });

  it("prefers the tenant's own group", () => {
    const entity = tenantToEntity(
      { ...tenant, entityRef: 'group:default/clinic-team' },
      context,
    );
    expect(entity.spec?.owner).toBe('group:default/clinic-team');
  });

  it('ignores a tenant entity ref that is not a group', () => {
    const entity = tenantToEntity(
      { ...tenant, entityRef: 'component:default/clinic-app' },
      context,
    );
    expect(entity.spec?.owner).toBe('group:default/acme-admins');
  });

  it('falls back to the default owner', () => {
    const entity = tenantToEntity(tenant, {
      ...context,
      account: { ...account, adminRefs: ['user:default/ada'] },
    });
    expect(entity.spec?.owner).toBe('group:default/platform');
    expect(
      tenantToEntity(
        { ...tenant, url: undefined },
        { ...context, account: undefined },
      ).metadata,
    ).toMatchObject({
      description: 'Tenant of acme',
      links: [{ title: 'Enterprise Console' }],
    });
  });
});
