import { servedRoutes } from '../__testUtils__/servedRoutes';
import { createSeedModule } from '@internal/plugin-enterprise-console-node/testUtils';
import {
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { enterpriseConsolePermissions } from '@internal/plugin-enterprise-console-common';
import enterpriseConsolePolicy, {
  DEFAULT_ROLES,
} from '@internal/plugin-permission-backend-module-enterprise-console-policy';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DownloadTokens, FileChunkStore } from '../files';
import { ReportRunStore } from '../reports/runs/ReportRunStore';
import { ScheduleStore } from '../schedules/ScheduleStore';
import { DEFAULT_PLAN_CATALOGUE } from '../billing/plans/defaultPlanCatalogue';
import { CreditStore } from '../billing/credits/CreditStore';
import { EntitlementStore } from '../billing/entitlements/EntitlementStore';
import { InvoiceStore } from '../billing/invoices/InvoiceStore';
import { PlanStore } from '../billing/plans/PlanStore';
import { SubscriptionStore } from '../billing/subscriptions/SubscriptionStore';
import { TenantStore } from '../tenants';
import { enterpriseConsolePlugin } from '../plugin';

/*
 * Deny by default, checked route by route: every route of the router and of
 * openapi.yaml must have a row here, and each row says what every shipped
 * role, a signed-in user without roles, an anonymous caller and a service
 * principal get. Calls go through the real plugin, the real permission
 * backend and the real roles-as-code policy.
 */

const CALLERS = [
  'enterprise-admin',
  'report-manager',
  'billing-admin',
  'tenant-admin',
  'auditor',
  'no-role',
  'anonymous',
  'service',
] as const;
type Caller = (typeof CALLERS)[number];

/** Each user caller's entity ref and the groups the user belongs to. */
const USERS: Record<Exclude<Caller, 'anonymous' | 'service'>, string[]> = {
  'enterprise-admin': ['user:default/erin', 'group:default/acme-admins'],
  'report-manager': ['user:default/rita', 'group:default/finance'],
  'billing-admin': ['user:default/bill'],
  // Admin in acme-a, only a viewer in globex-a.
  'tenant-admin': ['user:default/tina'],
  auditor: ['user:default/audrey'],
  'no-role': ['user:default/nobody'],
};

function authorization(caller: Caller): string {
  if (caller === 'anonymous') {
    return mockCredentials.none.header();
  }
  if (caller === 'service') {
    return mockCredentials.service.header();
  }
  return mockCredentials.user.header(USERS[caller][0]);
}

type Expectation = number | { status: number; ids: string[] };

/** What the setup creates for the rows of report runs and downloads. */
interface Fixtures {
  /** A queued run of acme requested by the report manager. */
  managersRun: string;
  /** A link signed with the configured key to a succeeded run's file. */
  downloadToken: string;
  /** For each caller, a queued run of the report manager to cancel. */
  runToCancel: Record<Caller, string>;
  /** Every run of acme above, newest first as lists order them. */
  acmeRuns: string[];
  /** A schedule of acme, owned by the report manager. */
  schedule: string;
  /** For each caller, a schedule of acme to delete. */
  scheduleToDelete: Record<Caller, string>;
  /** Every schedule of acme, oldest first as lists order them. */
  acmeSchedules: string[];
  /** A subscription of globex-a, which the acme admins may not read. */
  globexSubscription: string;
  /** An invoice of globex-a, which the acme admins may not read. */
  globexInvoice: string;
}

/** The download link key the backend is configured with. */
const LINK_KEY = { id: 'matrix', secret: 'matrix-secret-of-thirty-two-chars' };
interface Row {
  /** "METHOD /path" as in openapi.yaml. */
  route: string;
  /** What this row's request shows, when a route has several. */
  name?: string;
  method: 'get' | 'put' | 'post' | 'delete';
  /** A fixed URL, or one naming what the setup created for the caller. */
  url: string | ((fixtures: Fixtures, caller: Caller) => string);
  /** A fixed body, or one per caller (when one caller's call would block the next's). */
  body?: object | string | ((caller: Caller) => object);
  contentType?: string;
  expect:
    | Record<Caller, Expectation>
    | ((fixtures: Fixtures) => Record<Caller, Expectation>);
}

const ALL_OK = Object.fromEntries(CALLERS.map(c => [c, 200])) as Record<
  Caller,
  number
>;
/** Only data.ingest, which only services hold. */
const INGEST_ONLY: Record<Caller, number> = {
  'enterprise-admin': 403,
  'report-manager': 403,
  'billing-admin': 403,
  'tenant-admin': 403,
  auditor: 403,
  'no-role': 403,
  anonymous: 401,
  service: 200,
};
/** settings.read on the enterprise account acme. */
const SETTINGS_READ: Record<Caller, number> = {
  'enterprise-admin': 200,
  'report-manager': 403,
  'billing-admin': 403,
  'tenant-admin': 403,
  auditor: 200,
  'no-role': 403,
  anonymous: 401,
  service: 403,
};
const list = (ids: string[]) => ({ status: 200, ids });
/** report.export on acme: its admins and report managers. */
const REPORT_EXPORT = (allowed: Expectation): Record<Caller, Expectation> => ({
  'enterprise-admin': allowed,
  'report-manager': allowed,
  'billing-admin': 403,
  'tenant-admin': 403,
  auditor: 403,
  'no-role': 403,
  anonymous: 401,
  service: 403,
});
/** console.read on acme: its admins and auditors. */
const CONSOLE_READ = (allowed: Expectation): Record<Caller, Expectation> => ({
  'enterprise-admin': allowed,
  'report-manager': 403,
  'billing-admin': 403,
  'tenant-admin': 403,
  auditor: allowed,
  'no-role': 403,
  anonymous: 401,
  service: 403,
});
/** A run of the report manager's: report.export on acme sees it, others get 404. */
const VISIBLE_RUN: Record<Caller, Expectation> = {
  ...REPORT_EXPORT(200),
  'billing-admin': 404,
  'tenant-admin': 404,
  auditor: 404,
  'no-role': 404,
  service: 404,
};
/** schedule.manage on acme: its admins and report managers; others get 404 for its schedules. */
const SCHEDULE_MANAGE = (
  allowed: Expectation,
): Record<Caller, Expectation> => ({
  ...REPORT_EXPORT(allowed),
  'billing-admin': 404,
  'tenant-admin': 404,
  auditor: 404,
  'no-role': 404,
  service: 404,
});
const SCHEDULE = {
  accountId: 'acme',
  name: 'Matrix schedule',
  type: 'project-spaces',
  recipients: ['matrix@example.com'],
  recurrence: 'weekly',
  dayOfWeek: 'monday',
};
const ALL_404 = Object.fromEntries(CALLERS.map(c => [c, 404])) as Record<
  Caller,
  number
>;

const ACME = {
  name: 'Acme Health',
  enterprise: true,
  adminRefs: ['group:default/acme-admins'],
};
const ACME_A = {
  accountId: 'acme',
  name: 'acme-a',
  createdAt: '2026-01-15T08:00:00.000Z',
};

/** Who may read the plan catalogue: billing.read on some account. */
const BILLING_CATALOGUE: Record<Caller, number> = {
  'enterprise-admin': 200,
  'report-manager': 403,
  'billing-admin': 200,
  'tenant-admin': 403,
  auditor: 200,
  'no-role': 403,
  anonymous: 401,
  service: 403,
};

/** Only billing.manage (billing admins), whose answer is `status`. */
const billingManage = (status: number): Record<Caller, number> => ({
  'enterprise-admin': 403,
  'report-manager': 403,
  'billing-admin': status,
  'tenant-admin': 403,
  auditor: 403,
  'no-role': 403,
  anonymous: 401,
  service: 403,
});

/** billing.read on the account acme (or on every account). */
const BILLING_OF_ACME: Record<Caller, number> = { ...BILLING_CATALOGUE };

/** The default Standard plan as a billing admin writes it back. */
const STANDARD_PLAN = (({ id: _id, ...input }) => input)(
  DEFAULT_PLAN_CATALOGUE.find(plan => plan.id === 'standard')!,
);

const MATRIX: Row[] = [
  {
    route: 'GET /health',
    method: 'get',
    url: '/health',
    expect: ALL_OK,
  },
  {
    route: 'GET /v1/accounts',
    method: 'get',
    url: '/v1/accounts',
    expect: {
      // Only the account whose adminRefs name one of the admin's groups;
      // report managers export reports, billing admins read billing, of
      // every account.
      'enterprise-admin': list(['acme']),
      'report-manager': list(['acme', 'globex']),
      'billing-admin': list(['acme', 'globex']),
      'tenant-admin': list([]),
      auditor: list(['acme', 'globex']),
      'no-role': list([]),
      anonymous: 401,
      service: list([]),
    },
  },
  {
    route: 'GET /v1/tenants',
    method: 'get',
    url: '/v1/tenants',
    expect: {
      // tenant.read, or report.export or console.read on the tenant's
      // account (to choose tenants for usage reports): the admins of acme
      // list its tenant, report managers hold report.export everywhere.
      'enterprise-admin': list(['acme-a']),
      'report-manager': list(['acme-a', 'globex-a']),
      'billing-admin': list(['acme-a', 'globex-a']),
      'tenant-admin': list(['acme-a']),
      auditor: list(['acme-a', 'globex-a']),
      'no-role': list([]),
      anonymous: 401,
      service: list([]),
    },
  },
  {
    route: 'GET /v1/tenants/{tenantId}',
    name: 'own tenant of the tenant admin',
    method: 'get',
    url: '/v1/tenants/acme-a',
    expect: {
      'enterprise-admin': 403,
      'report-manager': 403,
      'billing-admin': 200,
      'tenant-admin': 200,
      auditor: 200,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    route: 'GET /v1/tenants/{tenantId}',
    name: 'tenant where the tenant admin is only a viewer',
    method: 'get',
    url: '/v1/tenants/globex-a',
    expect: {
      'enterprise-admin': 403,
      'report-manager': 403,
      'billing-admin': 200,
      // Conditional and not matched: answered like an unknown tenant.
      'tenant-admin': 404,
      auditor: 200,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    route: 'GET /v1/tenants/{tenantId}/usage',
    name: 'own tenant of the tenant admin',
    method: 'get',
    url: '/v1/tenants/acme-a/usage?from=2026-11-01&to=2026-11-30',
    expect: {
      'enterprise-admin': 403,
      'report-manager': 403,
      'billing-admin': 200,
      'tenant-admin': 200,
      auditor: 200,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    route: 'GET /v1/tenants/{tenantId}/usage',
    name: 'tenant where the tenant admin is only a viewer',
    method: 'get',
    url: '/v1/tenants/globex-a/usage',
    expect: {
      'enterprise-admin': 403,
      'report-manager': 403,
      'billing-admin': 200,
      // Conditional and not matched: answered like an unknown tenant.
      'tenant-admin': 404,
      auditor: 200,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    route: 'PUT /v1/accounts/{accountId}',
    method: 'put',
    url: '/v1/accounts/acme',
    body: ACME,
    expect: INGEST_ONLY,
  },
  {
    route: 'PUT /v1/tenants/{tenantId}',
    method: 'put',
    url: '/v1/tenants/acme-a',
    body: ACME_A,
    expect: INGEST_ONLY,
  },
  {
    route: 'POST /v1/ingest',
    method: 'post',
    url: '/v1/ingest',
    body: { records: [] },
    expect: INGEST_ONLY,
  },
  {
    route: 'POST /v1/ingest/csv',
    method: 'post',
    url: '/v1/ingest/csv?type=app&tenantId=acme-a',
    body: 'tenantId,id,name\nacme-a,app-1,Visits\n',
    contentType: 'text/csv',
    expect: INGEST_ONLY,
  },
  {
    route: 'GET /v1/accounts/{accountId}/settings',
    method: 'get',
    url: '/v1/accounts/acme/settings',
    expect: SETTINGS_READ,
  },
  {
    route: 'PUT /v1/accounts/{accountId}/settings',
    name: '(an empty body changes nothing)',
    method: 'put',
    url: '/v1/accounts/acme/settings',
    body: {},
    expect: {
      'enterprise-admin': 200,
      'report-manager': 403,
      'billing-admin': 403,
      'tenant-admin': 403,
      auditor: 403,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    route: 'GET /v1/sso/providers',
    method: 'get',
    url: '/v1/sso/providers?accountId=acme',
    expect: SETTINGS_READ,
  },
  {
    // Asked at every sign-in; reveals only what a refused sign-up would.
    route: 'POST /v1/signup-check',
    method: 'post',
    url: '/v1/signup-check',
    body: { email: 'someone@example.com' },
    expect: { ...ALL_OK, anonymous: 401 },
  },
  {
    // No shipped role holds domain.approve: platform admins get it in config.
    route: 'GET /v1/domain-bindings',
    method: 'get',
    url: '/v1/domain-bindings?status=pending',
    expect: { ...INGEST_ONLY, service: 403 },
  },
  {
    route: 'POST /v1/domain-bindings/{id}/approve',
    name: '(an unknown binding: the permission is checked first)',
    method: 'post',
    url: '/v1/domain-bindings/00000000-0000-4000-8000-000000000000/approve',
    expect: { ...INGEST_ONLY, service: 403 },
  },
  {
    route: 'POST /v1/domain-bindings/{id}/reject',
    name: '(an unknown binding: the permission is checked first)',
    method: 'post',
    url: '/v1/domain-bindings/00000000-0000-4000-8000-000000000000/reject',
    body: { reason: 'Not this account' },
    expect: { ...INGEST_ONLY, service: 403 },
  },
  {
    // No shipped role holds tenant.create.
    route: 'POST /v1/tenants',
    method: 'post',
    url: '/v1/tenants',
    body: { accountId: 'acme', name: 'New tenant' },
    expect: { ...INGEST_ONLY, service: 403 },
  },
  {
    // No permission and no session: the signed token is the credential.
    route: 'GET /v1/downloads/{token}',
    name: '(a link signed with the configured key)',
    method: 'get',
    url: fixtures => `/v1/downloads/${fixtures.downloadToken}`,
    expect: ALL_OK,
  },
  {
    // A bogus token is unknown to everybody alike.
    route: 'GET /v1/downloads/{token}',
    name: '(a token this backend did not sign)',
    method: 'get',
    url: '/v1/downloads/not-a-signed-token',
    expect: Object.fromEntries(CALLERS.map(c => [c, 404])) as Record<
      Caller,
      number
    >,
  },
  {
    route: 'POST /v1/report-runs',
    name: '(a range the report refuses, after authorization)',
    method: 'post',
    url: '/v1/report-runs',
    body: {
      accountId: 'acme',
      type: 'form-submissions',
      from: '2026-01-01',
      to: '2026-06-01',
    },
    expect: REPORT_EXPORT(400),
  },
  {
    route: 'POST /v1/report-runs',
    name: '(tenant-usage: a period over 366 days, refused after authorization)',
    method: 'post',
    url: '/v1/report-runs',
    body: {
      accountId: 'acme',
      type: 'tenant-usage',
      name: 'Usage',
      period: 'custom',
      from: '2025-01-01',
      to: '2026-06-01',
    },
    expect: REPORT_EXPORT(400),
  },
  {
    route: 'GET /v1/report-runs',
    method: 'get',
    url: '/v1/report-runs?accountId=acme',
    // All of them are the report manager's runs.
    expect: fixtures => REPORT_EXPORT(list(fixtures.acmeRuns)),
  },
  {
    // The report manager's own run: visible to them and to acme's admins;
    // invisible (404, as an unknown run) to everyone else.
    route: 'GET /v1/report-runs/{id}',
    name: "(the report manager's run)",
    method: 'get',
    url: fixtures => `/v1/report-runs/${fixtures.managersRun}`,
    expect: VISIBLE_RUN,
  },
  {
    // Each caller cancels a queued run of its own copy.
    route: 'POST /v1/report-runs/{id}/cancel',
    name: "(a queued run of the report manager's)",
    method: 'post',
    url: (fixtures, caller) =>
      `/v1/report-runs/${fixtures.runToCancel[caller]}/cancel`,
    expect: VISIBLE_RUN,
  },
  {
    // Unknown and invisible runs answer alike.
    route: 'GET /v1/report-runs/{id}',
    name: '(an unknown run)',
    method: 'get',
    url: '/v1/report-runs/00000000-0000-0000-0000-000000000000',
    expect: { ...ALL_404, anonymous: 401 },
  },
  {
    route: 'POST /v1/report-runs/{id}/cancel',
    name: '(an unknown run)',
    method: 'post',
    url: '/v1/report-runs/00000000-0000-0000-0000-000000000000/cancel',
    expect: { ...ALL_404, anonymous: 401 },
  },
  {
    route: 'GET /v1/accounts/{accountId}/tiles',
    method: 'get',
    url: '/v1/accounts/acme/tiles',
    expect: CONSOLE_READ(200),
  },
  {
    // Enterprise admins only of the accounts they administer; globex is
    // no enterprise account, which only those who may read it learn.
    route: 'GET /v1/accounts/{accountId}/tiles',
    name: '(an account the enterprise admin does not administer)',
    method: 'get',
    url: '/v1/accounts/globex/tiles',
    expect: { ...CONSOLE_READ(409), 'enterprise-admin': 403 },
  },
  {
    route: 'GET /v1/sms',
    method: 'get',
    url: '/v1/sms?accountId=acme',
    expect: CONSOLE_READ(list([])),
  },
  {
    route: 'GET /v1/sms/gateways',
    method: 'get',
    url: '/v1/sms/gateways?accountId=acme',
    expect: CONSOLE_READ(200),
  },
  {
    route: 'GET /v1/schedules',
    method: 'get',
    url: '/v1/schedules?accountId=acme',
    expect: fixtures => REPORT_EXPORT(list(fixtures.acmeSchedules)),
  },
  {
    route: 'POST /v1/schedules',
    method: 'post',
    url: '/v1/schedules',
    body: SCHEDULE,
    expect: REPORT_EXPORT(201),
  },
  {
    route: 'GET /v1/schedules/{id}',
    name: "(the report manager's schedule)",
    method: 'get',
    url: fixtures => `/v1/schedules/${fixtures.schedule}`,
    expect: SCHEDULE_MANAGE(200),
  },
  {
    route: 'PUT /v1/schedules/{id}',
    name: "(the report manager's schedule)",
    method: 'put',
    url: fixtures => `/v1/schedules/${fixtures.schedule}`,
    body: SCHEDULE,
    expect: SCHEDULE_MANAGE(200),
  },
  {
    route: 'POST /v1/schedules/{id}/disable',
    name: "(the report manager's schedule)",
    method: 'post',
    url: fixtures => `/v1/schedules/${fixtures.schedule}/disable`,
    expect: SCHEDULE_MANAGE(200),
  },
  {
    route: 'POST /v1/schedules/{id}/enable',
    name: "(the report manager's schedule)",
    method: 'post',
    url: fixtures => `/v1/schedules/${fixtures.schedule}/enable`,
    expect: SCHEDULE_MANAGE(200),
  },
  {
    route: 'POST /v1/schedules/{id}/run',
    name: "(the report manager's schedule)",
    method: 'post',
    url: fixtures => `/v1/schedules/${fixtures.schedule}/run`,
    expect: SCHEDULE_MANAGE(202),
  },
  {
    route: 'DELETE /v1/schedules/{id}',
    name: '(a schedule of acme)',
    method: 'delete',
    url: (fixtures, caller) =>
      `/v1/schedules/${fixtures.scheduleToDelete[caller]}`,
    expect: SCHEDULE_MANAGE(204),
  },
  {
    // Unknown and invisible schedules answer alike.
    route: 'GET /v1/schedules/{id}',
    name: '(an unknown schedule)',
    method: 'get',
    url: '/v1/schedules/00000000-0000-0000-0000-000000000000',
    expect: { ...ALL_404, anonymous: 401 },
  },
  {
    // The catalogue is not account data: billing.read on any account opens it.
    route: 'GET /v1/billing/plans',
    method: 'get',
    url: '/v1/billing/plans',
    expect: BILLING_CATALOGUE,
  },
  {
    route: 'GET /v1/billing/plans/{planId}',
    method: 'get',
    url: '/v1/billing/plans/standard',
    expect: BILLING_CATALOGUE,
  },
  {
    route: 'PUT /v1/billing/plans/{planId}',
    name: '(the default Standard plan, unchanged)',
    method: 'put',
    url: '/v1/billing/plans/standard',
    body: STANDARD_PLAN,
    expect: {
      'enterprise-admin': 403,
      'report-manager': 403,
      'billing-admin': 200,
      'tenant-admin': 403,
      auditor: 403,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    // billing.read on the account: the admins of acme read its billing.
    route: 'GET /v1/billing/subscriptions',
    name: 'of the account acme',
    method: 'get',
    url: '/v1/billing/subscriptions?accountId=acme',
    expect: BILLING_OF_ACME,
  },
  {
    route: 'GET /v1/billing/subscriptions',
    name: 'of the tenant acme-a',
    method: 'get',
    url: '/v1/billing/subscriptions?tenantId=acme-a',
    expect: BILLING_OF_ACME,
  },
  {
    route: 'GET /v1/billing/subscriptions',
    name: 'of the account globex, which the acme admins may not read',
    method: 'get',
    url: '/v1/billing/subscriptions?accountId=globex',
    expect: {
      ...BILLING_OF_ACME,
      // Conditional and not matched: answered like an unknown account.
      'enterprise-admin': 404,
    },
  },
  {
    route: 'POST /v1/billing/subscriptions',
    method: 'post',
    url: '/v1/billing/subscriptions',
    body: {
      tenantId: 'acme-a',
      planId: 'standard',
      cycle: 'monthly',
      startDate: '2026-01-01',
    },
    expect: billingManage(201),
  },
  {
    route: 'POST /v1/billing/subscriptions/{id}/change',
    name: '(an unknown subscription)',
    method: 'post',
    url: '/v1/billing/subscriptions/00000000-0000-4000-8000-000000000000/change',
    body: { planId: 'pro' },
    expect: billingManage(404),
  },
  {
    route: 'POST /v1/billing/subscriptions/{id}/end',
    name: '(an unknown subscription)',
    method: 'post',
    url: '/v1/billing/subscriptions/00000000-0000-4000-8000-000000000000/end',
    body: {},
    expect: billingManage(404),
  },
  {
    // billing.read on the account: a subscription of an account the caller
    // may not read is answered like an unknown one.
    route: 'POST /v1/billing/subscriptions/{id}/preview-change',
    name: '(a subscription of globex-a)',
    method: 'post',
    url: fixtures =>
      `/v1/billing/subscriptions/${fixtures.globexSubscription}/preview-change`,
    body: { planId: 'pro', date: '2026-02-01' },
    expect: { ...BILLING_OF_ACME, 'enterprise-admin': 404 },
  },
  {
    route: 'POST /v1/billing/subscriptions/{id}/cancel',
    name: '(an unknown subscription)',
    method: 'post',
    url: '/v1/billing/subscriptions/00000000-0000-4000-8000-000000000000/cancel',
    expect: billingManage(404),
  },
  {
    route: 'POST /v1/billing/subscriptions/{id}/extend',
    name: '(an unknown subscription)',
    method: 'post',
    url: '/v1/billing/subscriptions/00000000-0000-4000-8000-000000000000/extend',
    body: { endDate: '2027-01-01' },
    expect: billingManage(404),
  },
  {
    // billing.manage; a past month with nothing to invoice.
    route: 'POST /v1/billing/invoice-runs',
    method: 'post',
    url: '/v1/billing/invoice-runs',
    body: { period: '2016-01' },
    expect: billingManage(200),
  },
  {
    // billing.read on the account, as for subscriptions.
    route: 'GET /v1/billing/invoices',
    name: 'of the account acme',
    method: 'get',
    url: '/v1/billing/invoices?accountId=acme',
    expect: BILLING_OF_ACME,
  },
  {
    route: 'GET /v1/billing/invoices',
    name: 'of the tenant acme-a',
    method: 'get',
    url: '/v1/billing/invoices?tenantId=acme-a',
    expect: BILLING_OF_ACME,
  },
  {
    route: 'GET /v1/billing/invoices',
    name: 'of the account globex, which the acme admins may not read',
    method: 'get',
    url: '/v1/billing/invoices?accountId=globex',
    expect: { ...BILLING_OF_ACME, 'enterprise-admin': 404 },
  },
  {
    // An invoice of an account the caller may not read is answered like an unknown one.
    route: 'GET /v1/billing/invoices/{id}',
    name: '(an invoice of globex-a)',
    method: 'get',
    url: fixtures => `/v1/billing/invoices/${fixtures.globexInvoice}`,
    expect: { ...BILLING_OF_ACME, 'enterprise-admin': 404 },
  },
  {
    // billing.manage; an unknown invoice.
    route: 'POST /v1/billing/invoices/{id}/void',
    name: '(an unknown invoice)',
    method: 'post',
    url: '/v1/billing/invoices/00000000-0000-4000-8000-000000000000/void',
    body: { reason: 'Matrix' },
    expect: billingManage(404),
  },
  {
    // billing.read on the account, as for invoices.
    route: 'GET /v1/billing/credits',
    name: 'of the account acme',
    method: 'get',
    url: '/v1/billing/credits?accountId=acme',
    expect: BILLING_OF_ACME,
  },
  {
    route: 'GET /v1/billing/credits',
    name: 'of the account globex, which the acme admins may not read',
    method: 'get',
    url: '/v1/billing/credits?accountId=globex',
    expect: { ...BILLING_OF_ACME, 'enterprise-admin': 404 },
  },
  {
    route: 'POST /v1/billing/credits',
    method: 'post',
    url: '/v1/billing/credits',
    body: { accountId: 'acme', scope: 'general', amount: '1.00', note: 'M' },
    expect: billingManage(201),
  },
  {
    route: 'GET /v1/billing/payments',
    name: 'of the account acme',
    method: 'get',
    url: '/v1/billing/payments?accountId=acme',
    expect: BILLING_OF_ACME,
  },
  {
    route: 'GET /v1/billing/payments',
    name: 'of the account globex, which the acme admins may not read',
    method: 'get',
    url: '/v1/billing/payments?accountId=globex',
    expect: { ...BILLING_OF_ACME, 'enterprise-admin': 404 },
  },
  {
    // billing.manage; with nothing open, the payment is all credit.
    route: 'POST /v1/billing/payments',
    method: 'post',
    url: '/v1/billing/payments',
    body: {
      accountId: 'acme',
      method: 'eft',
      amount: '1.00',
      reference: 'Matrix',
      receivedAt: '2016-01-01',
    },
    expect: billingManage(201),
  },
  {
    // As the invoice: billing.read on its account, else 404.
    route: 'GET /v1/billing/invoices/{id}/pdf',
    name: '(an invoice of globex-a)',
    method: 'get',
    url: fixtures => `/v1/billing/invoices/${fixtures.globexInvoice}/pdf`,
    expect: { ...BILLING_OF_ACME, 'enterprise-admin': 404 },
  },
  {
    // billing.manage; globex has no contact and no admin email: 409.
    route: 'POST /v1/billing/invoices/{id}/email',
    name: '(an invoice of globex-a, nobody to send to)',
    method: 'post',
    url: fixtures => `/v1/billing/invoices/${fixtures.globexInvoice}/email`,
    expect: billingManage(409),
  },
  {
    route: 'GET /v1/billing/accounts/{accountId}/contacts',
    name: 'of the account acme',
    method: 'get',
    url: '/v1/billing/accounts/acme/contacts',
    expect: BILLING_OF_ACME,
  },
  {
    route: 'GET /v1/billing/accounts/{accountId}/contacts',
    name: 'of the account globex, which the acme admins may not read',
    method: 'get',
    url: '/v1/billing/accounts/globex/contacts',
    expect: { ...BILLING_OF_ACME, 'enterprise-admin': 404 },
  },
  {
    // billing.manage, or settings.update on the account: its admins too.
    route: 'PUT /v1/billing/accounts/{accountId}/contacts',
    name: 'of the account acme',
    method: 'put',
    url: '/v1/billing/accounts/acme/contacts',
    body: {
      items: [{ name: 'Matrix', email: 'matrix@acme.example', role: 'AP' }],
    },
    expect: { ...billingManage(200), 'enterprise-admin': 200 },
  },
  {
    route: 'PUT /v1/billing/accounts/{accountId}/contacts',
    name: 'of the account globex, which the acme admins may not update',
    method: 'put',
    url: '/v1/billing/accounts/globex/contacts',
    body: { items: [] },
    expect: billingManage(200),
  },
  {
    // tenant.plan.change on acme-a: billing admins everywhere, tina as its
    // Admin. One pending application per tenant and kind, so the tenant
    // admin applies for the other kind than everyone else.
    route: 'POST /v1/billing/applications',
    name: '(for acme-a)',
    method: 'post',
    url: '/v1/billing/applications',
    body: caller =>
      caller === 'tenant-admin'
        ? {
            tenantId: 'acme-a',
            kind: 'developer',
            integrationDescription: 'Matrix connector',
          }
        : {
            tenantId: 'acme-a',
            kind: 'pro-bono',
            organisation: 'Matrix Trust',
            reason: 'A pilot',
            expectedUsers: 20,
            pilotMonths: 3,
          },
    expect: {
      'enterprise-admin': 403,
      'report-manager': 403,
      'billing-admin': 201,
      'tenant-admin': 201,
      auditor: 403,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    route: 'POST /v1/billing/applications',
    name: '(for globex-a, where the tenant admin is only a viewer)',
    method: 'post',
    url: '/v1/billing/applications',
    body: {
      tenantId: 'globex-a',
      kind: 'developer',
      integrationDescription: 'Matrix connector',
    },
    expect: {
      'enterprise-admin': 403,
      'report-manager': 403,
      'billing-admin': 201,
      'tenant-admin': 403,
      auditor: 403,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    // Everyone signed in may ask; billing admins see every application,
    // others those of tenants where they hold tenant.plan.change (the
    // tests of billing/applications check which).
    route: 'GET /v1/billing/applications',
    method: 'get',
    url: '/v1/billing/applications',
    expect: { ...ALL_OK, anonymous: 401 },
  },
  {
    route: 'POST /v1/billing/applications/{id}/approve',
    name: '(an unknown application)',
    method: 'post',
    url: '/v1/billing/applications/00000000-0000-4000-8000-000000000000/approve',
    body: {},
    expect: billingManage(404),
  },
  {
    route: 'POST /v1/billing/applications/{id}/reject',
    name: '(an unknown application)',
    method: 'post',
    url: '/v1/billing/applications/00000000-0000-4000-8000-000000000000/reject',
    body: { reason: 'Matrix' },
    expect: billingManage(404),
  },
  {
    // tenant.read on the tenant or billing.read on its account; another
    // plugin's service principal too (its own test below), not an
    // external one.
    route: 'GET /v1/billing/tenants/{tenantId}/features',
    name: 'of acme-a',
    method: 'get',
    url: '/v1/billing/tenants/acme-a/features',
    expect: {
      'enterprise-admin': 200,
      'report-manager': 403,
      'billing-admin': 200,
      'tenant-admin': 200,
      auditor: 200,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    route: 'GET /v1/billing/tenants/{tenantId}/features',
    name: 'of globex-a, where the tenant admin is a viewer',
    method: 'get',
    url: '/v1/billing/tenants/globex-a/features',
    expect: {
      // Conditional and not matched: answered like an unknown tenant.
      'enterprise-admin': 404,
      'report-manager': 403,
      'billing-admin': 200,
      'tenant-admin': 404,
      auditor: 200,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
  {
    route: 'GET /v1/billing/tenants/{tenantId}/features',
    name: '(an unknown tenant)',
    method: 'get',
    url: '/v1/billing/tenants/nowhere/features',
    expect: {
      'enterprise-admin': 404,
      'report-manager': 403,
      'billing-admin': 404,
      'tenant-admin': 404,
      auditor: 404,
      'no-role': 403,
      anonymous: 401,
      service: 403,
    },
  },
];

const seedModule = createSeedModule('matrix-seed', async writer => {
  await writer.upsertAccount({ id: 'acme', ...ACME });
  await writer.upsertAccount({
    id: 'globex',
    name: 'Globex',
    adminRefs: ['group:default/globex-admins'],
  });
  await writer.upsertTenant({ id: 'acme-a', ...ACME_A });
  await writer.upsertTenant({
    id: 'globex-a',
    accountId: 'globex',
    name: 'globex-a',
    createdAt: '2026-02-01T00:00:00Z',
  });
  const user = (tenantId: string, role: string) => ({
    type: 'user' as const,
    tenantId,
    id: 'u-tina',
    kind: 'web' as const,
    username: 'tina',
    role,
    status: 'active' as const,
    createdAt: '2026-01-01T00:00:00Z',
  });
  const result = await writer.ingest([
    user('acme-a', 'Admin'),
    user('globex-a', 'Viewer'),
  ]);
  if (result.rejected.length) {
    throw new Error(JSON.stringify(result.rejected));
  }
});

const ownershipByUser = new Map(
  Object.values(USERS).map(refs => [refs[0], refs]),
);
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: ownershipByUser.get(ref) ?? [ref],
      };
    },
  }),
});

/**
 * The mock httpAuth drops the actor of on-behalf-of tokens, which real
 * tokens carry and the permission backend relies on (it refuses resource
 * permissions without a resourceRef from users calling it directly). This
 * puts the actor back so the plugin's list queries work as in production.
 */
const httpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    const prefix = 'mock-service-token:';
    const httpAuth: HttpAuthService = {
      async credentials(req, options) {
        const credentials = await inner.credentials(req, options);
        const token = /^Bearer (\S+)$/.exec(
          String(req.headers.authorization ?? ''),
        )?.[1];
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type === 'user' && token?.startsWith(prefix)) {
          const { sub } = JSON.parse(token.slice(prefix.length));
          return mockCredentials.user(principal.userEntityRef, {
            actor: { subject: sub ?? 'plugin:enterprise-console' },
          }) as any;
        }
        return credentials;
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
    return httpAuth;
  },
});

const databases = createTestDatabases({ testTimeoutMs: 120_000 });

/** The plugin, the real permission backend and policy, on one database. */
async function startMatrixBackend(
  knex: Awaited<ReturnType<typeof databases.init>>,
  enterpriseConsole: Record<string, unknown> & { mail?: boolean },
) {
  const { mail, ...consoleConfig } = enterpriseConsole;
  const { server } = await startTestBackend({
    features: [
      enterpriseConsolePlugin,
      seedModule,
      permissionBackend,
      enterpriseConsolePolicy,
      permissionsServiceFactory,
      userInfoFactory,
      httpAuthFactory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          enterpriseConsole: consoleConfig as object,
          ...(mail
            ? {
                notifications: {
                  processors: {
                    email: {
                      // A closed port: a run's mail fails, and no test waits for one.
                      transportConfig: {
                        transport: 'smtp',
                        hostname: '127.0.0.1',
                        port: 1,
                      },
                      sender: 'matrix@console.example',
                    },
                  },
                },
              }
            : {}),
        },
      }),
    ],
  });
  return server;
}

/**
 * The runs and the link the rows of report runs and downloads name, made
 * through the stores of the running backend's database.
 */
async function createFixtures(knex: Knex): Promise<Fixtures> {
  const runs = new ReportRunStore(knex);
  const files = new FileChunkStore(knex);
  const created: { id: string; createdAt: Date }[] = [];
  const queue = async (createdBy: string) => {
    const run = await runs.records.createWithinLimit(
      {
        accountId: 'acme',
        type: 'project-spaces',
        name: 'Project Spaces',
        delimiter: ',',
        parameters: {},
        createdBy,
      },
      { maxActive: Number.MAX_SAFE_INTEGER, now: new Date() },
    );
    if ('limited' in run) {
      throw new Error('unexpected limit');
    }
    created.push(run);
    return run.id;
  };
  const rita = USERS['report-manager'][0];

  // The oldest queued run, so the claim below takes it.
  const downloadable = await queue(rita);
  const claim = await runs.queue.claim({
    owner: 'matrix',
    leaseMs: 60_000,
    now: new Date(),
  });
  if (claim?.id !== downloadable) {
    throw new Error('the matrix backend claimed a run of its own');
  }
  await files.appendChunk(downloadable, claim.attempt, 0, Buffer.from('a,b'));
  const expiresAt = new Date(Date.now() + 3_600_000);
  await runs.queue.succeed(claim, {
    rowCount: 0,
    byteSize: 3,
    fileName: 'matrix.csv',
    finishedAt: new Date(),
    expiresAt,
  });

  const runToCancel = {} as Record<Caller, string>;
  for (const caller of CALLERS) {
    runToCancel[caller] = await queue(rita);
  }
  const managersRun = await queue(rita);

  const schedules = new ScheduleStore(knex);
  const acmeSchedules: string[] = [];
  const addSchedule = async () => {
    const { id } = await schedules.create(
      {
        ...SCHEDULE,
        recurrence: 'weekly',
        dayOfWeek: 'monday',
        time: '06:00',
        timezone: 'UTC',
        delimiter: ',',
        period: 'last-7-days',
        enabled: true,
      },
      {
        createdBy: rita,
        // Apart, so the list's order is the order of creation.
        now: new Date(Date.UTC(2026, 0, 1, 0, 0, acmeSchedules.length)),
        nextRunAt: new Date('2030-01-07T06:00:00Z'),
      },
    );
    acmeSchedules.push(id);
    return id;
  };
  const schedule = await addSchedule();
  const scheduleToDelete = {} as Record<Caller, string>;
  for (const caller of CALLERS) {
    scheduleToDelete[caller] = await addSchedule();
  }
  const tenantStore = new TenantStore(knex);
  const credits = new CreditStore(knex);
  const subscriptions = new SubscriptionStore(knex, {
    plans: new PlanStore(knex),
    tenants: tenantStore,
    entitlements: new EntitlementStore(knex, tenantStore),
    credits,
  });
  const globex = await subscriptions.create(
    {
      tenantId: 'globex-a',
      planId: 'standard',
      cycle: 'monthly',
      startDate: '2026-01-01',
      proBono: 'full-price',
      serviceType: 'product',
      doNotInvoice: false,
      autoRenew: false,
    },
    { actor: 'matrix', now: new Date(), today: '2026-01-01' },
  );
  const globexInvoice = await new InvoiceStore(knex, credits).insert(
    {
      key: `subscription:${globex.created.id}`,
      accountId: 'globex',
      tenantId: 'globex-a',
      subscriptionId: globex.created.id,
      period: '2026-01',
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      lines: [],
    },
    new Date(),
  );
  const acmeRuns = created
    .sort(
      (a, b) =>
        b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    )
    .map(run => run.id);
  return {
    managersRun,
    acmeRuns,
    downloadToken: new DownloadTokens([LINK_KEY]).sign(downloadable, expiresAt),
    runToCancel,
    schedule,
    scheduleToDelete,
    acmeSchedules,
    globexSubscription: globex.created.id,
    globexInvoice: globexInvoice!.id,
  };
}

describe.each(databases.eachSupportedId())(
  'authorization matrix on %p',
  databaseId => {
    let server: any;
    let fixtures: Fixtures;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      server = await startMatrixBackend(knex, {
        // Schedules mail their recipients; nothing is sent here.
        mail: true,
        reports: {
          downloadLinks: { keys: [LINK_KEY] },
          // The runs of the setup stay as it left them.
          worker: { pollInterval: { minutes: 60 } },
        },
        // The shipped roles, staffed; permissions as shipped.
        roles: [
          {
            name: 'enterprise-admin',
            members: ['group:default/acme-admins'],
          },
          {
            name: 'report-manager',
            members: ['group:default/finance'],
          },
          { name: 'billing-admin', members: ['user:default/bill'] },
          { name: 'tenant-admin', members: ['user:default/tina'] },
          { name: 'auditor', members: ['user:default/audrey'] },
        ],
      });
      fixtures = await createFixtures(knex);
    });

    it('has a row for every route the router serves and openapi.yaml documents', async () => {
      const spec = parse(
        fs.readFileSync(path.join(__dirname, '../schema/openapi.yaml'), 'utf8'),
      );
      const documented = Object.entries(
        spec.paths as Record<string, object>,
      ).flatMap(([routePath, operations]) =>
        Object.keys(operations).map(m => `${m.toUpperCase()} ${routePath}`),
      );
      const covered = new Set(MATRIX.map(row => row.route));
      const missing = [...new Set([...(await servedRoutes()), ...documented])]
        .filter(route => !covered.has(route))
        .sort();
      expect(missing).toEqual([]);
    });

    it('publishes the permissions and rules in the permission metadata', async () => {
      const res = await request(server).get(
        '/api/enterprise-console/.well-known/backstage/permissions/metadata',
      );
      expect(res.status).toBe(200);
      expect(
        res.body.permissions.map((p: { name: string }) => p.name).sort(),
      ).toEqual(enterpriseConsolePermissions.map(p => p.name).sort());
      expect(
        res.body.rules
          .map(
            (r: { resourceType: string; name: string }) =>
              `${r.resourceType} ${r.name}`,
          )
          .sort(),
      ).toEqual([
        'enterprise-account IS_ACCOUNT_ADMIN',
        'enterprise-account IS_ENTERPRISE',
        'enterprise-tenant HAS_EDITION',
        'enterprise-tenant HAS_FEATURE',
        'enterprise-tenant IS_ACCOUNT_ADMIN',
        'enterprise-tenant IS_IN_ACCOUNT',
        'enterprise-tenant IS_TENANT_MEMBER',
      ]);
      // RBAC renders rule parameters from these schemas and descriptions.
      const member = res.body.rules.find(
        (r: { name: string }) => r.name === 'IS_TENANT_MEMBER',
      );
      expect(member.paramsSchema.properties.roles.description).toMatch(/roles/);
      expect(member.paramsSchema.required).toEqual(['userRefs']);
    });

    it("gives the catalog's service principal the account and tenant lists, not the consoles", async () => {
      const catalog = mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'enterprise-console',
      });
      const get = async (url: string) => {
        const res = await request(server)
          .get(`/api/enterprise-console${url}`)
          .set('Authorization', catalog);
        return {
          status: res.status,
          ids: res.body?.items?.map((item: { id: string }) => item.id),
        };
      };
      expect(await get('/v1/accounts')).toEqual({
        status: 200,
        ids: ['acme', 'globex'],
      });
      expect(await get('/v1/tenants')).toEqual({
        status: 200,
        ids: ['acme-a', 'globex-a'],
      });
      for (const url of [
        '/v1/accounts/acme/tiles',
        '/v1/sms?accountId=acme',
        '/v1/sms/gateways?accountId=acme',
        '/v1/accounts/acme/settings',
      ]) {
        expect({ url, ...(await get(url)) }).toEqual({
          url,
          status: 403,
          ids: undefined,
        });
      }
    });

    it.each([
      // Listing a tenant is not reading it: canRead is tenant.read alone.
      ['enterprise-admin', [['acme-a', false]]],
      [
        'report-manager',
        [
          ['acme-a', false],
          ['globex-a', false],
        ],
      ],
      [
        'billing-admin',
        [
          ['acme-a', true],
          ['globex-a', true],
        ],
      ],
      ['tenant-admin', [['acme-a', true]]],
      [
        'auditor',
        [
          ['acme-a', true],
          ['globex-a', true],
        ],
      ],
      ['no-role', []],
      ['service', []],
    ] as Array<[Caller, Array<[string, boolean]>]>)(
      'lists tenants to %s with whether each page opens',
      async (caller, expected) => {
        const res = await request(server)
          .get('/api/enterprise-console/v1/tenants')
          .set('Authorization', authorization(caller));
        expect(res.status).toBe(200);
        expect(
          res.body.items.map((t: { id: string; canRead: boolean }) => [
            t.id,
            t.canRead,
          ]),
        ).toEqual(expected);
      },
    );

    describe.each(MATRIX)('$route $name', row => {
      it.each(CALLERS)('as %s', async caller => {
        const expected = (
          typeof row.expect === 'function' ? row.expect(fixtures) : row.expect
        )[caller];
        let call = request(server)
          [row.method](
            `/api/enterprise-console${
              typeof row.url === 'string' ? row.url : row.url(fixtures, caller)
            }`,
          )
          .set('Authorization', authorization(caller));
        if (row.body !== undefined) {
          call = call
            .set('Content-Type', row.contentType ?? 'application/json')
            .send(
              typeof row.body === 'string'
                ? row.body
                : JSON.stringify(
                    typeof row.body === 'function'
                      ? row.body(caller)
                      : row.body,
                  ),
            );
        }
        const res = await call;
        const want =
          typeof expected === 'number' ? { status: expected } : expected;
        const received = {
          status: res.status,
          // The error message travels along so that a failure shows why.
          error: (res.body?.error?.message as string | undefined) ?? 'none',
          ids: res.body?.items?.map((item: { id: string }) => item.id),
          totalCount: res.body?.totalCount,
        };
        expect(received).toEqual({
          status: want.status,
          error: want.status >= 400 ? received.error : 'none',
          ids: 'ids' in want ? want.ids : received.ids,
          totalCount: 'ids' in want ? want.ids.length : received.totalCount,
        });
      });
    });
  },
);

/*
 * Ingestion writes data, not who administers it (issue 10): even a caller
 * holding data.ingest (a service by default, or an enterprise admin given it
 * as app-config.yaml once did) gets 403 for changing an account's admins or
 * moving a tenant between accounts, and nothing changes; only
 * account.admins.manage, which no shipped role holds, allows it.
 */
describe.each(databases.eachSupportedId())(
  'ingestion cannot take over an account, on %p',
  databaseId => {
    let server: any;
    let knex: Awaited<ReturnType<typeof databases.init>>;
    let before: unknown;

    /** Who administers what, as stored. */
    const ownership = async () => ({
      accounts: await knex('accounts')
        .select('id', 'admin_refs', 'admin_emails')
        .orderBy('id'),
      admins: await knex('account_admins')
        .select('account_id', 'ref')
        .orderBy(['account_id', 'ref']),
      tenants: await knex('tenants').select('id', 'account_id').orderBy('id'),
    });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startMatrixBackend(knex, {
        roles: [
          {
            name: 'enterprise-admin',
            members: ['group:default/acme-admins'],
            // The shipped role, given more as app-config.yaml once did.
            permissions: [
              ...DEFAULT_ROLES.find(role => role.name === 'enterprise-admin')!
                .permissions,
              'tenant.read',
              'data.ingest',
            ],
          },
          {
            name: 'account-steward',
            members: ['user:default/stella'],
            permissions: ['data.ingest', 'account.admins.manage'],
          },
        ],
      });
      before = await ownership();
    });

    const put = (caller: string, url: string, body: object) =>
      request(server)
        .put(`/api/enterprise-console${url}`)
        .set('Authorization', caller)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));

    const GLOBEX = {
      name: 'Globex',
      adminRefs: ['group:default/globex-admins'],
    };
    const GLOBEX_A = {
      accountId: 'globex',
      name: 'globex-a',
      createdAt: '2026-02-01T00:00:00Z',
    };
    const REFUSED: Array<[string, string, object, RegExp]> = [
      [
        "an admin group added to another account's admins",
        '/v1/accounts/globex',
        {
          ...GLOBEX,
          adminRefs: [...GLOBEX.adminRefs, 'group:default/acme-admins'],
        },
        /admins\.manage is required to change the admins of account globex$/,
      ],
      [
        "another account's admins replaced",
        '/v1/accounts/globex',
        { ...GLOBEX, adminRefs: ['group:default/acme-admins'] },
        /admins\.manage is required to change the admins of account globex$/,
      ],
      [
        "an admin email added to another account's admins",
        '/v1/accounts/globex',
        { ...GLOBEX, adminEmails: ['erin@acme.example'] },
        /admins\.manage is required to change the admins of account globex$/,
      ],
      [
        "the caller's own account's admins changed",
        '/v1/accounts/acme',
        { ...ACME, adminRefs: [] },
        /admins\.manage is required to change the admins of account acme$/,
      ],
      [
        'a tenant moved out of another account',
        '/v1/tenants/globex-a',
        { ...GLOBEX_A, accountId: 'acme' },
        /admins\.manage is required to move tenant globex-a from account globex to account acme$/,
      ],
      [
        'a tenant moved into another account',
        '/v1/tenants/acme-a',
        { ...ACME_A, accountId: 'globex' },
        /admins\.manage is required to move tenant acme-a from account acme to account globex$/,
      ],
    ];

    describe.each(['enterprise-admin', 'service'] as const)('as %s', caller => {
      it.each(REFUSED)('refuses %s with 403', async (_, url, body, error) => {
        const res = await put(authorization(caller), url, body);
        expect({ status: res.status, error: res.body.error?.message }).toEqual({
          status: 403,
          error: expect.stringMatching(error),
        });
        expect(await ownership()).toEqual(before);
      });

      it('still writes what ingestion may: other fields, the same admins in another order or case, new accounts and tenants', async () => {
        const renamed = await put(
          authorization(caller),
          '/v1/accounts/globex',
          {
            ...GLOBEX,
            name: `Globex (${caller})`,
            adminRefs: ['Group:default/Globex-Admins'],
          },
        );
        expect(renamed.status).toBe(200);
        expect(renamed.body.result).toBe('updated');
        const tenant = await put(
          authorization(caller),
          '/v1/tenants/globex-a',
          {
            ...GLOBEX_A,
            name: `globex-a (${caller})`,
          },
        );
        expect([tenant.status, tenant.body.result]).toEqual([200, 'updated']);
        // A new account names its first admins: nobody's place is taken.
        const created = await put(
          authorization(caller),
          `/v1/accounts/new-${caller}`,
          { name: 'New', adminRefs: ['group:default/new-admins'] },
        );
        expect([created.status, created.body.result]).toEqual([201, 'created']);
        const newTenant = await put(
          authorization(caller),
          `/v1/tenants/new-${caller}-a`,
          { ...GLOBEX_A, name: 'new-a' },
        );
        expect([newTenant.status, newTenant.body.result]).toEqual([
          201,
          'created',
        ]);
        await knex('tenants')
          .where({ id: `new-${caller}-a` })
          .delete();
        await knex('account_admins')
          .where({ account_id: `new-${caller}` })
          .delete();
        await knex('accounts')
          .where({ id: `new-${caller}` })
          .delete();
        await knex('accounts')
          .where({ id: 'globex' })
          .update({ admin_refs: JSON.stringify(GLOBEX.adminRefs) });
        expect(await ownership()).toEqual(before);
      });
    });

    it('lets a holder of account.admins.manage change admins and move tenants', async () => {
      const steward = mockCredentials.user.header('user:default/stella');
      const admins = await put(steward, '/v1/accounts/globex', {
        ...GLOBEX,
        adminRefs: ['group:default/acme-admins'],
      });
      expect([admins.status, admins.body.account.adminRefs]).toEqual([
        200,
        ['group:default/acme-admins'],
      ]);
      const moved = await put(steward, '/v1/tenants/globex-a', {
        ...GLOBEX_A,
        accountId: 'acme',
      });
      expect([moved.status, moved.body.tenant.accountId]).toEqual([
        200,
        'acme',
      ]);
    });
  },
);

/*
 * The matrix above shows only refusals for domain.approve, which no shipped
 * role holds. A platform-admin role of the operator's own (test-only here,
 * never shipped) that grants it lists, approves and rejects real pending
 * bindings, while an enterprise admin still gets 403 and changes nothing.
 */
describe.each(databases.eachSupportedId())(
  'platform admins decide domain bindings, on %p',
  databaseId => {
    let server: any;
    const platformAdmin = mockCredentials.user.header('user:default/pat');
    const enterpriseAdmin = authorization('enterprise-admin');

    const call = (
      caller: string,
      method: 'get' | 'post' | 'put',
      url: string,
      body?: object,
    ) => {
      const req = request(server)
        [method](`/api/enterprise-console${url}`)
        .set('Authorization', caller);
      return body === undefined
        ? req
        : req
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));
    };
    const listed = async (status: string) => {
      const res = await call(
        platformAdmin,
        'get',
        `/v1/domain-bindings?status=${status}`,
      );
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ id: string; domain: string }>).map(
        binding => [binding.domain, binding.id],
      );
    };

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      server = await startMatrixBackend(knex, {
        roles: [
          {
            name: 'enterprise-admin',
            members: ['group:default/acme-admins'],
          },
          {
            name: 'platform-admin',
            members: ['user:default/pat'],
            permissions: ['domain.approve'],
          },
        ],
      });
      // acme's enterprise admin binds two domains: both wait for approval.
      const saved = await call(
        enterpriseAdmin,
        'put',
        '/v1/accounts/acme/settings',
        {
          restrictSignups: true,
          restrictSignupDomains: ['acme-health.com', 'acme-health.org'],
          restrictSignupMessage: 'Ask Acme IT.',
        },
      );
      if (saved.status !== 200) {
        throw new Error(`settings not saved: ${JSON.stringify(saved.body)}`);
      }
    });

    it('lets the platform admin list the pending bindings, and not the enterprise admin', async () => {
      const res = await call(
        platformAdmin,
        'get',
        '/v1/domain-bindings?status=pending',
      );
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((b: any) => [b.accountId, b.domain, b.status]),
      ).toEqual([
        ['acme', 'acme-health.com', 'pending'],
        ['acme', 'acme-health.org', 'pending'],
      ]);
      const refused = await call(
        enterpriseAdmin,
        'get',
        '/v1/domain-bindings?status=pending',
      );
      expect(refused.status).toBe(403);
    });

    it('refuses approval and rejection to the enterprise admin and changes nothing', async () => {
      const before = await listed('pending');
      for (const [, id] of before) {
        const approve = await call(
          enterpriseAdmin,
          'post',
          `/v1/domain-bindings/${id}/approve`,
        );
        const reject = await call(
          enterpriseAdmin,
          'post',
          `/v1/domain-bindings/${id}/reject`,
          { reason: 'Not ours' },
        );
        expect([approve.status, reject.status]).toEqual([403, 403]);
        expect(approve.body.error.message).toContain(
          'enterprise-console.domain.approve',
        );
      }
      expect(await listed('pending')).toEqual(before);
    });

    it('lets the platform admin approve one and reject the other', async () => {
      const [[, comId], [, orgId]] = await listed('pending');
      const approved = await call(
        platformAdmin,
        'post',
        `/v1/domain-bindings/${comId}/approve`,
      );
      expect([approved.status, approved.body]).toEqual([
        200,
        expect.objectContaining({
          id: comId,
          domain: 'acme-health.com',
          status: 'approved',
          decidedBy: 'user:default/pat',
        }),
      ]);
      const rejected = await call(
        platformAdmin,
        'post',
        `/v1/domain-bindings/${orgId}/reject`,
        { reason: 'acme-health.org is not Acme Health' },
      );
      expect([rejected.status, rejected.body]).toEqual([
        200,
        expect.objectContaining({
          id: orgId,
          domain: 'acme-health.org',
          status: 'rejected',
          reason: 'acme-health.org is not Acme Health',
        }),
      ]);
      expect(await listed('pending')).toEqual([]);
      const settings = await call(
        enterpriseAdmin,
        'get',
        '/v1/accounts/acme/settings',
      );
      expect(settings.body.domainBindings).toEqual([
        { domain: 'acme-health.com', status: 'approved' },
        {
          domain: 'acme-health.org',
          status: 'rejected',
          reason: 'acme-health.org is not Acme Health',
        },
      ]);
    });
  },
);
