import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { enterpriseConsolePlugin } from '../../plugin';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const TOKEN = 'v1.k1.c2VjcmV0LXJ1bi1pZA.live-signature-that-must-not-be-logged';

/**
 * The plugin as a backend serves it, behind Backstage's own request-logging
 * middleware (the root HTTP router's `logging`), which records what it
 * writes into `logger`.
 */
async function loggedBackend(knex: Knex) {
  const { server } = await startTestBackend({
    features: [
      enterpriseConsolePlugin,
      mockServices.database.factory({ knex }),
    ],
  });
  const logger = mockServices.logger.mock();
  const middleware = MiddlewareFactory.create({
    config: new ConfigReader({}),
    logger,
  });
  // The test backend's own app answers the request; the logging middleware
  // in front of it sees the same request object, as in a real backend.
  const [backendApp] = (server as Server).listeners('request') as Array<
    (req: express.Request, res: express.Response) => void
  >;
  const app = express()
    .use(middleware.logging())
    .use((req, res) => backendApp(req, res));
  const logged = () =>
    logger.info.mock.calls.map(([message, meta]) => ({ message, meta }));
  return { app, logged };
}

describe.each(databases.eachSupportedId())(
  'request log of download links on %p',
  databaseId => {
    it.each([
      ['a link', `/api/enterprise-console/v1/downloads/${TOKEN}`, 404],
      [
        'a link with a query',
        `/api/enterprise-console/v1/downloads/${TOKEN}?x=1`,
        404,
      ],
      [
        'a path below a link',
        `/api/enterprise-console/v1/downloads/${TOKEN}/more`,
        404,
      ],
    ])('logs %s with its token redacted', async (_what, url, status) => {
      const knex = await databases.init(databaseId);
      const { app, logged } = await loggedBackend(knex);

      const res = await request(app).get(url);
      expect(res.status).toBe(status);

      const redacted = url.replace(TOKEN, '[redacted]');
      await waitFor(() => logged().length > 0);
      const lines = logged();
      expect(lines).toHaveLength(1);
      expect(lines[0].meta).toMatchObject({
        type: 'incomingRequest',
        method: 'GET',
        url: redacted,
        status,
      });
      expect(lines[0].message).toContain(
        `"GET ${redacted} HTTP/1.1" ${status}`,
      );
      expect(JSON.stringify(lines)).not.toContain('live-signature');
    });

    it('logs other URLs as they are', async () => {
      const knex = await databases.init(databaseId);
      const { app, logged } = await loggedBackend(knex);
      await request(app).get('/api/enterprise-console/health');
      await waitFor(() => logged().length > 0);
      expect(logged()[0].meta).toMatchObject({
        url: '/api/enterprise-console/health',
      });
    });
  },
);

async function waitFor(check: () => boolean) {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('Timed out waiting for the request log');
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
