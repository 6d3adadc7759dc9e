import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { apiApp } from '../../__testUtils__/apiApp';
import { createAuthorizer } from '../../permissions/authorize';
import { createReportsArea } from '../../reports';
import { inboxEmailConfig } from '../../mail/__testUtils__/smtpInbox';
import { setupRuns } from '../../reports/runs/__testUtils__/setupRuns';
import { createSchedulesArea } from '..';

/** Holds every permission. */
export const ADA = 'user:default/ada';
/** schedule.manage, not report.export. */
export const REX = 'user:default/rex';
/** report.export, not schedule.manage. */
export const NORA = 'user:default/nora';

const DENIED: Record<string, string[]> = {
  [REX]: ['enterprise-console.report.export'],
  [NORA]: ['enterprise-console.schedule.manage'],
};

/** A daily schedule of acme at 06:00 UTC, as its POST body. */
export const DAILY_AT_SIX_UTC = {
  accountId: 'acme',
  name: 'Daily spaces',
  type: 'project-spaces',
  recipients: ['ops@example.com'],
  recurrence: 'daily',
  time: '06:00',
  timezone: 'UTC',
};

/** A clock a test moves. */
export function testClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set(iso: string) {
      now = new Date(iso);
    },
  };
}

/**
 * The real reports and schedules areas on one database (migrated, with the
 * enterprise account acme and the plain account smallco), behind the API
 * router; permissions allow every caller everything but what DENIED says.
 * `smtpPort` is where recipients' mail goes (default: a closed port, as
 * tests that do not start the worker send nothing).
 */
export async function setupSchedules(
  knex: Knex,
  options: {
    now: () => Date;
    smtpPort?: number;
    acmeName?: string;
    /** No email transport at all. */
    noMail?: boolean;
  },
) {
  const { accounts } = await setupRuns(knex, options.acmeName);
  const permissions = mockServices.permissions.mock({
    authorize: (async (requests: any[], { credentials }: any) =>
      requests.map(r => ({
        result: (DENIED[credentials.principal.userEntityRef] ?? []).includes(
          r.permission.name,
        )
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      }))) as PermissionsService['authorize'],
  });
  const httpAuth = mockServices.httpAuth();
  const authorizer = createAuthorizer({
    httpAuth,
    permissions,
    permissionsRegistry: {} as any,
    db: knex,
  });
  const auditor = mockServices.auditor.mock();
  const sent: NotificationSendOptions[] = [];
  const config = mockServices.rootConfig({
    data: {
      app: { baseUrl: 'http://console.example' },
      ...(options.noMail
        ? {}
        : {
            notifications: {
              processors: { email: inboxEmailConfig(options.smtpPort ?? 1) },
            },
          }),
      enterpriseConsole: {
        reports: {
          worker: { pollInterval: '100ms' },
          downloadLinks: {
            keys: [{ id: 'k1', secret: 'schedule-secret-of-32-characters' }],
          },
        },
      },
    },
  });
  const deps = {
    config,
    db: knex,
    logger: mockServices.logger.mock(),
    scheduler: mockServices.scheduler.mock(),
    discovery: mockServices.discovery(),
    notifications: {
      async send(notification: NotificationSendOptions) {
        sent.push(notification);
      },
    },
    auditor,
    httpAuth,
    authorizer,
    accounts,
  };
  const reports = await createReportsArea(deps);
  const schedules = createSchedulesArea({ ...deps, reports, now: options.now });
  const app = await apiApp(Router().use(reports.router).use(schedules.router));
  return { app, auditor, reports, schedules, sent };
}
