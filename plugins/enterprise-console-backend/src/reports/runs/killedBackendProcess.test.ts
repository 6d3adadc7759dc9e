import { mockCredentials } from '@backstage/backend-test-utils';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Knex } from 'knex';
import request from 'supertest';
import { csvFile } from '../../__testUtils__/csvFile';
import {
  createTestDatabases,
  describeEachPostgres,
} from '../../__testUtils__/testDatabases';

/*
 * quality.md, Reliability: a backend process that dies mid-run loses no
 * report. Two real backend processes on one PostgreSQL; the one working on
 * a run is killed with SIGKILL (no shutdown hook runs), and the other takes
 * the run over once its lease expired and writes the complete file.
 *
 * The run is held mid-run deterministically: the test process locks a
 * table the report reads, so the claimed job waits in its first query.
 */

const databases = createTestDatabases({ testTimeoutMs: 180_000 });
const TENANTS = 150;
const SCRIPT = path.resolve(__dirname, '__testUtils__/workerBackendProcess.ts');

const EXPECTED_FILE = csvFile([
  'Date created,# of applications,# of mobile users,# of web users,# of SMS (last 30 days),Last Form Submission [UTC],Project Space Name,Project Name,Project URL',
  ...Array.from(
    { length: TENANTS },
    (_, i) =>
      `2026-01-15 08:00:00,0,0,0,0,,t-${String(i).padStart(
        4,
        '0',
      )},Tenant ${i},`,
  ),
]);

interface BackendProcess {
  child: ChildProcess;
  port: number;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** Starts one backend process and waits until its plugin started. */
function startBackendProcess(
  connection: unknown,
  seedTenants: number,
  started: ChildProcess[],
): Promise<BackendProcess> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      SCRIPT,
    ],
    {
      cwd: path.resolve(__dirname, '../../..'),
      env: {
        ...process.env,
        EC_WORKER_DB_CONNECTION: JSON.stringify(connection),
        EC_WORKER_SEED_TENANTS: String(seedTenants),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.push(child);
  const exited = new Promise<NodeJS.Signals | number | null>(resolve =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`backend process not ready:\n${output}`)),
      90_000,
    );
    const onData = (data: Buffer) => {
      output += data.toString();
      const ready = /^ready (\d+)$/m.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, port: Number(ready[1]), exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then(code => {
      clearTimeout(timer);
      reject(new Error(`backend process exited (${code}):\n${output}`));
    });
  });
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describeEachPostgres(databases)(
  'a backend process killed mid-run on %p',
  id => {
    const started: ChildProcess[] = [];
    let lock: Knex.Transaction | undefined;

    afterAll(async () => {
      await lock?.rollback().catch(() => {});
      for (const child of started) {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise(resolve => child.once('exit', resolve));
          child.kill('SIGKILL');
          await exited;
        }
      }
    });

    it('leaves its run to the other process, which writes the complete file', async () => {
      const knex = await databases.init(id);
      const connection = knex.client.config.connection;

      // One after the other: the first migrates and seeds.
      const first = await startBackendProcess(connection, TENANTS, started);
      const second = await startBackendProcess(connection, 0, started);
      const processes = [first, second];

      lock = await knex.transaction();
      await lock.raw('LOCK TABLE applications IN ACCESS EXCLUSIVE MODE');

      const res = await request(`http://127.0.0.1:${first.port}`)
        .post('/api/enterprise-console/v1/report-runs')
        .set('Authorization', mockCredentials.user.header('user:default/admin'))
        .send({ accountId: 'acme', type: 'project-spaces' });
      expect(res.status).toBe(202);
      const runId: string = res.body.id;

      // A process holds the run's lease and its job waits on the lock.
      const owner = await waitFor(
        'a process to work on the run',
        async () => {
          const run = await knex('report_runs').where({ id: runId }).first();
          const waiting = await knex('pg_stat_activity')
            .where({ datname: knex.client.database(), wait_event_type: 'Lock' })
            .count({ n: '*' });
          return run?.status === 'running' && Number(waiting[0].n) > 0
            ? (run.lease_owner as string)
            : undefined;
        },
        60_000,
      );
      const victim = processes.find(p => owner.includes(`:${p.child.pid}:`));
      const survivor = processes.find(p => p !== victim);
      expect(victim).toBeDefined();
      expect(
        await knex('report_runs').where({ id: runId }).first(),
      ).toMatchObject({ status: 'running', attempt: 1 });

      victim!.child.kill('SIGKILL');
      expect(await victim!.exited).toBe('SIGKILL');
      await lock.commit();
      lock = undefined;

      const run = await waitFor(
        'the run to finish',
        async () => {
          const row = await knex('report_runs').where({ id: runId }).first();
          return ['queued', 'running'].includes(row.status) ? undefined : row;
        },
        90_000,
      );
      expect(run).toMatchObject({ status: 'succeeded', attempt: 2 });
      expect(Number(run.row_count)).toBe(TENANTS);
      // The survivor still runs; it is the one that finished the run.
      expect(survivor!.child.exitCode).toBeNull();

      const chunks = await knex('report_file_chunks')
        .where({ run_id: runId })
        .orderBy('seq')
        .select('attempt', 'data');
      expect(chunks.length).toBeGreaterThan(0);
      expect(chunks.every(c => c.attempt === 2)).toBe(true);
      const file = Buffer.concat(chunks.map(c => Buffer.from(c.data)));
      const text = file.toString('utf8');
      expect(text.split('\r\n')[0]).toBe(
        '\ufeffDate created,# of applications,# of mobile users,# of web users,# of SMS (last 30 days),Last Form Submission [UTC],Project Space Name,Project Name,Project URL',
      );
      expect(text.split('\r\n')).toHaveLength(TENANTS + 2);
      expect(file.equals(Buffer.from(EXPECTED_FILE, 'utf8'))).toBe(true);
    });
  },
);
