/** Typed calls of the mail desk (src/channels/mail/http/mail.routes.ts, docs/counter-and-mail.md §3). */
import type {
  CertificateLine,
  CertificateOptions,
  CertificateType,
  LawfulReason,
  LetterSummary,
  Relation,
} from './counter';
import { staffFetch } from './session';

export const MAIL_STATUSES = ['received', 'checked', 'issued', 'posted', 'returned'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface MailAddress {
  postalCode?: string;
  address: string;
  addressLine2?: string;
  name: string;
}

export interface MailRegistration {
  idempotencyKey: string;
  receivedOn: string;
  requester: {
    name: string;
    postalCode?: string;
    address: string;
    phone?: string;
    residentId?: number;
    identityDocument: string;
  };
  returnAddress: MailAddress;
  enclosed: number;
  enclosedNote?: string;
  items: CertificateLine[];
}

export function registerMailRequest(
  body: MailRegistration,
): Promise<{ requestId: string; reference: string; status: MailStatus; replayed: boolean }> {
  return staffFetch('/api/v1/mail/requests', { body });
}

export interface MailWorkItem {
  requestId: string;
  reference: string;
  status: MailStatus;
  receivedOn: string;
  feeTotal: number | null;
  receivedAt: string | null;
  checkedAt: string | null;
  issuedAt: string | null;
  postedAt: string | null;
  returnedAt: string | null;
}

export function listMailRequests(
  status: MailStatus | undefined,
  signal?: AbortSignal,
): Promise<MailWorkItem[]> {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  return staffFetch<{ requests: MailWorkItem[] }>(`/api/v1/mail/requests?${params}`, { signal }).then(
    (body) => body.requests,
  );
}

export interface MailBalance {
  received: number;
  refunded: number;
  held: number;
  charged: number;
  due: number | null;
  shortfall: number;
  excess: number;
}

export interface MailDetail {
  requestId: string;
  reference: string;
  status: MailStatus;
  receivedOn: string;
  requester: MailRegistration['requester'];
  returnAddress: MailAddress;
  items: {
    itemNo: number;
    certificate: CertificateType;
    nameJa: string;
    subject: { residentId?: number; kosekiId?: number };
    relation: Relation;
    powerOfAttorney: boolean | null;
    lawfulReason: LawfulReason | null;
    options: CertificateOptions;
    copies: number;
    quotedTotal: number | null;
    reviewRequired: boolean;
    review: { overrideId: string; status: 'pending' | 'approved' | 'rejected' } | null;
    issuanceId: string | null;
    fee: number | null;
  }[];
  money: {
    remittances: {
      seq: number;
      kind: 'enclosed' | 'additional' | 'refund';
      amount: number;
      note: string | null;
      recordedAt: string | null;
      recordedBy: string;
    }[];
    balance: MailBalance;
  };
  letters: LetterSummary[];
  work: {
    seconds: {
      receivedToChecked: number | null;
      checkedToIssued: number | null;
      issuedToPosted: number | null;
      total: number | null;
    };
    returned: { at: string | null; by: string | null; reason: string | null };
    posted: {
      at: string | null;
      by: string | null;
      posting: { method?: string; trackingNumber?: string } | null;
    };
    events: {
      seq: number;
      action: string;
      status: string;
      at: string | null;
      staffId: string;
      note: string | null;
    }[];
  };
}

export function showMailRequest(requestId: string, signal?: AbortSignal): Promise<MailDetail> {
  return staffFetch(`/api/v1/mail/requests/${requestId}`, { signal });
}

export function checkMailRequest(requestId: string): Promise<{
  balance: MailBalance;
  shortfallLetter?: { letterId: string; letterNumber: string };
}> {
  return staffFetch(`/api/v1/mail/requests/${requestId}/check`, { method: 'POST', timeoutMs: 60_000 });
}

export function requestMailReview(requestId: string, itemNo: number, note: string): Promise<unknown> {
  return staffFetch(`/api/v1/mail/requests/${requestId}/items/${itemNo}/review`, { body: { note } });
}

export function recordRemittance(
  requestId: string,
  body: { kind: 'additional' | 'refund'; amount: number; note?: string },
): Promise<{ balance: MailBalance }> {
  return staffFetch(`/api/v1/mail/requests/${requestId}/remittances`, { body });
}

export interface MailIssuedCertificate {
  itemNo: number;
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

export function issueMailRequest(
  requestId: string,
): Promise<{ certificates: MailIssuedCertificate[]; notices: { letterId: string; letterNumber: string }[] }> {
  return staffFetch(`/api/v1/mail/requests/${requestId}/issue`, { method: 'POST', timeoutMs: 60_000 });
}

export const POSTING_METHODS = ['regular', 'express', 'registered'] as const;
export type PostingMethod = (typeof POSTING_METHODS)[number];

export function postMailRequest(
  requestId: string,
  body: { method: PostingMethod; trackingNumber?: string },
): Promise<unknown> {
  return staffFetch(`/api/v1/mail/requests/${requestId}/post`, { body });
}

export function returnMailRequest(requestId: string, reason: string): Promise<unknown> {
  return staffFetch(`/api/v1/mail/requests/${requestId}/return`, { body: { reason } });
}

export const mailLetterUrl = (letterId: string) => `/api/v1/mail/letters/${letterId}/pdf`;
export const mailCertificateUrl = (requestId: string, itemNo: number) =>
  `/api/v1/mail/requests/${requestId}/items/${itemNo}/certificate.pdf`;

export function markMailLetterPrinted(letterId: string): Promise<unknown> {
  return staffFetch(`/api/v1/mail/letters/${letterId}/printed`, { method: 'POST' });
}
