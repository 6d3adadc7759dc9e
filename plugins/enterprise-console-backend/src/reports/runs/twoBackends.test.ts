import { mockCredentials } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import request from 'supertest';
import {
  createTestDatabases,
  describeEachPostgres,
  secondReplicaPool,
} from '../../__testUtils__/testDatabases';
import {
  acmeReplicaSeed,
  startReplicaBackend,
} from './__testUtils__/startReplicaBackend';

/*
 * quality.md, Reliability: several backend replicas on one PostgreSQL
 * process every report run exactly once. Two instances of the whole backend
 * plugin, each with its own connection pool to one database, take 20 runs
 * queued through both of them.
 */

const databases = createTestDatabases({ testTimeoutMs: 180_000 });
const USERS = Array.from({ length: 10 }, (_, i) => `user:default/admin-${i}`);

async function startReplica(
  name: string,
  knex: Knex,
  sent: Array<{ replica: string; runId: string }>,
) {
  return startReplicaBackend({
    knex,
    seed: acmeReplicaSeed,
    // Each replica's notifications say which replica finished the run.
    send: async (options: NotificationSendOptions) => {
      sent.push({
        replica: name,
        runId: String(options.payload.scope).replace('report-run:', ''),
      });
    },
    reports: {
      worker: { pollInterval: '100ms', concurrency: 2 },
      downloadLinks: {
        keys: [{ id: 'k1', secret: 'replica-secret-of-32-characters!' }],
      },
    },
  });
}

describeEachPostgres(databases)('two backend instances on %p', id => {
  const stops: Array<() => Promise<void>> = [];

  it('process 20 queued runs exactly once between them', async () => {
    const knex = await databases.init(id);
    const secondPool = secondReplicaPool(knex);
    try {
      const sent: Array<{ replica: string; runId: string }> = [];
      const replicaA = await startReplica('a', knex, sent);
      const replicaB = await startReplica('b', secondPool, sent);
      stops.push(
        () => replicaA.stop(),
        () => replicaB.stop(),
      );
      const [a, b] = [replicaA.server, replicaB.server];

      // Ten users, two runs each, queued alternately through both.
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await request(i % 2 ? b : a)
          .post('/api/enterprise-console/v1/report-runs')
          .set('Authorization', mockCredentials.user.header(USERS[i % 10]))
          .send({ accountId: 'acme', type: 'project-spaces' });
        expect(res.status).toBe(202);
        ids.push(res.body.id);
      }

      for (let i = 0; i < 600 && sent.length < 20; i++) {
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      // Nothing more arrives once all 20 are done.
      await new Promise(resolve => setTimeout(resolve, 1_000));
      expect(sent.map(s => s.runId).sort()).toEqual([...ids].sort());
      expect(sent.some(s => s.replica === 'a')).toBe(true);
      expect(sent.some(s => s.replica === 'b')).toBe(true);

      const rows = await knex('report_runs')
        .whereIn('id', ids)
        .select('status', 'attempt', 'row_count');
      expect(rows).toHaveLength(20);
      for (const row of rows) {
        expect(row).toEqual({
          status: 'succeeded',
          attempt: 1,
          row_count: expect.anything(),
        });
        expect(Number(row.row_count)).toBe(2);
      }
      const chunks = await knex('report_file_chunks')
        .whereIn('run_id', ids)
        .select('run_id', 'attempt');
      expect(new Set(chunks.map(c => c.run_id)).size).toBe(20);
      expect(chunks.every(c => c.attempt === 1)).toBe(true);
    } finally {
      // The replicas first, so no worker polls a closed pool.
      for (const stop of stops.splice(0)) {
        await stop();
      }
      await secondPool.destroy();
    }
  });
});
