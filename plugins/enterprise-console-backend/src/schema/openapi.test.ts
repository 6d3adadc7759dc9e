import { routesOf } from '../__testUtils__/routesOf';
import { mockServices } from '@backstage/backend-test-utils';
import { TENANT_DATA_RECORD_TYPES } from '@internal/plugin-enterprise-console-common';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { IngestionService } from '../ingest/IngestionService';
import { RECORD_TYPES } from '../ingest/recordTypes';
import { reportsRouterOnly } from '../reports/__testUtils__/reportsRouterOnly';
import { createRouter } from '../router';
import { createSettingsServices } from '../settings';
import { AccountStore } from '../tenants/AccountStore';
import { TenantDataWriter } from '../tenants/TenantDataWriter';
import { TenantOverviewStore } from '../tenants/TenantOverviewStore';
import { TenantStore } from '../tenants/TenantStore';

const spec = parse(
  fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
);

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const knex = {} as any; // stores are only constructed, never queried here
    const accounts = new AccountStore(knex);
    const tenants = new TenantStore(knex);
    const ingestion = new IngestionService(knex, {} as any);
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      authorizer: {} as any, // only constructed here
      auditor: mockServices.auditor.mock(),
      accounts,
      tenants,
      overviews: new TenantOverviewStore(knex),
      ingestion,
      writer: new TenantDataWriter(accounts, tenants, ingestion),
      ...createSettingsServices({
        db: knex,
        config: mockServices.rootConfig(),
        permissions: mockServices.permissions(),
        accounts,
        tenants,
      }),
      reports: await reportsRouterOnly(),
    });
    const served = routesOf(router).sort();
    const documented = Object.entries(spec.paths as Record<string, object>)
      .flatMap(([routePath, operations]) =>
        Object.keys(operations).map(
          method => `${method.toUpperCase()} ${routePath}`,
        ),
      )
      .sort();
    expect(served).toEqual(documented);
  });

  it.each(TENANT_DATA_RECORD_TYPES)(
    'describes the fields of %s records as validated',
    type => {
      const name = `${type.charAt(0).toUpperCase()}${type.slice(1)}Record`;
      const schema = spec.components.schemas[name];
      const { fields } = RECORD_TYPES[type];
      expect(Object.keys(schema.properties).sort()).toEqual(
        ['type', ...Object.keys(fields)].sort(),
      );
      expect([...schema.required].sort()).toEqual(
        [
          'type',
          ...Object.entries(fields)
            .filter(([, f]) => f.required)
            .map(([n]) => n),
        ].sort(),
      );
      expect(schema.additionalProperties).toBe(false);
    },
  );
});
