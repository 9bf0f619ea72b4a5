import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, NotificationTable } from '../../db/schema.js';

export type NotificationRow = Selectable<NotificationTable>;
export type NotificationPatch = Updateable<NotificationTable>;

export async function insertNotification(db: Kysely<DB>, row: Insertable<NotificationTable>): Promise<void> {
  await db.insertInto('notification').values(row).execute();
}

/** One notification; `forUpdate` locks it for the rest of the transaction. */
export async function findNotification(
  db: Kysely<DB>,
  municipalityCode: string,
  reference: string,
  options: { forUpdate?: boolean } = {},
): Promise<NotificationRow | undefined> {
  let query = db
    .selectFrom('notification')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('reference', '=', reference);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function updateNotification(
  db: Kysely<DB>,
  municipalityCode: string,
  reference: string,
  patch: NotificationPatch,
): Promise<void> {
  await db
    .updateTable('notification')
    .set(patch)
    .where('municipality_code', '=', municipalityCode)
    .where('reference', '=', reference)
    .execute();
}

export async function deleteNotification(db: Kysely<DB>, municipalityCode: string, reference: string) {
  const result = await db
    .deleteFrom('notification')
    .where('municipality_code', '=', municipalityCode)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * What expireDrafts empties: drafts past their expiry, and notifications the
 * counter opened but left unfinished for a day beyond it (abandoned).
 */
export async function listExpiredDrafts(db: Kysely<DB>, now: Date, limit: number) {
  const abandoned = new Date(now.getTime() - 86_400_000);
  return db
    .selectFrom('notification')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['draft', 'submitted']), eb('expires_at', '<', now)]),
        eb.and([eb('status', 'in', ['opened', 'confirmed']), eb('expires_at', '<', abandoned)]),
      ]),
    )
    .orderBy('expires_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** The next 転出証明書 number of the fiscal year; the row lock keeps numbers gapless. */
export async function takeCertificateNumber(
  db: Kysely<DB>,
  municipalityCode: string,
  fiscalYear: number,
): Promise<number> {
  const row = await db
    .insertInto('notification_counter')
    .values({ municipality_code: municipalityCode, fiscal_year: fiscalYear, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['municipality_code', 'fiscal_year']).doUpdateSet((eb) => ({
        last_number: eb('notification_counter.last_number', '+', 1),
      })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function findByCertificateCode(db: Kysely<DB>, certificateCode: string) {
  return db
    .selectFrom('notification')
    .innerJoin('municipality', 'municipality.code', 'notification.municipality_code')
    .select([
      'notification.municipality_code',
      'notification.reference',
      'notification.certificate_number',
      'notification.certificate_sha256',
      'notification.certificate_pdf',
      'notification.finished_at',
      'municipality.name as municipality_name',
      'municipality.prefecture',
    ])
    .where('notification.certificate_code', '=', certificateCode)
    .where('notification.status', '=', 'accepted')
    .executeTakeFirst();
}
