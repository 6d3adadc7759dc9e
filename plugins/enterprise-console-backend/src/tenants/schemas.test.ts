import { parseInput } from '../lib/validation';
import { accountSchema, tenantSchema } from './schemas';

describe('account and tenant validation', () => {
  it('applies defaults to a minimal account', () => {
    expect(
      parseInput(accountSchema, { id: 'acme', name: 'Acme' }, 'account'),
    ).toEqual({
      id: 'acme',
      name: 'Acme',
      enterprise: false,
      adminRefs: [],
      adminEmails: [],
      invoicing: 'per-tenant',
      currency: 'USD',
      autopay: false,
    });
  });

  it.each([
    [
      { id: 'Acme', name: 'x' },
      'Invalid account: id must be lowercase letters',
    ],
    [
      { id: 'acme', name: '' },
      'Invalid account: name String must contain at least 1 character(s)',
    ],
    [
      { id: 'acme', name: 'x', invoicing: 'monthly' },
      'Invalid account: invoicing Invalid enum value',
    ],
    [
      { id: 'acme', name: 'x', currency: 'usd' },
      'Invalid account: currency must be an ISO 4217 code',
    ],
    [
      { id: 'acme', name: 'x', adminRefs: ['acme-admins'] },
      'Invalid account: adminRefs.0 must be a full entity ref',
    ],
    [
      { id: 'acme', name: 'x', color: 'red' },
      'Invalid account: unknown field color',
    ],
    [
      { id: 'acme', name: 'x', enterprise: 'yes' },
      'Invalid account: enterprise Expected boolean, received string',
    ],
  ])('rejects %j', (input, message) => {
    expect(() => parseInput(accountSchema, input, 'account')).toThrow(message);
  });

  it.each([
    [{ createdAt: 'yesterday' }, 'createdAt must be an ISO 8601 date-time'],
    [
      { createdAt: '2026-02-30T00:00:00Z' },
      'createdAt must be an ISO 8601 date-time',
    ],
    [{ timezone: 'Mars/Olympus' }, 'timezone must be an IANA time zone'],
    [{ feedLimit: 2.5 }, 'feedLimit Expected integer, received float'],
    // eslint-disable-next-line no-script-url
    [{ url: 'javascript:alert(1)' }, 'url must be an http or https URL'],
    [{ url: 'not a url' }, 'url Invalid url'],
  ])('rejects a tenant with %j', (patch, message) => {
    const input = {
      id: 't1',
      accountId: 'acme',
      name: 'T1',
      createdAt: '2026-01-01T00:00:00Z',
      ...patch,
    };
    expect(() => parseInput(tenantSchema, input, 'tenant')).toThrow(message);
  });
});
