/*
 * The records of the ingestion API (`POST /v1/ingest`). Times are ISO 8601;
 * fees and quantities are decimal strings with up to four decimals, so that
 * money never passes through a float.
 */

/**
 * An application of a tenant.
 *
 * @public
 */
export interface AppRecord {
  type: 'app';
  tenantId: string;
  id: string;
  name: string;
}

/**
 * A web user or mobile worker of a tenant.
 *
 * @public
 */
export interface UserRecord {
  type: 'user';
  tenantId: string;
  id: string;
  kind: 'web' | 'mobile';
  /** May carry an `@…` suffix, which reports strip. */
  username: string;
  name?: string;
  email?: string;
  role?: string;
  status: 'active' | 'inactive';
  createdAt: string;
  lastLoginAt?: string;
  lastAccessAt?: string;
  lastSyncAt?: string;
  lastSubmissionAt?: string;
  appVersion?: string;
}

/**
 * A pending invitation of a web user.
 *
 * @public
 */
export interface InvitationRecord {
  type: 'invitation';
  tenantId: string;
  id: string;
  email: string;
  role?: string;
  invitedAt: string;
}

/**
 * A form submission, timed at its receipt by the server.
 *
 * @public
 */
export interface FormRecord {
  type: 'form';
  tenantId: string;
  id: string;
  userId: string;
  formName?: string;
  /** Need not name a known application. */
  appId?: string;
  username?: string;
  submittedAt: string;
  /** System forms never count in reports. Defaults to false. */
  system?: boolean;
}

/**
 * An SMS message; fees are per part.
 *
 * @public
 */
export interface SmsRecord {
  type: 'sms';
  tenantId: string;
  /** The message log id. */
  id: string;
  direction: 'incoming' | 'outgoing';
  parts: number;
  sentAt: string;
  createdAt?: string;
  gateway?: string;
  /** Decimal string, up to four decimals, per part. */
  gatewayFee?: string;
  /** Decimal string, up to four decimals, per part. */
  usageFee?: string;
  /** Defaults to true. */
  valid?: boolean;
  /** Defaults to false. */
  error?: boolean;
}

/**
 * An OData feed of a tenant.
 *
 * @public
 */
export interface FeedRecord {
  type: 'feed';
  tenantId: string;
  id: string;
  name: string;
  rowCount: number;
}

/**
 * A metered usage event, e.g. `voice-minutes` or `api-calls`.
 *
 * @public
 */
export interface UsageRecord {
  type: 'usage';
  tenantId: string;
  id: string;
  meter: string;
  /** A number or a decimal string, up to four decimals. */
  quantity: number | string;
  at: string;
}

/**
 * A usage meter, declared in app-config (`enterpriseConsole.usageMeters`).
 * Usage events name it by `key`; the tenant-usage report has a column
 * `<name> (<unit>)` for it.
 *
 * @public
 */
export interface UsageMeter {
  /** What usage records name in `meter`, e.g. `voice-minutes`. */
  key: string;
  /** e.g. `Voice`. */
  name: string;
  /** e.g. `minutes`. */
  unit: string;
}

/**
 * Any record the ingestion API accepts.
 *
 * @public
 */
export type TenantDataRecord =
  | AppRecord
  | UserRecord
  | InvitationRecord
  | FormRecord
  | SmsRecord
  | FeedRecord
  | UsageRecord;

/**
 * The type of a record.
 *
 * @public
 */
export type TenantDataRecordType = TenantDataRecord['type'];

/**
 * All record types, in the order a tenant's data is best written.
 *
 * @public
 */
export const TENANT_DATA_RECORD_TYPES: readonly TenantDataRecordType[] = [
  'app',
  'user',
  'invitation',
  'form',
  'sms',
  'feed',
  'usage',
];

/**
 * A record the ingestion API refused, with the reason naming the field.
 *
 * @public
 */
export interface IngestRejection {
  /** Position of the record in the call, from 0 (the line or CSV row, not counting blank lines and the header). */
  index: number;
  /** The record's id, when it had a readable one. */
  id?: string;
  message: string;
}

/**
 * The answer of an ingestion call.
 *
 * @public
 */
export interface IngestResult {
  /** Records created or changed. */
  accepted: number;
  /** Records identical to what was stored. */
  unchanged: number;
  /** Refused records; the list stops at 1,000 entries, `rejectedCount` counts all. */
  rejected: IngestRejection[];
  rejectedCount: number;
}
