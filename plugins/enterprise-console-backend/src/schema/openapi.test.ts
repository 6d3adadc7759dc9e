import { TENANT_DATA_RECORD_TYPES } from '@internal/plugin-enterprise-console-common';
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { servedRoutes } from '../__testUtils__/servedRoutes';
import { RECORD_TYPES } from '../ingest';

const spec = parse(
  fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
);

describe('openapi.yaml', () => {
  it('is what the generated router, endpoint map and models were generated from', () => {
    const check = spawnSync(
      process.execPath,
      [path.join(__dirname, '../../scripts/generate-openapi.mjs'), '--check'],
      { encoding: 'utf8' },
    );
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('documents exactly the routes the router serves', async () => {
    const served = (await servedRoutes()).sort();
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
