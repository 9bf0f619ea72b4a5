import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Staff passwords: scrypt from node:crypto. The parameters are stored with each
 * hash so that a later, stronger setting applies at the next login without
 * locking anybody out.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** About 32 MiB and some tens of milliseconds per guess on a server core. */
export const CURRENT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 };

export interface PasswordHash {
  hash: string; // base64
  salt: string; // base64
  params: ScryptParams;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      params.keyLength,
      // Node refuses more than 32 MiB by default; N=2^15, r=8 needs exactly that plus a little.
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(
  password: string,
  params: ScryptParams = CURRENT_SCRYPT,
): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return { hash: key.toString('base64'), salt: salt.toString('base64'), params };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), {
    ...stored.params,
    keyLength: expected.length,
  });
  return timingSafeEqual(key, expected);
}

export function needsRehash(params: ScryptParams): boolean {
  return (
    params.N < CURRENT_SCRYPT.N ||
    params.r < CURRENT_SCRYPT.r ||
    params.p < CURRENT_SCRYPT.p ||
    params.keyLength < CURRENT_SCRYPT.keyLength
  );
}

/**
 * A hash nobody's password matches, for unknown login names: checking against it
 * costs what a real check costs, so the answer's timing does not tell whether
 * the name exists.
 */
let decoy: Promise<PasswordHash> | undefined;
export function decoyHash(): Promise<PasswordHash> {
  decoy ??= hashPassword(randomBytes(24).toString('base64'));
  return decoy;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_login_name' | 'same_as_current';

/**
 * The policy follows current guidance (length over composition rules): at least
 * 12 characters, not the login name, not the password it replaces.
 */
export function passwordProblem(
  password: string,
  context: { loginName: string; currentPassword?: string },
): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const login = context.loginName.toLowerCase();
  if (password.toLowerCase().includes(login)) return 'contains_login_name';
  if (context.currentPassword !== undefined && password === context.currentPassword) return 'same_as_current';
  return undefined;
}

// No 0/O, 1/l/I: a temporary password is read aloud or copied from paper.
const TEMPORARY_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 4 groups of 4 from 56 symbols: about 93 bits, and it satisfies the policy. */
export function temporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
