import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  EnterpriseConsoleEntitlementsService,
  enterpriseConsoleEntitlementsExtensionPoint,
  enterpriseConsoleEntitlementsServiceRef,
} from '@internal/plugin-enterprise-console-node';
import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import request from 'supertest';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { upsertTenants } from '../../__testUtils__/upsertTenants';
import { enterpriseConsolePlugin } from '../../plugin';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const seedModule = createSeedModule('entitlements-seed', async writer => {
  await writer.upsertAccount({ id: 'acme', name: 'Acme' });
  await upsertTenants(writer, 'acme', ['acme-a']);
});

/*
 * The -node side end to end: a module registers through the extension
 * point, another plugin asks through the service ref's default factory,
 * which calls the console over HTTP as that plugin's service principal.
 */
describe.each(databases.eachSupportedId())(
  'entitlements through the -node package on %p',
  databaseId => {
    it('registers providers and hooks and answers another plugin', async () => {
      const knex = await databases.init(databaseId);
      const switched: string[] = [];
      const reportsModule = createBackendModule({
        pluginId: 'enterprise-console',
        moduleId: 'report-builder-usage',
        register(reg) {
          reg.registerInit({
            deps: { entitlements: enterpriseConsoleEntitlementsExtensionPoint },
            async init({ entitlements }) {
              entitlements.addFeature('report-builder', {
                inUse: async tenantId => tenantId === 'acme-a',
                onSwitchedOn: async tenantId => {
                  switched.push(`on ${tenantId}`);
                },
              });
            },
          });
        },
      });
      let service: EnterpriseConsoleEntitlementsService | undefined;
      const otherPlugin = createBackendPlugin({
        pluginId: 'reminders',
        register(reg) {
          reg.registerInit({
            deps: { entitlements: enterpriseConsoleEntitlementsServiceRef },
            async init({ entitlements }) {
              service = entitlements;
            },
          });
        },
      });
      const { server } = await startTestBackend({
        features: [
          enterpriseConsolePlugin,
          seedModule,
          reportsModule,
          otherPlugin,
          mockServices.database.factory({ knex }),
        ],
      });
      expect(await service!.features('acme-a')).toEqual({
        tenantId: 'acme-a',
        planId: null,
        edition: null,
        granted: [],
        inUse: ['report-builder'],
      });
      expect(await service!.hasFeature('acme-a', 'report-builder')).toBe(false);
      const created = await request(server)
        .post('/api/enterprise-console/v1/billing/subscriptions')
        .send({
          tenantId: 'acme-a',
          planId: 'pro',
          cycle: 'monthly',
          startDate: '2026-01-01',
        });
      expect(created.status).toBe(201);
      expect(switched).toEqual(['on acme-a']);
      expect(await service!.hasFeature('acme-a', 'report-builder')).toBe(true);
      expect(await service!.hasFeature('acme-a', 'custom-roles')).toBe(false);
      expect(await service!.featuresInUse('acme-a')).toEqual([
        'report-builder',
      ]);
      await expect(service!.features('nowhere')).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 404,
      });
    });

    it('refuses a feature key that is not a machine name at startup', async () => {
      const knex = await databases.init(databaseId);
      const badModule = createBackendModule({
        pluginId: 'enterprise-console',
        moduleId: 'bad-feature',
        register(reg) {
          reg.registerInit({
            deps: { entitlements: enterpriseConsoleEntitlementsExtensionPoint },
            async init({ entitlements }) {
              entitlements.addFeature('Report Builder', {});
            },
          });
        },
      });
      await expect(
        startTestBackend({
          features: [
            enterpriseConsolePlugin,
            badModule,
            mockServices.database.factory({ knex }),
          ],
        }),
      ).rejects.toThrow(/Invalid entitlement feature key 'Report Builder'/);
    });
  },
);
