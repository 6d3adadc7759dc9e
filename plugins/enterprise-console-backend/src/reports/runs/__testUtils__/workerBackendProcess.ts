import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import knexFactory from 'knex';
import { startReplicaBackend } from './startReplicaBackend';

/*
 * One backend process for killedBackendProcess.test.ts: the whole plugin on
 * the PostgreSQL database in EC_WORKER_DB_CONNECTION (JSON), with a short
 * lease and heartbeats. With EC_WORKER_SEED_TENANTS set it first seeds that
 * many tenants of account 'acme' through the seed extension point. Prints
 * `ready <port>` once the plugin started; runs until it is killed.
 */

const connection = JSON.parse(process.env.EC_WORKER_DB_CONNECTION ?? 'null');
if (!connection) {
  throw new Error('EC_WORKER_DB_CONNECTION is not set');
}
const tenantCount = Number(process.env.EC_WORKER_SEED_TENANTS ?? 0);

const seed = createSeedModule('killed-process-seed', async writer => {
  if (tenantCount === 0) {
    return;
  }
  await writer.upsertAccount({ id: 'acme', name: 'Acme', enterprise: true });
  for (let i = 0; i < tenantCount; i++) {
    await writer.upsertTenant({
      id: `t-${String(i).padStart(4, '0')}`,
      accountId: 'acme',
      name: `Tenant ${i}`,
      createdAt: '2026-01-15T08:00:00Z',
    });
  }
});

async function main() {
  const knex = knexFactory({
    client: 'pg',
    connection,
    pool: { min: 0, max: 5 },
  });
  const backend = await startReplicaBackend({
    knex,
    seed,
    reports: {
      worker: {
        pollInterval: '200ms',
        leaseDuration: '3s',
        heartbeatInterval: '1s',
        concurrency: 1,
      },
      downloadLinks: {
        keys: [{ id: 'k1', secret: 'process-secret-of-32-characters!' }],
      },
    },
  });
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`ready ${port}\n`);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
