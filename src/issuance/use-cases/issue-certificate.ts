import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { canonicalJson } from '../../audit/domain/audit-hash.js';
import { type AuditActor, appendAudit } from '../../audit/index.js';
import type { DB, IssuanceTable, PaymentMethod } from '../../db/schema.js';
import { assertAllowed, type RecordKind } from '../../domain/certificates.js';
import { checkChannel } from '../../domain/channel-rules.js';
import { checkEligibility, type Eligible, type Requester, type Subject } from '../../domain/eligibility.js';
import { type Price, priceIssuance } from '../../domain/fees.js';
import { fiscalYearOf } from '../../domain/fiscal-year.js';
import {
  checkServiceHours,
  DEMO_SERVICE_HOURS,
  type ServiceHoursConfig,
} from '../../domain/service-hours.js';
import { fitsStamp } from '../../render/issue-number-stamp.js';
import type { CertificateDocument } from '../../render/model.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { loadFeeCampaigns, loadFeeSchedule } from '../data/fees.repository.js';
import {
  findIssuanceByIdempotencyKey,
  insertIssuanceWithLedger,
  takeIssueNumber,
} from '../data/issuance.repository.js';
import { buildCertificateDocument, printedIssueNumber, tokyoDate } from '../domain/build-document.js';
import { ledgerLinesFor } from '../domain/ledger.js';
import { newVerificationCode } from '../domain/verification-code.js';
import { type IssueRequest, type IssueRequestInput, issueRequestSchema } from '../http/issuance.schemas.js';
import { type DocumentPipeline, finishCertificate } from './document-pipeline.js';
import { gatherFacts, type IssuanceFacts } from './gather-facts.js';
import type { SigningIdentities } from './signing-identities.js';

export interface IssuanceDeps {
  db: Kysely<DB>;
  identities: SigningIdentities;
  pipeline: DocumentPipeline;
  /** Base of the verification URL printed as a QR code. */
  publicUrl: string;
  clock?: () => Date;
  serviceHours?: (municipalityCode: string) => ServiceHoursConfig;
  /** The whole issuance must commit within this time or nothing is kept. */
  deadlineMs?: number;
}

export interface IssuedCertificate {
  issuanceId: string;
  municipalityCode: string;
  certificate: string;
  fiscalYear: number;
  issueNumber: number;
  printedIssueNumber: string;
  verificationCode: string;
  verificationUrl: string;
  unitFee: number;
  copies: number;
  totalFee: number;
  operatorCharge: number;
  paymentMethod: string;
  pages: number;
  sha256: string;
  issuedAt: Date;
  /** 本人通知: the subject asked to be told when someone else obtains their certificate. */
  notifySubject: boolean;
  /** True when this answers a retry of an earlier request with the same idempotency key. */
  replayed: boolean;
  pdf: Uint8Array;
}

const DEFAULT_DEADLINE_MS = 20_000;

function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function recordKindOf(facts: IssuanceFacts): RecordKind {
  if (facts.koseki)
    return facts.koseki.koseki.status === 'active'
      ? 'current'
      : facts.koseki.koseki.status === 'kaisei_gen'
        ? 'pre_revision'
        : 'removed';
  if (facts.subject) return facts.subject.status === 'active' ? 'current' : 'removed';
  return 'current';
}

/**
 * What the channel says about the requester, checked against the registers
 * where the engine can: a card holder at a kiosk is `self` only if the card's
 * person is the subject, `same_household` only if they share the household.
 */
function requesterFacts(request: IssueRequest, facts: IssuanceFacts): Requester {
  const claimed = request.requester;
  const holder = facts.requesterResident;
  const requester: Requester = {
    relation: claimed.relation,
    identityVerified: claimed.identityVerified,
    ...(claimed.powerOfAttorney !== undefined ? { powerOfAttorney: claimed.powerOfAttorney } : {}),
    ...(claimed.lawfulReason ? { lawfulReason: claimed.lawfulReason } : {}),
    ...(claimed.presented ? { presented: claimed.presented } : {}),
    ...(claimed.residesInMunicipality !== undefined
      ? { residesInMunicipality: claimed.residesInMunicipality }
      : {}),
    ...(claimed.kosekiUserRegistration ? { kosekiUserRegistration: claimed.kosekiUserRegistration } : {}),
    ...(claimed.inSameKoseki !== undefined ? { inSameKoseki: claimed.inSameKoseki } : {}),
  };
  if (!holder) return requester;
  const mismatch = () =>
    new AppError('forbidden', 'requester_relation_mismatch', {
      ja: '請求者と証明の対象の関係が、住民記録と一致しません。',
      en: 'The stated relation between requester and subject does not match the records.',
    });
  if (facts.koseki) {
    const inRegister = facts.requesterKosekiIds.includes(facts.koseki.koseki.koseki_id);
    requester.inSameKoseki = inRegister;
    if (claimed.relation === 'self' && !inRegister) throw mismatch();
    requester.residesInMunicipality = holder.status === 'active';
    return requester;
  }
  const subject = facts.subject;
  if (subject) {
    if (claimed.relation === 'self' && holder.resident_id !== subject.resident_id) {
      // A household certificate asked for by one of its members is the member's own.
      const wholeHousehold =
        request.options.certificate === 'juminhyo' && request.options.scope === 'household';
      if (!(wholeHousehold && holder.household_id === subject.household_id)) throw mismatch();
    }
    if (claimed.relation === 'same_household' && holder.household_id !== subject.household_id)
      throw mismatch();
  }
  requester.residesInMunicipality = holder.status === 'active';
  return requester;
}

function subjectFacts(request: IssueRequest, facts: IssuanceFacts): Subject {
  const people = facts.householdMembers.length
    ? facts.householdMembers
    : facts.subject
      ? [facts.subject]
      : facts.kosekiResidents;
  return {
    record: recordKindOf(facts),
    supportMeasure: people.some((p) => p.support_measure),
    notifyOnThirdParty: people.some((p) => p.notify_on_third_party),
    ...(request.options.certificate === 'inkan' ? { sealRegistration: facts.seal ? 'active' : 'none' } : {}),
    ...(request.options.certificate === 'kazei' ? { taxStatus: facts.tax?.status ?? 'none' } : {}),
  };
}

function subjectIds(facts: IssuanceFacts) {
  return {
    residentId: facts.subject?.resident_id ?? null,
    kosekiId: facts.koseki?.koseki.koseki_id ?? null,
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === constraint || Boolean(e.message?.includes(constraint)));
}

class DeadlineExceeded extends AppError {
  constructor() {
    super('unavailable', 'issuance_timeout', {
      ja: '処理に時間がかかったため、発行を取り消しました。手数料はかかっていません。もう一度お試しください。',
      en: 'Issuance took too long and was cancelled as a whole; nothing was charged. Please try again.',
    });
  }
}

export interface IssueOptions {
  /** What the requester has already paid (a kiosk's cash unit): a different fee refuses the issuance. */
  expectedTotal?: number;
}

/**
 * Issues one certificate: rules → fee → render, then in one transaction
 * number → stamp → sign → record. The number, the PDF, its hash, the fee, the
 * ledger lines and the audit row are committed together or not at all; only
 * that transaction holds the municipality's number. A deadline that passes at
 * any step aborts the whole issuance. A retried request with the same
 * idempotency key gets the first result, never a second charge.
 */

export async function issueCertificate(
  deps: IssuanceDeps,
  actor: AuditActor,
  input: IssueRequestInput,
  options: IssueOptions = {},
): Promise<IssuedCertificate> {
  const request = parseInput(issueRequestSchema, input);
  const requestHash = sha256Hex(canonicalJson(request));
  const clock = deps.clock ?? (() => new Date());
  const started = Date.now();
  const deadline = started + (deps.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const checkDeadline = () => {
    if (Date.now() > deadline) throw new DeadlineExceeded();
  };

  const earlier = await findIssuanceByIdempotencyKey(
    deps.db,
    request.municipalityCode,
    request.idempotencyKey,
  );
  if (earlier) return replay(deps, earlier, requestHash);

  try {
    const issuedAt = clock();
    // Everything that takes time happens before the municipality's number is taken: the
    // rules read the registers (as any read under READ COMMITTED, they see what is
    // committed now), then the certificate is rendered with a placeholder number.
    const { facts, allowed, price, paymentMethod, operatorCharge, today } = await decide(
      deps,
      deps.db,
      request,
      issuedAt,
    );
    // After decide(), which answers a municipality not served here with a 404: only a
    // served one can be missing its key (503).
    const identity = await deps.identities.get(request.municipalityCode);
    if (options.expectedTotal !== undefined && price.total !== options.expectedTotal)
      throw new AppError(
        'unprocessable',
        // Named for the kiosk, the one channel that takes the money before the engine answers.
        'kiosk_payment_mismatch',
        {
          ja: `お支払い額（${options.expectedTotal}円）が手数料（${price.total}円）と一致しません。`,
          en: `The amount paid (${options.expectedTotal} yen) does not match the fee (${price.total} yen).`,
        },
        { extra: { fee: price.total } },
      );
    const certificate = request.options.certificate;
    const fiscalYear = fiscalYearOf(today);
    const verificationCode = newVerificationCode();
    const verificationUrl = `${deps.publicUrl}/verify/${verificationCode}`;
    const issuanceId = randomUUID();
    const draft = buildCertificateDocument(facts, request.options, {
      fiscalYear,
      issueNumber: 0,
      verificationCode,
      verificationUrl,
      issuedAt,
      ...(allowed.kazeiVariant ? { kazeiVariant: allowed.kazeiVariant } : {}),
    });
    checkDeadline();
    const prepared = await deps.pipeline.prepare(draft, identity, issuedAt);
    checkDeadline();

    return await deps.db.transaction().execute(async (trx) => {
      // From here the municipality's counter row is locked until commit: what remains is
      // stamping the number, signing (about a millisecond) and three statements.
      const issueNumber = await takeIssueNumber(trx, request.municipalityCode, fiscalYear);
      const document: CertificateDocument = {
        ...draft,
        issueNumber: printedIssueNumber(fiscalYear, issueNumber),
      };
      const rendered = fitsStamp(prepared.issueNumber, document.issueNumber)
        ? finishCertificate(prepared, document.issueNumber, identity)
        : // A number longer than the placeholder (the millionth of a year): render it whole.
          await deps.pipeline.renderAndSign(document, identity, issuedAt);
      checkDeadline();
      // Bind the file to this request: it must carry this issuance's own code.
      if (!Buffer.from(rendered.pdf).includes(Buffer.from(verificationCode, 'latin1')))
        throw new Error('rendered PDF does not carry its verification code');
      const sha256 = sha256Hex(rendered.pdf);
      const ids = subjectIds(facts);

      const ledger = ledgerLinesFor({ totalFee: price.total, paymentMethod, operatorCharge });
      await insertIssuanceWithLedger(
        trx,
        {
          municipality_code: request.municipalityCode,
          issuance_id: issuanceId,
          fiscal_year: fiscalYear,
          issue_number: issueNumber,
          idempotency_key: request.idempotencyKey,
          request_hash: requestHash,
          certificate,
          channel: request.channel,
          terminal_id: request.terminalId ?? null,
          clerk_id: request.clerkId ?? null,
          requester: JSON.stringify({
            relation: request.requester.relation,
            basis: allowed.basis,
            ...(request.requester.name ? { name: request.requester.name } : {}),
            ...(request.requester.identityDocument
              ? { identityDocument: request.requester.identityDocument }
              : {}),
            ...(request.requester.lawfulReason ? { lawfulReason: request.requester.lawfulReason } : {}),
            ...(request.requester.residentId ? { residentId: request.requester.residentId } : {}),
          }),
          subject_resident_id: ids.residentId,
          subject_koseki_id: ids.kosekiId,
          options: JSON.stringify(request.options),
          copies: request.copies,
          unit_fee: price.unitFee,
          total_fee: price.total,
          fee_rule_id: price.ruleId,
          fee_campaign_id: price.campaignId ?? null,
          exemption: price.exemption ? `${price.exemption.kind}: ${price.exemption.reason}` : null,
          payment_method: paymentMethod,
          verification_code: verificationCode,
          content_sha256: sha256,
          pages: rendered.pages,
          render_input: JSON.stringify(document),
          issued_at: issuedAt,
        },
        ledger,
      );
      await appendAudit(trx, {
        municipalityCode: request.municipalityCode,
        actor,
        action: 'certificate.issue',
        subjectType: ids.kosekiId !== null ? 'koseki' : 'resident',
        subjectId: String(ids.kosekiId ?? ids.residentId),
        reason: request.override?.reason ?? request.requester.lawfulReason?.detail ?? null,
        details: {
          issuanceId,
          certificate,
          channel: request.channel,
          issueNumber: printedIssueNumber(fiscalYear, issueNumber),
          relation: request.requester.relation,
          basis: allowed.basis,
          ...(allowed.overrideUsed ? { override: allowed.overrideUsed } : {}),
          fee: price.total,
        },
      });
      checkDeadline();
      return {
        issuanceId,
        municipalityCode: request.municipalityCode,
        certificate,
        fiscalYear,
        issueNumber,
        printedIssueNumber: printedIssueNumber(fiscalYear, issueNumber),
        verificationCode,
        verificationUrl,
        unitFee: price.unitFee,
        copies: request.copies,
        totalFee: price.total,
        operatorCharge,
        paymentMethod,
        pages: rendered.pages,
        sha256,
        issuedAt,
        notifySubject: allowed.notifySubject,
        replayed: false,
        pdf: rendered.pdf,
      };
    });
  } catch (error) {
    // Two requests with one key raced: the loser answers with the winner's certificate.
    if (isUniqueViolation(error, 'issuance_municipality_code_idempotency_key_key')) {
      const winner = await findIssuanceByIdempotencyKey(
        deps.db,
        request.municipalityCode,
        request.idempotencyKey,
      );
      if (winner) return replay(deps, winner, requestHash);
    }
    if (error instanceof AppError && error.kind !== 'unavailable')
      await auditRefusal(deps.db, actor, request, error);
    throw error;
  }
}

export interface Decision {
  facts: IssuanceFacts;
  allowed: ReturnType<typeof assertAllowed<Eligible>>;
  price: Price;
  paymentMethod: PaymentMethod;
  operatorCharge: number;
  today: string;
}

/**
 * Every rule the request must pass, and its price, without numbering or
 * rendering anything: issuance runs it inside its transaction, and a kiosk
 * quote runs it alone to show the fee before the resident pays.
 */
export async function decide(
  deps: Pick<IssuanceDeps, 'serviceHours'>,
  trx: Kysely<DB>,
  request: IssueRequest,
  issuedAt: Date,
  options: { requirePayment?: boolean } = {},
): Promise<Decision> {
  const facts = await gatherFacts(trx, request);
  const today = tokyoDate(issuedAt);
  const certificate = request.options.certificate;
  const requester = requesterFacts(request, facts);

  const refusals = [];
  const channel = checkChannel({
    channel: request.channel,
    ...(request.kioskKind ? { kioskKind: request.kioskKind } : {}),
    certificate,
    options: request.options,
    requester,
    copies: request.copies,
  });
  if (!channel.ok) refusals.push(...channel.refusals);
  const eligibility = checkEligibility({
    certificate,
    channel: request.channel,
    requester,
    subject: subjectFacts(request, facts),
    options: request.options,
    ...(request.override ? { override: request.override } : {}),
  });
  if (!eligibility.ok) refusals.push(...eligibility.refusals);
  if (request.channel === 'kiosk' || request.channel === 'online') {
    const hours = checkServiceHours({
      channel: request.channel,
      certificate,
      at: issuedAt,
      ...(request.kioskKind ? { kioskKind: request.kioskKind } : {}),
      config: deps.serviceHours?.(request.municipalityCode) ?? DEMO_SERVICE_HOURS,
    });
    if (!hours.ok) {
      throw new AppError(
        'unavailable',
        hours.refusals[0]?.code ?? 'outside_service_hours',
        hours.refusals[0] ?? {
          ja: '現在は受付時間外です。',
          en: 'The service is closed now.',
        },
        {
          details: hours.refusals,
          extra: hours.nextOpening
            ? {
                reopensAt: hours.nextOpening.instant.toISOString(),
                reopensJa: hours.nextOpening.ja,
                reopensEn: hours.nextOpening.en,
              }
            : {},
        },
      );
    }
  }
  if (refusals.length) assertAllowed({ ok: false, refusals });
  const allowed = assertAllowed(eligibility);

  const price = priceIssuance({
    schedule: await loadFeeSchedule(trx, request.municipalityCode),
    campaigns: await loadFeeCampaigns(trx, request.municipalityCode),
    certificate,
    channel: request.channel,
    ...(request.kioskKind ? { kioskKind: request.kioskKind } : {}),
    on: today,
    copies: request.copies,
    ...(request.exemption ? { exemption: request.exemption } : {}),
  });
  if (price.total > 0 && !request.payment && options.requirePayment !== false)
    throw new AppError('invalid', 'payment_method_missing', {
      ja: 'お支払い方法を選んでください。',
      en: 'Choose how the fee is paid.',
    });
  const paymentMethod: PaymentMethod = price.total > 0 ? (request.payment ?? 'cash') : 'exempt';
  const operatorCharge = price.operatorCharge?.total ?? 0;

  return { facts, allowed, price, paymentMethod, operatorCharge, today };
}

/** A refused request leaves a trace too: who asked for whose record, and why it was refused. */
async function auditRefusal(db: Kysely<DB>, actor: AuditActor, request: IssueRequest, error: AppError) {
  try {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        municipalityCode: request.municipalityCode,
        actor,
        action: 'certificate.refused',
        subjectType: request.subject.kosekiId !== undefined ? 'koseki' : 'resident',
        subjectId: String(request.subject.kosekiId ?? request.subject.residentId),
        reason: error.code,
        details: {
          certificate: request.options.certificate,
          channel: request.channel,
          relation: request.requester.relation,
        },
      }),
    );
  } catch {
    // An unknown municipality has no audit chain to write to; the refusal itself stands.
  }
}

/** Answers a retry with the first result, rendered again from its recorded inputs. */
async function replay(
  deps: IssuanceDeps,
  row: Selectable<IssuanceTable>,
  requestHash: string,
): Promise<IssuedCertificate> {
  if (row.request_hash !== requestHash)
    throw new AppError('conflict', 'idempotency_key_reused', {
      ja: 'この受付番号は別の内容の請求に使われています。新しい請求としてやり直してください。',
      en: 'This idempotency key was used for a different request. Start a new request.',
    });
  const identity = await deps.identities.get(row.municipality_code);
  const issuedAt = new Date(row.issued_at);
  const rendered = await deps.pipeline.renderAndSign(
    row.render_input as CertificateDocument,
    identity,
    issuedAt,
  );
  const sha256 = sha256Hex(rendered.pdf);
  if (sha256 !== row.content_sha256)
    throw new Error(`re-rendered issuance ${row.issuance_id} differs from the recorded hash`);
  const operatorCharge = await deps.db
    .selectFrom('ledger_entry')
    .select('debit')
    .where('municipality_code', '=', row.municipality_code)
    .where('issuance_id', '=', row.issuance_id)
    .where('account', '=', 'operator_fee_expense')
    .executeTakeFirst();
  const basis = (row.requester as { basis?: string }).basis;
  return {
    issuanceId: row.issuance_id,
    municipalityCode: row.municipality_code,
    certificate: row.certificate,
    fiscalYear: row.fiscal_year,
    issueNumber: row.issue_number,
    printedIssueNumber: printedIssueNumber(row.fiscal_year, row.issue_number),
    verificationCode: row.verification_code,
    verificationUrl: `${deps.publicUrl}/verify/${row.verification_code}`,
    unitFee: row.unit_fee,
    copies: row.copies,
    totalFee: row.total_fee,
    operatorCharge: operatorCharge?.debit ?? 0,
    paymentMethod: row.payment_method,
    pages: row.pages,
    sha256,
    issuedAt,
    notifySubject: basis === 'power_of_attorney' || basis === 'lawful_reason',
    replayed: true,
    pdf: rendered.pdf,
  };
}
