import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface LoginAttempt {
  municipalityCode: string;
  loginName: string;
  ip: string;
  occurredAt: Date;
  outcome: 'success' | 'failure' | 'rate_limited';
}

export async function insertLoginAttempt(db: Kysely<DB>, attempt: LoginAttempt): Promise<void> {
  await db
    .insertInto('staff_login_attempt')
    .values({
      municipality_code: attempt.municipalityCode,
      login_name: attempt.loginName,
      ip: attempt.ip,
      occurred_at: attempt.occurredAt,
      outcome: attempt.outcome,
    })
    .execute();
}

/** Failed attempts for one login name of one municipality since a moment. */
export async function countNameFailures(
  db: Kysely<DB>,
  municipalityCode: string,
  loginName: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('staff_login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('municipality_code', '=', municipalityCode)
    .where('login_name', '=', loginName)
    .where('occurred_at', '>', since)
    .where('outcome', '=', 'failure')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Failed attempts from one client address, whatever name or town they tried. */
export async function countIpFailures(db: Kysely<DB>, ip: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('staff_login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('occurred_at', '>', since)
    .where('outcome', '=', 'failure')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The oldest failure inside a window, to tell the client when to come back. */
export async function oldestFailureSince(
  db: Kysely<DB>,
  by: { ip: string } | { municipalityCode: string; loginName: string },
  since: Date,
): Promise<Date | undefined> {
  let query = db
    .selectFrom('staff_login_attempt')
    .select((eb) => eb.fn.min('occurred_at').as('oldest'))
    .where('occurred_at', '>', since)
    .where('outcome', '=', 'failure');
  query =
    'ip' in by
      ? query.where('ip', '=', by.ip)
      : query.where('municipality_code', '=', by.municipalityCode).where('login_name', '=', by.loginName);
  const row = await query.executeTakeFirst();
  return row?.oldest ? new Date(row.oldest as Date | string) : undefined;
}

export async function pruneLoginAttempts(db: Kysely<DB>, before: Date): Promise<void> {
  await db.deleteFrom('staff_login_attempt').where('occurred_at', '<', before).execute();
}
