import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_ROLES,
  readRoles,
} from '@internal/plugin-permission-backend-module-enterprise-console-policy';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

/*
 * The config the product ships: app-config.yaml, which production loads
 * too, under app-config.production.yaml (issue 10).
 */

const root = path.resolve(__dirname, '../../../..');
const load = (file: string) =>
  parse(fs.readFileSync(path.join(root, file), 'utf8'));
const development = new ConfigReader(load('app-config.yaml'));
const production = ConfigReader.fromConfigs([
  { context: 'app-config.yaml', data: load('app-config.yaml') },
  {
    context: 'app-config.production.yaml',
    data: load('app-config.production.yaml'),
  },
]);

describe('shipped config', () => {
  it.each([
    ['the roles of app-config.yaml', readRoles(development)],
    ['the roles of app-config.yaml under production', readRoles(production)],
    ['the default roles', [...DEFAULT_ROLES]],
  ])('gives neither ingestion nor admin assignment to %s', (_, roles) => {
    expect(roles.length).toBeGreaterThan(0);
    expect(
      roles
        .filter(
          role =>
            role.permissions.includes('data.ingest') ||
            role.permissions.includes('account.admins.manage'),
        )
        .map(role => role.name),
    ).toEqual([]);
  });

  it.each([
    ['app-config.yaml', readRoles(development)],
    ['app-config.yaml under production', readRoles(production)],
  ])(
    'gives domain.approve to no shipped role, only to the demo persona of %s',
    (_, roles) => {
      const shipped = DEFAULT_ROLES.map(role => role.name);
      expect(
        DEFAULT_ROLES.filter(role =>
          role.permissions.includes('domain.approve'),
        ),
      ).toEqual([]);
      expect(
        roles
          .filter(role => role.permissions.includes('domain.approve'))
          .map(role => ({
            name: role.name,
            shipped: shipped.includes(role.name),
            members: role.members,
          })),
      ).toEqual([
        {
          name: 'platform-admin',
          shipped: false,
          members: ['user:default/demo-platform-admin'],
        },
      ]);
    },
  );

  it('turns demo personas off explicitly in production', () => {
    expect(
      development.getOptionalBoolean('enterpriseConsole.demoPersonas.enabled'),
    ).toBe(true);
    expect(
      new ConfigReader(load('app-config.production.yaml')).getOptionalBoolean(
        'enterpriseConsole.demoPersonas.enabled',
      ),
    ).toBe(false);
    expect(
      production.getOptionalBoolean('enterpriseConsole.demoPersonas.enabled'),
    ).toBe(false);
  });
});
