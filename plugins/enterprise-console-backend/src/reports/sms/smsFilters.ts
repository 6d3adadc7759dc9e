import { InputError } from '@backstage/errors';
import { SmsDetailFilters } from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import { DateRange, parseTime, resolveDateRange } from '../../lib/dateRange';

/** The message range when a request gives none: the last 7 days (reports.md). */
export const DEFAULT_MESSAGE_DAYS = 7;
/** As many tenants as a report run request may name. */
export const MAX_TENANT_IDS = 1000;

const HAS_GATEWAY_FEE = ['yes', 'no', 'all'] as const;
const VALIDITY = ['valid', 'invalid', 'all'] as const;

/** The filter names, in the order errors are checked. */
export const SMS_FILTER_NAMES = [
  'messageFrom',
  'messageTo',
  'createdFrom',
  'createdTo',
  'tenantIds',
  'gateway',
  'hasGatewayFee',
  'validity',
] as const;

/**
 * The SMS detailed report's filters, checked and absolute: what the table
 * and a run read messages with.
 */
export interface SmsFilter {
  /** Date of message, `[from, to)`. */
  message: DateRange;
  /** Date created (the date sent when a message has none), either end open. */
  createdFrom?: Date;
  createdTo?: Date;
  /** Empty: every tenant of the account. */
  tenantIds: string[];
  /** Exact gateway name. */
  gateway?: string;
  /**
   * `yes`: a gateway fee that is present and not zero; `no`: no gateway fee
   * or a zero one (a zero fee charges nothing, so it is no fee).
   */
  hasGatewayFee: (typeof HAS_GATEWAY_FEE)[number];
  validity: (typeof VALIDITY)[number];
}

/**
 * Checks the filters of a table request (query string values) or a run
 * request (`filters` JSON) and makes them absolute against `now`. Every
 * problem is a 400 naming the filter (with `prefix`, e.g. `filters.`);
 * tenants must belong to the account.
 */
export async function resolveSmsFilters(
  input: Record<string, unknown>,
  context: { db: Knex; accountId: string; now: Date; prefix?: string },
): Promise<SmsFilter> {
  const filter = parseSmsFilters(input, context);
  await requireTenantsOfAccount(
    filter.tenantIds,
    `${context.prefix ?? ''}tenantIds`,
    context,
  );
  return filter;
}

/**
 * The filters checked on their own, without the database: for a run, whose
 * filters were resolved (and tenants checked) when it was asked for.
 */
export function parseSmsFilters(
  input: Record<string, unknown>,
  context: { now: Date; prefix?: string },
): SmsFilter {
  const prefix = context.prefix ?? '';
  const name = (field: (typeof SMS_FILTER_NAMES)[number]) => prefix + field;

  const message = resolveDateRange(
    {
      from: blankToUndefined(input.messageFrom),
      to: blankToUndefined(input.messageTo),
    },
    {
      now: context.now,
      defaultDays: DEFAULT_MESSAGE_DAYS,
      maxDays: 90,
      fields: { from: name('messageFrom'), to: name('messageTo') },
    },
  );

  const createdFromInput = blankToUndefined(input.createdFrom);
  const createdToInput = blankToUndefined(input.createdTo);
  const createdFrom =
    createdFromInput === undefined
      ? undefined
      : parseTime(createdFromInput, name('createdFrom'), 'start');
  const createdTo =
    createdToInput === undefined
      ? undefined
      : parseTime(createdToInput, name('createdTo'), 'end');
  if (createdFrom && createdTo && createdFrom > createdTo) {
    throw new InputError(
      `${name('createdFrom')} must not be after ${name('createdTo')}`,
    );
  }

  const tenantIds = readList(input.tenantIds, name('tenantIds'));

  const gateway = blankToUndefined(input.gateway);
  if (
    gateway !== undefined &&
    (typeof gateway !== 'string' || gateway.length > 100)
  ) {
    throw new InputError(
      `${name('gateway')} must be a gateway name of at most 100 characters`,
    );
  }

  return {
    message,
    createdFrom,
    createdTo,
    tenantIds,
    gateway,
    hasGatewayFee: oneOf(
      blankToUndefined(input.hasGatewayFee),
      HAS_GATEWAY_FEE,
      name('hasGatewayFee'),
    ),
    validity: oneOf(
      blankToUndefined(input.validity),
      VALIDITY,
      name('validity'),
    ),
  };
}

/** The filters as a run stores them: absolute times, defaults spelled out. */
export function toSmsDetailFilters(filter: SmsFilter): SmsDetailFilters {
  return {
    messageFrom: filter.message.from.toISOString(),
    messageTo: filter.message.to.toISOString(),
    ...(filter.createdFrom && {
      createdFrom: filter.createdFrom.toISOString(),
    }),
    ...(filter.createdTo && { createdTo: filter.createdTo.toISOString() }),
    tenantIds: filter.tenantIds,
    ...(filter.gateway !== undefined && { gateway: filter.gateway }),
    hasGatewayFee: filter.hasGatewayFee,
    validity: filter.validity,
  };
}

/**
 * The messages of the account's tenants that pass the filter, as
 * `sms_messages as s` joined to `tenants as t`. Tenants are matched at
 * read time, so a tenant that moved to another account since a run was
 * asked for is not reported.
 */
export function filteredMessages(
  db: Knex,
  accountId: string,
  filter: SmsFilter,
): Knex.QueryBuilder {
  const query = db('sms_messages as s')
    .join('tenants as t', 't.id', 's.tenant_id')
    .where('t.account_id', accountId)
    .where('s.sent_at', '>=', filter.message.from)
    .where('s.sent_at', '<', filter.message.to);
  if (filter.tenantIds.length > 0) {
    query.whereIn('s.tenant_id', filter.tenantIds);
  }
  const createdAt = db.raw('COALESCE(??, ??)', ['s.created_at', 's.sent_at']);
  if (filter.createdFrom) {
    query.where(createdAt, '>=', filter.createdFrom);
  }
  if (filter.createdTo) {
    query.where(createdAt, '<', filter.createdTo);
  }
  if (filter.gateway !== undefined) {
    query.where('s.gateway', filter.gateway);
  }
  if (filter.hasGatewayFee === 'yes') {
    query
      .whereNotNull('s.gateway_fee_ten_thousandths')
      .where('s.gateway_fee_ten_thousandths', '<>', 0);
  } else if (filter.hasGatewayFee === 'no') {
    query.where(fee =>
      fee
        .whereNull('s.gateway_fee_ten_thousandths')
        .orWhere('s.gateway_fee_ten_thousandths', 0),
    );
  }
  if (filter.validity !== 'all') {
    query.where('s.valid', filter.validity === 'valid');
  }
  return query;
}

function blankToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T {
  if (value === undefined) {
    return allowed[allowed.length - 1];
  }
  if (
    typeof value !== 'string' ||
    !(allowed as readonly string[]).includes(value)
  ) {
    throw new InputError(`${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/**
 * Tenant ids as a JSON array, or as a query string gives them: one value
 * with commas, repeated values, or both.
 */
function readList(value: unknown, field: string): string[] {
  let values: unknown[] = [];
  if (Array.isArray(value)) {
    values = value;
  } else if (value !== undefined) {
    values = [value];
  }
  const ids: string[] = [];
  for (const item of values) {
    if (typeof item !== 'string') {
      throw new InputError(`${field} must be a list of tenant ids`);
    }
    ids.push(
      ...item
        .split(',')
        .map(id => id.trim())
        .filter(id => id !== ''),
    );
  }
  const unique = [...new Set(ids)];
  if (unique.length > MAX_TENANT_IDS) {
    throw new InputError(
      `${field} may name at most ${MAX_TENANT_IDS} tenants, got ${unique.length}`,
    );
  }
  return unique;
}

/** Throws a 400 naming the first id that is not a tenant of the account. */
export async function requireTenantsOfAccount(
  ids: string[],
  field: string,
  context: { db: Knex; accountId: string },
): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  const rows: Array<{ id: string }> = await context
    .db('tenants')
    .select('id')
    .where('account_id', context.accountId)
    .whereIn('id', ids);
  const found = new Set(rows.map(row => row.id));
  const stranger = ids.find(id => !found.has(id));
  if (stranger !== undefined) {
    throw new InputError(
      `${field}: ${JSON.stringify(
        stranger.slice(0, 100),
      )} is not a tenant of account ${context.accountId}`,
    );
  }
}
