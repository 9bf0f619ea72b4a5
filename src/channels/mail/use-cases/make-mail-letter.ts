import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { fiscalYearOf } from '../../../domain/fiscal-year.js';
import { printedIssueNumber, tokyoDate } from '../../../issuance/domain/build-document.js';
import type { LoadedSigningIdentity } from '../../../signing/keys.js';
import {
  type ActingStaff,
  insertLetter,
  type PaperDocument,
  renderSignedPaper,
  takeDocumentNumber,
  tokyoIso,
} from '../../counter/index.js';
import type { MailLetterFacts } from '../documents/mail-letters.js';

/**
 * Numbers, renders, signs and queues one letter of a mail request (call inside
 * the request's transaction, so the letter and the state change commit together).
 */
export async function makeMailLetter(
  trx: Kysely<DB>,
  staff: ActingStaff,
  identity: LoadedSigningIdentity,
  at: Date,
  request: { municipality_code: string; request_id: string },
  kind: 'mail_shortfall' | 'mail_returned',
  build: (head: Pick<MailLetterFacts, 'letterNumber' | 'issuedOn' | 'issuedAt'>) => PaperDocument,
) {
  const today = tokyoDate(at);
  const fiscalYear = fiscalYearOf(today);
  const number = await takeDocumentNumber(trx, request.municipality_code, 'letter', fiscalYear);
  const letterNumber = `文書${printedIssueNumber(fiscalYear, number)}`;
  const doc = build({ letterNumber, issuedOn: today, issuedAt: tokyoIso(at) });
  const signed = await renderSignedPaper(doc, identity, {
    name: doc.municipality.name,
    reason: '郵送請求についての通知 (letter about a mail request)',
  });
  const letterId = randomUUID();
  await insertLetter(trx, {
    municipality_code: request.municipality_code,
    letter_id: letterId,
    kind,
    letter_number: letterNumber,
    issuance_id: null,
    recipient_resident_id: null,
    mail_request_id: request.request_id,
    certificate: null,
    status: 'queued',
    pages: signed.pages,
    content_sha256: signed.sha256,
    pdf: signed.pdf,
    created_at: at,
    created_by: staff.staffId,
  });
  return { letterId, letterNumber };
}
