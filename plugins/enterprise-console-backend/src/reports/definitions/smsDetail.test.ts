import { ReportRunParameters } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { csvFile } from '../../__testUtils__/csvFile';
import { reportRecords } from '../../__testUtils__/reportRecords';
import { itWritesExactFiles } from '../../__testUtils__/itWritesExactFiles';
import {
  REPORT_FIXTURE_NOW,
  reportFixtureContext,
  reportFixtureDatabase,
} from '../../__testUtils__/reportFixture';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { TenantStore } from '../../tenants/TenantStore';
import { tenantSchema } from '../../tenants';
import { ReportDefinition } from '../ReportDefinition';
import { SmsMessageStore } from '../sms/SmsMessageStore';
import { createSmsDetailReport } from './smsDetail';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

const HEADER = [
  'Date of Message',
  'Project Space Name',
  'Direction',
  'SMS Parts',
  'Gateway',
  'Gateway Charge',
  'Usage Charge',
  'Total Charge',
  'Message Log ID',
  'Is Valid',
  'Date Created',
];

/**
 * The fixture's messages of acme from 2026-10-21 to now, by date of
 * message, then id, then tenant: s-3 with fees of fractions of a cent
 * (0.0001 and 0.0005 per part), s-2 with no fees at all, s-6 with a zero
 * gateway fee, s-4 with no gateway, the two s-1 at the same time (alpha
 * before beta-2), s-8 with 1000 parts. Times to the second; Date Created is
 * the date sent where a message has none.
 */
const ROWS = [
  [
    '2026-10-21 11:59:59',
    'alpha',
    'Outgoing',
    '3',
    'telerivet',
    '0.0003',
    '0.0015',
    '0.0018',
    's-3',
    'No',
    '2026-10-21 11:59:59',
  ],
  [
    '2026-10-21 12:00:00',
    'alpha',
    'Incoming',
    '1',
    'twilio',
    '0.0000',
    '0.0000',
    '0.0000',
    's-2',
    'Yes',
    '2026-10-21 12:00:00',
  ],
  [
    '2026-11-13 00:00:00',
    'alpha',
    'Outgoing',
    '1',
    'twilio',
    '0.0000',
    '0.0500',
    '0.0500',
    's-6',
    'Yes',
    '2026-11-13 00:00:00',
  ],
  [
    '2026-11-13 14:15:16',
    'beta-2',
    'Incoming',
    '2',
    'telerivet',
    '0.0000',
    '0.0100',
    '0.0100',
    's-7',
    'Yes',
    '2026-11-13 14:15:16',
  ],
  [
    '2026-11-15 00:00:00',
    'alpha',
    'Outgoing',
    '1',
    '',
    '0.0000',
    '0.0125',
    '0.0125',
    's-4',
    'No',
    '2026-11-15 00:00:00',
  ],
  [
    '2026-11-18 10:00:00',
    'alpha',
    'Incoming',
    '4',
    "'=evil",
    '4.9380',
    '1.3332',
    '6.2712',
    's-5',
    'Yes',
    '2026-11-18 10:00:00',
  ],
  [
    '2026-11-19 08:00:00',
    'alpha',
    'Outgoing',
    '2',
    'twilio',
    '0.0150',
    '0.0200',
    '0.0350',
    's-1',
    'Yes',
    '2026-11-19 07:59:00',
  ],
  [
    '2026-11-19 08:00:00',
    'beta-2',
    'Outgoing',
    '1',
    'twilio',
    '0.0075',
    '0.0100',
    '0.0175',
    's-1',
    'Yes',
    '2026-11-19 08:00:01',
  ],
  [
    '2026-11-19 23:00:00',
    'beta-2',
    'Outgoing',
    '1000',
    'twilio',
    '9999.9000',
    '0.1000',
    '10000.0000',
    's-8',
    'Yes',
    '2026-11-19 23:00:00',
  ],
];

const COMMA_FILE = csvFile([HEADER, ...ROWS].map(row => row.join(',')));
const PIPE_FILE = csvFile([HEADER, ...ROWS].map(row => row.join('|')));

const WIDE_RANGE = {
  messageFrom: '2026-10-21',
  messageTo: '2026-11-20T12:00:00Z',
};

describe.each(databases.eachSupportedId())(
  'sms-detail report on %p',
  databaseId => {
    let knex: Knex;

    let smsDetailReport: ReportDefinition;

    beforeAll(async () => {
      knex = await reportFixtureDatabase(databases, databaseId);
      smsDetailReport = createSmsDetailReport({
        sms: new SmsMessageStore(knex),
      });
    });

    const resolve = (request: ReportRunParameters) =>
      smsDetailReport.resolveParameters(request, {
        db: knex,
        accountId: 'acme',
        now: REPORT_FIXTURE_NOW,
      });

    /** The message ids (tenant/id) a run with these filters reports. */
    async function messagesOf(filters: ReportRunParameters['filters']) {
      const parameters = await resolve({ filters });
      const records = await reportRecords(
        smsDetailReport,
        reportFixtureContext(knex, { parameters }),
      );
      return records.map(
        record => `${record['Project Space Name']}/${record['Message Log ID']}`,
      );
    }

    itWritesExactFiles({
      definition: () => smsDetailReport,
      context: async overrides =>
        reportFixtureContext(knex, {
          parameters: await resolve({ filters: WIDE_RANGE }),
          ...overrides,
        }),
      files: { ',': COMMA_FILE, '|': PIPE_FILE },
      batchSizes: [1, 2, 4],
    });

    it('fixes the default range, the last 7 days, when the run is asked for', async () => {
      const parameters = await resolve({ email: true });
      expect(parameters).toEqual({
        email: true,
        filters: {
          messageFrom: '2026-11-13T12:00:00.000Z',
          messageTo: '2026-11-20T12:00:00.000Z',
          tenantIds: [],
          hasGatewayFee: 'all',
          validity: 'all',
        },
      });
      // Rows come from the stored parameters, not from the time the run runs.
      const records = await reportRecords(
        smsDetailReport,
        reportFixtureContext(knex, {
          parameters,
          requestedAt: new Date('2030-01-01T00:00:00Z'),
        }),
      );
      expect(records.map(record => record['Message Log ID'])).toEqual([
        's-7',
        's-4',
        's-5',
        's-1',
        's-1',
        's-8',
      ]);
    });

    it('takes the range of the dashboard as from/to', async () => {
      expect(
        (await resolve({ from: '2026-11-19', to: '2026-11-19' })).filters,
      ).toMatchObject({
        messageFrom: '2026-11-19T00:00:00.000Z',
        messageTo: '2026-11-20T00:00:00.000Z',
      });
      await expect(
        resolve({ from: '2026-11-19', filters: { messageTo: '2026-11-20' } }),
      ).rejects.toThrow(
        'Give the date of message range either as from/to or as filters.messageFrom/filters.messageTo, not both',
      );
    });

    it('filters by tenants of the account', async () => {
      expect(
        await messagesOf({ ...WIDE_RANGE, tenantIds: ['beta-2'] }),
      ).toEqual(['beta-2/s-7', 'beta-2/s-1', 'beta-2/s-8']);
      // Empty means every tenant of the account.
      expect(await messagesOf({ ...WIDE_RANGE, tenantIds: [] })).toHaveLength(
        9,
      );
      await expect(
        resolve({ filters: { tenantIds: ['beta-2', 'aaa'] } }),
      ).rejects.toThrow(
        'filters.tenantIds: "aaa" is not a tenant of account acme',
      );
      await expect(
        resolve({ filters: { tenantIds: ['no-such-tenant'] } }),
      ).rejects.toThrow(
        'filters.tenantIds: "no-such-tenant" is not a tenant of account acme',
      );
    });

    it('filters by gateway, gateway fee and validity', async () => {
      expect(await messagesOf({ ...WIDE_RANGE, gateway: 'telerivet' })).toEqual(
        ['alpha/s-3', 'beta-2/s-7'],
      );
      expect(await messagesOf({ ...WIDE_RANGE, gateway: 'Twilio' })).toEqual(
        [],
      );
      // A zero gateway fee (s-6) is no fee.
      expect(await messagesOf({ ...WIDE_RANGE, hasGatewayFee: 'yes' })).toEqual(
        ['alpha/s-3', 'alpha/s-5', 'alpha/s-1', 'beta-2/s-1', 'beta-2/s-8'],
      );
      expect(await messagesOf({ ...WIDE_RANGE, hasGatewayFee: 'no' })).toEqual([
        'alpha/s-2',
        'alpha/s-6',
        'beta-2/s-7',
        'alpha/s-4',
      ]);
      expect(await messagesOf({ ...WIDE_RANGE, validity: 'invalid' })).toEqual([
        'alpha/s-3',
        'alpha/s-4',
      ]);
      expect(
        await messagesOf({ ...WIDE_RANGE, validity: 'valid' }),
      ).toHaveLength(7);
      expect(
        await messagesOf({
          ...WIDE_RANGE,
          gateway: 'twilio',
          hasGatewayFee: 'yes',
          validity: 'valid',
          tenantIds: ['alpha'],
        }),
      ).toEqual(['alpha/s-1']);
    });

    it('filters by date of message, half-open', async () => {
      expect(
        await messagesOf({
          messageFrom: '2026-11-19T08:00:00Z',
          messageTo: '2026-11-19T23:00:00Z',
        }),
      ).toEqual(['alpha/s-1', 'beta-2/s-1']);
    });

    it('filters by date created, which is the date sent when a message has none', async () => {
      // alpha's s-1 was created at 07:59:00, beta-2's at 08:00:01.
      expect(
        await messagesOf({
          ...WIDE_RANGE,
          createdFrom: '2026-11-19T07:59:00Z',
          createdTo: '2026-11-19T08:00:01Z',
        }),
      ).toEqual(['alpha/s-1']);
      // s-8 has no date created: its date sent counts.
      expect(
        await messagesOf({
          ...WIDE_RANGE,
          createdFrom: '2026-11-19T08:00:00Z',
        }),
      ).toEqual(['beta-2/s-1', 'beta-2/s-8']);
      // A date alone as the end includes that whole day.
      expect(
        await messagesOf({ ...WIDE_RANGE, createdTo: '2026-11-13' }),
      ).toEqual(['alpha/s-3', 'alpha/s-2', 'alpha/s-6', 'beta-2/s-7']);
    });

    it('refuses filters it cannot read, naming them', async () => {
      await expect(
        resolve({ filters: { messageFrom: 'yesterday' } }),
      ).rejects.toThrow('filters.messageFrom must be an ISO 8601 date or time');
      await expect(
        resolve({
          filters: { messageFrom: '2026-08-01', messageTo: '2026-11-01' },
        }),
      ).rejects.toThrow('Date ranges longer than 90 days are not supported');
      await expect(
        resolve({
          filters: { createdFrom: '2026-11-03', createdTo: '2026-11-01' },
        }),
      ).rejects.toThrow(
        'filters.createdFrom must not be after filters.createdTo',
      );
      await expect(
        resolve({ filters: { hasGatewayFee: 'maybe' as any } }),
      ).rejects.toThrow('filters.hasGatewayFee must be one of yes, no, all');
      await expect(
        resolve({ filters: { validity: 'true' as any } }),
      ).rejects.toThrow('filters.validity must be one of valid, invalid, all');
      await expect(
        resolve({ filters: { gateway: 'x'.repeat(101) } }),
      ).rejects.toThrow(
        'filters.gateway must be a gateway name of at most 100 characters',
      );
      await expect(
        resolve({ filters: { colour: 'red' } as any }),
      ).rejects.toThrow('filters.colour is not an SMS report filter');
    });

    it('leaves out a tenant that moved to another account since the run was asked for', async () => {
      const parameters = await resolve({
        filters: { ...WIDE_RANGE, tenantIds: ['alpha', 'beta-2'] },
      });
      const tenants = new TenantStore(knex);
      const moveBeta = (accountId: string) =>
        tenants.upsert(
          tenantSchema.parse({
            id: 'beta-2',
            accountId,
            name: 'Beta, Two | Ünïcødé',
            createdAt: '2025-06-01T00:00:00Z',
          }),
        );
      await moveBeta('other-org');
      try {
        const records = await reportRecords(
          smsDetailReport,
          reportFixtureContext(knex, { parameters }),
        );
        expect(new Set(records.map(r => r['Project Space Name']))).toEqual(
          new Set(['alpha']),
        );
      } finally {
        await moveBeta('acme');
      }
    });
  },
);
