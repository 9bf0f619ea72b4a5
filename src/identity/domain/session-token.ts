import { createHash, randomBytes } from 'node:crypto';

/**
 * Card session tokens: 32 random bytes behind the municipality code, e.g.
 * `999997.q3…`. Only the SHA-256 is stored. The code in front is not secret; it
 * lets the server find the session in its tenant's partition (Citus) without
 * asking every municipality.
 */
const TOKEN_PATTERN = /^([0-9]{6})\.([A-Za-z0-9_-]{43})$/;

export function newSessionToken(municipalityCode: string): string {
  return `${municipalityCode}.${randomBytes(32).toString('base64url')}`;
}

export function parseSessionToken(token: string): { municipalityCode: string; sha256: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  return { municipalityCode: match[1]!, sha256: createHash('sha256').update(token).digest('hex') };
}
