import { ResponseError } from '@backstage/errors';
import { billingPlans, catalogueRefusal } from '../__fixtures__/billingPlans';
import {
  acmeSubscriptions,
  alphaFeatures,
  alphaPro,
  alphaStandardScheduled,
  betaImplementation,
  downgradePreview,
  pendingProBono,
} from '../__fixtures__/billingSubscriptions';
import {
  acmeContacts,
  acmeCredits,
  acmeInvoices,
  alphaUsersCredit,
  novemberStatement,
  septemberPayment,
} from '../__fixtures__/billingStatements';
import { EnterpriseConsoleFrontendClient } from './EnterpriseConsoleFrontendClient';

function clientAnswering(response: Response) {
  const urls: string[] = [];
  const requests: Array<{ method?: string; body?: unknown }> = [];
  const client = new EnterpriseConsoleFrontendClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backend.test/api/${pluginId}`,
    },
    fetchApi: {
      fetch: async (input: any, init?: RequestInit) => {
        urls.push(String(input));
        requests.push({
          method: init?.method,
          body:
            typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        });
        return response.clone();
      },
    },
  });
  return { client, urls, requests };
}

const BASE = 'http://backend.test/api/enterprise-console';
const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('EnterpriseConsoleFrontendClient', () => {
  it('asks for a page of accounts with limit and cursor', async () => {
    const page = { items: [], totalCount: 0 };
    const { client, urls } = clientAnswering(
      new Response(JSON.stringify(page), { status: 200 }),
    );
    await expect(
      client.listAccounts({ limit: 50, cursor: 'abc=' }),
    ).resolves.toEqual(page);
    expect(urls).toEqual([
      'http://backend.test/api/enterprise-console/v1/accounts?limit=50&cursor=abc%3D',
    ]);
  });

  it('asks without a query string by default', async () => {
    const { client, urls } = clientAnswering(
      new Response(JSON.stringify({ items: [], totalCount: 0 })),
    );
    await client.listAccounts();
    expect(urls).toEqual([
      'http://backend.test/api/enterprise-console/v1/accounts',
    ]);
  });

  it('turns an error answer into a ResponseError with the server message', async () => {
    const { client } = clientAnswering(
      new Response(
        JSON.stringify({
          error: { name: 'InputError', message: 'Invalid limit' },
          request: { method: 'GET', url: '/v1/accounts' },
          response: { statusCode: 400 },
        }),
        { status: 400, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const error = await client.listAccounts().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error).toEqual({
      name: 'InputError',
      message: 'Invalid limit',
    });
  });

  it('asks for the tiles of an account, with the range when given', async () => {
    const tiles = {
      accountId: 'acme',
      from: '2026-10-23T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
      tiles: [],
    };
    const { client, urls } = clientAnswering(json(tiles));
    await expect(client.getTiles('acme health')).resolves.toEqual(tiles);
    await client.getTiles('acme', { from: '2026-10-01', to: '2026-10-31' });
    expect(urls).toEqual([
      `${BASE}/v1/accounts/acme%20health/tiles`,
      `${BASE}/v1/accounts/acme/tiles?from=2026-10-01&to=2026-10-31`,
    ]);
  });

  it("asks for a tenant's daily usage, with the range when given", async () => {
    const usage = {
      tenantId: 'acme/a',
      from: '2026-11-01',
      to: '2026-11-01',
      meters: [],
      days: [],
    };
    const { client, urls } = clientAnswering(json(usage));
    await expect(client.getTenantUsage('acme/a')).resolves.toEqual(usage);
    await client.getTenantUsage('alpha', {
      from: '2026-10-01',
      to: '2026-10-31',
    });
    await client.getTenantUsage('alpha', { from: '2026-10-01' });
    expect(urls).toEqual([
      `${BASE}/v1/tenants/acme%2Fa/usage`,
      `${BASE}/v1/tenants/alpha/usage?from=2026-10-01&to=2026-10-31`,
      `${BASE}/v1/tenants/alpha/usage?from=2026-10-01`,
    ]);
  });

  it('posts a report run as JSON and returns its id and status', async () => {
    const { client, urls, requests } = clientAnswering(
      json({ id: 'run-1', status: 'queued' }, 202),
    );
    const request = {
      accountId: 'acme',
      type: 'form-submissions' as const,
      delimiter: '|' as const,
      from: '2026-10-01',
      to: '2026-10-31',
      email: true,
    };
    await expect(client.createReportRun(request)).resolves.toEqual({
      id: 'run-1',
      status: 'queued',
    });
    expect(urls).toEqual([`${BASE}/v1/report-runs`]);
    expect(requests).toEqual([{ method: 'POST', body: request }]);
  });

  it('keeps the server message of a refused run (429)', async () => {
    const { client } = clientAnswering(
      json(
        {
          error: {
            name: 'TooManyRequestsError',
            message: 'You already have 3 reports running',
          },
          request: { method: 'POST', url: '/v1/report-runs' },
          response: { statusCode: 429 },
        },
        429,
      ),
    );
    const error = await client
      .createReportRun({ accountId: 'acme', type: 'web-users' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(429);
    expect(error.body.error.message).toBe('You already have 3 reports running');
  });

  it('lists runs of an account, only the caller’s when asked', async () => {
    const { client, urls } = clientAnswering(
      json({ items: [], totalCount: 0 }),
    );
    await client.listReportRuns({ accountId: 'acme' });
    await client.listReportRuns({
      accountId: 'acme',
      mine: true,
      limit: 20,
      cursor: 'c/1',
    });
    expect(urls).toEqual([
      `${BASE}/v1/report-runs?accountId=acme`,
      `${BASE}/v1/report-runs?accountId=acme&mine=true&limit=20&cursor=c%2F1`,
    ]);
  });

  it('reads one run and cancels one, with or without an answer body', async () => {
    const run = { id: 'run/1', status: 'running' };
    const reading = clientAnswering(json(run));
    await expect(reading.client.getReportRun('run/1')).resolves.toEqual(run);
    expect(reading.urls).toEqual([`${BASE}/v1/report-runs/run%2F1`]);

    const cancelling = clientAnswering(new Response(null, { status: 204 }));
    await expect(
      cancelling.client.cancelReportRun('run-1'),
    ).resolves.toBeUndefined();
    expect(cancelling.urls).toEqual([`${BASE}/v1/report-runs/run-1/cancel`]);
    expect(cancelling.requests).toEqual([{ method: 'POST', body: undefined }]);
  });

  it('sends every SMS filter, the order and the page as query parameters', async () => {
    const { client, urls } = clientAnswering(
      json({ items: [], totalCount: 0 }),
    );
    await client.listSmsMessages({ accountId: 'acme' });
    await client.listSmsMessages({
      accountId: 'acme',
      messageFrom: '2026-11-16',
      messageTo: '2026-11-22',
      createdFrom: '2026-11-01',
      createdTo: '2026-11-30',
      tenantIds: ['north', 'south'],
      gateway: 'twilio',
      hasGatewayFee: 'yes',
      validity: 'invalid',
      sort: 'tenantId',
      order: 'asc',
      limit: 25,
      cursor: 'abc=',
    });
    expect(urls).toEqual([
      `${BASE}/v1/sms?accountId=acme`,
      `${BASE}/v1/sms?accountId=acme&messageFrom=2026-11-16&messageTo=2026-11-22` +
        '&createdFrom=2026-11-01&createdTo=2026-11-30&tenantIds=north%2Csouth' +
        '&gateway=twilio&hasGatewayFee=yes&validity=invalid&sort=tenantId' +
        '&order=asc&limit=25&cursor=abc%3D',
    ]);
  });

  it('lists the gateways and the tenants of an account', async () => {
    const gateways = clientAnswering(json({ items: ['infobip', 'twilio'] }));
    await expect(gateways.client.listSmsGateways('acme')).resolves.toEqual([
      'infobip',
      'twilio',
    ]);
    expect(gateways.urls).toEqual([`${BASE}/v1/sms/gateways?accountId=acme`]);

    const tenants = clientAnswering(json({ items: [], totalCount: 0 }));
    await tenants.client.listTenants({ accountId: 'acme', limit: 1000 });
    expect(tenants.urls).toEqual([
      `${BASE}/v1/tenants?accountId=acme&limit=1000`,
    ]);
  });

  it('sends every tenants-list filter, the sort and the page as query parameters', async () => {
    const item = {
      id: 'acme-a',
      accountId: 'acme',
      name: 'A & B',
      createdAt: '2026-01-15T08:00:00.000Z',
      timezone: 'UTC',
      feedLimit: 25,
      canRead: false,
    };
    const page = { items: [item], nextCursor: 'c2', totalCount: 3 };
    const { client, urls } = clientAnswering(json(page));
    await expect(
      client.listTenants({
        accountId: 'acme',
        plan: 'gold',
        edition: 'enterprise',
        status: 'active',
        createdFrom: '2026-01-01',
        createdTo: '2026-02-01',
        q: 'a&b',
        sort: 'createdAt',
        order: 'desc',
        limit: 25,
        cursor: 'c1=',
      }),
    ).resolves.toEqual(page);
    expect(urls).toEqual([
      `${BASE}/v1/tenants?accountId=acme&plan=gold&edition=enterprise&status=active&createdFrom=2026-01-01&createdTo=2026-02-01&q=a%26b&sort=createdAt&order=desc&limit=25&cursor=c1%3D`,
    ]);
  });

  it('lists domain bindings by status, approves one and rejects one with its reason', async () => {
    const binding = {
      id: '5f0c2c1e-4b7a-4c39-9a51-0d6f7f1d2a10',
      accountId: 'acme',
      domain: 'acme.example',
      status: 'pending',
      requestedAt: '2026-11-30T10:00:00.000Z',
      requestedBy: 'user:default/ada',
      decidedAt: null,
      decidedBy: null,
    };
    const listing = clientAnswering(json({ items: [binding] }));
    await expect(
      listing.client.listDomainBindings('rejected'),
    ).resolves.toEqual([binding]);
    expect(listing.urls).toEqual([
      `${BASE}/v1/domain-bindings?status=rejected`,
    ]);

    const approving = clientAnswering(json({ ...binding, status: 'approved' }));
    await expect(
      approving.client.approveDomainBinding('a/b'),
    ).resolves.toMatchObject({ status: 'approved' });
    expect(approving.urls).toEqual([
      `${BASE}/v1/domain-bindings/a%2Fb/approve`,
    ]);
    expect(approving.requests).toEqual([{ method: 'POST', body: undefined }]);

    const rejecting = clientAnswering(
      json({ ...binding, status: 'rejected', reason: 'Not your domain' }),
    );
    await expect(
      rejecting.client.rejectDomainBinding(binding.id, 'Not your domain'),
    ).resolves.toMatchObject({ status: 'rejected', reason: 'Not your domain' });
    expect(rejecting.urls).toEqual([
      `${BASE}/v1/domain-bindings/${binding.id}/reject`,
    ]);
    expect(rejecting.requests).toEqual([
      { method: 'POST', body: { reason: 'Not your domain' } },
    ]);
  });

  it('keeps the server message of a refused approval (409)', async () => {
    const { client } = clientAnswering(
      json(
        {
          error: {
            name: 'ConflictError',
            message: 'Domain binding is already rejected',
          },
          request: { method: 'POST', url: '/' },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    const error = await client.approveDomainBinding('x').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe('Domain binding is already rejected');
  });
  it('lists, reads, creates, replaces and deletes schedules', async () => {
    const schedule = {
      id: '0d8e4b7a-6c2f-4e51-9a3b-1f2e3d4c5b6a',
      accountId: 'acme',
      name: 'Weekly spaces',
      type: 'project-spaces',
      recipients: ['ops@example.com'],
      recurrence: 'weekly',
      dayOfWeek: 'monday',
      time: '08:00',
      timezone: 'Europe/Berlin',
      delimiter: ',',
      period: 'last-7-days',
      enabled: true,
      nextRunAt: '2026-12-07T07:00:00.000Z',
      lastRunAt: null,
      lastStatus: null,
      createdBy: 'user:default/ada',
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedBy: 'user:default/ada',
      updatedAt: '2026-11-30T10:00:00.000Z',
    };
    const request = {
      accountId: 'acme',
      name: 'Weekly spaces',
      type: 'project-spaces',
      recipients: ['ops@example.com'],
      recurrence: 'weekly' as const,
      dayOfWeek: 'monday' as const,
      time: '08:00',
      timezone: 'Europe/Berlin',
    };

    const listing = clientAnswering(json({ items: [schedule], totalCount: 1 }));
    await expect(
      listing.client.listSchedules({
        accountId: 'acme',
        limit: 50,
        cursor: 'c=',
      }),
    ).resolves.toEqual({ items: [schedule], totalCount: 1 });
    expect(listing.urls).toEqual([
      `${BASE}/v1/schedules?accountId=acme&limit=50&cursor=c%3D`,
    ]);

    const reading = clientAnswering(json(schedule));
    await expect(reading.client.getSchedule('a/b')).resolves.toEqual(schedule);
    expect(reading.urls).toEqual([`${BASE}/v1/schedules/a%2Fb`]);
    expect(reading.requests).toEqual([{ method: 'GET', body: undefined }]);

    const creating = clientAnswering(json(schedule, 201));
    await expect(creating.client.createSchedule(request)).resolves.toEqual(
      schedule,
    );
    expect(creating.urls).toEqual([`${BASE}/v1/schedules`]);
    expect(creating.requests).toEqual([{ method: 'POST', body: request }]);

    const replacing = clientAnswering(json(schedule));
    await replacing.client.updateSchedule(schedule.id, request);
    expect(replacing.urls).toEqual([`${BASE}/v1/schedules/${schedule.id}`]);
    expect(replacing.requests).toEqual([{ method: 'PUT', body: request }]);

    const deleting = clientAnswering(new Response(null, { status: 204 }));
    await expect(
      deleting.client.deleteSchedule(schedule.id),
    ).resolves.toBeUndefined();
    expect(deleting.urls).toEqual([`${BASE}/v1/schedules/${schedule.id}`]);
    expect(deleting.requests).toEqual([{ method: 'DELETE', body: undefined }]);
  });

  it('enables, disables and runs a schedule now', async () => {
    const enabling = clientAnswering(json({ id: 's1', enabled: true }));
    await expect(
      enabling.client.setScheduleEnabled('s1', true),
    ).resolves.toEqual({ id: 's1', enabled: true });
    const disabling = clientAnswering(json({ id: 's1', enabled: false }));
    await disabling.client.setScheduleEnabled('s1', false);
    const running = clientAnswering(json({ id: 'r1', status: 'queued' }, 202));
    await expect(running.client.runSchedule('s1')).resolves.toEqual({
      id: 'r1',
      status: 'queued',
    });
    expect([...enabling.urls, ...disabling.urls, ...running.urls]).toEqual([
      `${BASE}/v1/schedules/s1/enable`,
      `${BASE}/v1/schedules/s1/disable`,
      `${BASE}/v1/schedules/s1/run`,
    ]);
    expect([
      ...enabling.requests,
      ...disabling.requests,
      ...running.requests,
    ]).toEqual([
      { method: 'POST', body: undefined },
      { method: 'POST', body: undefined },
      { method: 'POST', body: undefined },
    ]);
  });

  it('keeps the server message of a refused schedule (400)', async () => {
    const { client } = clientAnswering(
      json(
        {
          error: {
            name: 'InputError',
            message:
              'Invalid schedule: recipients must list 1 to 20 email addresses',
          },
          request: { method: 'POST', url: '/' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    const error = await client
      .createSchedule({
        accountId: 'acme',
        name: 'x',
        type: 'project-spaces',
        recipients: [],
        recurrence: 'daily',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(
      'Invalid schedule: recipients must list 1 to 20 email addresses',
    );
  });

  it('lists the billing plans and reads one plan, a version when given', async () => {
    const listing = clientAnswering(json({ items: billingPlans }));
    await expect(listing.client.listBillingPlans()).resolves.toEqual(
      billingPlans,
    );
    const current = clientAnswering(json(billingPlans[1]));
    await expect(current.client.getBillingPlan('standard')).resolves.toEqual(
      billingPlans[1],
    );
    const versioned = clientAnswering(json({ ...billingPlans[1], version: 1 }));
    await expect(
      versioned.client.getBillingPlan('standard', 1),
    ).resolves.toMatchObject({ id: 'standard', version: 1 });
    const odd = clientAnswering(json(billingPlans[0]));
    await odd.client.getBillingPlan('a/b');
    expect([
      ...listing.urls,
      ...current.urls,
      ...versioned.urls,
      ...odd.urls,
    ]).toEqual([
      `${BASE}/v1/billing/plans`,
      `${BASE}/v1/billing/plans/standard`,
      `${BASE}/v1/billing/plans/standard?version=1`,
      `${BASE}/v1/billing/plans/a%2Fb`,
    ]);
    expect(listing.requests).toEqual([{ method: 'GET', body: undefined }]);
  });

  it('keeps the status and message of a refused catalogue (403)', async () => {
    const { client } = clientAnswering(json(catalogueRefusal, 403));
    const error = await client.listBillingPlans().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error).toEqual(catalogueRefusal.error);
  });

  it('lists subscriptions by account or tenant and previews, changes, ends, cancels and extends one', async () => {
    const byAccount = clientAnswering(json({ items: acmeSubscriptions }));
    await expect(
      byAccount.client.listBillingSubscriptions({ accountId: 'acme-health' }),
    ).resolves.toEqual(acmeSubscriptions);
    const byTenant = clientAnswering(json({ items: [alphaPro] }));
    await expect(
      byTenant.client.listBillingSubscriptions({ tenantId: 'a b' }),
    ).resolves.toEqual([alphaPro]);
    const preview = clientAnswering(json(downgradePreview));
    await expect(
      preview.client.previewBillingSubscriptionChange('sub/1', {
        planId: 'standard',
      }),
    ).resolves.toEqual(downgradePreview);
    const outcome = {
      current: alphaPro,
      next: alphaStandardScheduled,
      effectiveDate: '2026-12-15',
      scheduled: true,
      reason: downgradePreview.reason,
    };
    const change = clientAnswering(json(outcome));
    await expect(
      change.client.changeBillingSubscription('sub-1', {
        planId: 'standard',
        date: '2026-11-30',
      }),
    ).resolves.toEqual(outcome);
    const end = clientAnswering(json(outcome));
    await end.client.endBillingSubscription('sub-1');
    const endOn = clientAnswering(json(outcome));
    await endOn.client.endBillingSubscription('sub-1', { date: '2026-12-01' });
    const cancellation = {
      cancelled: alphaStandardScheduled,
      restored: { ...alphaPro, endDate: undefined },
    };
    const cancel = clientAnswering(json(cancellation));
    await expect(
      cancel.client.cancelBillingSubscription('sub-2'),
    ).resolves.toEqual(cancellation);
    const extend = clientAnswering(
      json({ ...betaImplementation, endDate: '2027-04-01' }),
    );
    await expect(
      extend.client.extendBillingSubscription('sub-3', '2027-04-01'),
    ).resolves.toMatchObject({ endDate: '2027-04-01' });
    const all = [
      byAccount,
      byTenant,
      preview,
      change,
      end,
      endOn,
      cancel,
      extend,
    ];
    expect(all.flatMap(c => c.urls)).toEqual([
      `${BASE}/v1/billing/subscriptions?accountId=acme-health`,
      `${BASE}/v1/billing/subscriptions?tenantId=a+b`,
      `${BASE}/v1/billing/subscriptions/sub%2F1/preview-change`,
      `${BASE}/v1/billing/subscriptions/sub-1/change`,
      `${BASE}/v1/billing/subscriptions/sub-1/end`,
      `${BASE}/v1/billing/subscriptions/sub-1/end`,
      `${BASE}/v1/billing/subscriptions/sub-2/cancel`,
      `${BASE}/v1/billing/subscriptions/sub-3/extend`,
    ]);
    expect(all.flatMap(c => c.requests)).toEqual([
      { method: 'GET', body: undefined },
      { method: 'GET', body: undefined },
      { method: 'POST', body: { planId: 'standard' } },
      { method: 'POST', body: { planId: 'standard', date: '2026-11-30' } },
      // The end route takes a JSON body; an empty one means today.
      { method: 'POST', body: {} },
      { method: 'POST', body: { date: '2026-12-01' } },
      { method: 'POST', body: undefined },
      { method: 'POST', body: { endDate: '2027-04-01' } },
    ]);
  });

  it("reads a tenant's features and lists, creates, approves and rejects applications", async () => {
    const features = clientAnswering(json(alphaFeatures));
    await expect(
      features.client.getBillingTenantFeatures('alpha'),
    ).resolves.toEqual(alphaFeatures);
    const all = clientAnswering(json({ items: [pendingProBono] }));
    await expect(all.client.listBillingApplications()).resolves.toEqual([
      pendingProBono,
    ]);
    const filtered = clientAnswering(json({ items: [] }));
    await filtered.client.listBillingApplications({
      status: 'pending',
      accountId: 'acme-health',
      tenantId: 'gamma',
    });
    const input = {
      tenantId: 'gamma',
      kind: 'pro-bono' as const,
      organisation: 'Field Nurses Trust',
      reason: 'A charity running home visits.',
      expectedUsers: 40,
      pilotMonths: 6,
    };
    const create = clientAnswering(json(pendingProBono, 201));
    await expect(
      create.client.createBillingApplication(input),
    ).resolves.toEqual(pendingProBono);
    const decision = {
      application: { ...pendingProBono, status: 'approved' },
      subscription: alphaPro,
    };
    const approve = clientAnswering(json(decision));
    await expect(
      approve.client.approveBillingApplication('app-1'),
    ).resolves.toEqual(decision);
    const approveAs = clientAnswering(json(decision));
    await approveAs.client.approveBillingApplication('app-1', {
      planId: 'pro',
      startDate: '2026-12-01',
    });
    const reject = clientAnswering(
      json({ ...pendingProBono, status: 'rejected' }),
    );
    await reject.client.rejectBillingApplication('app/1', 'Not a charity');
    const calls = [features, all, filtered, create, approve, approveAs, reject];
    expect(calls.flatMap(c => c.urls)).toEqual([
      `${BASE}/v1/billing/tenants/alpha/features`,
      `${BASE}/v1/billing/applications`,
      `${BASE}/v1/billing/applications?status=pending&accountId=acme-health&tenantId=gamma`,
      `${BASE}/v1/billing/applications`,
      `${BASE}/v1/billing/applications/app-1/approve`,
      `${BASE}/v1/billing/applications/app-1/approve`,
      `${BASE}/v1/billing/applications/app%2F1/reject`,
    ]);
    expect(calls.flatMap(c => c.requests)).toEqual([
      { method: 'GET', body: undefined },
      { method: 'GET', body: undefined },
      { method: 'GET', body: undefined },
      { method: 'POST', body: input },
      { method: 'POST', body: {} },
      { method: 'POST', body: { planId: 'pro', startDate: '2026-12-01' } },
      { method: 'POST', body: { reason: 'Not a charity' } },
    ]);
  });

  it('keeps the status and message of a refused change (409)', async () => {
    const refusal = {
      error: {
        name: 'ConflictError',
        message: 'The tenant has a later change; cancel it first',
      },
      request: { method: 'POST', url: '/' },
      response: { statusCode: 409 },
    };
    const { client } = clientAnswering(json(refusal, 409));
    const error = await client
      .changeBillingSubscription('sub-1', { planId: 'community' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe(
      'The tenant has a later change; cancel it first',
    );
  });
  it('runs invoices and lists, reads, voids and emails invoices', async () => {
    const run = clientAnswering(json({ created: 3, existing: 1, failed: 0 }));
    await expect(
      run.client.runBillingInvoices({ period: '2026-11' }),
    ).resolves.toEqual({ created: 3, existing: 1, failed: 0 });
    const byAccount = clientAnswering(json({ items: acmeInvoices }));
    await expect(
      byAccount.client.listBillingInvoices({ accountId: 'acme health' }),
    ).resolves.toEqual(acmeInvoices);
    const byTenant = clientAnswering(json({ items: [] }));
    await byTenant.client.listBillingInvoices({ tenantId: 'alpha' });
    const one = clientAnswering(json(novemberStatement));
    await expect(one.client.getBillingInvoice('inv/1012')).resolves.toEqual(
      novemberStatement,
    );
    const voided = { ...novemberStatement, status: 'void' };
    const voiding = clientAnswering(json(voided));
    await expect(
      voiding.client.voidBillingInvoice('inv-1012', 'Billed twice'),
    ).resolves.toEqual(voided);
    const email = clientAnswering(json({ sentTo: ['ap@acme.example'] }));
    await expect(email.client.emailBillingInvoice('inv-1012')).resolves.toEqual(
      { sentTo: ['ap@acme.example'] },
    );
    const calls = [run, byAccount, byTenant, one, voiding, email];
    expect(calls.flatMap(c => c.urls)).toEqual([
      `${BASE}/v1/billing/invoice-runs`,
      `${BASE}/v1/billing/invoices?accountId=acme+health`,
      `${BASE}/v1/billing/invoices?tenantId=alpha`,
      `${BASE}/v1/billing/invoices/inv%2F1012`,
      `${BASE}/v1/billing/invoices/inv-1012/void`,
      `${BASE}/v1/billing/invoices/inv-1012/email`,
    ]);
    expect(calls.flatMap(c => c.requests)).toEqual([
      { method: 'POST', body: { period: '2026-11' } },
      { method: 'GET', body: undefined },
      { method: 'GET', body: undefined },
      { method: 'GET', body: undefined },
      { method: 'POST', body: { reason: 'Billed twice' } },
      { method: 'POST', body: undefined },
    ]);
  });

  it("fetches a statement's PDF as a blob with the server's file name", async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
    const named = clientAnswering(
      new Response(bytes, {
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': 'attachment; filename="statement-1012.pdf"',
        },
      }),
    );
    const pdf = await named.client.getBillingInvoicePdf('inv-1012');
    expect(pdf.filename).toBe('statement-1012.pdf');
    expect(new Uint8Array(await pdf.blob.arrayBuffer())).toEqual(bytes);
    expect(named.urls).toEqual([`${BASE}/v1/billing/invoices/inv-1012/pdf`]);
    expect(named.requests).toEqual([{ method: 'GET', body: undefined }]);

    const unnamed = clientAnswering(new Response(bytes));
    await expect(
      unnamed.client.getBillingInvoicePdf('inv-1012'),
    ).resolves.toMatchObject({ filename: 'statement-inv-1012.pdf' });

    const missing = clientAnswering(
      json(
        {
          error: { name: 'NotFoundError', message: 'No invoice inv-9' },
          request: { method: 'GET', url: '/' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    const error = await missing.client
      .getBillingInvoicePdf('inv-9')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('No invoice inv-9');
  });

  it('lists and adds credits, lists and records payments', async () => {
    const credits = clientAnswering(json({ items: acmeCredits }));
    await expect(
      credits.client.listBillingCredits('acme-health'),
    ).resolves.toEqual(acmeCredits);
    const credit = {
      accountId: 'acme-health',
      subscriptionId: 'sub-alpha-pro',
      scope: 'users' as const,
      amount: '2.00',
      note: 'Goodwill',
    };
    const grant = clientAnswering(json(alphaUsersCredit, 201));
    await expect(grant.client.addBillingCredit(credit)).resolves.toEqual(
      alphaUsersCredit,
    );
    const payments = clientAnswering(json({ items: [septemberPayment] }));
    await expect(
      payments.client.listBillingPayments('acme-health'),
    ).resolves.toEqual([septemberPayment]);
    const payment = {
      accountId: 'acme-health',
      method: 'check' as const,
      amount: '1225.50',
      reference: 'CHK-77',
      receivedAt: '2026-10-20',
    };
    const record = clientAnswering(json(septemberPayment, 201));
    await expect(record.client.recordBillingPayment(payment)).resolves.toEqual(
      septemberPayment,
    );
    const calls = [credits, grant, payments, record];
    expect(calls.flatMap(c => c.urls)).toEqual([
      `${BASE}/v1/billing/credits?accountId=acme-health`,
      `${BASE}/v1/billing/credits`,
      `${BASE}/v1/billing/payments?accountId=acme-health`,
      `${BASE}/v1/billing/payments`,
    ]);
    expect(calls.flatMap(c => c.requests)).toEqual([
      { method: 'GET', body: undefined },
      { method: 'POST', body: credit },
      { method: 'GET', body: undefined },
      { method: 'POST', body: payment },
    ]);
  });

  it("reads and replaces an account's billing contacts", async () => {
    const read = clientAnswering(json({ items: acmeContacts }));
    await expect(read.client.getBillingContacts('acme/x')).resolves.toEqual(
      acmeContacts,
    );
    const next = [
      ...acmeContacts,
      { name: 'Eve', email: 'eve@acme.example', role: 'CFO' },
    ];
    const write = clientAnswering(json({ items: next }));
    await expect(
      write.client.updateBillingContacts('acme-health', next),
    ).resolves.toEqual(next);
    expect([...read.urls, ...write.urls]).toEqual([
      `${BASE}/v1/billing/accounts/acme%2Fx/contacts`,
      `${BASE}/v1/billing/accounts/acme-health/contacts`,
    ]);
    expect([...read.requests, ...write.requests]).toEqual([
      { method: 'GET', body: undefined },
      { method: 'PUT', body: { items: next } },
    ]);
  });
});
