import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../../audit/index.js';
import type { DB } from '../../../db/schema.js';
import type { DocumentPipeline } from '../../../issuance/use-cases/document-pipeline.js';
import type { SigningIdentities } from '../../../issuance/use-cases/signing-identities.js';
import type { CertificateDocument } from '../../../render/model.js';
import { AppError } from '../../../shared/errors.js';
import {
  appendLedgerLines,
  findKioskIssuance,
  listLedgerLines,
  lockSale,
  updateSale,
  voidIssuance,
} from '../data/kiosk-sale.repository.js';

/** How long after payment a failed print may be printed again for free. */
export const REPRINT_WINDOW_MS = 10 * 60_000;

export interface KioskSaleDeps {
  db: Kysely<DB>;
  identities: SigningIdentities;
  pipeline: DocumentPipeline;
  clock?: () => Date;
}

const notYours = () =>
  new AppError('not_found', 'kiosk_issuance_not_found', {
    ja: 'この端末で発行された証明書が見つかりません。',
    en: 'No certificate issued at this kiosk has this id.',
  });

async function openSale(trx: Kysely<DB>, kioskId: string, issuanceId: string, now: Date) {
  const issuance = await findKioskIssuance(trx, issuanceId);
  if (!issuance || issuance.terminal_id !== kioskId) throw notYours();
  const sale = await lockSale(trx, {
    municipalityCode: issuance.municipality_code,
    issuanceId,
    kioskId,
    amount: issuance.total_fee,
    reprintUntil: new Date(new Date(issuance.issued_at).getTime() + REPRINT_WINDOW_MS),
    now,
  });
  return { issuance, sale };
}

export async function reportPrinted(deps: KioskSaleDeps, kioskId: string, issuanceId: string) {
  const now = (deps.clock ?? (() => new Date()))();
  return deps.db.transaction().execute(async (trx) => {
    const { issuance, sale } = await openSale(trx, kioskId, issuanceId, now);
    if (sale.status === 'refunded')
      throw new AppError('conflict', 'kiosk_sale_refunded', {
        ja: 'この証明書は返金済みのため、印刷済みにできません。',
        en: 'This certificate was refunded; it cannot be marked printed.',
      });
    if (sale.status !== 'printed') {
      await updateSale(
        trx,
        { municipalityCode: issuance.municipality_code, issuanceId },
        { status: 'printed', printed_at: now, updated_at: now, print_attempts: sale.print_attempts + 1 },
      );
    }
    return { status: 'printed' as const };
  });
}

export async function reportPrintFailed(
  deps: KioskSaleDeps,
  kioskId: string,
  issuanceId: string,
  reason: string,
) {
  const now = (deps.clock ?? (() => new Date()))();
  return deps.db.transaction().execute(async (trx) => {
    const { issuance, sale } = await openSale(trx, kioskId, issuanceId, now);
    if (sale.status === 'printed' || sale.status === 'refunded')
      throw new AppError('conflict', 'kiosk_sale_closed', {
        ja: 'この証明書の手続きは完了しています。',
        en: 'This sale is already closed.',
      });
    await updateSale(
      trx,
      { municipalityCode: issuance.municipality_code, issuanceId },
      { status: 'print_failed', print_attempts: sale.print_attempts + 1, updated_at: now },
    );
    await appendAudit(trx, {
      municipalityCode: issuance.municipality_code,
      actor: { type: 'kiosk', id: kioskId, terminalId: kioskId },
      action: 'certificate.print_failed',
      subjectType: 'issuance',
      subjectId: issuanceId,
      reason: reason.slice(0, 200),
    });
    const reprintUntil = new Date(sale.reprint_until);
    return {
      status: 'print_failed' as const,
      reprintAllowed: now <= reprintUntil,
      reprintUntil: reprintUntil.toISOString(),
      refundAmount: issuance.total_fee,
    };
  });
}

/**
 * The same certificate again, for a print that failed: rendered from its
 * recorded inputs, checked against the recorded hash, no new number and no
 * new fee. Only inside the window and only if not refunded.
 */
export async function reprint(deps: KioskSaleDeps, kioskId: string, issuanceId: string) {
  const now = (deps.clock ?? (() => new Date()))();
  const issuance = await deps.db.transaction().execute(async (trx) => {
    const { issuance, sale } = await openSale(trx, kioskId, issuanceId, now);
    if (sale.status === 'refunded' || issuance.status === 'voided')
      throw new AppError('conflict', 'kiosk_sale_refunded', {
        ja: 'この証明書は返金済みのため、再印刷できません。',
        en: 'This certificate was refunded and cannot be printed again.',
      });
    if (sale.status === 'printed')
      throw new AppError('conflict', 'kiosk_sale_printed', {
        ja: 'この証明書は印刷済みです。',
        en: 'This certificate was already printed.',
      });
    if (now > new Date(sale.reprint_until))
      throw new AppError('gone', 'kiosk_reprint_expired', {
        ja: '再印刷できる時間を過ぎました。返金の手続きをしてください。',
        en: 'The reprint window has passed. Please ask for a refund.',
      });
    await appendAudit(trx, {
      municipalityCode: issuance.municipality_code,
      actor: { type: 'kiosk', id: kioskId, terminalId: kioskId },
      action: 'certificate.reprint',
      subjectType: 'issuance',
      subjectId: issuanceId,
    });
    return issuance;
  });
  const identity = await deps.identities.get(issuance.municipality_code);
  const rendered = await deps.pipeline.renderAndSign(
    issuance.render_input as CertificateDocument,
    identity,
    new Date(issuance.issued_at),
  );
  if (createHash('sha256').update(rendered.pdf).digest('hex') !== issuance.content_sha256)
    throw new Error(`reprint of ${issuanceId} differs from the recorded certificate`);
  return { pdf: rendered.pdf, pages: rendered.pages };
}

/**
 * Pays the resident back for a certificate they never got: the issuance is
 * voided (the verification page says so), the ledger gets reversing lines,
 * and the kiosk's cash unit is told how much to return. Asking twice
 * refunds once.
 */
export async function refund(deps: KioskSaleDeps, kioskId: string, issuanceId: string, reason: string) {
  const now = (deps.clock ?? (() => new Date()))();
  return deps.db.transaction().execute(async (trx) => {
    const { issuance, sale } = await openSale(trx, kioskId, issuanceId, now);
    if (sale.status === 'refunded')
      return { status: 'refunded' as const, amount: sale.amount, alreadyRefunded: true };
    if (sale.status === 'printed')
      throw new AppError('conflict', 'kiosk_sale_printed', {
        ja: '印刷済みの証明書は、この端末では返金できません。窓口にお問い合わせください。',
        en: 'A printed certificate cannot be refunded at the kiosk. Please ask at the counter.',
      });
    const lines = await listLedgerLines(trx, issuance.municipality_code, issuanceId);
    const reversal = lines.map((l) => ({ account: l.account, debit: l.credit, credit: l.debit }));
    await appendLedgerLines(trx, issuance.municipality_code, issuanceId, lines.length + 1, now, reversal);
    await voidIssuance(trx, issuance.municipality_code, issuanceId);
    await updateSale(
      trx,
      { municipalityCode: issuance.municipality_code, issuanceId },
      { status: 'refunded', refunded_at: now, refund_reason: reason.slice(0, 200), updated_at: now },
    );
    await appendAudit(trx, {
      municipalityCode: issuance.municipality_code,
      actor: { type: 'kiosk', id: kioskId, terminalId: kioskId },
      action: 'certificate.refund',
      subjectType: 'issuance',
      subjectId: issuanceId,
      reason: reason.slice(0, 200),
      details: { amount: issuance.total_fee },
    });
    return { status: 'refunded' as const, amount: issuance.total_fee, alreadyRefunded: false };
  });
}
