/**
 * Typed calls of the counter API (src/channels/counter/http/counter.routes.ts,
 * docs/counter-and-mail.md). The console records what the clerk saw; the
 * engine decides everything, and its refusals come back as ApiError.
 */
import type { LocalizedMessage } from '../../shared/api';
import type {
  CertificateLine,
  CertificateOptions,
  CertificateType,
  LawfulReason,
  PersonCard,
  Relation,
  ResidentHit,
  ResidentQuery,
} from '../domain';
import { staffFetch } from './session';

export {
  CERTIFICATE_TYPES,
  type CertificateLine,
  type CertificateOptions,
  type CertificateType,
  EXEMPTION_KINDS,
  type ExemptionKind,
  JUMINHYO_ITEMS,
  type JuminhyoItem,
  KISAI_ITEMS,
  type KisaiItem,
  LAWFUL_REASONS,
  type LawfulReason,
  type LawfulReasonKind,
  type PersonCard,
  PROFESSIONS,
  type Profession,
  RELATIONS,
  type Relation,
  type ResidentHit,
  type ResidentQuery,
} from '../domain';

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
  /** What the clerk saw for this line: the 委任状 (代理人), the stated reason (第三者), the seal card. */
  powerOfAttorney: boolean | null;
  lawfulReason: LawfulReason | null;
  sealCardPresented: boolean;
  options: CertificateOptions;
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
