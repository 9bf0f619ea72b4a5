import { describe, expect, it } from 'vitest';
import { secretBox } from './secret-box.js';

describe('sealing TOTP secrets', () => {
  const box = secretBox('a key from the secrets file, long enough');
  const secret = Buffer.from('12345678901234567890');

  it('opens what it sealed, with the same context, and never stores the plaintext', () => {
    const sealed = box.seal(secret, '999997/abc');
    expect(sealed).not.toContain(secret.toString('base64url'));
    expect(box.open(sealed, '999997/abc')).toEqual(secret);
    expect(box.seal(secret, '999997/abc')).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses another account’s context, another key and any altered byte', () => {
    const sealed = box.seal(secret, '999997/abc');
    expect(() => box.open(sealed, '999997/xyz')).toThrow();
    expect(() => secretBox('another key, also long enough').open(sealed, '999997/abc')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), '999997/abc')).toThrow();
    expect(() => box.open('garbage', '999997/abc')).toThrow();
  });

  it('refuses a key too short to be a real secret', () => {
    expect(() => secretBox('short')).toThrow();
  });
});
