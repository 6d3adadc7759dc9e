import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { enterpriseConsoleClockServiceRef } from '@internal/plugin-enterprise-console-node';
import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  describeEachPostgres,
  secondReplicaPool,
} from '../../__testUtils__/testDatabases';
import { upsertTenants } from '../../__testUtils__/upsertTenants';
import { startReplicaBackend } from '../../reports/runs/__testUtils__/startReplicaBackend';
import { testClock } from '../../schedules/__testUtils__/setupSchedules';

/*
 * quality.md, Reliability: with several replicas on one PostgreSQL every
 * invoice is made exactly once. Two instances of the whole backend plugin,
 * each with its own pool to one database, run the invoice run of the same
 * month through the route, three times each, all at once: the runs
 * interleave over 80 subscriptions (per-tenant invoices and two
 * consolidated statements, several insert batches of a run) and over the
 * snapshots they record.
 *
 * PostgreSQL only: replicas share a database only there.
 */

const databases = createTestDatabases({ testTimeoutMs: 120_000 });
const MANAGER = 'user:default/bill';

const PER_TENANT = Array.from(
  { length: 70 },
  (_, i) => `shop-${String(i).padStart(2, '0')}`,
);
const GROUP_ONE = ['one-a', 'one-b', 'one-c', 'one-d', 'one-e', 'one-f'];
const GROUP_TWO = ['two-a', 'two-b', 'two-c', 'two-d'];
/** Per-tenant invoices but two do-not-invoice, and two statements. */
const INVOICES = PER_TENANT.length - 2 + 2;

const subscription = (tenantId: string, doNotInvoice = false) => ({
  tenantId,
  planId: 'standard',
  cycle: 'monthly' as const,
  startDate: '2026-10-01',
  ...(doNotInvoice
    ? { doNotInvoice, doNotInvoiceReason: 'Covered elsewhere' }
    : {}),
});

/**
 * Account shops invoiced per tenant; accounts one and two consolidated.
 * shop-00 has 53 active mobile users (3 beyond Standard's 50). Subscribes
 * only when this replica's upsert created the tenant.
 */
const invoiceSeed = createSeedModule('invoice-seed', async writer => {
  await writer.upsertAccount({ id: 'shops', name: 'Shops' });
  for (const id of ['one', 'two']) {
    await writer.upsertAccount({
      id,
      name: id,
      enterprise: true,
      invoicing: 'consolidated',
    });
  }
  const created = await writer.upsertTenant({
    id: PER_TENANT[0],
    accountId: 'shops',
    name: PER_TENANT[0],
    createdAt: '2026-01-15T08:00:00Z',
  });
  if (created !== 'created') {
    return;
  }
  await upsertTenants(writer, 'shops', PER_TENANT.slice(1));
  await upsertTenants(writer, 'one', GROUP_ONE);
  await upsertTenants(writer, 'two', GROUP_TWO);
  const ingested = await writer.ingest(
    Array.from({ length: 53 }, (_, i) => ({
      type: 'user' as const,
      tenantId: PER_TENANT[0],
      id: `m-${i}`,
      kind: 'mobile' as const,
      username: `m-${i}`,
      status: 'active' as const,
      createdAt: '2026-02-01T00:00:00Z',
    })),
  );
  if (ingested.rejected.length > 0) {
    throw new Error(`Users refused: ${JSON.stringify(ingested.rejected)}`);
  }
  for (const [index, tenantId] of PER_TENANT.entries()) {
    await writer.billing.subscribe(
      subscription(tenantId, index >= PER_TENANT.length - 2),
    );
  }
  for (const [index, tenantId] of [...GROUP_ONE, ...GROUP_TWO].entries()) {
    await writer.billing.subscribe(subscription(tenantId, index === 1));
  }
});

async function startReplica(knex: Knex, clock: { now: () => Date }) {
  const backend = await startReplicaBackend({
    knex,
    seed: invoiceSeed,
    reports: {
      downloadLinks: {
        keys: [{ id: 'k1', secret: 'replica-secret-of-32-characters!' }],
      },
    },
    features: [
      // Recorded, never run: the test runs the month through the route.
      mockServices.scheduler.mock().factory,
      createServiceFactory({
        service: enterpriseConsoleClockServiceRef,
        deps: {},
        factory: () => clock,
      }),
    ],
  });
  const run = async () => {
    const res = await request(backend.server)
      .post('/api/enterprise-console/v1/billing/invoice-runs')
      .set('Authorization', mockCredentials.user.header(MANAGER))
      .send({ period: '2026-11' });
    expect(res.status).toBe(200);
    return res.body as { created: number; existing: number; failed: number };
  };
  return { run, stop: () => backend.stop() };
}

describeEachPostgres(databases)('two backend instances on %p', id => {
  it('make each invoice of a month exactly once, numbered 1..N without gaps', async () => {
    const knex = await databases.init(id);
    const secondPool = secondReplicaPool(knex);
    const clock = testClock('2026-11-20T10:00:00Z');
    const replicas: Array<Awaited<ReturnType<typeof startReplica>>> = [];
    try {
      replicas.push(await startReplica(knex, clock));
      replicas.push(await startReplica(secondPool, clock));
      expect(await knex('billing_subscriptions').count({ n: '*' })).toEqual([
        { n: String(PER_TENANT.length + 10) },
      ]);
      clock.set('2026-12-01T01:30:00Z');
      const [a, b] = replicas;
      const answers = await Promise.all([
        a.run(),
        b.run(),
        a.run(),
        b.run(),
        a.run(),
        b.run(),
      ]);
      const sum = (key: 'created' | 'existing' | 'failed') =>
        answers.reduce((total, answer) => total + answer[key], 0);
      expect(sum('created')).toBe(INVOICES);
      expect(sum('existing')).toBe(5 * INVOICES);
      expect(sum('failed')).toBe(0);
      const invoices = await knex('billing_invoices')
        .select('invoice_key', 'number', 'total_cents', 'note')
        .orderBy('number');
      expect(invoices.map(invoice => Number(invoice.number))).toEqual(
        Array.from({ length: INVOICES }, (_, i) => i + 1),
      );
      const keys = invoices.map(invoice => invoice.invoice_key as string);
      expect(new Set(keys).size).toBe(INVOICES);
      expect(keys.filter(key => key.startsWith('account:')).sort()).toEqual([
        'account:one',
        'account:two',
      ]);
      const subscriptions = await knex('billing_subscriptions')
        .where({ account_id: 'shops', do_not_invoice: false })
        .select('id', 'tenant_id');
      expect(
        keys.filter(key => key.startsWith('subscription:')).sort(),
      ).toEqual(subscriptions.map(s => `subscription:${s.id}`).sort());

      // shop-00's 53 users were counted once and recorded: 3 extra at 2.00.
      const shop00 = subscriptions.find(s => s.tenant_id === PER_TENANT[0]);
      const billed = invoices.find(
        invoice => invoice.invoice_key === `subscription:${shop00.id}`,
      );
      expect(String(billed.total_cents)).toBe('30600');
      const snapshots = await knex('user_count_snapshots')
        .where({ day: '2026-11-30' })
        .select('tenant_id', 'active_mobile_users');
      // Every tenant billed, do-not-invoice members of a statement too.
      expect(snapshots).toHaveLength(PER_TENANT.length - 2 + 10);
      expect(
        Number(
          snapshots.find(s => s.tenant_id === PER_TENANT[0])
            .active_mobile_users,
        ),
      ).toBe(53);

      // A later run on either replica creates nothing.
      expect(await b.run()).toEqual({
        created: 0,
        existing: INVOICES,
        failed: 0,
      });
    } finally {
      for (const replica of replicas) {
        await replica.stop();
      }
      await secondPool.destroy();
    }
  });
});
