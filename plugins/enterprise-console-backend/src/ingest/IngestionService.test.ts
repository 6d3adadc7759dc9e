import { createTestDatabases } from '../__testUtils__/testDatabases';
import { acmeDatabase } from '../__testUtils__/acmeDatabase';
import {
  FULL_RECORDS,
  FULL_RECORDS_READ_BACK,
} from '../__testUtils__/sampleRecords';
import { IngestionService, IngestItem } from './IngestionService';
import { TenantDataStore } from './TenantDataStore';
import { TEST_USAGE_METERS } from '../__testUtils__/usageMeters';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

describe.each(databases.eachSupportedId())(
  'IngestionService on %p',
  databaseId => {
    async function setUp(batchSize?: number) {
      const knex = await acmeDatabase(databases, databaseId, [
        'acme-field',
        'acme-office',
      ]);
      const store = new TenantDataStore(knex);
      return {
        knex,
        store,
        service: new IngestionService(
          knex,
          store,
          TEST_USAGE_METERS,
          batchSize,
        ),
      };
    }

    const items = (values: unknown[]): IngestItem[] =>
      values.map(value => ({ value }));

    it('round-trips every record type with every field', async () => {
      const { store, service } = await setUp();
      expect(await service.ingest(items(FULL_RECORDS))).toEqual({
        accepted: 7,
        unchanged: 0,
        rejected: [],
        rejectedCount: 0,
      });
      for (const expected of FULL_RECORDS_READ_BACK) {
        expect(
          await store.get(expected.type, expected.tenantId, expected.id),
        ).toEqual(expected);
      }
    });

    it('applies defaults and leaves absent optional fields out', async () => {
      const { store, service } = await setUp();
      await service.ingest(
        items([
          {
            type: 'sms',
            tenantId: 'acme-field',
            id: 'm',
            direction: 'incoming',
            parts: 1,
            sentAt: '2026-11-01T08:00:00Z',
            gateway: null,
          },
          {
            type: 'form',
            tenantId: 'acme-field',
            id: 'f',
            userId: 'u',
            submittedAt: '2026-11-01T08:00:00Z',
          },
          {
            type: 'usage',
            tenantId: 'acme-field',
            id: 'q',
            meter: 'api-calls',
            quantity: 3,
            at: '2026-11-01T08:00:00Z',
          },
        ]),
      );
      expect(await store.get('sms', 'acme-field', 'm')).toEqual({
        type: 'sms',
        tenantId: 'acme-field',
        id: 'm',
        direction: 'incoming',
        parts: 1,
        sentAt: '2026-11-01T08:00:00.000Z',
        valid: true,
        error: false,
      });
      expect(await store.get('form', 'acme-field', 'f')).toEqual({
        type: 'form',
        tenantId: 'acme-field',
        id: 'f',
        userId: 'u',
        submittedAt: '2026-11-01T08:00:00.000Z',
        system: false,
      });
      expect(await store.get('usage', 'acme-field', 'q')).toMatchObject({
        quantity: '3',
      });
    });

    it('counts an identical re-send as unchanged, also when written differently', async () => {
      const { service } = await setUp(3);
      await service.ingest(items(FULL_RECORDS));
      expect(await service.ingest(items(FULL_RECORDS))).toEqual({
        accepted: 0,
        unchanged: 7,
        rejected: [],
        rejectedCount: 0,
      });
      // The same values in other notations are the same record.
      expect(await service.ingest(items(FULL_RECORDS_READ_BACK))).toMatchObject(
        {
          accepted: 0,
          unchanged: 7,
        },
      );
      const changed = FULL_RECORDS.map(record =>
        record.type === 'sms' ? { ...record, usageFee: '0.0101' } : record,
      );
      expect(await service.ingest(items(changed))).toMatchObject({
        accepted: 1,
        unchanged: 6,
      });
    });

    it('keeps the good records of a batch with bad ones', async () => {
      const { store, service } = await setUp();
      const result = await service.ingest(
        items([
          { type: 'app', tenantId: 'acme-field', id: 'good-1', name: 'One' },
          { type: 'app', tenantId: 'acme-field', id: 'bad-1', name: '' },
          { type: 'app', tenantId: 'nope', id: 'bad-2', name: 'Lost' },
          { type: 'planet', id: 'bad-3' },
          'not an object',
          { type: 'app', tenantId: 'acme-office', id: 'good-2', name: 'Two' },
        ]),
      );
      expect(result).toEqual({
        accepted: 2,
        unchanged: 0,
        rejected: [
          {
            index: 1,
            id: 'bad-1',
            message:
              'Invalid app: name String must contain at least 1 character(s)',
          },
          {
            index: 3,
            id: 'bad-3',
            message:
              'Invalid record: type must be one of app, user, invitation, form, sms, feed, usage',
          },
          { index: 4, message: 'Invalid record: must be a JSON object' },
          {
            index: 2,
            id: 'bad-2',
            message: 'Invalid app: tenantId nope does not exist',
          },
        ],
        rejectedCount: 4,
      });
      expect(await store.count('app')).toBe(2);
    });

    it('writes a record sent twice in one call in order', async () => {
      const { store, service } = await setUp();
      const app = {
        type: 'app',
        tenantId: 'acme-field',
        id: 'a',
        name: 'First',
      };
      const result = await service.ingest(
        items([
          app,
          app,
          { ...app, name: 'Second' },
          { ...app, type: 'feed', rowCount: 1 },
        ]),
      );
      expect(result).toMatchObject({ accepted: 3, unchanged: 1 });
      expect(await store.get('app', 'acme-field', 'a')).toMatchObject({
        name: 'Second',
      });
      expect(await store.get('feed', 'acme-field', 'a')).toMatchObject({
        name: 'First',
      });
    });

    it('rejects usage events of meters not configured', async () => {
      const { knex, store, service } = await setUp();
      const event = (id: string, meter: string) => ({
        type: 'usage',
        tenantId: 'acme-field',
        id,
        meter,
        quantity: 1,
        at: '2026-11-01T00:00:00Z',
      });
      expect(
        await service.ingest(
          items([event('a', 'api-calls'), event('b', 'api-call')]),
        ),
      ).toEqual({
        accepted: 1,
        unchanged: 0,
        rejected: [
          {
            index: 1,
            id: 'b',
            message:
              'Invalid usage: meter api-call is not a usage meter of this server (enterpriseConsole.usageMeters)',
          },
        ],
        rejectedCount: 1,
      });
      expect(await store.count('usage')).toBe(1);
      // Without configured meters, every usage event is refused.
      const none = new IngestionService(knex, store, []);
      expect(
        (await none.ingest(items([event('c', 'api-calls')]))).rejectedCount,
      ).toBe(1);
    });

    it('writes across many batches and lists at most 1,000 rejections', async () => {
      const { store, service } = await setUp(100);
      const values: unknown[] = [];
      for (let i = 0; i < 2500; i++) {
        values.push({
          type: 'usage',
          tenantId: i % 2 ? 'acme-field' : 'acme-office',
          id: `u-${i}`,
          meter: 'api-calls',
          quantity: i,
          at: '2026-11-01T00:00:00Z',
        });
        values.push({ type: 'usage', id: `bad-${i}` });
      }
      const result = await service.ingest(items(values));
      expect(result.accepted).toBe(2500);
      expect(result.rejectedCount).toBe(2500);
      expect(result.rejected).toHaveLength(1000);
      expect(await store.count('usage')).toBe(2500);
      expect(await store.count('usage', 'acme-field')).toBe(1250);
    });

    it('rolls back an atomic call that fails half-way', async () => {
      const { store, service } = await setUp(2);
      async function* failing(): AsyncGenerator<IngestItem> {
        for (let i = 0; i < 5; i++) {
          yield {
            value: {
              type: 'app',
              tenantId: 'acme-field',
              id: `a${i}`,
              name: 'A',
            },
          };
        }
        throw new Error('connection lost');
      }
      await expect(service.ingest(failing(), { atomic: true })).rejects.toThrow(
        'connection lost',
      );
      expect(await store.count('app')).toBe(0);
    });

    it("deletes a tenant's data with the tenant", async () => {
      const { knex, store, service } = await setUp();
      await service.ingest(items(FULL_RECORDS));
      await knex('tenants').where({ id: 'acme-field' }).delete();
      for (const record of FULL_RECORDS) {
        expect(await store.count(record.type)).toBe(0);
      }
    });
  },
);
