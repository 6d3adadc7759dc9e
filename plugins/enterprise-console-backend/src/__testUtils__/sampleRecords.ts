import { TenantDataRecord } from '@internal/plugin-enterprise-console-common';

/** One record of every type with every field set, for tenant `acme-field`. */
export const FULL_RECORDS: TenantDataRecord[] = [
  { type: 'app', tenantId: 'acme-field', id: 'app-1', name: 'Clinic Visits' },
  {
    type: 'user',
    tenantId: 'acme-field',
    id: 'u-1',
    kind: 'mobile',
    username: 'jdoe@acme-field',
    name: 'Jane Doe',
    email: 'jane@acme.example',
    role: 'Field worker',
    status: 'active',
    createdAt: '2026-01-02T03:04:05Z',
    lastLoginAt: '2026-11-01T10:00:00.123Z',
    lastAccessAt: '2026-11-01T10:05:00Z',
    lastSyncAt: '2026-11-01T10:10:00+02:00',
    lastSubmissionAt: '2026-11-01T09:00:00Z',
    appVersion: '2.54.1',
  },
  {
    type: 'invitation',
    tenantId: 'acme-field',
    id: 'inv-1',
    email: 'new@acme.example',
    role: 'Viewer',
    invitedAt: '2026-10-30T12:00:00Z',
  },
  {
    type: 'form',
    tenantId: 'acme-field',
    id: 'f-1',
    userId: 'u-1',
    formName: 'Household visit',
    appId: 'app-1',
    username: 'jdoe@acme-field',
    submittedAt: '2026-11-01T09:00:00Z',
    system: true,
  },
  {
    type: 'sms',
    tenantId: 'acme-field',
    id: 'msg-1',
    direction: 'outgoing',
    parts: 3,
    sentAt: '2026-11-01T08:00:00Z',
    createdAt: '2026-11-01T07:59:59Z',
    gateway: 'twilio',
    gatewayFee: '0.0075',
    usageFee: '0.01',
    valid: false,
    error: true,
  },
  {
    type: 'feed',
    tenantId: 'acme-field',
    id: 'feed-1',
    name: 'Visits by district',
    rowCount: 9_007_199_254_740_991,
  },
  {
    type: 'usage',
    tenantId: 'acme-field',
    id: 'use-1',
    meter: 'voice-minutes',
    quantity: '12.5',
    at: '2026-11-01T06:00:00Z',
  },
];

/** FULL_RECORDS as the store reads them back: canonical times and decimals. */
export const FULL_RECORDS_READ_BACK: TenantDataRecord[] = FULL_RECORDS.map(
  record => {
    switch (record.type) {
      case 'user':
        return {
          ...record,
          createdAt: '2026-01-02T03:04:05.000Z',
          lastLoginAt: '2026-11-01T10:00:00.123Z',
          lastAccessAt: '2026-11-01T10:05:00.000Z',
          lastSyncAt: '2026-11-01T08:10:00.000Z',
          lastSubmissionAt: '2026-11-01T09:00:00.000Z',
        };
      case 'invitation':
        return { ...record, invitedAt: '2026-10-30T12:00:00.000Z' };
      case 'form':
        return { ...record, submittedAt: '2026-11-01T09:00:00.000Z' };
      case 'sms':
        return {
          ...record,
          sentAt: '2026-11-01T08:00:00.000Z',
          createdAt: '2026-11-01T07:59:59.000Z',
          gatewayFee: '0.0075',
          usageFee: '0.0100',
        };
      case 'usage':
        return { ...record, at: '2026-11-01T06:00:00.000Z' };
      default:
        return record;
    }
  },
);
