import {
  Page,
  SmsMessage,
  SmsSortKey,
} from '@internal/plugin-enterprise-console-common';
import { Knex } from 'knex';
import {
  readBoolean,
  readOptionalTimestamp,
  readTimestamp,
} from '../../database/columns';
import {
  KeyKind,
  Keyset,
  KeysetPosition,
  readKeysetCursor,
  writeKeysetCursor,
} from '../../database/keyset';
import { TimeColumn } from '../../database/timeColumn';
import { formatTenThousandths } from '../csv/CsvWriter';
import { filteredMessages, resolveSmsFilters, SmsFilter } from './smsFilters';

/** What the SMS table sorts by (openapi.yaml); `sentAt` is the report's order. */
export type SmsSort = SmsSortKey;
export type SortOrder = 'asc' | 'desc';

/** One stored message as the queries read it. */
export interface SmsMessageRow {
  tenant_id: string;
  id: string;
  direction: string;
  parts: number | string;
  sent_at: TimeColumn;
  created_at: TimeColumn | null;
  gateway: string | null;
  gateway_fee_ten_thousandths: number | string | bigint | null;
  usage_fee_ten_thousandths: number | string | bigint | null;
  valid: boolean | number;
}

/** A message's charges in ten-thousandths: per-part fees times parts. */
export interface SmsCharges {
  gateway: bigint;
  usage: bigint;
  total: bigint;
}

/** reports.md: parts × fee per part, a missing fee counting as 0. */
export function chargesOf(row: SmsMessageRow): SmsCharges {
  const parts = BigInt(row.parts);
  const gateway = parts * BigInt(row.gateway_fee_ten_thousandths ?? 0);
  const usage = parts * BigInt(row.usage_fee_ten_thousandths ?? 0);
  return { gateway, usage, total: gateway + usage };
}

/** The date created of reports.md: the date sent when the record has none. */
export function createdAtOf(row: SmsMessageRow): TimeColumn {
  return row.created_at ?? row.sent_at;
}

/**
 * One sort key: its SQL, its kind (to read it back from a cursor), and its
 * value in a row read back.
 */
interface SortKey {
  sql: (db: Knex) => Knex.Raw;
  kind: KeyKind;
  of: (row: SmsMessageRow) => KeysetPosition[number];
}

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

const KEYS = {
  sentAt: {
    sql: db => db.raw('??', ['s.sent_at']),
    kind: 'time',
    of: row => new Date(row.sent_at),
  },
  id: { sql: db => db.raw('??', ['s.id']), kind: 'text', of: row => row.id },
  tenantId: {
    sql: db => db.raw('??', ['s.tenant_id']),
    kind: 'text',
    of: row => row.tenant_id,
  },
  createdAt: {
    sql: db => db.raw('COALESCE(??, ??)', ['s.created_at', 's.sent_at']),
    kind: 'time',
    of: row => new Date(createdAtOf(row)),
  },
  parts: {
    sql: db => db.raw('??', ['s.parts']),
    kind: 'number',
    of: row => Number(row.parts),
  },
  gateway: {
    // Byte order on both databases; no gateway sorts first, as ''.
    sql: db =>
      isPostgres(db)
        ? db.raw(`(COALESCE(??, '') COLLATE "C")`, ['s.gateway'])
        : db.raw(`COALESCE(??, '')`, ['s.gateway']),
    kind: 'text',
    of: row => row.gateway ?? '',
  },
  totalCharge: {
    sql: db =>
      db.raw('(?? * (COALESCE(??, 0) + COALESCE(??, 0)))', [
        's.parts',
        's.gateway_fee_ten_thousandths',
        's.usage_fee_ten_thousandths',
      ]),
    kind: 'number',
    of: row => Number(chargesOf(row).total),
  },
} satisfies Record<string, SortKey>;

/**
 * The keys of each sort, ending with (date of message, message log id,
 * tenant id) — unique, so the order is total and keyset paging exact.
 */
const SORT_KEYS: Record<SmsSort, SortKey[]> = {
  sentAt: [KEYS.sentAt, KEYS.id, KEYS.tenantId],
  createdAt: [KEYS.createdAt, KEYS.sentAt, KEYS.id, KEYS.tenantId],
  tenantId: [KEYS.tenantId, KEYS.sentAt, KEYS.id],
  parts: [KEYS.parts, KEYS.sentAt, KEYS.id, KEYS.tenantId],
  gateway: [KEYS.gateway, KEYS.sentAt, KEYS.id, KEYS.tenantId],
  totalCharge: [KEYS.totalCharge, KEYS.sentAt, KEYS.id, KEYS.tenantId],
};

/** Every sort, in the YAML's order: the keys SORT_KEYS must cover. */
export const SMS_SORTS = Object.keys(SORT_KEYS) as readonly SmsSort[];

const COLUMNS = [
  's.tenant_id',
  's.id',
  's.direction',
  's.parts',
  's.sent_at',
  's.created_at',
  's.gateway',
  's.gateway_fee_ten_thousandths',
  's.usage_fee_ten_thousandths',
  's.valid',
];

/** A position in one sort: the key values of the last row of a page. */
export type SmsPosition = KeysetPosition;

/** A message as `GET /v1/sms` lists it (charges with four decimals). */
export function toSmsMessage(row: SmsMessageRow): SmsMessage {
  const charges = chargesOf(row);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    sentAt: readTimestamp(row.sent_at),
    direction: row.direction as SmsMessage['direction'],
    parts: Number(row.parts),
    ...(row.gateway !== null && { gateway: row.gateway }),
    gatewayCharge: formatTenThousandths(charges.gateway, 4),
    usageCharge: formatTenThousandths(charges.usage, 4),
    totalCharge: formatTenThousandths(charges.total, 4),
    valid: readBoolean(row.valid),
    createdAt: readOptionalTimestamp(createdAtOf(row))!,
  };
}

/**
 * The SMS detailed report's messages: pages in any sort of the table, each
 * one bounded query that seeks past the previous page (never OFFSET).
 */
export class SmsMessageStore {
  constructor(private readonly db: Knex) {}

  /**
   * A table request's filters, checked and made absolute against `now`
   * (resolveSmsFilters; the tenants must be the account's).
   */
  resolveFilters(
    query: Record<string, unknown>,
    accountId: string,
    now: Date,
  ): Promise<SmsFilter> {
    return resolveSmsFilters(query, { db: this.db, accountId, now });
  }

  /** Up to `limit` messages after `after`, in the sort's order. */
  async page(
    accountId: string,
    filter: SmsFilter,
    options: {
      sort: SmsSort;
      order: SortOrder;
      limit: number;
      after?: SmsPosition;
    },
  ): Promise<SmsMessageRow[]> {
    const { sort, order, limit, after } = options;
    return this.keyset(sort, order).seek(
      this.messages(accountId, filter).limit(limit),
      after && { position: after },
    );
  }

  /** Every message the filter keeps, in a sort's order, `limit` per query. */
  pages(
    accountId: string,
    filter: SmsFilter,
    options: { sort: SmsSort; limit: number },
  ): AsyncGenerator<SmsMessageRow[]> {
    return this.keyset(options.sort, 'asc').pages(
      () => this.messages(accountId, filter),
      options.limit,
    );
  }

  /** The position of a row in a sort, to seek past it. */
  positionOf(row: SmsMessageRow, sort: SmsSort): SmsPosition {
    return this.keyset(sort, 'asc').positionOf(row);
  }

  private keyset(sort: SmsSort, order: SortOrder): Keyset<SmsMessageRow> {
    const keys = SORT_KEYS[sort].map(key => ({
      sql: key.sql(this.db),
      of: key.of,
    }));
    return new Keyset(keys, order);
  }

  private messages(accountId: string, filter: SmsFilter) {
    return filteredMessages(this.db, accountId, filter).select(COLUMNS);
  }

  /** A page of the table: messages, the cursor of the next page, the total. */
  async list(
    accountId: string,
    filter: SmsFilter,
    options: {
      sort: SmsSort;
      order: SortOrder;
      limit: number;
      cursor?: string;
    },
  ): Promise<Page<SmsMessage>> {
    const { sort, order, limit } = options;
    const after =
      options.cursor === undefined
        ? undefined
        : readKeysetCursor(
            options.cursor,
            { sort, order },
            SORT_KEYS[sort].map(key => key.kind),
          );
    const [rows, [{ total }]] = await Promise.all([
      this.page(accountId, filter, { sort, order, limit: limit + 1, after }),
      filteredMessages(this.db, accountId, filter).count({ total: '*' }),
    ]);
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return {
      items: items.map(toSmsMessage),
      ...(more && {
        nextCursor: writeKeysetCursor(
          this.positionOf(items[items.length - 1], sort),
          { sort, order },
        ),
      }),
      totalCount: Number(total),
    };
  }

  /** The gateways the account's messages name, in code point order. */
  async gateways(accountId: string): Promise<string[]> {
    const rows: Array<{ gateway: string }> = await this.db('sms_messages as s')
      .join('tenants as t', 't.id', 's.tenant_id')
      .where('t.account_id', accountId)
      .whereNotNull('s.gateway')
      .distinct('s.gateway');
    // Code point order, as everywhere else (no locale collation).
    return rows.map(row => row.gateway).sort(byCodePoint);
  }
}

function byCodePoint(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
