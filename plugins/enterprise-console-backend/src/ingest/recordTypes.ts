import {
  TENANT_DATA_RECORD_TYPES,
  TenantDataRecord,
  TenantDataRecordType,
} from '@internal/plugin-enterprise-console-common';
import { z } from 'zod';
import { describeIssues } from '../lib/validation';
import {
  count,
  decimal,
  email,
  FieldDefinition,
  flag,
  machineName,
  oneOf,
  recordId,
  tenantId,
  text,
  time,
} from './fields';

/*
 * The one description of every ingested record type: its table and its
 * fields. Validation (JSON and CSV), storage and the re-send comparison are
 * all derived from it; the OpenAPI file is checked against it by a test.
 */

export interface RecordTypeDefinition {
  type: TenantDataRecordType;
  table: string;
  /** Field name to definition; tenantId and id come first. */
  fields: Record<string, FieldDefinition>;
  schema: z.ZodTypeAny;
}

/** A validated record: canonical values, undefined for absent fields. */
export interface CanonicalRecord {
  type: TenantDataRecordType;
  tenantId: string;
  id: string;
  [field: string]: unknown;
}

const FIELDS: Record<TenantDataRecordType, Record<string, FieldDefinition>> = {
  app: {
    tenantId: tenantId(),
    id: recordId('id'),
    name: text('name', { max: 200, required: true }),
  },
  user: {
    tenantId: tenantId(),
    id: recordId('id'),
    kind: oneOf('kind', ['web', 'mobile']),
    username: text('username', { max: 255, required: true }),
    name: text('name', { max: 200 }),
    email: email('email'),
    role: text('role', { max: 100 }),
    status: oneOf('status', ['active', 'inactive']),
    createdAt: time('created_at'),
    lastLoginAt: time('last_login_at', { required: false }),
    lastAccessAt: time('last_access_at', { required: false }),
    lastSyncAt: time('last_sync_at', { required: false }),
    lastSubmissionAt: time('last_submission_at', { required: false }),
    appVersion: text('app_version', { max: 50 }),
  },
  invitation: {
    tenantId: tenantId(),
    id: recordId('id'),
    email: email('email', { required: true }),
    role: text('role', { max: 100 }),
    invitedAt: time('invited_at'),
  },
  form: {
    tenantId: tenantId(),
    id: recordId('id'),
    userId: recordId('user_id'),
    formName: text('form_name', { max: 255 }),
    appId: recordId('app_id', { required: false }),
    username: text('username', { max: 255 }),
    submittedAt: time('submitted_at'),
    system: flag('system', false),
  },
  sms: {
    tenantId: tenantId(),
    id: recordId('id'),
    direction: oneOf('direction', ['incoming', 'outgoing']),
    parts: count('parts', { min: 1, max: 1000 }),
    sentAt: time('sent_at'),
    createdAt: time('created_at', { required: false }),
    gateway: text('gateway', { max: 100 }),
    gatewayFee: decimal('gateway_fee_ten_thousandths', {
      required: false,
      style: 'fee',
    }),
    usageFee: decimal('usage_fee_ten_thousandths', {
      required: false,
      style: 'fee',
    }),
    valid: flag('valid', true),
    error: flag('error', false),
  },
  feed: {
    tenantId: tenantId(),
    id: recordId('id'),
    name: text('name', { max: 200, required: true }),
    rowCount: count('row_count', {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    }),
  },
  usage: {
    tenantId: tenantId(),
    id: recordId('id'),
    meter: machineName('meter'),
    quantity: decimal('quantity_ten_thousandths', {
      required: true,
      style: 'quantity',
    }),
    at: time('occurred_at'),
  },
};

const TABLES: Record<TenantDataRecordType, string> = {
  app: 'applications',
  user: 'users',
  invitation: 'invitations',
  form: 'form_submissions',
  sms: 'sms_messages',
  feed: 'data_feeds',
  usage: 'usage_events',
};

export const RECORD_TYPES: Record<TenantDataRecordType, RecordTypeDefinition> =
  Object.fromEntries(
    TENANT_DATA_RECORD_TYPES.map(type => {
      const fields = FIELDS[type];
      const shape = Object.fromEntries(
        Object.entries(fields).map(([name, field]) => [name, field.schema]),
      );
      const schema = z.object({ type: z.literal(type), ...shape }).strict();
      return [type, { type, table: TABLES[type], fields, schema }];
    }),
  ) as unknown as Record<TenantDataRecordType, RecordTypeDefinition>;

export function isRecordType(value: unknown): value is TenantDataRecordType {
  return (
    typeof value === 'string' &&
    (TENANT_DATA_RECORD_TYPES as readonly string[]).includes(value)
  );
}

export type ParsedRecord =
  | { ok: true; record: CanonicalRecord }
  | { ok: false; id?: string; message: string };

/** The id of a raw record for a rejection, if it has a readable one. */
export function readableId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  if (typeof id === 'string') return id.slice(0, 128);
  if (typeof id === 'number') return String(id);
  return undefined;
}

/** Validates one raw record; a failure names every offending field. */
export function parseRecord(value: unknown): ParsedRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Invalid record: must be a JSON object' };
  }
  const id = readableId(value);
  const type = (value as { type?: unknown }).type;
  if (!isRecordType(type)) {
    return {
      ok: false,
      id,
      message: `Invalid record: type must be one of ${TENANT_DATA_RECORD_TYPES.join(
        ', ',
      )}`,
    };
  }
  const result = RECORD_TYPES[type].schema.safeParse(value);
  if (!result.success) {
    return {
      ok: false,
      id,
      message: `Invalid ${type}: ${describeIssues(result.error, type).join(
        '; ',
      )}`,
    };
  }
  return { ok: true, record: result.data as CanonicalRecord };
}

/** The columns of a canonical record. */
export function toRow(
  definition: RecordTypeDefinition,
  record: CanonicalRecord,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(definition.fields)) {
    row[field.column] = field.toColumn(record[name]);
  }
  return row;
}

/** A stored row as the record the API accepts, without absent fields. */
export function fromRow(
  definition: RecordTypeDefinition,
  row: Record<string, unknown>,
): TenantDataRecord {
  const record: Record<string, unknown> = { type: definition.type };
  for (const [name, field] of Object.entries(definition.fields)) {
    const value = field.fromColumn(row[field.column]);
    if (value !== undefined) {
      record[name] = value;
    }
  }
  return record as unknown as TenantDataRecord;
}
