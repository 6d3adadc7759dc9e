import {
  CsvDelimiter,
  ReportColumn,
  ReportColumnKind,
} from '@internal/plugin-enterprise-console-common';
import Papa from 'papaparse';
import { TimeColumn } from '../../database/timeColumn';
import { fromTenThousandths } from '../../lib/money';

/**
 * One cell as a report produces it, before formatting. Times may be Date
 * objects, epoch milliseconds or ISO strings (the shapes the two databases
 * return); money is integer ten-thousandths; a string in a numeric column is
 * written as text (the odata-feeds error message).
 */
export type ReportCell =
  | string
  | number
  | bigint
  | Date
  | boolean
  | null
  | undefined;

/** One row of a report, one cell per column, in column order. */
export type ReportRow = ReportCell[];

const BYTE_ORDER_MARK = '\ufeff';
const LINE_END = '\r\n';
// reports.md: a text cell starting with one of these could run as a
// spreadsheet formula.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC_KINDS: ReadonlySet<ReportColumnKind> = new Set([
  'count',
  'money',
  'money4',
  'quantity',
]);
const INTEGER = /^-?\d+$/;

/**
 * The one writer of every CSV the product writes (reports.md, "CSV
 * format"): UTF-8 with a byte-order mark, CRLF, the chosen delimiter, RFC
 * 4180 quoting, formula neutralisation, and fixed formats per column kind.
 *
 * It turns batches of rows into text, so a report of any size streams
 * through it in constant memory.
 */
export class CsvWriter {
  readonly #columns: readonly ReportColumn[];
  readonly #delimiter: CsvDelimiter;
  readonly #needsQuoting: RegExp;

  constructor(columns: readonly ReportColumn[], delimiter: CsvDelimiter) {
    this.#columns = columns;
    this.#delimiter = delimiter;
    // Exactly the fields Papa changes (see #unparse; it also quotes a
    // byte-order mark). Any other field Papa writes as it is.
    this.#needsQuoting = new RegExp(
      `["\r\n\ufeff${delimiter === '|' ? '\\|' : delimiter}]|^ | $`,
    );
  }

  /** The start of the file: byte-order mark and header row. */
  header(): string {
    return (
      BYTE_ORDER_MARK +
      this.#unparse([this.#columns.map(column => neutralise(column.header))])
    );
  }

  /** Rows as text, each ending with CRLF; empty for no rows. */
  rows(rows: readonly ReportRow[]): string {
    if (rows.length === 0) {
      return '';
    }
    const kinds = this.#columns.map(column => column.kind);
    const delimiter = this.#delimiter;
    // Most fields need no quoting, and running each through Papa costs more
    // than formatting it: such fields are written as they are, the others
    // through Papa, with identical bytes either way.
    let text = '';
    for (const row of rows) {
      for (let index = 0; index < kinds.length; index++) {
        const field = formatCell(kinds[index], row[index]);
        if (index > 0) {
          text += delimiter;
        }
        text += this.#needsQuoting.test(field)
          ? this.#unparse([[field]], '')
          : field;
      }
      text += LINE_END;
    }
    return text;
  }

  #unparse(rows: string[][], end = LINE_END): string {
    // Papa quotes fields holding the delimiter, a quote, CR or LF (and, to
    // keep them, leading or trailing spaces), doubling quotes.
    return (
      Papa.unparse(rows, {
        delimiter: this.#delimiter,
        newline: LINE_END,
        header: false,
        quotes: false,
        escapeFormulae: false,
      }) + end
    );
  }
}

/** A cell as it appears in the file, before quoting. */
export function formatCell(kind: ReportColumnKind, value: ReportCell): string {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  if (typeof value === 'string' && kind !== 'time') {
    // PostgreSQL hands bigint and count columns over as strings: an integer
    // there is still a number, never prefixed (e.g. a negative amount).
    if (NUMERIC_KINDS.has(kind) && INTEGER.test(value)) {
      return formatCell(kind, BigInt(value));
    }
    return neutralise(value);
  }
  switch (kind) {
    case 'time':
      return formatUtcTime(value as TimeColumn);
    case 'count':
      return BigInt(value as number | bigint).toString();
    case 'money':
      return formatTenThousandths(value as number | bigint, 2);
    case 'money4':
      return formatTenThousandths(value as number | bigint, 4);
    case 'quantity':
      return fromTenThousandths(value as number | bigint, 'trimmed');
    case 'boolean':
      return value ? 'Yes' : 'No';
    default:
      // A number the product computed is never prefixed, even in a text column.
      return typeof value === 'number' || typeof value === 'bigint'
        ? String(value)
        : neutralise(String(value));
  }
}

/** Prefixes text that a spreadsheet would read as a formula with `'`. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const DAY_MS = 86_400_000;
// Days whose ISO date has a four-digit year (0000-01-01 up to 9999-12-31);
// toISOString writes other years in six digits with a sign.
const FIRST_PLAIN_DAY = -719_528;
const LAST_PLAIN_DAY = 2_932_896;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) =>
  String(n).padStart(2, '0'),
);
// Report rows come in time order, so consecutive times mostly share a day:
// the date part is formatted once per day, the time of day by arithmetic,
// which is several times faster than toISOString and slicing per cell.
let cachedDay = NaN;
let cachedDate = '';

/** `YYYY-MM-DD HH:mm:ss` in UTC. */
export function formatUtcTime(value: TimeColumn): string {
  const ms =
    value instanceof Date ? value.getTime() : new Date(value).getTime();
  if (Number.isNaN(ms)) {
    throw new TypeError(`Not a time: ${String(value)}`);
  }
  const day = Math.floor(ms / DAY_MS);
  if (day < FIRST_PLAIN_DAY || day > LAST_PLAIN_DAY) {
    return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  }
  if (day !== cachedDay) {
    cachedDate = new Date(day * DAY_MS).toISOString().slice(0, 10);
    cachedDay = day;
  }
  const second = Math.floor((ms - day * DAY_MS) / 1000);
  return `${cachedDate} ${TWO_DIGITS[Math.floor(second / 3600)]}:${
    TWO_DIGITS[Math.floor(second / 60) % 60]
  }:${TWO_DIGITS[second % 60]}`;
}

/**
 * Integer ten-thousandths as a decimal with `places` (2 or 4) decimals,
 * rounding half away from zero; exact, never through a float.
 */
export function formatTenThousandths(
  value: number | bigint,
  places: 2 | 4,
): string {
  let units = BigInt(value);
  const negative = units < 0n;
  if (negative) {
    units = -units;
  }
  if (places === 2) {
    units = (units + 50n) / 100n;
  }
  const scale = places === 2 ? 100n : 10000n;
  const whole = units / scale;
  const fraction = (units % scale).toString().padStart(places, '0');
  return `${negative && units !== 0n ? '-' : ''}${whole}.${fraction}`;
}

/** `<Account name> (<Report title>) <YYYYMMDD HHmmss>.csv`, in UTC. */
export function reportFileName(
  accountName: string,
  reportTitle: string,
  at: Date,
): string {
  const stamp = at
    .toISOString()
    .slice(0, 19)
    .replace(/[-:]/g, '')
    .replace('T', ' ');
  // Path separators and control characters cannot be in a file name.
  // eslint-disable-next-line no-control-regex
  const safeName = accountName.replace(/[\\/\u0000-\u001f\u007f]/g, '_');
  return `${safeName} (${reportTitle}) ${stamp}.csv`;
}
