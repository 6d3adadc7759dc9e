import type * as Model from '../generated/models';

/*
 * The records of the ingestion API (`POST /v1/ingest`). Times are ISO 8601;
 * fees and quantities are decimal strings with up to four decimals, so that
 * money never passes through a float. Their fields are stated once, in the
 * backend's openapi.yaml (see ../generated/models.ts).
 */

/**
 * An application of a tenant.
 *
 * @public
 */
export type AppRecord = Model.AppRecord;

/**
 * A web user or mobile worker of a tenant. The username may carry an `@…`
 * suffix, which reports strip.
 *
 * @public
 */
export type UserRecord = Model.UserRecord;

/**
 * A pending invitation of a web user.
 *
 * @public
 */
export type InvitationRecord = Model.InvitationRecord;

/**
 * A form submission, timed at its receipt by the server. System forms never
 * count in reports; the app id need not name a known application.
 *
 * @public
 */
export type FormRecord = Model.FormRecord;

/**
 * An SMS message; fees are per part. `valid` defaults to true, `error` to
 * false.
 *
 * @public
 */
export type SmsRecord = Model.SmsRecord;

/**
 * An OData feed of a tenant.
 *
 * @public
 */
export type FeedRecord = Model.FeedRecord;

/**
 * A metered usage event, e.g. `voice-minutes` or `api-calls`; the quantity
 * is a number or a decimal string, up to four decimals.
 *
 * @public
 */
export type UsageRecord = Model.UsageRecord;

/**
 * A usage meter, declared in app-config (`enterpriseConsole.usageMeters`).
 * Usage events name it by `key`; the tenant-usage report has a column
 * `<name> (<unit>)` for it.
 *
 * @public
 */
export type UsageMeter = Model.UsageMeter;

/**
 * Any record the ingestion API accepts.
 *
 * @public
 */
export type TenantDataRecord = Model.TenantDataRecord;

/**
 * The type of a record.
 *
 * @public
 */
export type TenantDataRecordType = TenantDataRecord['type'];

/**
 * Where each record type comes when a tenant's data is written: a Record,
 * so a type the YAML adds cannot be left out.
 */
const WRITE_ORDER: Record<TenantDataRecordType, number> = {
  app: 1,
  user: 2,
  invitation: 3,
  form: 4,
  sms: 5,
  feed: 6,
  usage: 7,
};

/**
 * All record types, in the order a tenant's data is best written.
 *
 * @public
 */
export const TENANT_DATA_RECORD_TYPES: readonly TenantDataRecordType[] = (
  Object.keys(WRITE_ORDER) as TenantDataRecordType[]
).sort((a, b) => WRITE_ORDER[a] - WRITE_ORDER[b]);

/**
 * A record the ingestion API refused, with the reason naming the field.
 *
 * @public
 */
export type IngestRejection = Model.IngestRejection;

/**
 * The answer of an ingestion call: records created or changed, records
 * identical to what was stored, and the refused ones (the list stops at
 * 1,000 entries, `rejectedCount` counts all).
 *
 * @public
 */
export type IngestResult = Model.IngestResult;
