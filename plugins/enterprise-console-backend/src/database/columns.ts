import { TimeColumn } from './timeColumn';

/*
 * SQLite and PostgreSQL hand back the same column in different shapes
 * (epoch ms vs Date, 0/1 vs boolean, number vs bigint string); every read
 * goes through these so the rest of the code sees one shape.
 */

/** A timestamp column as an ISO 8601 string. */
export function readTimestamp(value: TimeColumn): string {
  return new Date(value).toISOString();
}

/** A nullable timestamp column as an ISO 8601 string or undefined. */
export function readOptionalTimestamp(
  value: TimeColumn | null | undefined,
): string | undefined {
  return value === null || value === undefined
    ? undefined
    : readTimestamp(value);
}

/** A boolean column. */
export function readBoolean(value: boolean | number | string): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** A count or bigint column. */
export function readCount(value: number | string | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A JSON string array kept in a text column. */
export function readStringArray(value: string | null | undefined): string[] {
  if (!value) {
    return [];
  }
  const parsed = JSON.parse(value);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}
