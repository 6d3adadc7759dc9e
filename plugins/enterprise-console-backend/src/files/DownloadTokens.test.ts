import { mockServices } from '@backstage/backend-test-utils';
import { createHmac } from 'node:crypto';
import { DownloadTokens } from './DownloadTokens';

const KEY_A = { id: 'a', secret: 'a'.repeat(32) };
const KEY_B = { id: 'b', secret: 'b-secret-of-thirty-two-characters' };
const NAMING = { configKey: 'files.keys', what: 'file' };
const RUN = '4f1c2d3e-0000-4000-8000-000000000001';
const EXPIRES = new Date('2026-11-23T14:05:00.000Z');
const BEFORE = new Date(EXPIRES.getTime() - 1);

function decode(part: string) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}
function encode(value: object) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
function macOf(secret: string, payload: string) {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

describe('DownloadTokens', () => {
  it('round-trips a run and its expiry', () => {
    const tokens = new DownloadTokens([KEY_A]);
    const token = tokens.sign(RUN, EXPIRES);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify(token, BEFORE)).toEqual({
      status: 'valid',
      fileId: RUN,
      expiresAt: EXPIRES,
    });
  });

  it('is base64url(payload) . base64url(HMAC-SHA256(secret, payload))', () => {
    const token = new DownloadTokens([KEY_A]).sign(RUN, EXPIRES);
    const [payload, mac] = token.split('.');
    expect(decode(payload)).toEqual({
      kid: 'a',
      run: RUN,
      exp: EXPIRES.getTime(),
    });
    expect(mac).toBe(macOf(KEY_A.secret, payload));
  });

  it('expires exactly at its expiry', () => {
    const tokens = new DownloadTokens([KEY_A]);
    const token = tokens.sign(RUN, EXPIRES);
    expect(tokens.verify(token, BEFORE)?.status).toBe('valid');
    expect(tokens.verify(token, EXPIRES)).toEqual({
      status: 'expired',
      fileId: RUN,
      expiresAt: EXPIRES,
    });
    expect(tokens.verify(token, new Date('2027-01-01'))?.status).toBe(
      'expired',
    );
  });

  describe('refuses what it did not sign', () => {
    const tokens = new DownloadTokens([KEY_A]);
    const token = tokens.sign(RUN, EXPIRES);
    const [payload, mac] = token.split('.');

    it.each([
      [
        'another run in the payload',
        `${encode({ kid: 'a', run: 'other', exp: EXPIRES.getTime() })}.${mac}`,
      ],
      [
        'a later expiry in the payload',
        `${encode({ kid: 'a', run: RUN, exp: EXPIRES.getTime() + 1 })}.${mac}`,
      ],
      [
        'one flipped MAC character',
        `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`,
      ],
      ['a truncated MAC', `${payload}.${mac.slice(0, 42)}`],
      ['a MAC with an extra byte', `${payload}.${mac}AA`],
      ['no MAC', `${payload}.`],
      ['no separator', payload],
      ['three parts', `${token}.x`],
      ['an empty string', ''],
      ['padding characters', `${payload}.${mac}=`],
      ['non-JSON payload', `${encode({}).slice(1)}.${mac}`],
      ['a huge token', `${'A'.repeat(10_000)}.${mac}`],
    ])('%s', (_name, forged) => {
      expect(tokens.verify(forged, BEFORE)).toBeUndefined();
    });

    it('a payload re-signed with a key of its own', () => {
      const forged = encode({ kid: 'a', run: 'other', exp: 9e12 });
      expect(
        tokens.verify(`${forged}.${macOf('x'.repeat(32), forged)}`, BEFORE),
      ).toBeUndefined();
    });

    it('another spelling of the same MAC bytes', () => {
      // 43 characters carry 258 bits: the last one has 2 spare bits.
      const last = mac[42];
      const alphabet =
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const twin = alphabet[alphabet.indexOf(last) ^ 1];
      const spelled = `${payload}.${mac.slice(0, 42)}${twin}`;
      expect(Buffer.from(spelled.split('.')[1], 'base64url')).toEqual(
        Buffer.from(mac, 'base64url'),
      );
      expect(tokens.verify(spelled, BEFORE)).toBeUndefined();
    });

    it.each([
      ['kid changed to a key it has', { kid: 'b' }],
      ['kid unknown', { kid: 'zzz' }],
      ['kid missing', { kid: undefined }],
      ['exp as a string', { exp: String(EXPIRES.getTime()) }],
      ['run missing', { run: undefined }],
    ])('%s', (_name, change) => {
      const both = new DownloadTokens([KEY_A, KEY_B]);
      const forged = encode({
        ...decode(payload),
        ...change,
      });
      // Even correctly MACed with key a, a changed payload is refused.
      expect(
        both.verify(`${forged}.${macOf(KEY_A.secret, forged)}`, BEFORE),
      ).toBeUndefined();
    });

    it('a token of a key this backend does not have', () => {
      const other = new DownloadTokens([KEY_B]);
      expect(other.verify(token, BEFORE)).toBeUndefined();
    });

    it('a key id it has, with another key secret', () => {
      const impostor = new DownloadTokens([
        { id: 'a', secret: 'not-the-secret-of-key-a-at-all!!' },
      ]);
      expect(impostor.verify(token, BEFORE)).toBeUndefined();
    });
  });

  it('rotates: the first key signs, every key verifies', () => {
    const before = new DownloadTokens([KEY_A]);
    const rotated = new DownloadTokens([KEY_B, KEY_A]);
    const oldToken = before.sign(RUN, EXPIRES);
    const newToken = rotated.sign(RUN, EXPIRES);
    expect(decode(newToken.split('.')[0]).kid).toBe('b');
    expect(rotated.verify(oldToken, BEFORE)?.status).toBe('valid');
    expect(rotated.verify(newToken, BEFORE)?.status).toBe('valid');
    // Once the old key is dropped, its links stop working.
    expect(
      new DownloadTokens([KEY_B]).verify(oldToken, BEFORE),
    ).toBeUndefined();
    // A replica still on the old keys does not know the new key yet.
    expect(before.verify(newToken, BEFORE)).toBeUndefined();
  });

  it('makes a random key and warns when none is configured', () => {
    const logger = mockServices.logger.mock();
    const first = DownloadTokens.fromKeys([], logger, NAMING);
    const second = DownloadTokens.fromKeys([], logger, NAMING);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /stop working when this backend restarts and do not work on other replicas/,
    );
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /^No files\.keys configured: file download links are signed/,
    );
    const token = first.sign(RUN, EXPIRES);
    expect(first.verify(token, BEFORE)?.status).toBe('valid');
    expect(second.verify(token, BEFORE)).toBeUndefined();
  });

  it('does not warn with configured keys', () => {
    const logger = mockServices.logger.mock();
    DownloadTokens.fromKeys([KEY_A], logger, NAMING);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
