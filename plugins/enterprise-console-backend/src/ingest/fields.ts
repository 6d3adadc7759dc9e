import { z } from 'zod';
import {
  readBoolean,
  readCount,
  readOptionalTimestamp,
} from '../database/columns';
import { EARLIEST_YEAR, LATEST_YEAR, parseIsoTime } from '../lib/isoTime';
import { slug } from '../lib/validation';
import {
  canonicalDecimal,
  DECIMAL_PATTERN,
  fromTenThousandths,
  toTenThousandths,
} from '../lib/money';
import { TimeColumn } from '../database/timeColumn';

/**
 * One field of an ingested record, described once: how JSON input is
 * validated and canonicalised, how a CSV cell becomes that JSON value, and
 * how the canonical value maps to and from its column. Canonical values are
 * what the store compares to decide whether a re-sent record is unchanged.
 */
export interface FieldDefinition {
  column: string;
  /** Type shown in the OpenAPI description and in CSV coercion. */
  kind: 'text' | 'time' | 'flag' | 'count' | 'decimal';
  required: boolean;
  /** Validates JSON input; gives the canonical value, undefined when absent. */
  schema: z.ZodTypeAny;
  /** The JSON value a CSV cell stands for; an empty cell is an absent field. */
  fromCsv(cell: string): unknown;
  toColumn(value: unknown): unknown;
  fromColumn(value: unknown): unknown;
}

// PostgreSQL refuses NUL in text; refusing it here keeps it a 400, not a 500.
const noNul = (value: string) => !value.includes('\u0000');
const NO_NUL_MESSAGE = 'must not contain NUL characters';

/** Absent, null and (for optional fields) nothing at all are the same. */
function optional(schema: z.ZodTypeAny): z.ZodTypeAny {
  return schema.nullish().transform(value => value ?? undefined);
}

function plainField(
  column: string,
  kind: FieldDefinition['kind'],
  schema: z.ZodTypeAny,
  required: boolean,
): FieldDefinition {
  return {
    column,
    kind,
    required,
    schema: required ? schema : optional(schema),
    fromCsv: cell => (cell === '' ? undefined : cell),
    toColumn: value => value ?? null,
    fromColumn: value => value ?? undefined,
  };
}

/** Free text such as a name. */
export function text(
  column: string,
  options: { max: number; required?: boolean },
): FieldDefinition {
  const schema = z
    .string()
    .min(1)
    .max(options.max)
    .refine(noNul, { message: NO_NUL_MESSAGE });
  return plainField(column, 'text', schema, options.required ?? false);
}

/** An email address. */
export function email(
  column: string,
  options: { required?: boolean } = {},
): FieldDefinition {
  const schema = z.string().max(254).email();
  return plainField(column, 'text', schema, options.required ?? false);
}

/** The id of a record, or of another record it refers to. */
export function recordId(
  column: string,
  options: { required?: boolean } = {},
): FieldDefinition {
  const schema = z
    .string()
    .min(1)
    .max(128)
    // Ids end up in URLs, CSV cells and logs, where control characters do harm.
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\s\u0000-\u001f\u007f]+$/, {
      message: 'must not contain spaces or control characters',
    });
  return plainField(column, 'text', schema, options.required ?? true);
}

/** The tenant a record belongs to. */
export function tenantId(): FieldDefinition {
  return plainField('tenant_id', 'text', slug, true);
}

/** One of a fixed set of values. */
export function oneOf(
  column: string,
  values: readonly [string, ...string[]],
): FieldDefinition {
  return plainField(column, 'text', z.enum(values), true);
}

/** A short machine name, such as the key of a usage meter. */
export const MACHINE_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const MACHINE_NAME_MESSAGE =
  'must be 1 to 63 lowercase letters, digits, dots, underscores or hyphens, such as voice-minutes';

/** A short machine name, such as a usage meter. */
export function machineName(column: string): FieldDefinition {
  const schema = z
    .string()
    .regex(MACHINE_NAME_PATTERN, { message: MACHINE_NAME_MESSAGE });
  return plainField(column, 'text', schema, true);
}

/** A point in time: ISO 8601 in, ISO 8601 UTC with milliseconds out. */
export function time(
  column: string,
  options: { required?: boolean } = {},
): FieldDefinition {
  const schema = z
    .string()
    .max(40)
    .transform((value, ctx) => {
      const ms = parseIsoTime(value);
      if (ms === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must be an ISO 8601 date-time',
        });
        return z.NEVER;
      }
      const date = new Date(ms);
      const year = date.getUTCFullYear();
      if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
        });
        return z.NEVER;
      }
      return date.toISOString();
    });
  const required = options.required ?? true;
  return {
    ...plainField(column, 'time', schema, required),
    toColumn: value => (value === undefined ? null : new Date(value as string)),
    fromColumn: value => readOptionalTimestamp(value as TimeColumn | null),
  };
}

const CSV_TRUE = new Set(['true', 'yes', '1']);
const CSV_FALSE = new Set(['false', 'no', '0']);

/** A yes/no flag with a default for when it is left out. */
export function flag(column: string, defaultValue: boolean): FieldDefinition {
  return {
    column,
    kind: 'flag',
    required: false,
    schema: z
      .boolean()
      .nullish()
      .transform(value => value ?? defaultValue),
    fromCsv: cell => {
      const lower = cell.trim().toLowerCase();
      if (lower === '') return undefined;
      if (CSV_TRUE.has(lower)) return true;
      if (CSV_FALSE.has(lower)) return false;
      return cell; // left for the schema to refuse, naming the field
    },
    toColumn: value => value,
    fromColumn: value => readBoolean(value as boolean | number | string),
  };
}

/** A whole number. */
export function count(
  column: string,
  options: { min: number; max: number },
): FieldDefinition {
  return {
    column,
    kind: 'count',
    required: true,
    schema: z.number().int().min(options.min).max(options.max),
    fromCsv: cell => {
      const trimmed = cell.trim();
      if (trimmed === '') return undefined;
      return /^-?\d{1,16}$/.test(trimmed) ? Number(trimmed) : cell;
    },
    toColumn: value => value,
    fromColumn: value => readCount(value as number | string),
  };
}

const DECIMAL_MESSAGE =
  'must be a non-negative decimal with up to four decimals, such as "0.0075"';

/**
 * An exact decimal stored in ten-thousandths: fees (strings only, written
 * with four decimals) or quantities (a JSON number is accepted too).
 */
export function decimal(
  column: string,
  options: { required: boolean; style: 'fee' | 'quantity' },
): FieldDefinition {
  const decimals = options.style === 'fee' ? 'four' : 'trimmed';
  const asString =
    options.style === 'fee'
      ? z.string()
      : z
          .union([z.string(), z.number()])
          .transform(value =>
            typeof value === 'number' ? String(value) : value,
          );
  const schema = asString
    .refine(value => DECIMAL_PATTERN.test(value), { message: DECIMAL_MESSAGE })
    .transform(value => canonicalDecimal(value, decimals));
  return {
    ...plainField(column, 'decimal', schema, options.required),
    fromCsv: cell => (cell.trim() === '' ? undefined : cell.trim()),
    toColumn: value =>
      value === undefined ? null : toTenThousandths(value as string),
    fromColumn: value =>
      value === null || value === undefined
        ? undefined
        : fromTenThousandths(value as number | string, decimals),
  };
}
