import { EnterpriseConsoleServiceClient } from '@internal/plugin-enterprise-console-node';
import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
// The test reads from the real console backend, not a stand-in.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import enterpriseConsolePlugin from '@internal/plugin-enterprise-console-backend';
import { AddressInfo } from 'node:net';
import { TenantEntityProvider } from './TenantEntityProvider';

jest.setTimeout(60_000);

const seedModule = createSeedModule('catalog-test-seed', async writer => {
  await writer.upsertAccount({
    id: 'acme',
    name: 'Acme Health',
    adminRefs: ['group:default/acme-admins'],
  });
  await writer.upsertAccount({ id: 'solo', name: 'Solo' });
  await writer.upsertTenant({
    id: 'acme-clinic',
    accountId: 'acme',
    name: 'Clinic',
    createdAt: '2025-01-01T00:00:00Z',
  });
  await writer.upsertTenant({
    id: 'solo-one',
    accountId: 'solo',
    name: 'Solo One',
    createdAt: '2025-01-01T00:00:00Z',
  });
});

describe('TenantEntityProvider', () => {
  it('publishes every tenant of the running console backend', async () => {
    const { server } = await startTestBackend({
      features: [enterpriseConsolePlugin, seedModule],
    });
    const { port } = server.address() as AddressInfo;
    const discovery = {
      getBaseUrl: async (pluginId: string) =>
        `http://localhost:${port}/api/${pluginId}`,
      getExternalBaseUrl: async (pluginId: string) =>
        `http://localhost:${port}/api/${pluginId}`,
    };

    const mutations: EntityProviderMutation[] = [];
    const provider = new TenantEntityProvider({
      // As the catalog plugin, the one service the console lets read tenants.
      client: new EnterpriseConsoleServiceClient({
        discovery,
        auth: mockServices.auth({ pluginId: 'catalog' }),
      }),
      logger: mockServices.logger.mock(),
      appBaseUrl: 'http://portal.example',
      defaultOwner: 'group:default/platform',
    });
    await provider.connect({
      applyMutation: async mutation => {
        mutations.push(mutation);
      },
      refresh: async () => {},
    });

    await expect(provider.refresh()).resolves.toBe(2);
    expect(mutations).toHaveLength(1);
    const mutation = mutations[0];
    expect(mutation.type).toBe('full');
    const entities = (mutation as { entities: { entity: Entity }[] }).entities;
    expect(
      entities.map(({ entity }) => [
        entity.metadata.name,
        entity.spec?.type,
        entity.spec?.owner,
        entity.metadata.annotations?.['enterprise-console.io/account'],
      ]),
    ).toEqual([
      ['acme-clinic', 'tenant', 'group:default/acme-admins', 'acme'],
      ['solo-one', 'tenant', 'group:default/platform', 'solo'],
    ]);
  });

  it('refuses to refresh before the catalog connects it', async () => {
    const provider = new TenantEntityProvider({
      client: {} as EnterpriseConsoleServiceClient,
      logger: mockServices.logger.mock(),
      appBaseUrl: 'http://portal.example',
      defaultOwner: 'unknown',
    });
    await expect(provider.refresh()).rejects.toThrow('not connected yet');
  });
});
