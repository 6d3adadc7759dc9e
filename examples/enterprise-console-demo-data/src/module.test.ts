import { JsonObject } from '@backstage/types';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import enterpriseConsolePlugin from '@internal/plugin-enterprise-console-backend';
import request from 'supertest';
import { enterpriseConsoleModuleDemoData } from './module';

jest.setTimeout(60_000);

async function startWithDemoData(
  demoData: JsonObject,
  usageMeters: JsonObject[] = [],
) {
  const { server } = await startTestBackend({
    features: [
      enterpriseConsolePlugin,
      enterpriseConsoleModuleDemoData,
      mockServices.rootConfig.factory({
        data: { enterpriseConsole: { demoData, usageMeters } },
      }),
    ],
  });
  return server;
}

async function accountsAfterStart(
  demoData: JsonObject,
  usageMeters: JsonObject[] = [],
) {
  const server = await startWithDemoData(demoData, usageMeters);
  const res = await request(server).get(
    '/api/enterprise-console/v1/accounts?limit=100',
  );
  expect(res.status).toBe(200);
  return res.body;
}

describe('demo data module', () => {
  it('seeds the demo enterprise through the plugin when enabled', async () => {
    const started = Date.now();
    const body = await accountsAfterStart({
      enabled: true,
      seed: 42,
      scale: 1,
    });
    // Startup seeding stays quick enough for `npm start` on SQLite.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(body.totalCount).toBe(5);
    expect(
      body.items.map((a: any) => [a.id, a.enterprise, a.tenantCount]),
    ).toEqual([
      ['acme-health', true, 18],
      ['globex-logistics', true, 14],
      ['initech-field', false, 6],
      ['stark-labs', true, 0],
      ['umbrella-ngo', false, 3],
    ]);
  });

  it('seeds the usage of the meters the server declares, and leaves out the others', async () => {
    // Without voice-minutes, its events would be refused and startup fail.
    const body = await accountsAfterStart(
      { enabled: true, seed: 42, scale: 1 },
      [{ key: 'api-calls', name: 'API calls', unit: 'calls' }],
    );
    expect(body.totalCount).toBe(5);
  });

  it("subscribes every tenant by billing's rules, with a scheduled downgrade", async () => {
    const server = await startWithDemoData({
      enabled: true,
      seed: 42,
      scale: 1,
    });
    const res = await request(server).get(
      '/api/enterprise-console/v1/billing/subscriptions?accountId=acme-health',
    );
    expect(res.status).toBe(200);
    const items: any[] = res.body.items;
    const tenants = new Set(items.map(s => s.tenantId));
    expect(tenants.size).toBe(18);
    const active = items.filter(s => s.status === 'active');
    expect(active).toHaveLength(18);
    expect(new Set(active.map(s => s.planId))).toEqual(
      new Set(['enterprise', 'pro', 'standard', 'advanced', 'community']),
    );
    // The Pro subscription of ten days ago ends at its 30-day minimum and
    // Standard starts there.
    const [scheduled] = items.filter(s => s.status === 'scheduled');
    expect(scheduled.planId).toBe('standard');
    const pro = items.find(
      s => s.tenantId === scheduled.tenantId && s.planId === 'pro',
    );
    expect(pro.endDate).toBe(scheduled.startDate);
    expect(
      (Date.parse(pro.endDate) - Date.parse(pro.startDate)) / 86_400_000,
    ).toBe(30);
  });

  it('seeds a pending pro-bono and a developer application', async () => {
    const server = await startWithDemoData({
      enabled: true,
      seed: 42,
      scale: 1,
    });
    const res = await request(server).get(
      '/api/enterprise-console/v1/billing/applications?status=pending',
    );
    expect(res.status).toBe(200);
    expect(
      res.body.items
        .map((a: any) => [a.accountId, a.kind, a.planId, a.applicant])
        .sort(),
    ).toEqual([
      [
        'umbrella-ngo',
        'developer',
        'community',
        'user:default/demo-tenant-admin',
      ],
      [
        'umbrella-ngo',
        'pro-bono',
        'standard',
        'user:default/demo-tenant-admin',
      ],
    ]);
  });

  it('seeds a ledger: statements in every status, applied credits, a payment excess and contacts', async () => {
    const server = await startWithDemoData({
      enabled: true,
      seed: 42,
      scale: 1,
    });
    const get = async (path: string) => {
      const res = await request(server).get(
        `/api/enterprise-console/v1/billing/${path}`,
      );
      expect(res.status).toBe(200);
      return res.body.items as any[];
    };
    const accounts = [
      'acme-health',
      'globex-logistics',
      'initech-field',
      'stark-labs',
      'umbrella-ngo',
    ];
    const invoices = (
      await Promise.all(accounts.map(id => get(`invoices?accountId=${id}`)))
    ).flat();
    expect(new Set(invoices.map(invoice => invoice.status))).toEqual(
      new Set(['paid', 'open', 'overdue', 'void']),
    );
    const paid = invoices.filter(invoice => invoice.status === 'paid');
    expect(paid.every(invoice => invoice.balance === '0.00')).toBe(true);
    // The middle month's half payment leaves an open balance below the total.
    expect(
      invoices.some(
        invoice =>
          invoice.status !== 'paid' &&
          invoice.paid !== '0.00' &&
          invoice.balance !== '0.00',
      ),
    ).toBe(true);
    const [voided] = invoices.filter(invoice => invoice.status === 'void');
    expect(voided.accountId).toBe('globex-logistics');
    expect(voided.voidReason).toBe(
      'Issued for a tenant that had moved to Initech',
    );

    const acmeCredits = await get('credits?accountId=acme-health');
    const users = acmeCredits.find(line => line.scope === 'users');
    expect(users.entries[0]).toMatchObject({
      amount: '25.00',
      reason: 'grant',
    });
    expect(users.entries.some((e: any) => e.reason === 'applied')).toBe(true);

    const starkPayments = await get('payments?accountId=stark-labs');
    const excess = starkPayments.find(payment => payment.creditCreated);
    expect(excess.creditCreated).toBe('500.00');
    const starkCredits = await get('credits?accountId=stark-labs');
    const general = starkCredits.find(line => line.scope === 'general');
    expect(
      general.entries.find((e: any) => e.reason === 'payment-excess'),
    ).toMatchObject({ amount: '500.00' });

    expect(await get('accounts/acme-health/contacts')).toEqual([
      {
        name: 'Amara Okafor',
        email: 'accounts.payable@acme-health.example',
        role: 'Accounts payable',
      },
      {
        name: 'Jonas Berg',
        email: 'jonas.berg@acme-health.example',
        role: 'Finance director',
      },
    ]);
  });

  it('seeds nothing when disabled', async () => {
    const body = await accountsAfterStart({ enabled: false });
    expect(body).toEqual({ items: [], totalCount: 0 });
  });
});
