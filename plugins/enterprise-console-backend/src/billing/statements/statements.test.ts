import Big from 'big.js';
import { Knex } from 'knex';
import request from 'supertest';
import {
  BILLING_MANAGER as MANAGER,
  BILLING_READER as READER,
  NO_PERMISSIONS as NOBODY,
} from '../__testUtils__/billingGrants';
import {
  callerHeader,
  JsonObject,
  requestsAs,
  startBillingArea,
  testClock,
} from '../__testUtils__/billingTestArea';
import { apiApp } from '../../__testUtils__/apiApp';
import { binaryBody } from '../../__testUtils__/binaryBody';
import { pdfText } from '../../__testUtils__/pdfText';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { migrateKnex } from '../../database/migrateDatabase';
import {
  inboxEmailConfig,
  startSmtpInbox,
} from '../../mail/__testUtils__/smtpInbox';
import {
  AccountStore,
  accountSchema,
  TenantStore,
  tenantSchema,
} from '../../tenants';
import { CreditStore } from '../credits/CreditStore';
import { InvoiceStore } from '../invoices/InvoiceStore';

const databases = createTestDatabases({ testTimeoutMs: 90_000 });

const ZOE = 'Zoë & Søn <x>';
const HOSTILE = 'Evil <script>alert(1)</script> & Co';

/**
 * Accounts zoe (consolidated, named with accents and markup), evil
 * (per tenant, a name with a script tag, admins with emails) and lone (no
 * admins), a tenant each, the clock on 2016-03-10.
 */
async function setup(knex: Knex, config: JsonObject = {}) {
  await migrateKnex(knex);
  const accounts = new AccountStore(knex);
  const tenants = new TenantStore(knex);
  await accounts.upsert(
    accountSchema.parse({ id: 'zoe', name: ZOE, invoicing: 'consolidated' }),
  );
  await accounts.upsert(
    accountSchema.parse({
      id: 'evil',
      name: HOSTILE,
      adminEmails: [
        'boss@evil.example',
        'Boss@Evil.example',
        'ops@evil.example',
      ],
    }),
  );
  await accounts.upsert(accountSchema.parse({ id: 'lone', name: 'Lone' }));
  for (const [id, accountId] of [
    ['zoe-main', 'zoe'],
    ['evil-a', 'evil'],
    ['lone-a', 'lone'],
  ]) {
    await tenants.upsert(
      tenantSchema.parse({
        id,
        accountId,
        name: `${id} clinic`,
        createdAt: '2015-01-15T08:00:00Z',
      }),
    );
  }
  const clock = testClock('2016-03-10');
  const started = await startBillingArea(knex, {
    config,
    accounts,
    tenants,
    now: clock.now,
  });
  const { as } = started;
  const subscribe = async (tenantId: string) => {
    const res = await as(MANAGER).post('/v1/billing/subscriptions', {
      tenantId,
      planId: 'standard',
      cycle: 'monthly',
      startDate: '2016-02-23',
    });
    expect(res.status).toBe(201);
  };
  const invoiceOf = async (query: string) => {
    const res = await as(READER).get(`/v1/billing/invoices?${query}`);
    expect(res.body.items).toHaveLength(1);
    return res.body.items[0];
  };
  const pdfOf = (id: string, caller = READER) =>
    request(started.app)
      .get(`/v1/billing/invoices/${id}/pdf`)
      .set('authorization', callerHeader(caller))
      .buffer(true)
      .parse(binaryBody);
  return { ...started, subscribe, invoiceOf, pdfOf, knex };
}

/** Config that mails through `port`, with a named seller. */
const mailConfig = (port: number, extra: JsonObject = {}): JsonObject => ({
  notifications: { processors: { email: inboxEmailConfig(port) } },
  enterpriseConsole: {
    billing: {
      seller: {
        name: 'Console Billing Ltd',
        address: ['1 Main St', 'Springfield'],
      },
      ...extra,
    },
  },
});

describe.each(databases.eachSupportedId())('statements on %p', databaseId => {
  it('serves the PDF of a statement: number, period, dates, lines, totals and the account name', async () => {
    const { as, subscribe, invoiceOf, pdfOf, auditor } = await setup(
      await databases.init(databaseId),
    );
    await subscribe('zoe-main');
    await as(MANAGER).post('/v1/billing/invoice-runs', { period: '2016-02' });
    const invoice = await invoiceOf('accountId=zoe');
    expect([invoice.number, invoice.total, invoice.balance]).toEqual([
      1,
      '72.38',
      '72.38',
    ]);

    const res = await pdfOf(invoice.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="statement-1.pdf"; filename*=UTF-8''statement-1.pdf`,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pdf = await pdfText(res.body);
    expect(pdf.pages).toBe(1);
    const lines = pdf.text.split('\n');
    for (const expected of [
      'Enterprise Console Statement',
      `Account ${ZOE}`,
      'Statement number 1',
      'Period 2016-02 (2016-02-01 to 2016-02-29)',
      'Issue date 2016-03-10',
      'Due date No payment due date',
      'Status Open',
      'Description Quantity Unit price Amount Credit applied',
      'Standard plan, 7 of 29 days of 2016-02 7 10.34 72.38 0.00',
      'Subtotal USD 72.38',
      'Credits applied USD 0.00',
      'Total USD 72.38',
      'Paid USD 0.00',
      'Balance due USD 72.38',
    ]) {
      expect(lines).toContain(expected);
    }
    expect(pdf.info).toMatchObject({
      Title: 'Statement 1',
      CreationDate: 'D:20160310120000Z',
    });

    // The same invoice gives the same bytes.
    expect((await pdfOf(invoice.id)).body.equals(res.body)).toBe(true);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'billing-statement-download',
        meta: {
          actor: READER,
          invoiceId: invoice.id,
          accountId: 'zoe',
          number: 1,
        },
      }),
    );
  });

  it('shows characters the standard fonts lack as ?, a due date, and the tenant', async () => {
    const knex = await databases.init(databaseId);
    const { as, subscribe, invoiceOf, pdfOf } = await setup(knex);
    await new AccountStore(knex).upsert(
      accountSchema.parse({
        id: 'lone',
        name: 'Lone 漢字 💩 €',
        autopay: true,
      }),
    );
    await subscribe('lone-a');
    await as(MANAGER).post('/v1/billing/invoice-runs', { period: '2016-02' });
    const invoice = await invoiceOf('accountId=lone');
    const pdf = await pdfText((await pdfOf(invoice.id)).body);
    const lines = pdf.text.split('\n');
    expect(lines).toContain('Account Lone ?? ? €');
    expect(lines).toContain('Tenant lone-a clinic');
    expect(lines).toContain('Due date 2016-03-30');
  });

  it('breaks a long statement over pages, wrapping long descriptions, with the note', async () => {
    const knex = await databases.init(databaseId);
    const { pdfOf } = await setup(knex);
    const invoice = await new InvoiceStore(knex, new CreditStore(knex)).insert(
      {
        key: 'account:zoe',
        accountId: 'zoe',
        period: '2016-02',
        periodStart: '2016-02-01',
        periodEnd: '2016-02-29',
        lines: Array.from({ length: 60 }, (_, i) => ({
          kind: 'sms' as const,
          description: `Line ${i + 1} ${'long '.repeat(i === 0 ? 40 : 1)}`,
          quantity: 1,
          amount: new Big('1.25'),
        })),
        note: 'Counted on 2016-03-01.',
      },
      new Date('2016-03-01T01:30:00Z'),
    );
    const pdf = await pdfText((await pdfOf(invoice!.id)).body);
    expect(pdf.pages).toBe(2);
    const lines = pdf.text.split('\n');
    expect(lines).toContain('Line 60 long 1 1.25 1.25 0.00');
    expect(lines).toContain('Total USD 75.00');
    expect(lines).toContain('Note: Counted on 2016-03-01.');
  });

  it('answers 404 for an unknown invoice and 403 without billing.read', async () => {
    const { pdfOf } = await setup(await databases.init(databaseId));
    const unknown = await pdfOf('00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const notUuid = await pdfOf('not-an-id');
    expect(notUuid.status).toBe(404);
    expect(
      (await pdfOf('00000000-0000-4000-8000-000000000000', NOBODY)).status,
    ).toBe(403);
  });

  it('emails a statement to the billing contacts with its PDF, escaped, and records when', async () => {
    const inbox = await startSmtpInbox();
    try {
      const { as, subscribe, invoiceOf, auditor } = await setup(
        await databases.init(databaseId),
        mailConfig(inbox.port, { statementEmails: { enabled: false } }),
      );
      await subscribe('evil-a');
      await as(MANAGER).post('/v1/billing/invoice-runs', { period: '2016-02' });
      expect(inbox.mails).toEqual([]);
      await as(MANAGER).put('/v1/billing/accounts/evil/contacts', {
        items: [
          { name: 'Anna', email: 'anna@evil.example', role: 'AP' },
          { name: 'Carl', email: 'carl@evil.example', role: 'CFO' },
        ],
      });
      const invoice = await invoiceOf('accountId=evil');
      expect(invoice.emailedAt).toBeUndefined();

      const res = await as(MANAGER).post(
        `/v1/billing/invoices/${invoice.id}/email`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sentTo: ['anna@evil.example', 'carl@evil.example'],
      });
      expect(inbox.mails).toHaveLength(1);
      const [mail] = inbox.mails;
      expect(mail.to).toEqual(['anna@evil.example', 'carl@evil.example']);
      expect(mail.subject).toBe(`Statement 1 for 2016-02 — ${HOSTILE}`);
      expect(mail.html).toContain(
        'for <strong>Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co (evil-a clinic)</strong>',
      );
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain(
        '<td>Balance due</td><td align="right">USD 72.38</td>',
      );
      expect(mail.text).toContain(
        `Statement 1 of Console Billing Ltd for ${HOSTILE} (evil-a clinic), period 2016-02 (2016-02-01 to 2016-02-29).`,
      );
      expect(mail.text).toContain(
        'Balance due: USD 72.38\nNo payment due date',
      );
      expect(mail.attachments.map(a => [a.filename, a.contentType])).toEqual([
        ['statement-1.pdf', 'application/pdf'],
      ]);
      const pdf = await pdfText(mail.attachments[0].content);
      expect(pdf.text.split('\n')).toEqual(
        expect.arrayContaining([
          'Console Billing Ltd',
          '1 Main St',
          'Springfield',
          'Statement',
          'Account Evil <script>alert(1)</script> & Co',
          'Statement number 1',
          'Balance due USD 72.38',
        ]),
      );

      expect((await invoiceOf('accountId=evil')).emailedAt).toBe(
        '2016-03-10T12:00:00.000Z',
      );
      const event = await auditor.createEvent.mock.results.at(-1)!.value;
      expect(auditor.createEvent.mock.calls.at(-1)![0].eventId).toBe(
        'billing-invoice-email',
      );
      expect(event.success).toHaveBeenCalledWith({
        meta: {
          actor: MANAGER,
          invoiceId: invoice.id,
          accountId: 'evil',
          number: 1,
          sentTo: ['anna@evil.example', 'carl@evil.example'],
        },
      });
    } finally {
      await inbox.close();
    }
  });

  it("sends to the account's admins when it has no contacts, and refuses with 409 when nobody or no transport", async () => {
    const inbox = await startSmtpInbox();
    try {
      const { as, subscribe, invoiceOf, build } = await setup(
        await databases.init(databaseId),
        mailConfig(inbox.port, { statementEmails: { enabled: false } }),
      );
      await subscribe('evil-a');
      await subscribe('lone-a');
      await as(MANAGER).post('/v1/billing/invoice-runs', { period: '2016-02' });
      const evil = await invoiceOf('accountId=evil');
      const lone = await invoiceOf('accountId=lone');

      const toAdmins = await as(MANAGER).post(
        `/v1/billing/invoices/${evil.id}/email`,
      );
      expect(toAdmins.body).toEqual({
        sentTo: ['boss@evil.example', 'ops@evil.example'],
      });
      expect(inbox.mails.map(mail => mail.to)).toEqual([
        ['boss@evil.example', 'ops@evil.example'],
      ]);

      const nobody = await as(MANAGER).post(
        `/v1/billing/invoices/${lone.id}/email`,
      );
      expect(nobody.status).toBe(409);
      expect(nobody.body.error.message).toBe(
        'Statement 2 has nobody to be sent to: account lone has no billing contact and no admin email',
      );
      expect((await invoiceOf('accountId=lone')).emailedAt).toBeUndefined();

      expect(
        (await as(READER).post(`/v1/billing/invoices/${evil.id}/email`)).status,
      ).toBe(403);
      const unknown = await as(MANAGER).post(
        '/v1/billing/invoices/00000000-0000-4000-8000-000000000000/email',
      );
      expect(unknown.status).toBe(404);

      // The same database, served without a mail transport.
      const withoutMail = requestsAs(await apiApp(build({}).router));
      const noTransport = await withoutMail(MANAGER).post(
        `/v1/billing/invoices/${evil.id}/email`,
      );
      expect(noTransport.status).toBe(409);
      expect(noTransport.body.error.message).toBe(
        'Statements cannot be emailed: no mail transport is configured (notifications.processors.email)',
      );

      // A mail server that is not there: 503, nothing recorded.
      const closedPort = requestsAs(await apiApp(build(mailConfig(1)).router));
      const refused = await closedPort(MANAGER).post(
        `/v1/billing/invoices/${lone.id}/email`,
      );
      expect(refused.status).toBe(409);
      await as(MANAGER).put('/v1/billing/accounts/lone/contacts', {
        items: [{ name: 'L', email: 'l@lone.example', role: 'AP' }],
      });
      const unsent = await closedPort(MANAGER).post(
        `/v1/billing/invoices/${lone.id}/email`,
      );
      expect(unsent.status).toBe(503);
      expect(unsent.body.error.message).toBe(
        'Statement 2 could not be sent: connect ECONNREFUSED 127.0.0.1:1',
      );
      expect((await invoiceOf('accountId=lone')).emailedAt).toBeUndefined();
      expect(inbox.mails).toHaveLength(1);
    } finally {
      await inbox.close();
    }
  });

  it('emails each statement a run creates once, going on past one that cannot be sent', async () => {
    const inbox = await startSmtpInbox();
    try {
      const { as, subscribe, logger } = await setup(
        await databases.init(databaseId),
        mailConfig(inbox.port),
      );
      await as(MANAGER).put('/v1/billing/accounts/zoe/contacts', {
        items: [{ name: 'Zoë', email: 'zoe@zoe.example', role: 'Owner' }],
      });
      await subscribe('zoe-main');
      await subscribe('lone-a');
      await subscribe('evil-a');
      const run = await as(MANAGER).post('/v1/billing/invoice-runs', {
        period: '2016-02',
      });
      expect(run.status).toBe(200);
      expect(run.body).toEqual({ created: 3, existing: 0, failed: 0 });
      expect(
        inbox.mails.map(mail => [mail.subject.split(' — ')[0], mail.to]),
      ).toEqual([
        ['Statement 1 for 2016-02', ['boss@evil.example', 'ops@evil.example']],
        ['Statement 3 for 2016-02', ['zoe@zoe.example']],
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Statement 2 \(invoice [0-9a-f-]{36}, 2016-02\) was not emailed: Statement 2 has nobody to be sent to/,
        ),
      );
      // A re-run creates nothing and so mails nothing.
      await as(MANAGER).post('/v1/billing/invoice-runs', { period: '2016-02' });
      expect(inbox.mails).toHaveLength(2);
    } finally {
      await inbox.close();
    }
  });
});
