/**
 * Account and tenant ids are slugs: they appear in URLs, catalog entity
 * names and report file names, so they are limited to what is safe in all three.
 */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Maximum length of an account or tenant id.
 *
 * @public
 */
export const MAX_SLUG_LENGTH = 63;

/**
 * Whether a string is a valid account or tenant id: lowercase letters, digits
 * and inner hyphens, 1 to 63 characters (the catalog's entity name limit).
 *
 * @public
 */
export function isValidSlug(value: unknown): value is string {
  return typeof value === 'string' && SLUG_PATTERN.test(value);
}
