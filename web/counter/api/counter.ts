/**
 * Typed calls of the counter API (src/channels/counter/http/counter.routes.ts,
 * docs/counter-and-mail.md). The console records what the clerk saw; the
 * engine decides everything, and its refusals come back as ApiError.
 */
import type { LocalizedMessage } from '../../shared/api';
import { staffFetch } from './session';

/** src/domain/certificates.ts CERTIFICATE_TYPES */
export const CERTIFICATE_TYPES = [
  'juminhyo',
  'juminhyo-kisai',
  'inkan',
  'koseki-zenbu',
  'koseki-kojin',
  'fuhyo',
  'kazei',
  'juminhyo-johyo',
  'koseki-joseki',
  'koseki-kaiseigen',
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

/** src/domain/certificates.ts JUMINHYO_ITEMS, KISAI_ITEMS, FUHYO_ITEMS */
export const JUMINHYO_ITEMS = [
  'householdHead',
  'honseki',
  'juminhyoCode',
  'myNumber',
  'previousAddress',
  'residentSince',
  'history',
] as const;
export const KISAI_ITEMS = [
  'name',
  'birthDate',
  'sex',
  'address',
  'householdHead',
  'honseki',
  'residentSince',
  'addressSince',
  'previousAddress',
  'juminhyoCode',
  'myNumber',
] as const;
export type JuminhyoItem = (typeof JUMINHYO_ITEMS)[number];
export type KisaiItem = (typeof KISAI_ITEMS)[number];

/** src/domain/eligibility.ts */
export const RELATIONS = [
  'self',
  'same_household',
  'spouse',
  'lineal_ascendant',
  'lineal_descendant',
  'agent',
  'third_party',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const LAWFUL_REASONS = [
  'exercise_of_rights',
  'performance_of_duty',
  'submission_to_authority',
  'professional_duty',
  'official_request',
  'other_legitimate',
] as const;
export type LawfulReasonKind = (typeof LAWFUL_REASONS)[number];

export const PROFESSIONS = [
  'lawyer',
  'judicial_scrivener',
  'land_surveyor',
  'tax_accountant',
  'labor_consultant',
  'patent_attorney',
  'maritime_agent',
  'administrative_scrivener',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

/** src/domain/fees.ts EXEMPTION_KINDS */
export const EXEMPTION_KINDS = [
  'official_use',
  'public_assistance',
  'war_wounded',
  'pension_claim',
  'child_support_allowance',
  'ordinance_other',
] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

export interface LawfulReason {
  kind: LawfulReasonKind;
  detail: string;
  professional?: { profession: Profession; registrationNo: string };
  authority?: string;
}

export type CertificateOptions =
  | {
      certificate: 'juminhyo';
      scope: 'household' | 'members';
      residentIds?: number[];
      include: JuminhyoItem[];
    }
  | { certificate: 'juminhyo-kisai'; residentIds: number[]; items: KisaiItem[] }
  | { certificate: 'inkan' }
  | { certificate: 'koseki-zenbu' }
  | { certificate: 'koseki-kojin'; memberNo: number }
  | { certificate: 'fuhyo'; scope: 'all' | 'members'; memberNos?: number[]; include: 'honseki'[] }
  | { certificate: 'kazei'; taxYear: number }
  | { certificate: 'juminhyo-johyo'; residentIds: number[]; include: JuminhyoItem[] }
  | { certificate: 'koseki-joseki' | 'koseki-kaiseigen'; scope: 'all' | 'member'; memberNo?: number };

/** The body of POST …/lines: what the clerk saw for one certificate. */
export interface CertificateLine {
  subject: { residentId?: number; kosekiId?: number };
  relation: Relation;
  powerOfAttorney?: boolean;
  lawfulReason?: LawfulReason;
  sealCardPresented?: boolean;
  options: CertificateOptions;
  copies: number;
  exemption?: { kind: ExemptionKind; reason: string };
}

export interface ResidentHit {
  residentId: number;
  householdId: number;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: string;
  address: string;
  katagaki: string | null;
  status: string;
  warning?: LocalizedMessage;
}

export interface PersonCard extends ResidentHit {
  postalCode: string | null;
  relationship: string | null;
  supportMeasure: boolean;
  household: {
    residentId: number;
    familyName: string;
    givenName: string;
    relationship: string | null;
    birthDate: string;
    supportMeasure: boolean;
  }[];
  registers: {
    kosekiId: number;
    memberNo: number;
    memberStatus: string;
    registerStatus: string;
    honseki: string;
    hittosha: string;
  }[];
  sealRegistered: boolean;
}

export interface ResidentQuery {
  name?: string;
  kana?: string;
  birthDate?: string;
  address?: string;
  juminhyoCode?: string;
  includeRemoved?: boolean;
}

export function searchResidents(query: ResidentQuery, signal?: AbortSignal): Promise<ResidentHit[]> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value.trim()) params.set(key, value.trim());
    if (value === true) params.set(key, 'true');
  }
  return staffFetch<{ residents: ResidentHit[] }>(`/api/v1/counter/residents?${params}`, { signal }).then(
    (body) => body.residents,
  );
}

export function readPerson(residentId: number, reason: string): Promise<PersonCard> {
  return staffFetch<PersonCard>(`/api/v1/counter/residents/${residentId}?${new URLSearchParams({ reason })}`);
}

export interface RequesterOnFile {
  name?: string;
  residentId?: number;
  identityDocument: string;
}

export function openVisit(
  idempotencyKey: string,
  requester: RequesterOnFile,
): Promise<{ transactionId: string; status: string; replayed: boolean }> {
  return staffFetch('/api/v1/counter/transactions', { body: { idempotencyKey, requester } });
}

export interface AddedLine {
  lineNo: number;
  certificate: CertificateType;
  nameJa: string;
  copies: number;
  reviewRequired: boolean;
  unitFee?: number;
  total?: number;
  standardUnitFee?: number;
  campaignId?: string;
  exempt?: boolean;
  notifySubject?: boolean;
  warning?: LocalizedMessage;
  refusal?: LocalizedMessage;
}

export function addLine(transactionId: string, line: CertificateLine): Promise<AddedLine> {
  return staffFetch(`/api/v1/counter/transactions/${transactionId}/lines`, { body: line });
}

export function removeLine(transactionId: string, lineNo: number): Promise<unknown> {
  return staffFetch(`/api/v1/counter/transactions/${transactionId}/lines/${lineNo}`, { method: 'DELETE' });
}

export function requestReview(
  transactionId: string,
  lineNo: number,
  note: string,
): Promise<{ overrideId: string; status: string; created: boolean }> {
  return staffFetch(`/api/v1/counter/transactions/${transactionId}/lines/${lineNo}/review`, {
    body: { note },
  });
}

export interface VisitLine {
  lineNo: number;
  certificate: CertificateType;
  nameJa: string;
  subject: { residentId?: number; kosekiId?: number };
  relation: Relation;
  copies: number;
  quotedTotal: number | null;
  reviewRequired: boolean;
  review: { overrideId: string; status: 'pending' | 'approved' | 'rejected' } | null;
  status: 'quoted' | 'issued' | 'removed';
  issuanceId: string | null;
  fee: number | null;
}

export interface Visit {
  transactionId: string;
  status: 'open' | 'paying' | 'paid' | 'cancelled';
  requester: RequesterOnFile;
  clerkId: string;
  openedAt: string;
  lines: VisitLine[];
  total: number;
  awaitingReview: boolean;
  payment: { method: string; tendered: number | null; change: number | null; paidAt: string | null } | null;
  receipt: { receiptNumber: string; total: number; paymentMethod: string } | null;
}

export function showVisit(transactionId: string, signal?: AbortSignal): Promise<Visit> {
  return staffFetch(`/api/v1/counter/transactions/${transactionId}`, { signal });
}

export interface VisitSummary {
  transactionId: string;
  status: Visit['status'];
  clerkId: string;
  terminalId: string | null;
  openedAt: string;
  paidAt: string | null;
}

export function listVisits(
  filter: { status?: Visit['status']; mine?: boolean; limit?: number } = {},
  signal?: AbortSignal,
): Promise<VisitSummary[]> {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.mine !== undefined) params.set('mine', String(filter.mine));
  if (filter.limit) params.set('limit', String(filter.limit));
  return staffFetch<{ transactions: VisitSummary[] }>(`/api/v1/counter/transactions?${params}`, {
    signal,
  }).then((body) => body.transactions);
}

export interface IssuedCertificate {
  lineNo: number;
  issuanceId: string;
  certificate: CertificateType;
  issueNumber: string;
  verificationCode: string;
  copies: number;
  fee: number;
  pages: number;
  replayed: boolean;
  pdfBase64: string;
}

export interface PaidVisit {
  transactionId: string;
  status: 'paid';
  total: number;
  paymentMethod: 'cash' | 'cashless' | 'exempt';
  tendered: number | null;
  change: number | null;
  certificates: IssuedCertificate[];
  receipt: { receiptNumber: string; sha256: string; pdfBase64: string };
  notices: { letterId: string; letterNumber: string }[];
}

export function payVisit(
  transactionId: string,
  payment: { method: 'cash'; tendered: number } | { method: 'cashless'; reference: string },
): Promise<PaidVisit> {
  // Issuing renders and signs every certificate: allow more than the default 15 s.
  return staffFetch(`/api/v1/counter/transactions/${transactionId}/pay`, {
    body: payment,
    timeoutMs: 60_000,
  });
}

export function cancelVisit(transactionId: string, reason: string): Promise<unknown> {
  return staffFetch(`/api/v1/counter/transactions/${transactionId}/cancel`, { body: { reason } });
}

export const receiptUrl = (transactionId: string) =>
  `/api/v1/counter/transactions/${transactionId}/receipt.pdf`;
export const certificateUrl = (transactionId: string, lineNo: number) =>
  `/api/v1/counter/transactions/${transactionId}/lines/${lineNo}/certificate.pdf`;

/** 支援措置 reviews, for 審査. */
export interface OverrideRequest {
  overrideId: string;
  status: 'pending' | 'approved' | 'rejected';
  channel: 'counter' | 'mail';
  originId: string;
  line: number;
  certificate: CertificateType;
  subject: { residentId: number | null; kosekiId: number | null; familyName?: string; givenName?: string };
  relation: Relation;
  requester: {
    name?: string;
    identityDocument?: string;
    relation?: Relation;
    powerOfAttorney?: boolean;
    lawfulReason?: LawfulReason;
  };
  note: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  usedIssuanceId: string | null;
}

export function listReviews(
  status: OverrideRequest['status'] | undefined,
  signal?: AbortSignal,
): Promise<OverrideRequest[]> {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  return staffFetch<{ reviews: OverrideRequest[] }>(`/api/v1/counter/reviews?${params}`, { signal }).then(
    (body) => body.reviews,
  );
}

export function decideReview(
  overrideId: string,
  decision: 'approve' | 'reject',
  reason: string,
): Promise<{ overrideId: string; status: string }> {
  return staffFetch(`/api/v1/counter/reviews/${overrideId}/${decision}`, { body: { reason } });
}

/** 本人通知: the letters waiting to be printed. */
export interface LetterSummary {
  letterId: string;
  kind: string;
  letterNumber: string;
  status: 'queued' | 'printed';
  pages: number;
  createdAt: string;
  printedAt: string | null;
  [key: string]: unknown;
}

export function listNotices(status: 'queued' | 'printed' | undefined): Promise<LetterSummary[]> {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  return staffFetch<{ notices: LetterSummary[] }>(`/api/v1/counter/notices?${params}`).then(
    (body) => body.notices,
  );
}

export const noticeUrl = (letterId: string) => `/api/v1/counter/notices/${letterId}/pdf`;

export function markNoticePrinted(letterId: string): Promise<unknown> {
  return staffFetch(`/api/v1/counter/notices/${letterId}/printed`, { method: 'POST' });
}

/** A key for one submit of a form, so a double click or a retry is one visit, not two. */
export function newIdempotencyKey(prefix: string): string {
  const random = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
