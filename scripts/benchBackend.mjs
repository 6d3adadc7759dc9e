/*
 * A backend with only the Enterprise Console plugin, in a child process,
 * for the benchmarks that go through the real routes (bench-ingest.mjs,
 * bench-tenants.mjs). `startBenchBackend` runs this file as that child,
 * with TypeScript loaded through Backstage's transform as `repo start`
 * does; callers authenticate with a static token of subject `bench`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { createBackend } = require('@backstage/backend-defaults');
  const backend = createBackend();
  backend.add(
    require(path.join(root, 'plugins/enterprise-console-backend/src/index.ts')),
  );
  await backend.start();
}

/**
 * Starts the backend on 127.0.0.1:`port` with `database` as its
 * backend.database and `config` besides (permissions disabled); returns
 * the child, the plugin's base URL, and a wait for its health route.
 */
export function startBenchBackend({
  port,
  token,
  database,
  config = {},
  nodeOptions = [],
}) {
  const base = `http://127.0.0.1:${port}/api/enterprise-console`;
  const configFile = path.join(
    os.tmpdir(),
    `bench-backend-${process.pid}-${port}.yaml`,
  );
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port, host: '127.0.0.1' },
        database,
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'bench' } },
          ],
        },
      },
      permission: { enabled: false },
      ...config,
    }),
  );
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      fileURLToPath(import.meta.url),
      '--config',
      configFile,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    },
  );
  child.once('exit', () => fs.rmSync(configFile, { force: true }));

  async function waitForHealth() {
    for (let i = 0; i < 240; i++) {
      if (child.exitCode !== null) {
        throw new Error(`The bench backend exited with ${child.exitCode}`);
      }
      try {
        const res = await fetch(`${base}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    throw new Error('The bench backend did not start');
  }

  async function stop() {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise(resolve => child.once('exit', resolve));
    }
  }

  return { child, base, waitForHealth, stop };
}
