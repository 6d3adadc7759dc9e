import {
  ConsoleTiles,
  ReportRun,
  SmsMessage,
  TenantListItem,
} from '@internal/plugin-enterprise-console-common';

/** The six tiles of an account, with totals big enough to need separators. */
export function tilesOf(
  accountId: string,
  range: { from?: string; to?: string } = {},
): ConsoleTiles {
  return {
    accountId,
    from: `${range.from ?? '2026-10-24'}T00:00:00.000Z`,
    to: `${range.to ?? '2026-11-22'}T00:00:00.000Z`,
    tiles: [
      tile('project-spaces', '# of Project Spaces', 18, false),
      tile('web-users', '# of Web Users', 1234, false),
      tile('mobile-workers', '# of Mobile Workers', 56789, false),
      tile('form-submissions', '# of Mobile Form Submissions', 1234567, true),
      tile('odata-feeds', '# of OData Feeds', 42, false),
      tile('sms-detail', '# of SMS', 98765, true),
    ],
  };
}

function tile(
  type: ConsoleTiles['tiles'][number]['type'],
  title: string,
  total: number,
  takesDateRange: boolean,
) {
  return { type, title, total, takesDateRange };
}

/** A run of the given account, overridable field by field. */
export function reportRun(overrides: Partial<ReportRun> = {}): ReportRun {
  return {
    id: 'run-1',
    accountId: 'acme-health',
    type: 'web-users',
    name: 'Web Users',
    delimiter: ',',
    status: 'queued',
    rowsWritten: 0,
    createdBy: 'user:default/ada',
    createdAt: '2026-11-22T09:00:00.000Z',
    parameters: {},
    ...overrides,
  };
}

export function tenant(
  id: string,
  name: string,
  accountId: string,
  overrides: Partial<TenantListItem> = {},
): TenantListItem {
  return {
    id,
    accountId,
    name,
    createdAt: '2026-01-01T00:00:00.000Z',
    timezone: 'UTC',
    feedLimit: 25,
    canRead: true,
    ...overrides,
  };
}

export function smsMessage(overrides: Partial<SmsMessage> = {}): SmsMessage {
  return {
    id: 'msg-1',
    tenantId: 'north',
    sentAt: '2026-11-20T10:15:00.000Z',
    direction: 'outgoing',
    parts: 2,
    gateway: 'twilio',
    gatewayCharge: '0.015',
    usageCharge: '0.02',
    totalCharge: '0.035',
    valid: true,
    createdAt: '2026-11-20T10:15:00.000Z',
    ...overrides,
  };
}
