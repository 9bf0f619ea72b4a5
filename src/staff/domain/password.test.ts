import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCRYPT,
  hashPassword,
  needsRehash,
  passwordProblem,
  temporaryPassword,
  verifyPassword,
} from './password.js';

describe('staff passwords', () => {
  it('hashes with scrypt at N=2^15, r=8, p=1 and verifies only the same password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored.params).toEqual({ N: 32768, r: 8, p: 1, keyLength: 32 });
    expect(Buffer.from(stored.hash, 'base64')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so the same password never gives the same hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password!'), hashPassword('same password!')]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('verifies hashes made with older, weaker parameters and asks for a rehash', async () => {
    const weak = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
    const stored = await hashPassword('an older password', weak);
    expect(await verifyPassword('an older password', stored)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(CURRENT_SCRYPT)).toBe(false);
  });

  it('treats composed and decomposed Japanese text as the same password', async () => {
    const stored = await hashPassword('パスワードは長めにしましょう');
    expect(await verifyPassword('パスワードは長めにしましょう'.normalize('NFD'), stored)).toBe(true);
  });

  it('applies the policy: 12 characters, not the login name, not the current one', () => {
    expect(passwordProblem('short-pass1', { loginName: 'tanaka' })).toBe('too_short');
    expect(passwordProblem('ながいパスワードです十二字', { loginName: 'tanaka' })).toBeUndefined();
    expect(passwordProblem('x'.repeat(129), { loginName: 'tanaka' })).toBe('too_long');
    expect(passwordProblem('Tanaka-2024-spring', { loginName: 'tanaka' })).toBe('contains_login_name');
    expect(
      passwordProblem('a long password 1', { loginName: 'tanaka', currentPassword: 'a long password 1' }),
    ).toBe('same_as_current');
    expect(
      passwordProblem('a long password 2', { loginName: 'tanaka', currentPassword: 'a long password 1' }),
    ).toBe(undefined);
  });

  it('makes temporary passwords that pass the policy and differ each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = temporaryPassword();
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
      expect(passwordProblem(password, { loginName: 'someone' })).toBeUndefined();
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});
