/**
 * The seal of a notification: HMAC-SHA256 with a key kept outside the database
 * (src/shared/secrets.ts) over the canonical JSON of everything the server
 * wrote. Someone who can change rows but does not hold the key cannot make a
 * changed draft look untouched, so a tampered draft is refused before it can
 * reach the register.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** JSON with object keys sorted at every level, so jsonb's own key order never matters. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('not a finite number');
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The sealed part of a notification row. */
export interface SealedFields {
  municipalityCode: string;
  reference: string;
  kind: string;
  path: string;
  status: string;
  editSecretSha256: string | null;
  expiresAt: Date;
  contentVersion: number;
  content: unknown;
  transferRecord: unknown;
  match: unknown;
  signature: unknown;
  identityDocument: unknown;
}

const SEAL_VERSION = 1;

export function sealNotification(key: string, fields: SealedFields): string {
  const body = canonicalJson({
    v: SEAL_VERSION,
    ...fields,
    expiresAt: fields.expiresAt.toISOString(),
  });
  return createHmac('sha256', key).update(body, 'utf8').digest('hex');
}

export function sealMatches(key: string, fields: SealedFields, seal: string): boolean {
  const expected = Buffer.from(sealNotification(key, fields), 'hex');
  const stored = Buffer.from(seal, 'hex');
  return expected.length === stored.length && timingSafeEqual(expected, stored);
}
