import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  checkTotp,
  hotp,
  otpauthUri,
  STAFF_TOTP,
  type TotpParams,
  totp,
} from './totp.js';

// RFC 6238 Appendix B: the seeds are ASCII digits repeated to the key length of each hash.
const SEED = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const RFC6238: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  it.each(RFC6238)('matches the RFC 6238 vectors at T=%i', (time, sha1, sha256, sha512) => {
    const params = (algorithm: TotpParams['algorithm']): TotpParams => ({
      algorithm,
      digits: 8,
      periodSeconds: 30,
    });
    expect(totp(SEED.sha1, time, params('sha1'))).toBe(sha1);
    expect(totp(SEED.sha256, time, params('sha256'))).toBe(sha256);
    expect(totp(SEED.sha512, time, params('sha512'))).toBe(sha512);
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(SEED.sha1, counter))).toEqual(expected);
  });

  it('encodes base32 as authenticator apps read it (RFC 4648 vectors) and decodes it back', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
    expect(base32Decode('gezd-gnbv gy3t qojq')).toEqual(Buffer.from('1234567890'));
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('accepts the codes of one step either side and nothing further', () => {
    const now = new Date(1_700_000_000_000);
    const t = Math.floor(now.getTime() / 1000);
    for (const offset of [-30, 0, 30])
      expect(checkTotp(SEED.sha1, totp(SEED.sha1, t + offset), now, null).ok).toBe(true);
    for (const offset of [-90, -60, 60, 90])
      expect(checkTotp(SEED.sha1, totp(SEED.sha1, t + offset), now, null)).toEqual({
        ok: false,
        reason: 'wrong',
      });
  });

  it('refuses a code whose step, or a later one, was already used', () => {
    const now = new Date(1_700_000_000_000);
    const t = Math.floor(now.getTime() / 1000);
    const first = checkTotp(SEED.sha1, totp(SEED.sha1, t), now, null);
    expect(first.ok).toBe(true);
    const step = first.ok ? first.step : -1;
    expect(checkTotp(SEED.sha1, totp(SEED.sha1, t), now, step)).toEqual({ ok: false, reason: 'reused' });
    expect(checkTotp(SEED.sha1, totp(SEED.sha1, t - 30), now, step)).toEqual({ ok: false, reason: 'reused' });
    expect(checkTotp(SEED.sha1, totp(SEED.sha1, t + 30), now, step).ok).toBe(true);
  });

  it('refuses malformed codes without computing anything', () => {
    const now = new Date();
    for (const code of ['', '12345', '1234567', 'abcdef', ' 12345', '12345６'])
      expect(checkTotp(SEED.sha1, code, now, null)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('builds the otpauth URI with the parameters authenticator apps support', () => {
    const uri = new URL(otpauthUri(Buffer.from('12345678901234567890'), 'madoguchi 999997', 'demo-admin'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/madoguchi 999997:demo-admin');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      issuer: 'madoguchi 999997',
      algorithm: 'SHA1',
      digits: String(STAFF_TOTP.digits),
      period: '30',
    });
  });
});
