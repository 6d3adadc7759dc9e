import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { enterpriseConsolePermissionsByShortName as byShortName } from '@internal/plugin-enterprise-console-common';
import { EnterpriseConsolePolicy } from './EnterpriseConsolePolicy';
import { DEFAULT_ROLES, readRoles } from './roles';

const OWNERSHIP: Record<string, string[]> = {
  'user:default/erin': [
    'group:default/platform-admins',
    'group:default/acme-admins',
  ],
  'user:default/rita': ['group:default/finance'],
  'user:default/bill': [],
  'user:default/tina': [],
  'user:default/audrey': [],
  'user:default/nobody': [],
  'user:default/both': ['group:default/platform-admins'],
};

const config = new ConfigReader({
  enterpriseConsole: {
    roles: [
      { name: 'enterprise-admin', members: ['group:default/platform-admins'] },
      { name: 'report-manager', members: ['group:finance'] },
      { name: 'billing-admin', members: ['user:default/bill'] },
      {
        name: 'tenant-admin',
        members: ['user:default/tina', 'user:default/both'],
      },
      { name: 'auditor', members: ['User:default/Audrey'] },
    ],
  },
});

function policyWith(defaultDecision: 'allow' | 'deny' = 'allow') {
  const userInfo = mockServices.userInfo.mock({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(OWNERSHIP[ref] ?? [])],
      };
    },
  });
  return new EnterpriseConsolePolicy({
    roles: readRoles(config),
    defaultDecision,
    userInfo,
    emailsOf: async ref => [`${ref.split('/')[1]}@example.com`],
  });
}

async function decide(
  ref: string | undefined,
  shortName: string,
  policy = policyWith(),
): Promise<PolicyDecision> {
  return policy.handle(
    { permission: byShortName[shortName] },
    ref
      ? {
          credentials: mockCredentials.user(ref),
          info: { userEntityRef: ref, ownershipEntityRefs: [] },
        }
      : undefined,
  );
}

const summary = (d: PolicyDecision) =>
  d.result === AuthorizeResult.CONDITIONAL
    ? { result: 'CONDITIONAL', conditions: d.conditions }
    : { result: d.result === AuthorizeResult.ALLOW ? 'ALLOW' : 'DENY' };

describe('EnterpriseConsolePolicy', () => {
  it('scopes enterprise admins to the accounts they administer', async () => {
    expect(summary(await decide('user:default/erin', 'console.read'))).toEqual({
      result: 'CONDITIONAL',
      conditions: {
        rule: 'IS_ACCOUNT_ADMIN',
        resourceType: 'enterprise-account',
        params: {
          claims: [
            'user:default/erin',
            'group:default/platform-admins',
            'group:default/acme-admins',
          ],
        },
      },
    });
    for (const denied of ['tenant.read', 'billing.manage', 'data.ingest']) {
      expect(summary(await decide('user:default/erin', denied))).toEqual({
        result: 'DENY',
      });
    }
  });

  it('lets report managers export everywhere and nothing else', async () => {
    expect(summary(await decide('user:default/rita', 'report.export'))).toEqual(
      {
        result: 'ALLOW',
      },
    );
    expect(summary(await decide('user:default/rita', 'console.read'))).toEqual({
      result: 'DENY',
    });
  });

  it('gives billing admins billing, tenant reads and basic billing.manage', async () => {
    for (const allowed of ['billing.manage', 'billing.read', 'tenant.read']) {
      expect(summary(await decide('user:default/bill', allowed))).toEqual({
        result: 'ALLOW',
      });
    }
    expect(
      summary(await decide('user:default/bill', 'settings.update')),
    ).toEqual({ result: 'DENY' });
  });

  it('limits tenant admins to tenants where they are admins', async () => {
    expect(summary(await decide('user:default/tina', 'tenant.read'))).toEqual({
      result: 'CONDITIONAL',
      conditions: {
        rule: 'IS_TENANT_MEMBER',
        resourceType: 'enterprise-tenant',
        params: {
          userRefs: ['user:default/tina'],
          emails: ['tina@example.com'],
          roles: ['admin'],
        },
      },
    });
    expect(summary(await decide('user:default/tina', 'console.read'))).toEqual({
      result: 'DENY',
    });
  });

  it('combines scopes of several roles with anyOf', async () => {
    const policy = policyWith();
    (policy as any).options.roles = readRoles(
      new ConfigReader({
        enterpriseConsole: {
          roles: [
            {
              name: 'enterprise-admin',
              members: ['group:default/platform-admins'],
              permissions: ['tenant.read'],
            },
            { name: 'tenant-admin', members: ['user:default/both'] },
          ],
        },
      }),
    );
    const decision = summary(
      await decide('user:default/both', 'tenant.read', policy),
    );
    expect(decision.result).toBe('CONDITIONAL');
    expect((decision as any).conditions.anyOf.map((c: any) => c.rule)).toEqual([
      'IS_ACCOUNT_ADMIN',
      'IS_TENANT_MEMBER',
    ]);
  });

  it('keeps auditors read-only', async () => {
    for (const allowed of [
      'console.read',
      'settings.read',
      'billing.read',
      'tenant.read',
    ]) {
      expect(summary(await decide('user:default/audrey', allowed))).toEqual({
        result: 'ALLOW',
      });
    }
    for (const denied of [
      'settings.update',
      'report.export',
      'billing.manage',
      'tenant.create',
      'tenant.plan.change',
      'schedule.manage',
      'data.ingest',
    ]) {
      expect(summary(await decide('user:default/audrey', denied))).toEqual({
        result: 'DENY',
      });
    }
  });

  it('gives no staffed shipped role ingestion, admin assignment, the account list or domain approval', async () => {
    const everyone = [
      'user:default/erin',
      'user:default/rita',
      'user:default/bill',
      'user:default/tina',
      'user:default/audrey',
      'user:default/both',
    ];
    for (const ref of everyone) {
      for (const shortName of [
        'data.ingest',
        'account.admins.manage',
        'account.list',
        'domain.approve',
      ]) {
        expect({
          ref,
          shortName,
          ...summary(await decide(ref, shortName)),
        }).toEqual({
          ref,
          shortName,
          result: 'DENY',
        });
      }
    }
  });

  it('denies users without roles and callers without a user', async () => {
    for (const shortName of Object.keys(byShortName)) {
      expect(summary(await decide('user:default/nobody', shortName))).toEqual({
        result: 'DENY',
      });
      expect(summary(await decide(undefined, shortName))).toEqual({
        result: 'DENY',
      });
    }
    const unknown = createPermission({
      name: 'enterprise-console.future.thing',
      attributes: {},
    });
    expect(
      summary(
        await policyWith().handle(
          { permission: unknown },
          {
            credentials: mockCredentials.user('user:default/audrey'),
            info: {
              userEntityRef: 'user:default/audrey',
              ownershipEntityRefs: [],
            },
          },
        ),
      ),
    ).toEqual({ result: 'DENY' });
  });

  it("applies the default decision to other plugins' permissions", async () => {
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    for (const [defaultDecision, result] of [
      ['allow', AuthorizeResult.ALLOW],
      ['deny', AuthorizeResult.DENY],
    ] as const) {
      expect(
        await policyWith(defaultDecision).handle({ permission: catalogRead }),
      ).toEqual({ result });
    }
  });

  it('answers which roles a user may assign', () => {
    expect(
      policyWith().managedRolesOf(['group:default/platform-admins']).sort(),
    ).toEqual(['auditor', 'report-manager']);
  });
});

describe('readRoles', () => {
  it('ships the five roles without members when none are configured', () => {
    const roles = readRoles(new ConfigReader({}));
    expect(roles.map(r => r.name)).toEqual([
      'enterprise-admin',
      'report-manager',
      'billing-admin',
      'tenant-admin',
      'auditor',
    ]);
    expect(roles.every(r => r.members.length === 0)).toBe(true);
    expect(roles).toEqual(DEFAULT_ROLES);
  });

  it.each([
    [
      { name: 'x', permissions: ['console.reed'] },
      /unknown permission 'console.reed'/,
    ],
    [{ name: 'x', scope: 'everything' }, /unknown scope 'everything'/],
    [{ name: 'x', members: ['component:default/x'] }, /not a user or group/],
    [{ name: 'x', manages: ['y'] }, /manages unknown role y/],
  ])('refuses %j', (role, message) => {
    expect(() =>
      readRoles(new ConfigReader({ enterpriseConsole: { roles: [role] } })),
    ).toThrow(message);
  });

  it('refuses duplicate names', () => {
    expect(() =>
      readRoles(
        new ConfigReader({
          enterpriseConsole: { roles: [{ name: 'a' }, { name: 'a' }] },
        }),
      ),
    ).toThrow(/defined twice/);
  });
});
