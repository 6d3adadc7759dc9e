import { isValidSlug, MAX_SLUG_LENGTH } from './identifiers';

describe('isValidSlug', () => {
  it.each(['acme', 'acme-health', 'a', 'x1', 'tenant-042'])(
    'accepts %s',
    value => {
      expect(isValidSlug(value)).toBe(true);
    },
  );

  it.each([
    '',
    'Acme',
    '-acme',
    'acme-',
    'acme_health',
    'acme health',
    'acme/../x',
    "x'; drop table tenants; --",
  ])('rejects %j', value => {
    expect(isValidSlug(value)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isValidSlug(42)).toBe(false);
    expect(isValidSlug(undefined)).toBe(false);
    expect(isValidSlug(null)).toBe(false);
  });

  it('accepts exactly the maximum length and no more', () => {
    expect(isValidSlug('a'.repeat(MAX_SLUG_LENGTH))).toBe(true);
    expect(isValidSlug('a'.repeat(MAX_SLUG_LENGTH + 1))).toBe(false);
  });
});
