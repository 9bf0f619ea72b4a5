import { createHash } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../../audit/index.js';
import { fiscalYearOf } from '../../domain/fiscal-year.js';
import { ageOn, toEraDate } from '../../domain/japanese-era.js';
import { tokyoDateTime } from '../../domain/service-hours.js';
import { certifierTitle } from '../../render/model.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import type { LoadedSigningIdentity } from '../../signing/keys.js';
import { findNotification, takeCertificateNumber } from '../data/notification.repository.js';
import { findMunicipalityRow, findResidentsByIds } from '../data/register.repository.js';
import type { DraftContent } from '../domain/draft-content.js';
import { contentChanged, householdMismatch, incomplete, municipalityNotFound } from '../domain/errors.js';
import { text } from '../domain/fields.js';
import type { MatchSnapshot, RegisterPerson } from '../domain/household-match.js';
import { newCertificateCode } from '../domain/reference.js';
import {
  signTransferRecord,
  TRANSFER_RECORD_FORMAT,
  type TransferRecord,
} from '../domain/transfer-record.js';
import {
  renderTenshutsuCertificate,
  TENSHUTSU_ATTESTATION,
  type TenshutsuCertificateDocument,
} from '../render/tenshutsu-certificate.js';
import { type AppliedChange, applyToRegister } from './apply-to-register.js';
import { buildCounterView } from './counter-view.js';
import { guidanceFor } from './guidance.js';
import { destinationText } from './match-register.js';
import {
  certificateUrl,
  type NotificationDeps,
  nowOf,
  type StaffActor,
  tokyoDate,
} from './notification-deps.js';
import { counterFactsOf, summaryOf } from './notification-view.js';
import {
  contentOf,
  inTransaction,
  loadNotification,
  matchOf,
  referenceOf,
  requireStatus,
  saveNotification,
  transferRecordOf,
} from './sealed-notification.js';

export const IDENTITY_DOCUMENTS = [
  'mynumber_card',
  'drivers_license',
  'passport',
  'residence_card',
  'health_insurance',
  'other',
] as const;

export const identityDocumentSchema = z.strictObject({
  /** What the clerk checked (本人確認書類). */
  kind: z.enum(IDENTITY_DOCUMENTS),
  note: text(100).optional(),
});

export interface AcceptInput {
  reference: string;
  /** The version the resident signed. */
  contentVersion: number;
  identityDocument: unknown;
}

/**
 * 受理: the clerk has checked the ID document; the change goes into the
 * register with its history in one transaction together with the notification's
 * outcome and its audit row. A 転出 also abolishes the movers' seal
 * registrations and yields a signed 転出証明書 and its transfer record. If the
 * register no longer matches what the counter saw, nothing is written.
 */
export async function acceptNotification(deps: NotificationDeps, staff: StaffActor, input: AcceptInput) {
  const identityDocument = parseInput(identityDocumentSchema, input.identityDocument, 'identityDocument');
  const now = nowOf(deps);
  const today = tokyoDate(now);
  // The signing key is loaded before the transaction: the identity cache reads the database itself.
  const peek = await findNotification(deps.db, staff.municipalityCode, referenceOf(input.reference));
  const identity = peek?.kind === 'tenshutsu' ? await deps.identities.get(staff.municipalityCode) : undefined;

  return inTransaction(
    deps,
    {
      municipalityCode: staff.municipalityCode,
      reference: input.reference,
      actorId: staff.id,
      actorType: 'staff',
    },
    async (trx) => {
      const row = await loadNotification(trx, deps, staff.municipalityCode, input.reference, now, {
        forUpdate: true,
      });
      requireStatus(row, ['confirmed'], { ja: '受理', en: 'accepted (the resident has not signed it yet)' });
      if (input.contentVersion !== row.content_version) throw contentChanged(row.content_version);
      const content = contentOf(row);
      const record = transferRecordOf(row);
      const municipality = await findMunicipalityRow(trx, staff.municipalityCode);
      if (!municipality) throw municipalityNotFound();
      const { view, match } = await buildCounterView(trx, deps, row, now);
      if (match.problems.length > 0) throw householdMismatch(match.problems);
      if (view.problems.length > 0) throw incomplete(view.problems);
      const snapshot = matchOf(row);
      if (!snapshot) throw householdMismatch([]);

      const applied = await applyToRegister(trx, {
        municipalityCode: staff.municipalityCode,
        reference: row.reference,
        kind: row.kind,
        content,
        record,
        snapshot,
        notifiedOn: today,
      });

      let certificate: Awaited<ReturnType<typeof issueCertificate>> | undefined;
      if (row.kind === 'tenshutsu') {
        if (!identity) throw new Error('signing identity not loaded for a 転出');
        certificate = await issueCertificate(trx, deps, {
          municipality,
          content,
          snapshot,
          applied,
          identity,
          now,
          today,
        });
      }
      const guidance = await guidanceFor(trx, {
        municipalityCode: staff.municipalityCode,
        kind: row.kind,
        content,
        today,
      });
      const result = {
        kind: row.kind,
        notifiedOn: today,
        householdId: applied.householdId,
        residents: applied.residents,
        headChange: applied.headChange ?? null,
        sealsAbolished: applied.sealsAbolished,
        reactivated: applied.reactivated,
        procedures: guidance.procedures.map((p) => p.id),
        ...(certificate ? { transferRecord: certificate.transferRecord } : {}),
      };
      const first = content.movers[0];
      const saved = await saveNotification(
        trx,
        deps,
        row,
        {
          status: 'accepted',
          finished_at: now,
          finished_by: staff.id,
          identity_document: identityDocument,
          notifier_age: first && content.moveDate ? ageOn(first.birthDate, content.moveDate) : null,
          result,
          ...(certificate
            ? {
                certificate_number: certificate.number,
                certificate_code: certificate.code,
                certificate_sha256: certificate.sha256,
                certificate_pdf: certificate.pdf,
              }
            : {}),
        },
        now,
      );
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.accept',
        subjectType: 'notification',
        subjectId: row.reference,
        details: {
          kind: row.kind,
          path: row.path,
          residentIds: applied.residents.map((r) => r.residentId),
          sealsAbolished: applied.sealsAbolished.map((s) => s.registrationNo),
          identityDocument: identityDocument.kind,
          ...(certificate ? { certificateNumber: certificate.number } : {}),
        },
      });
      return {
        ...summaryOf(saved, content, []),
        ...counterFactsOf(saved),
        guidance,
        certificate: certificate
          ? {
              number: certificate.number,
              verificationCode: certificate.code,
              url: certificateUrl(deps, certificate.code),
              pages: certificate.pages,
            }
          : null,
      };
    },
  );
}

function printedNumber(fiscalYear: number, n: number): string {
  const { era, year } = toEraDate(`${fiscalYear}-04-01`);
  return `第${era.alphabet}${year}-転${String(n).padStart(6, '0')}号`;
}

const name = (p: { familyName: string; givenName: string }) => ({ family: p.familyName, given: p.givenName });

async function issueCertificate(
  trx: Parameters<typeof takeCertificateNumber>[0],
  deps: NotificationDeps,
  input: {
    municipality: NonNullable<Awaited<ReturnType<typeof findMunicipalityRow>>>;
    content: DraftContent;
    snapshot: MatchSnapshot;
    applied: AppliedChange;
    identity: LoadedSigningIdentity;
    now: Date;
    today: string;
  },
) {
  const { municipality: m, content, snapshot, applied } = input;
  const fiscalYear = fiscalYearOf(input.today);
  const number = printedNumber(fiscalYear, await takeCertificateNumber(trx, m.code, fiscalYear));
  const code = newCertificateCode();
  const ids = applied.residents.map((r) => r.residentId);
  const headId = snapshot.household?.headResidentId ?? null;
  const people = await findResidentsByIds(trx, m.code, headId !== null ? [...ids, headId] : ids);
  const byId = new Map(people.map((p) => [p.residentId, p]));
  const movers = ids.map((id) => byId.get(id)).filter((p): p is RegisterPerson => p !== undefined);
  const first = movers[0];
  if (!first)
    throw new AppError('conflict', 'register_changed', {
      ja: '住民記録が見つかりません。',
      en: 'Register rows vanished.',
    });
  const head = (headId !== null ? byId.get(headId) : undefined) ?? first;
  const destination = destinationText(content.to);
  const doc: TenshutsuCertificateDocument = {
    municipality: { code: m.code, name: m.name },
    certifier: { title: certifierTitle(m.name, m.mayor_title), name: m.mayor_name },
    attestation: TENSHUTSU_ATTESTATION,
    issuedOn: input.today,
    issuedAt: tokyoDateTime(input.now),
    issueNumber: number,
    verification: { code, url: certificateUrl(deps, code) },
    address: first.address,
    ...(first.katagaki ? { katagaki: first.katagaki } : {}),
    destination,
    moveDate: content.moveDate!,
    notifiedOn: input.today,
    head: name(head),
    persons: movers.map((p) => ({
      name: name(p),
      kana: { family: p.familyNameKana, given: p.givenNameKana },
      birthDate: p.birthDate,
      sex: p.sex as 'M' | 'F',
      relationship: p.relationship,
      juminhyoCode: p.juminhyoCode,
      residentSince: p.residentSince,
      ...(p.honseki && p.hittosha ? { honseki: { address: p.honseki, hittosha: p.hittosha } } : {}),
    })),
  };
  const { pdf, pages } = await renderTenshutsuCertificate(doc, input.identity, input.now);
  const to = content.to!;
  const transferRecord: TransferRecord = signTransferRecord(
    {
      format: TRANSFER_RECORD_FORMAT,
      from: { municipalityCode: m.code, municipalityName: m.name },
      certificateNumber: number,
      issuedOn: input.today,
      moveDate: content.moveDate!,
      notifiedOn: input.today,
      address: {
        postalCode: first.postalCode,
        address: first.address,
        ...(first.katagaki ? { katagaki: first.katagaki } : {}),
      },
      destination: {
        ...(to.country ? { country: to.country } : {}),
        ...(to.postalCode ? { postalCode: to.postalCode } : {}),
        address: to.address,
        ...(to.katagaki ? { katagaki: to.katagaki } : {}),
      },
      head: { familyName: head.familyName, givenName: head.givenName },
      persons: movers.map((p) => ({
        familyName: p.familyName,
        givenName: p.givenName,
        familyNameKana: p.familyNameKana,
        givenNameKana: p.givenNameKana,
        birthDate: p.birthDate,
        sex: p.sex as 'M' | 'F',
        relationship: p.relationship,
        juminhyoCode: p.juminhyoCode,
        ...(p.myNumber ? { myNumber: p.myNumber } : {}),
        ...(p.honseki ? { honseki: p.honseki } : {}),
        ...(p.hittosha ? { hittosha: p.hittosha } : {}),
        residentSince: p.residentSince,
      })),
    },
    input.identity.privateKey,
  );
  return {
    number,
    code,
    pdf,
    pages,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    transferRecord,
  };
}
