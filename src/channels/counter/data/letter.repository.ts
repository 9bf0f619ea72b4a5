import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, OutgoingLetterKind, OutgoingLetterTable } from '../../../db/schema.js';

export type LetterRow = Selectable<OutgoingLetterTable>;

export async function insertLetter(db: Kysely<DB>, row: Insertable<OutgoingLetterTable>) {
  await db.insertInto('outgoing_letter').values(row).execute();
}

/** A notice already queued for this issuance and person (a retried issuance must not queue another). */
export function findNoticeOf(
  db: Kysely<DB>,
  municipalityCode: string,
  issuanceId: string,
  residentId: number,
) {
  return db
    .selectFrom('outgoing_letter')
    .select(['letter_id', 'letter_number'])
    .where('municipality_code', '=', municipalityCode)
    .where('kind', '=', 'self_notice')
    .where('issuance_id', '=', issuanceId)
    .where('recipient_resident_id', '=', residentId)
    .executeTakeFirst();
}

const SUMMARY = [
  'letter_id',
  'kind',
  'letter_number',
  'issuance_id',
  'mail_request_id',
  'certificate',
  'status',
  'pages',
  'created_at',
  'created_by',
  'printed_at',
  'printed_by',
] as const;

/** The print queue: no names or addresses, only what the letter is and where it stands. */
export function listLetters(
  db: Kysely<DB>,
  municipalityCode: string,
  filter: {
    kinds: readonly OutgoingLetterKind[];
    status?: 'queued' | 'printed';
    mailRequestId?: string;
    limit: number;
  },
) {
  let query = db
    .selectFrom('outgoing_letter')
    .select([...SUMMARY])
    .where('municipality_code', '=', municipalityCode)
    .where('kind', 'in', [...filter.kinds]);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.mailRequestId) query = query.where('mail_request_id', '=', filter.mailRequestId);
  return query.orderBy('created_at').orderBy('letter_number').limit(filter.limit).execute();
}

export function findLetter(db: Kysely<DB>, municipalityCode: string, letterId: string) {
  return db
    .selectFrom('outgoing_letter')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('letter_id', '=', letterId)
    .executeTakeFirst();
}

/** Marks printed once; a second call changes nothing and says so. */
export async function markLetterPrinted(
  db: Kysely<DB>,
  municipalityCode: string,
  letterId: string,
  at: Date,
  staffId: string,
): Promise<boolean> {
  const rows = await db
    .updateTable('outgoing_letter')
    .set({ status: 'printed', printed_at: at, printed_by: staffId })
    .where('municipality_code', '=', municipalityCode)
    .where('letter_id', '=', letterId)
    .where('status', '=', 'queued')
    .returning('letter_id')
    .execute();
  return rows.length === 1;
}
