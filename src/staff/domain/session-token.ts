import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Staff session tokens: `999997.` followed by 32 random bytes. Only the SHA-256
 * is stored, so a copy of the session table opens no session. The municipality
 * code in front is not secret; it finds the session in its tenant's rows.
 * The CSRF token is a second random value the console keeps in memory and sends
 * as a header; a cross-site form can carry the cookie but never the header.
 */
const TOKEN_PATTERN = /^([0-9]{6})\.([A-Za-z0-9_-]{43})$/;

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

export function newStaffSessionToken(municipalityCode: string): string {
  return `${municipalityCode}.${randomBytes(32).toString('base64url')}`;
}

export function parseStaffSessionToken(
  token: string | undefined,
): { municipalityCode: string; sha256: string } | undefined {
  if (!token) return undefined;
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  return { municipalityCode: match[1]!, sha256: sha256Hex(token) };
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function csrfMatches(given: string | undefined, storedSha256: string): boolean {
  if (!given || given.length > 100) return false;
  return timingSafeEqual(Buffer.from(sha256Hex(given), 'hex'), Buffer.from(storedSha256, 'hex'));
}
