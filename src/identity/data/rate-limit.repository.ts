import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { TokenBucketLimit } from '../domain/limits.js';

export interface TakeResult {
  allowed: boolean;
  /** Whole seconds until one token is back (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * Takes one token from a bucket kept in the database, refilled continuously.
 * One upsert does the refill, the check and the take, so concurrent requests
 * (other server processes included) queue on the row lock and never overdraw.
 * A clock that goes backwards refills nothing.
 */
export async function takeToken(
  db: Kysely<DB>,
  key: string,
  limit: TokenBucketLimit,
  now: Date,
): Promise<TakeResult> {
  const refilled = refilledTokens(limit, now);
  const taken = await sql<{ tokens: number }>`
    insert into rate_limit_bucket as b (bucket_key, tokens, updated_at)
    values (${key}, ${limit.capacity - 1}::float8, ${now}::timestamptz)
    on conflict (bucket_key) do update
      set tokens = ${refilled} - 1, updated_at = greatest(b.updated_at, ${now}::timestamptz)
      where ${refilled} >= 1
    returning tokens`.execute(db);
  if (taken.rows.length === 1) return { allowed: true, retryAfterSeconds: 0 };
  return refusedTake(db, key, limit, now);
}

/** The tokens of bucket `b` refilled up to `now` (SQL over the row aliased `b`). */
export function refilledTokens(limit: TokenBucketLimit, now: Date) {
  return sql`least(${limit.capacity}::float8, b.tokens + greatest(0, extract(epoch from (${now}::timestamptz - b.updated_at)))::float8 * ${limit.refillPerSecond}::float8)`;
}

/** The answer for a take that found the bucket empty: how long until a token is back. */
export async function refusedTake(
  db: Kysely<DB>,
  key: string,
  limit: TokenBucketLimit,
  now: Date,
): Promise<TakeResult> {
  const row = await sql<{ tokens: number }>`
    select ${refilledTokens(limit, now)} as tokens from rate_limit_bucket b where bucket_key = ${key}`.execute(
    db,
  );
  const tokens = Number(row.rows[0]?.tokens ?? 0);
  const missing = Math.max(0, 1 - tokens);
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil(missing / Math.max(limit.refillPerSecond, 1e-9))),
  };
}

/** Forgets a bucket: the next take starts full. */
export async function resetBucket(db: Kysely<DB>, key: string) {
  await db.deleteFrom('rate_limit_bucket').where('bucket_key', '=', key).execute();
}

export const cardBucketKey = (certificateSha256: string) => `card:${certificateSha256}`;
export const kioskBucketKey = (kioskId: string) => `kiosk:${kioskId}`;
