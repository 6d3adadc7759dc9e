import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  EnterpriseAccountQuery,
  EnterpriseTenantQuery,
  enterpriseAccountPermissionRules as accountRules,
  enterpriseTenantPermissionRules as tenantRules,
} from '@internal/plugin-enterprise-console-node';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateKnex } from '../database/migrateDatabase';
import { AccountStore } from '../tenants/AccountStore';
import {
  accountCriteriaToFilter,
  tenantCriteriaToFilter,
} from './criteriaToKnex';
import {
  loadAccountResources,
  loadTenantResources,
} from './registerResourceTypes';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

async function seed(db: Knex) {
  await migrateKnex(db);
  const accounts = new AccountStore(db);
  const account = (id: string, enterprise: boolean, adminRefs: string[]) =>
    accounts.upsert({
      id,
      name: id,
      enterprise,
      adminRefs,
      adminEmails: [],
      invoicing: 'per-tenant',
      currency: 'USD',
      autopay: false,
    } as any);
  await account('acme', true, ['Group:default/Acme-Admins']);
  await account('globex', false, ['user:default/gina']);
  const now = new Date('2026-01-01T00:00:00Z');
  const tenant = (id: string, accountId: string, edition: string | null) => ({
    id,
    account_id: accountId,
    name: id,
    created_at: now,
    updated_at: now,
    edition,
  });
  await db('tenants').insert([
    tenant('acme-a', 'acme', 'pro'),
    tenant('acme-b', 'acme', null),
    tenant('globex-a', 'globex', 'enterprise'),
  ]);
  await db('tenant_features').insert([
    { tenant_id: 'acme-a', feature: 'sms-reminders' },
    { tenant_id: 'globex-a', feature: 'sms-reminders' },
    { tenant_id: 'globex-a', feature: 'odata-feeds' },
  ]);
  const user = (
    tenantId: string,
    id: string,
    username: string,
    email: string | null,
    role: string | null,
    status = 'active',
  ) => ({
    tenant_id: tenantId,
    id,
    kind: 'web',
    username,
    email,
    role,
    status,
    created_at: now,
  });
  await db('users').insert([
    user('acme-a', 'u1', 'Tina', null, 'Admin'),
    user('acme-b', 'u2', 'tom', 'Tom@Example.com', 'Viewer'),
    user('globex-a', 'u3', 'tina', null, 'Viewer', 'inactive'),
  ]);
}

const userRefs = ['user:default/tina'];
const TENANT_CASES: Array<[string, PermissionCriteria<any>]> = [
  ['member by username', tenantRules.isTenantMember.toQuery({ userRefs })],
  [
    'member by email',
    tenantRules.isTenantMember.toQuery({
      userRefs: ['user:other/tom'],
      emails: ['tom@example.COM'],
    }),
  ],
  [
    'member in a role',
    tenantRules.isTenantMember.toQuery({
      userRefs: ['user:default/tina', 'user:default/tom'],
      emails: [],
      roles: ['admin'],
    }),
  ],
  ['no claims', tenantRules.isTenantMember.toQuery({ userRefs: [] })],
  ['in account', tenantRules.isInAccount.toQuery({ accountIds: ['globex'] })],
  [
    'account admin',
    tenantRules.isAccountAdmin.toQuery({
      claims: ['group:default/acme-admins'],
    }),
  ],
  ['feature', tenantRules.hasFeature.toQuery({ feature: 'sms-reminders' })],
  ['not edition', { not: tenantRules.hasEdition.toQuery({ edition: 'pro' }) }],
  [
    'nested',
    {
      anyOf: [
        {
          allOf: [
            tenantRules.hasFeature.toQuery({ feature: 'sms-reminders' }),
            { not: tenantRules.isInAccount.toQuery({ accountIds: ['acme'] }) },
          ],
        },
        tenantRules.isTenantMember.toQuery({ userRefs: ['user:tom'] }),
      ],
    },
  ],
];

const ACCOUNT_CASES: Array<[string, PermissionCriteria<any>]> = [
  [
    'admin by group, any case',
    accountRules.isAccountAdmin.toQuery({
      claims: ['group:default/ACME-admins', 'user:default/x'],
    }),
  ],
  ['enterprise', accountRules.isEnterprise.toQuery(undefined as never)],
  [
    'not admin',
    {
      not: accountRules.isAccountAdmin.toQuery({
        claims: ['user:default/gina'],
      }),
    },
  ],
  ['no claims', accountRules.isAccountAdmin.toQuery({ claims: [] })],
];

describe.each(databases.eachSupportedId())('criteriaToKnex on %p', id => {
  let db: Knex;
  beforeAll(async () => {
    db = await databases.init(id);
    await seed(db);
  });

  /** What the rules' apply says about every loaded resource, for comparison with SQL. */
  function applyAll<T extends { id: string }>(
    resources: T[],
    rules: Record<string, any>,
    criteria: PermissionCriteria<any>,
  ): string[] {
    // Rebuild conditions from queries by matching the rule whose toQuery produced them.
    const matches = (resource: T, query: any): boolean => {
      switch (query.kind) {
        case 'admin-ref':
          return (resource as any).adminRefs.some((r: string) =>
            query.refs.includes(r),
          );
        case 'enterprise':
          return (resource as any).enterprise;
        case 'member':
          return (resource as any).members.some(
            (m: any) =>
              (query.usernames.includes(m.username) ||
                (m.email && query.emails.includes(m.email))) &&
              (!query.roles || query.roles.includes(m.role)),
          );
        case 'account':
          return query.accountIds.includes((resource as any).accountId);
        case 'account-admin':
          return (resource as any).accountAdminRefs.some((r: string) =>
            query.refs.includes(r),
          );
        case 'feature':
          return (resource as any).features.includes(query.feature);
        case 'edition':
          return (resource as any).edition === query.edition;
        default:
          throw new Error(`unknown ${query.kind} ${Object.keys(rules)}`);
      }
    };
    const evaluate = (resource: T, c: any): boolean => {
      if (c.allOf) {
        return c.allOf.every((x: any) => evaluate(resource, x));
      }
      if (c.anyOf) {
        return c.anyOf.some((x: any) => evaluate(resource, x));
      }
      if (c.not) {
        return !evaluate(resource, c.not);
      }
      return matches(resource, c);
    };
    return resources.filter(r => evaluate(r, criteria)).map(r => r.id);
  }

  it.each(TENANT_CASES)('filters tenants: %s, as apply does', async (_, c) => {
    const resources = (
      await loadTenantResources(db, ['acme-a', 'acme-b', 'globex-a'])
    ).filter(r => r !== undefined) as any[];
    const query = db('tenants').select('tenants.id').orderBy('tenants.id');
    tenantCriteriaToFilter(db, c as PermissionCriteria<EnterpriseTenantQuery>)(
      query,
      'tenants',
    );
    const sql = (await query).map((row: { id: string }) => row.id);
    expect(sql).toEqual(applyAll(resources, tenantRules, c));
  });

  it('matches the expected tenants', async () => {
    const run = async (c: PermissionCriteria<EnterpriseTenantQuery>) => {
      const query = db('tenants as t').select('t.id').orderBy('t.id');
      tenantCriteriaToFilter(db, c)(query, 't');
      return (await query).map((row: { id: string }) => row.id);
    };
    expect(await run(TENANT_CASES[0][1])).toEqual(['acme-a']);
    expect(await run(TENANT_CASES[1][1])).toEqual(['acme-b']);
    expect(await run(TENANT_CASES[2][1])).toEqual(['acme-a']);
    expect(await run(TENANT_CASES[7][1])).toEqual(['acme-b', 'globex-a']);
    expect(await run(TENANT_CASES[8][1])).toEqual(['acme-b', 'globex-a']);
  });

  it.each(ACCOUNT_CASES)(
    'filters accounts: %s, as apply does',
    async (_, c) => {
      const resources = (await loadAccountResources(db, [
        'acme',
        'globex',
      ])) as any[];
      const query = db('accounts as a').select('a.id').orderBy('a.id');
      accountCriteriaToFilter(
        db,
        c as PermissionCriteria<EnterpriseAccountQuery>,
      )(query, 'a');
      const sql = (await query).map((row: { id: string }) => row.id);
      expect(sql).toEqual(applyAll(resources, accountRules, c));
    },
  );

  it('checks loaded resources with the registered rules', async () => {
    const [tenant] = await loadTenantResources(db, ['acme-a']);
    const [account, missing] = await loadAccountResources(db, ['acme', 'nope']);
    expect(missing).toBeUndefined();
    expect(account?.adminRefs).toEqual(['group:default/acme-admins']);
    expect(tenantRules.isTenantMember.apply(tenant!, { userRefs })).toBe(true);
    expect(
      tenantRules.isTenantMember.apply(tenant!, {
        userRefs,
        roles: ['Viewer'],
      }),
    ).toBe(false);
    expect(tenantRules.hasEdition.apply(tenant!, { edition: 'pro' })).toBe(
      true,
    );
    expect(
      accountRules.isAccountAdmin.apply(account!, {
        claims: ['group:default/Acme-Admins'],
      }),
    ).toBe(true);
    expect(typeof createConditionAuthorizer).toBe('function');
  });

  it('keeps account_admins in step with adminRefs', async () => {
    const accounts = new AccountStore(db);
    await accounts.upsert({
      id: 'globex',
      name: 'globex',
      enterprise: false,
      adminRefs: ['group:default/globex-admins', 'GROUP:default/globex-admins'],
      adminEmails: [],
      invoicing: 'per-tenant',
      currency: 'USD',
      autopay: false,
    } as any);
    expect(
      await db('account_admins').where({ account_id: 'globex' }).pluck('ref'),
    ).toEqual(['group:default/globex-admins']);
  });
});
