/**
 * 本人通知: after the engine issued a certificate to an agent or a third party
 * and answered `notifySubject`, each registered person on that certificate
 * gets a letter, queued for printing. A retried issuance never queues a
 * second letter to the same person.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../../audit/index.js';
import type { DB } from '../../../db/schema.js';
import { CERTIFICATES, type CertificateOptions, type CertificateType } from '../../../domain/certificates.js';
import { fiscalYearOf } from '../../../domain/fiscal-year.js';
import { findIssuance } from '../../../issuance/data/issuance.repository.js';
import { printedIssueNumber, tokyoDate } from '../../../issuance/domain/build-document.js';
import {
  findKoseki,
  findMunicipality,
  findResident,
  listHouseholdMembers,
  type ResidentRow,
} from '../../../registry/index.js';
import { AppError } from '../../../shared/errors.js';
import { takeDocumentNumber } from '../data/document-number.repository.js';
import {
  findLetter,
  findNoticeOf,
  insertLetter,
  listLetters,
  markLetterPrinted,
} from '../data/letter.repository.js';
import { renderSignedPaper, tokyoIso } from '../documents/paper.js';
import { type RequesterOnRecord, selfNoticeDocument } from '../documents/self-notice.js';
import { type ActingStaff, type CounterDeps, nowOf, staffActor } from './counter-deps.js';

type IssuanceRow = NonNullable<Awaited<ReturnType<typeof findIssuance>>>;

/** The people printed on the certificate who asked to be told, and who can be written to here. */
async function recipientsOf(db: Kysely<DB>, issuance: IssuanceRow): Promise<ResidentRow[]> {
  const code = issuance.municipality_code;
  const options = issuance.options as CertificateOptions;
  const registry = CERTIFICATES[issuance.certificate as CertificateType].registry;
  let people: ResidentRow[] = [];
  if (registry === 'family_register' || registry === 'family_register_annex') {
    const koseki =
      issuance.subject_koseki_id !== null
        ? await findKoseki(db, code, Number(issuance.subject_koseki_id))
        : undefined;
    for (const member of koseki?.members ?? []) {
      if (member.resident_id === null) continue;
      const person = await findResident(db, code, Number(member.resident_id));
      if (person) people.push(person);
    }
  } else if (issuance.subject_resident_id !== null) {
    const subject = await findResident(db, code, Number(issuance.subject_resident_id));
    if (subject && options.certificate === 'juminhyo' && options.scope === 'household') {
      people = await listHouseholdMembers(db, code, subject.household_id);
    } else if (subject && 'residentIds' in options && options.residentIds) {
      for (const id of options.residentIds) {
        const person = await findResident(db, code, id);
        if (person) people.push(person);
      }
    } else if (subject) {
      people = [subject];
    }
  }
  // Someone who moved out or died has no address here to write to.
  return people.filter((p) => p.notify_on_third_party && p.status === 'active');
}

class AlreadyQueued extends Error {}

/**
 * Queues the 本人通知 letters of one issuance. Returns the letters made now
 * (none when there is nobody to tell, or when they were queued before).
 */
export async function queueSelfNotices(
  deps: CounterDeps,
  staff: ActingStaff,
  municipalityCode: string,
  issuanceId: string,
): Promise<{ letterId: string; letterNumber: string }[]> {
  const db = deps.issuance.db;
  const issuance = await findIssuance(db, municipalityCode, issuanceId);
  if (!issuance) throw new Error(`issuance ${issuanceId} not found for its notice`);
  const municipality = await findMunicipality(db, municipalityCode);
  if (!municipality) throw new Error(`municipality ${municipalityCode} vanished`);
  const recipients = await recipientsOf(db, issuance);
  if (recipients.length === 0) return [];
  const identity = await deps.issuance.identities.get(municipalityCode);
  const made: { letterId: string; letterNumber: string }[] = [];
  for (const person of recipients) {
    const at = nowOf(deps);
    try {
      const letter = await db.transaction().execute(async (trx) => {
        const today = tokyoDate(at);
        const fiscalYear = fiscalYearOf(today);
        // The counter row lock orders concurrent retries, so the check below sees a letter committed by another.
        const number = await takeDocumentNumber(trx, municipalityCode, 'notice', fiscalYear);
        if (await findNoticeOf(trx, municipalityCode, issuanceId, person.resident_id))
          throw new AlreadyQueued();
        const letterNumber = `本人通知${printedIssueNumber(fiscalYear, number)}`;
        const requester = issuance.requester as unknown as RequesterOnRecord;
        const signed = await renderSignedPaper(
          selfNoticeDocument({
            municipality: {
              code: municipality.code,
              name: municipality.name,
              officeAddress: municipality.office_address,
              phone: municipality.phone,
            },
            letterNumber,
            issuedOn: today,
            issuedAt: tokyoIso(at),
            recipient: {
              postalCode: person.postal_code,
              address: person.address,
              ...(person.katagaki ? { addressLine2: person.katagaki } : {}),
              name: `${person.family_name}　${person.given_name}`,
            },
            certificate: issuance.certificate as CertificateType,
            copies: issuance.copies,
            deliveredOn: tokyoDate(new Date(issuance.issued_at)),
            channel: issuance.channel === 'mail' ? 'mail' : 'counter',
            requester,
            issueNumber: printedIssueNumber(issuance.fiscal_year, issuance.issue_number),
          }),
          identity,
          { name: municipality.name, reason: '本人通知 (notice to the registered person)' },
        );
        const letterId = randomUUID();
        await insertLetter(trx, {
          municipality_code: municipalityCode,
          letter_id: letterId,
          kind: 'self_notice',
          letter_number: letterNumber,
          issuance_id: issuanceId,
          recipient_resident_id: person.resident_id,
          mail_request_id: null,
          certificate: issuance.certificate,
          status: 'queued',
          pages: signed.pages,
          content_sha256: signed.sha256,
          pdf: signed.pdf,
          created_at: at,
          created_by: staff.staffId,
        });
        await appendAudit(trx, {
          municipalityCode,
          actor: staffActor(staff),
          action: 'notice.queued',
          subjectType: 'resident',
          subjectId: String(person.resident_id),
          details: { letterId, letterNumber, issuanceId, certificate: issuance.certificate },
        });
        return { letterId, letterNumber };
      });
      made.push(letter);
    } catch (error) {
      if (!(error instanceof AlreadyQueued)) throw error;
    }
  }
  return made;
}

export function letterNotFound() {
  return new AppError('not_found', 'letter_not_found', {
    ja: '該当する通知文書がありません。',
    en: 'There is no such letter.',
  });
}

/** The print queue of 本人通知 letters: what and when, no names (the PDF is fetched, audited, to print). */
export async function listSelfNotices(
  db: Kysely<DB>,
  staff: ActingStaff,
  filter: { status?: 'queued' | 'printed'; limit: number },
) {
  const rows = await listLetters(db, staff.municipalityCode, { kinds: ['self_notice'], ...filter });
  return rows.map(letterSummary);
}

export function letterSummary(row: Awaited<ReturnType<typeof listLetters>>[number]) {
  return {
    letterId: row.letter_id,
    kind: row.kind,
    letterNumber: row.letter_number,
    issuanceId: row.issuance_id,
    mailRequestId: row.mail_request_id,
    certificate: row.certificate,
    status: row.status,
    pages: row.pages,
    createdAt: new Date(row.created_at).toISOString(),
    printedAt: row.printed_at ? new Date(row.printed_at).toISOString() : null,
    printedBy: row.printed_by,
  };
}

/** The letter's PDF for printing; it holds a person's name and address, so reading it is audited. */
export async function readLetterPdf(
  db: Kysely<DB>,
  staff: ActingStaff,
  letterId: string,
  kinds: readonly string[],
) {
  return db.transaction().execute(async (trx) => {
    const letter = await findLetter(trx, staff.municipalityCode, letterId);
    if (!letter || !kinds.includes(letter.kind)) throw letterNotFound();
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staffActor(staff),
      action: 'letter.read',
      subjectType: letter.recipient_resident_id !== null ? 'resident' : 'mail_request',
      subjectId: String(letter.recipient_resident_id ?? letter.mail_request_id),
      details: { letterId, letterNumber: letter.letter_number, kind: letter.kind },
    });
    return { pdf: letter.pdf, letterNumber: letter.letter_number };
  });
}

/** Marks a letter printed (put in its envelope); asking twice keeps the first time. */
export async function markLetterPrintedBy(
  deps: CounterDeps,
  staff: ActingStaff,
  letterId: string,
  kinds: readonly string[],
) {
  const db = deps.issuance.db;
  return db.transaction().execute(async (trx) => {
    const letter = await findLetter(trx, staff.municipalityCode, letterId);
    if (!letter || !kinds.includes(letter.kind)) throw letterNotFound();
    const at = nowOf(deps);
    const changed = await markLetterPrinted(trx, staff.municipalityCode, letterId, at, staff.staffId);
    if (changed)
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staffActor(staff),
        action: 'letter.printed',
        subjectType: 'letter',
        subjectId: letterId,
        details: { letterNumber: letter.letter_number, kind: letter.kind },
      });
    const after = await findLetter(trx, staff.municipalityCode, letterId);
    return {
      letterId,
      status: 'printed' as const,
      printedAt: new Date(after!.printed_at!).toISOString(),
      alreadyPrinted: !changed,
    };
  });
}
