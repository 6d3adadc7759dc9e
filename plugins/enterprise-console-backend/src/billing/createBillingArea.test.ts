import { BillingPlan } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import {
  BILLING_MANAGER as MANAGER,
  BILLING_READER as READER,
  NO_PERMISSIONS as NOBODY,
} from './__testUtils__/billingGrants';
import { JsonObject, startBillingArea } from './__testUtils__/billingTestArea';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateKnex } from '../database/migrateDatabase';

const databases = createTestDatabases({ testTimeoutMs: 60_000 });

async function setup(knex: Knex, config: JsonObject = {}) {
  await migrateKnex(knex);
  return startBillingArea(knex, { config });
}

const standardV1: BillingPlan = {
  id: 'standard',
  version: 1,
  name: 'Standard',
  edition: 'standard',
  monthlyFee: '300.00',
  includedUsers: 50,
  extraUserFee: '2.00',
  includedSms: 50,
  features: ['api-access', 'sms-reminders'],
  supportLevel: 'General support with direct email follow-up',
  baa: false,
  visibility: 'public',
};

/** The writable fields of a plan. */
const inputOf = ({ id: _id, version: _version, ...input }: BillingPlan) =>
  input;

describe.each(databases.eachSupportedId())(
  'billing plans on %p',
  databaseId => {
    it('upserts billing.md default catalogue at start, cheapest first, by-contract last', async () => {
      const { as } = await setup(await databases.init(databaseId));
      const res = await as(READER).get('/v1/billing/plans');
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((plan: BillingPlan) => [
          plan.id,
          plan.version,
          plan.monthlyFee,
          plan.includedUsers,
          plan.extraUserFee,
          plan.includedSms,
          plan.baa,
        ]),
      ).toEqual([
        ['community', 1, '0.00', 10, '2.00', 0, false],
        ['standard', 1, '300.00', 50, '2.00', 50, false],
        ['pro', 1, '600.00', 250, '2.00', 50, false],
        ['advanced', 1, '1200.00', 500, '2.00', 50, true],
        ['enterprise', 1, null, null, null, null, true],
      ]);
      expect(res.body.items[1]).toEqual(standardV1);
    });

    it('adds a version on a price change and keeps the old one readable', async () => {
      const { as, auditor } = await setup(await databases.init(databaseId));
      const res = await as(MANAGER).put('/v1/billing/plans/standard', {
        ...inputOf(standardV1),
        monthlyFee: '320.00',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...standardV1,
        version: 2,
        monthlyFee: '320.00',
      });
      expect((await as(READER).get('/v1/billing/plans/standard')).body).toEqual(
        res.body,
      );
      expect(
        (await as(READER).get('/v1/billing/plans/standard?version=1')).body,
      ).toEqual(standardV1);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'billing-plan-update',
          meta: { planId: 'standard', actor: MANAGER },
        }),
      );
    });

    it('applies descriptive changes to every version without adding one', async () => {
      const { as } = await setup(await databases.init(databaseId));
      await as(MANAGER).put('/v1/billing/plans/standard', {
        ...inputOf(standardV1),
        includedUsers: 60,
      });
      const renamed = await as(MANAGER).put('/v1/billing/plans/standard', {
        ...inputOf(standardV1),
        includedUsers: 60,
        name: 'Standard 2026',
        features: ['api-access', 'sms-reminders', 'odata-feeds'],
        baa: true,
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        version: 2,
        includedUsers: 60,
        name: 'Standard 2026',
        baa: true,
      });
      expect(
        (await as(READER).get('/v1/billing/plans/standard?version=1')).body,
      ).toEqual({
        ...standardV1,
        name: 'Standard 2026',
        features: ['api-access', 'sms-reminders', 'odata-feeds'],
        baa: true,
      });
    });

    it('creates plans with 201 and hides internal ones from non-managers', async () => {
      const { as } = await setup(await databases.init(databaseId));
      const pilot = {
        ...inputOf(standardV1),
        name: 'Pilot',
        edition: 'pilot',
        monthlyFee: '99.99',
        annualMonthlyPrice: '89.99',
        visibility: 'internal',
      };
      const created = await as(MANAGER).put('/v1/billing/plans/pilot', pilot);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: 'pilot', version: 1, ...pilot });
      const ids = async (user: string) =>
        (await as(user).get('/v1/billing/plans')).body.items.map(
          (plan: BillingPlan) => plan.id,
        );
      expect(await ids(MANAGER)).toContain('pilot');
      expect(await ids(READER)).not.toContain('pilot');
      expect((await as(READER).get('/v1/billing/plans/pilot')).status).toBe(
        404,
      );
      expect((await as(MANAGER).get('/v1/billing/plans/pilot')).status).toBe(
        200,
      );
    });

    it('refuses callers without billing permissions', async () => {
      const { as } = await setup(await databases.init(databaseId));
      expect((await as(NOBODY).get('/v1/billing/plans')).status).toBe(403);
      expect((await as(NOBODY).get('/v1/billing/plans/standard')).status).toBe(
        403,
      );
      const put = await as(READER).put('/v1/billing/plans/standard', {
        ...inputOf(standardV1),
        monthlyFee: '1.00',
      });
      expect(put.status).toBe(403);
      expect(put.body.error.message).toBe(
        'Not allowed: enterprise-console.billing.manage is required',
      );
      expect((await as(READER).get('/v1/billing/plans/standard')).body).toEqual(
        standardV1,
      );
    });

    it.each([
      ['monthlyFee', '1e3'],
      ['monthlyFee', '12.345'],
      ['monthlyFee', -1],
      ['monthlyFee', '-1.00'],
      ['monthlyFee', 300],
      ['extraUserFee', '2'],
      ['annualMonthlyPrice', null],
      ['includedUsers', -1],
      ['includedUsers', 1.5],
      ['features', ['api-access', 'api-access']],
      ['features', ['Not A Key']],
      ['visibility', 'secret'],
      ['name', ''],
      ['name', 'Line\u0000break'],
      ['unknownField', true],
    ])('answers 400 for %s = %j and changes nothing', async (field, value) => {
      const { as } = await setup(await databases.init(databaseId));
      const res = await as(MANAGER).put('/v1/billing/plans/standard', {
        ...inputOf(standardV1),
        [field]: value,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        field === 'unknownField' ? /unknownField/ : new RegExp(field),
      );
      expect((await as(READER).get('/v1/billing/plans/standard')).body).toEqual(
        standardV1,
      );
    });

    // Money on the wire is a two-decimal string and never negative here:
    // every money field of the plan body refuses the same bad amounts.
    it.each(
      ['monthlyFee', 'annualMonthlyPrice', 'extraUserFee'].flatMap(field =>
        ['1e3', '12.345', -1, '-1.00', '12.3', ' 1.00'].map(
          value => [field, value] as const,
        ),
      ),
    )('answers 400 for money %s = %j', async (field, value) => {
      const { as } = await setup(await databases.init(databaseId));
      const res = await as(MANAGER).put('/v1/billing/plans/standard', {
        ...inputOf(standardV1),
        [field]: value,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
      expect((await as(READER).get('/v1/billing/plans/standard')).body).toEqual(
        standardV1,
      );
    });

    it('answers 400 for a bad version or plan id and 404 for unknown ones', async () => {
      const { as } = await setup(await databases.init(databaseId));
      for (const version of ['0', '-1', 'x', '1.5', '99999999999']) {
        const res = await as(READER).get(
          `/v1/billing/plans/standard?version=${version}`,
        );
        expect(res.status).toBe(400);
      }
      expect(
        (await as(READER).get('/v1/billing/plans/standard?version=7')).status,
      ).toBe(404);
      expect((await as(READER).get('/v1/billing/plans/nope')).status).toBe(404);
      expect(
        (await as(MANAGER).put('/v1/billing/plans/Bad_Id', inputOf(standardV1)))
          .status,
      ).toBe(400);
    });

    it('keeps API edits across restarts until the config entry itself changes', async () => {
      const knex = await databases.init(databaseId);
      const { as, build } = await setup(knex);
      await as(MANAGER).put('/v1/billing/plans/standard', {
        ...inputOf(standardV1),
        monthlyFee: '320.00',
      });
      // A restart with the same (default) catalogue leaves the edit alone.
      await build({}).start!();
      expect(
        (await as(READER).get('/v1/billing/plans/standard')).body,
      ).toMatchObject({ version: 2, monthlyFee: '320.00' });
      // A changed config entry applies, as the plan's next version.
      await build({
        enterpriseConsole: {
          billing: {
            plans: [
              { ...inputOf(standardV1), id: 'standard', monthlyFee: '350.00' },
            ],
          },
        },
      }).start!();
      expect(
        (await as(READER).get('/v1/billing/plans/standard')).body,
      ).toMatchObject({ version: 3, monthlyFee: '350.00' });
    });
  },
);

describe('enterpriseConsole.billing.plans config', () => {
  it('fails startup naming the entry and field', async () => {
    const knex = await databases.init('SQLITE_3');
    const { build } = await setup(knex);
    expect(() =>
      build({
        enterpriseConsole: {
          billing: {
            plans: [{ id: 'x', name: 'X', edition: 'x', monthlyFee: 5 }],
          },
        },
      }),
    ).toThrow(
      'Invalid config enterpriseConsole.billing.plans[0]: monthlyFee Expected string, received number',
    );
    expect(() =>
      build({
        enterpriseConsole: {
          billing: {
            plans: [
              { id: 'x', name: 'X', edition: 'x' },
              { id: 'x', name: 'Y', edition: 'x' },
            ],
          },
        },
      }),
    ).toThrow(
      'Invalid config enterpriseConsole.billing.plans[1].id: plan x is listed twice',
    );
  });

  it('reads omitted fees and limits as by contract and unlimited', async () => {
    const knex = await databases.init('SQLITE_3');
    const { as } = await setup(knex, {
      enterpriseConsole: {
        billing: {
          plans: [{ id: 'custom', name: 'Custom', edition: 'custom' }],
        },
      },
    });
    expect((await as(READER).get('/v1/billing/plans')).body.items).toEqual([
      {
        id: 'custom',
        version: 1,
        name: 'Custom',
        edition: 'custom',
        monthlyFee: null,
        includedUsers: null,
        extraUserFee: null,
        includedSms: null,
        features: [],
        supportLevel: '',
        baa: false,
        visibility: 'public',
      },
    ]);
  });
});
