import {
  BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
  DatabaseService,
  DiscoveryService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import emailModule from '@backstage/plugin-notifications-backend-module-email';
import escapingEmailModule from '@internal/plugin-notifications-backend-module-enterprise-console-email';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { ReportRun } from '@internal/plugin-enterprise-console-common';
import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { enterpriseConsolePlugin } from '../../plugin';
import { AccountStore } from '../../tenants/AccountStore';
import {
  chunkCount,
  insertAccount,
  insertRun,
} from './__testUtils__/reportRuns';
import { inboxEmailConfig, startSmtpInbox } from '../../mail/__testUtils__/smtpInbox';
import { DownloadTokens, downloadUrlForPlugin } from '../../files';
import { readDownloadLinkConfig } from './readDownloadLinkConfig';
import { ReportDelivery } from './ReportDelivery';

/*
 * End to end: a succeeded run is delivered through the real notifications
 * backend and its email module to a real SMTP server; the link in the mail
 * downloads the file from the real plugin, without a session.
 */

const databases = createTestDatabases({ testTimeoutMs: 120_000 });

const DAY = 24 * 3_600_000;
const FILE = Buffer.from(
  '\uFEFFTenant,Form,Submitted by\r\nacme-a,Visite à domicile,Zoë\r\n',
  'utf8',
);
const ADA = 'user:default/ada';

/** Each plugin its own database, as in production. */
function databasePerPlugin(id: TestDatabaseId) {
  const clients = new Map<string, Promise<Knex>>();
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }): DatabaseService {
      const pluginId = plugin.getId();
      return {
        getClient() {
          if (!clients.has(pluginId)) {
            clients.set(pluginId, databases.init(id));
          }
          return clients.get(pluginId)!;
        },
      };
    },
  });
}

/** Hands the test what a module of the plugin gets: its database and services. */
function probeModule() {
  let captured:
    | {
        database: DatabaseService;
        notifications: NotificationService;
        discovery: DiscoveryService;
        config: RootConfigService;
      }
    | undefined;
  const module = createBackendModule({
    pluginId: 'enterprise-console',
    moduleId: 'delivery-probe',
    register(reg) {
      reg.registerInit({
        deps: {
          database: coreServices.database,
          notifications: notificationService,
          discovery: coreServices.discovery,
          config: coreServices.rootConfig,
        },
        async init(deps) {
          captured = deps;
        },
      });
    },
  });
  return { module, services: () => captured! };
}

/**
 * The plugin with `modules`, the notifications backend and its email module
 * with `email` as processor config, and ada in the catalog: each plugin on
 * its own database of `id`.
 */
function startMailingBackend(
  id: TestDatabaseId,
  email: ReturnType<typeof inboxEmailConfig> & { filter?: object },
  modules: BackendFeature[],
) {
  return startTestBackend({
    features: [
      enterpriseConsolePlugin,
      ...modules,
      notificationsBackend,
      emailModule,
      databasePerPlugin(id),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'ada', namespace: 'default' },
            spec: { profile: { email: 'ada@acme.example' }, memberOf: [] },
          },
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          notifications: { processors: { email } },
          enterpriseConsole: {
            reports: {
              downloadLinks: {
                keys: [
                  { id: 'k1', secret: 'e2e-secret-of-at-least-32-chars!' },
                ],
              },
            },
          },
        },
      }),
    ],
  });
}

/**
 * Report delivery as the plugin wires it, on the services the probe
 * captured: what the run worker hands a succeeded run to.
 */
async function deliveryOf(probe: ReturnType<typeof probeModule>) {
  const { database, notifications, discovery, config } = probe.services();
  const knex = await database.getClient();
  const linkConfig = readDownloadLinkConfig(config);
  const delivery = new ReportDelivery({
    notifications,
    accountName: async accountId =>
      (await new AccountStore(knex).get(accountId))?.name,
    downloadUrlFor: await downloadUrlForPlugin(
      discovery,
      new DownloadTokens(linkConfig.keys),
    ),
    expiryMs: linkConfig.expiryMs,
  });
  return { knex, delivery };
}

/**
 * A succeeded form-submissions run of acme by ada, stored with its file in
 * `chunks`, as the run worker hands it to delivery.
 */
async function succeededRun(
  knex: Knex,
  options: {
    name: string;
    email: boolean;
    expiresAt: Date;
    fileName: string;
    chunks: Buffer[];
  },
): Promise<ReportRun> {
  const { name, email, expiresAt } = options;
  const id = await insertRun(knex, {
    accountId: 'acme',
    status: 'succeeded',
    expiresAt,
    fileName: options.fileName,
    chunks: options.chunks,
    createdBy: ADA,
    name,
    email,
  });
  return {
    id,
    accountId: 'acme',
    type: 'form-submissions',
    name,
    delimiter: ',',
    status: 'succeeded',
    rowsWritten: 1,
    rowCount: 1,
    createdBy: ADA,
    createdAt: new Date().toISOString(),
    expiresAt: expiresAt.toISOString(),
    parameters: { email },
  };
}

async function waitFor<T>(what: string, value: () => T | undefined) {
  for (let i = 0; i < 200; i++) {
    const result = value();
    if (result !== undefined) {
      return result;
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe.each(databases.eachSupportedId())('report email on %p', id => {
  it('mails the requester a link that downloads the file', async () => {
    const inbox = await startSmtpInbox();
    try {
      const probe = probeModule();
      const { server } = await startMailingBackend(
        id,
        {
          ...inboxEmailConfig(inbox.port),
          filter: {
            excludedTopics: ['enterprise-console-report-ready-in-app'],
          },
        },
        [probe.module],
      );

      // What the run worker hands over once a run succeeded.
      const { knex, delivery } = await deliveryOf(probe);
      await insertAccount(knex, { id: 'acme', name: 'Acme Health' });
      const expiresAt = new Date(Date.now() + DAY);
      const succeeded = (email: boolean, name: string) =>
        succeededRun(knex, {
          name,
          email,
          expiresAt,
          fileName: `Acme Health (${name}) 20261122 140500.csv`,
          chunks: [FILE.subarray(0, 30), FILE.subarray(30)],
        });

      // In-app only first: had it been mailed, it would arrive first.
      await delivery.deliver(await succeeded(false, 'In-app only'));
      const emailRun = await succeeded(true, 'Mobile Form Submissions');
      await delivery.deliver(emailRun);

      const mail = await waitFor('the mail', () => inbox.mails[0]);
      await new Promise(resolve => setTimeout(resolve, 500));
      expect(inbox.mails).toHaveLength(1);

      const expiry = `${expiresAt
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ')} UTC`;
      expect(mail.to).toEqual(['ada@acme.example']);
      expect(mail.subject).toBe(
        'Your report is ready: Acme Health — Mobile Form Submissions',
      );
      const [description, link] = mail.text.split('\n\n');
      expect(description).toBe(
        `The report Mobile Form Submissions for Acme Health is ready to download until ${expiry}. The link works for 24 hours without signing in.`,
      );
      const port = server.port();
      expect(link).toMatch(
        new RegExp(
          `^http://localhost:${port}/api/enterprise-console/v1/downloads/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`,
        ),
      );
      expect(mail.html).toContain(`<a href="${link}">${link}</a>`);

      // Both notifications are in the app, with the same links.
      const inApp = await request(server)
        .get('/api/notifications/notifications')
        .set('Authorization', mockCredentials.user.header(ADA));
      expect(
        inApp.body.notifications
          .map((n: any) => [n.payload.topic, n.payload.link === link])
          .sort(),
      ).toEqual([
        ['enterprise-console-report-ready', true],
        ['enterprise-console-report-ready-in-app', false],
      ]);

      // The link is all it takes: no session, no header.
      const res = await fetch(link);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="Acme Health (Mobile Form Submissions) 20261122 140500.csv"; ' +
          "filename*=UTF-8''Acme%20Health%20%28Mobile%20Form%20Submissions%29%2020261122%20140500.csv",
      );
      expect(Buffer.from(await res.arrayBuffer())).toEqual(FILE);
      expect(await chunkCount(knex, emailRun.id)).toBe(2);

      // A link someone tampered with leads nowhere.
      const tampered = await fetch(
        `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`,
      );
      expect(tampered.status).toBe(404);
    } finally {
      await inbox.close();
    }
  });
});

describe.each(databases.eachSupportedId())(
  'a report run requested through the API on %p',
  id => {
    it('is mailed to its requester, and the link downloads the report', async () => {
      const inbox = await startSmtpInbox();
      try {
        const seed = createSeedModule('email-seed', async writer => {
          await writer.upsertAccount({
            id: 'acme',
            name: 'Acme Health',
            enterprise: true,
          });
          await writer.upsertTenant({
            id: 'acme-clinic',
            accountId: 'acme',
            name: 'Clinic | Visits',
            url: 'https://hq.example/a/acme-clinic',
            createdAt: '2026-01-15T08:00:00Z',
          });
          await writer.ingest([
            {
              type: 'app',
              tenantId: 'acme-clinic',
              id: 'app-1',
              name: 'Visits',
            },
            {
              type: 'user',
              tenantId: 'acme-clinic',
              id: 'w-1',
              kind: 'web',
              username: 'ada',
              email: 'ada@acme.example',
              status: 'active',
              createdAt: '2026-01-16T00:00:00Z',
            },
          ]);
        });
        const { server } = await startMailingBackend(
          id,
          inboxEmailConfig(inbox.port),
          [seed],
        );

        const queued = await request(server)
          .post('/api/enterprise-console/v1/report-runs')
          .set('Authorization', mockCredentials.user.header(ADA))
          .send({
            accountId: 'acme',
            type: 'project-spaces',
            delimiter: '|',
            email: true,
          });
        expect(queued.status).toBe(202);

        const mail = await waitFor('the mail', () => inbox.mails[0]);
        expect(mail.to).toEqual(['ada@acme.example']);
        expect(mail.subject).toBe(
          'Your report is ready: Acme Health — Project Spaces',
        );
        const link = /https?:\/\/\S+\/v1\/downloads\/\S+/.exec(mail.text)![0];

        const res = await fetch(link);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(
          /^attachment; filename="Acme Health \(Project Spaces\) \d{8} \d{6}\.csv"/,
        );
        expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(
          '\ufeffDate created|# of applications|# of mobile users|# of web users|# of SMS (last 30 days)|Last Form Submission [UTC]|Project Space Name|Project Name|Project URL\r\n' +
            '2026-01-15 08:00:00|1|0|1|0||acme-clinic|"Clinic | Visits"|https://hq.example/a/acme-clinic\r\n',
        );

        const run = await request(server)
          .get(`/api/enterprise-console/v1/report-runs/${queued.body.id}`)
          .set('Authorization', mockCredentials.user.header(ADA));
        expect(run.body).toMatchObject({
          status: 'succeeded',
          rowCount: 1,
          rowsWritten: 1,
          downloadUrl: link,
        });
      } finally {
        await inbox.close();
      }
    });
  },
);

describe.each(databases.eachSupportedId())(
  'a report email with hostile names on %p',
  id => {
    it('carries the names escaped in its HTML and as written in its text', async () => {
      const RUN_NAME = '<img src=x onerror=alert(1)>';
      const ACCOUNT_NAME = `<script>alert("x")</script> & O'Brien`;
      const inbox = await startSmtpInbox();
      try {
        const probe = probeModule();
        await startMailingBackend(id, inboxEmailConfig(inbox.port), [
          probe.module,
          escapingEmailModule,
        ]);

        const { knex, delivery } = await deliveryOf(probe);
        await insertAccount(knex, { id: 'acme', name: ACCOUNT_NAME });
        const expiresAt = new Date(Date.now() + DAY);
        await delivery.deliver(
          await succeededRun(knex, {
            name: RUN_NAME,
            email: true,
            expiresAt,
            fileName: 'report.csv',
            chunks: [FILE],
          }),
        );

        const mail = await waitFor('the mail', () => inbox.mails[0]);
        const expiry = `${expiresAt
          .toISOString()
          .slice(0, 16)
          .replace('T', ' ')} UTC`;
        const [description, link] = mail.text.split('\n\n');
        expect(mail.subject).toBe(
          `Your report is ready: ${ACCOUNT_NAME} — ${RUN_NAME}`,
        );
        expect(description).toBe(
          `The report ${RUN_NAME} for ${ACCOUNT_NAME} is ready to download until ${expiry}. The link works for 24 hours without signing in.`,
        );
        expect(mail.html).toBe(
          '<p>The report &lt;img src=x onerror=alert(1)&gt; for ' +
            '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien ' +
            `is ready to download until ${expiry}. The link works for 24 hours without signing in.` +
            `<br/><a href="${link}">${link}</a></p>`,
        );
        expect(mail.html).not.toMatch(/<img|<script/i);
      } finally {
        await inbox.close();
      }
    });
  },
);
