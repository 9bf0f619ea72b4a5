/**
 * Typed calls of the moving-notification API (docs/notifications.md): the
 * resident's drafts (public, with the edit secret) and the counter's routes
 * (staff session; the CSRF token goes with every write).
 */
import { type ApiRequest, apiFetch } from '../api';
import type { ContentProblem, DraftContent, MoveKind } from './content';

export type NotificationStatus =
  | 'draft'
  | 'submitted'
  | 'opened'
  | 'confirmed'
  | 'accepted'
  | 'rejected'
  | 'expired';

export type Localized = {
  ja: string;
  en: string;
};

export interface NotificationSummary {
  reference: string;
  municipalityCode: string;
  kind: MoveKind;
  kindName: Localized;
  path: 'digital' | 'paper';
  status: NotificationStatus;
  contentVersion: number;
  content: DraftContent;
  problems: ContentProblem[];
  qrText: string;
  expiresAt: string;
  timings: {
    createdAt: string | null;
    receivedAt: string | null;
    enteredAt: string | null;
    reviewedAt: string | null;
    finishedAt: string | null;
  };
}

export interface CreatedDraft extends NotificationSummary {
  editSecret: string;
}

export interface Procedure {
  id: string;
  title: Localized;
  department: Localized;
  place: Localized;
  bring: Localized[];
  notes?: Localized;
  scope: 'person' | 'household';
  persons: number[];
  personNames: string[];
}

export interface Guidance {
  on: string;
  procedures: Procedure[];
}

export type FieldStatus = 'same' | 'variant' | 'different' | 'not_given';

export interface FieldComparison {
  field: string;
  label: Localized;
  draft: string | null;
  register: string | null;
  status: FieldStatus;
}

export interface RegisterMember {
  residentId: number;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: string;
  relationship: string;
  address: string;
  katagaki: string | null;
  version: number;
}

export interface CounterView extends NotificationSummary {
  clerkEdits: number;
  hasTransferRecord: boolean;
  signature:
    | { kind: 'paper' }
    | { kind: 'strokes'; strokes: number; points: number; durationMs: number }
    | null;
  identityDocument: { kind: string; note?: string } | null;
  rejectionReason: string | null;
  result: {
    kind: MoveKind;
    notifiedOn: string;
    householdId?: number;
    residents?: { index: number; residentId: number }[];
    headChange?: unknown;
    sealsAbolished?: unknown[];
    procedures?: string[];
  } | null;
  certificate: { number: string | null; verificationCode: string; sha256: string | null } | null;
  comparison: {
    warnings: ContentProblem[];
    movers: {
      index: number;
      residentId?: number;
      source: 'register' | 'transfer_record';
      fields: FieldComparison[];
    }[];
    plan: {
      index: number;
      residentId?: number;
      before: { address: string; katagaki: string | null; householdId: number } | null;
      after: { address: string; katagaki: string | null; status: 'active' | 'moved_out' };
    }[];
    household: { householdId: number; headResidentId: number | null; members: RegisterMember[] } | null;
  };
  transferRecord: {
    from: { municipalityCode: string; municipalityName: string };
    certificateNumber: string;
    persons: number;
    signatureVerified: boolean;
  } | null;
  guidance: Guidance;
  acceptable: boolean;
}

export interface AcceptedNotification extends NotificationSummary {
  result: CounterView['result'];
  guidance: Guidance;
  certificate?: { number: string; verificationCode: string; url: string } | null;
}

export interface TabletView {
  reference: string;
  kind: MoveKind;
  kindName: Localized;
  contentVersion: number;
  signed: boolean;
  moveDate: string | null;
  from: DraftContent['from'] | null;
  to: DraftContent['to'] | null;
  wholeHousehold: boolean | null;
  household: DraftContent['household'] | null;
  dogs: number;
  notifier: DraftContent['notifier'] | null;
  movers: {
    familyName: string;
    givenName: string;
    familyNameKana: string;
    givenNameKana: string;
    birthDate: string;
    sex: string;
    relationship: string;
    myNumber?: string;
  }[];
}

/** The signature as the tablet sends it: strokes of integer points with milliseconds. */
export interface SignatureStrokes {
  width: number;
  height: number;
  strokes: { points: { x: number; y: number; t: number }[] }[];
}

export const IDENTITY_DOCUMENTS = [
  'mynumber_card',
  'drivers_license',
  'passport',
  'residence_card',
  'health_insurance',
  'other',
] as const;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENTS)[number];

/** src/staff/http/staff-guard.ts CSRF_HEADER. */
export const CSRF_HEADER = 'x-csrf-token';
/** src/notifications/http/notifications.schemas.ts EDIT_SECRET_HEADER. */
export const EDIT_SECRET_HEADER = 'x-edit-secret';

// ---------------------------------------------------------------- resident (public)

const drafts = (code: string) => `/api/v1/municipalities/${encodeURIComponent(code)}/notification-drafts`;
const draft = (code: string, reference: string) => `${drafts(code)}/${encodeURIComponent(reference)}`;

export interface DraftKey {
  municipalityCode: string;
  reference: string;
  editSecret: string;
}

const secretHeaders = (key: DraftKey) => ({ [EDIT_SECRET_HEADER]: key.editSecret });

export function createDraft(municipalityCode: string, kind: MoveKind, content?: DraftContent) {
  return apiFetch<CreatedDraft>(drafts(municipalityCode), {
    method: 'POST',
    body: content ? { kind, content } : { kind },
  });
}

export function readDraft(key: DraftKey, signal?: AbortSignal) {
  return apiFetch<NotificationSummary>(draft(key.municipalityCode, key.reference), {
    headers: secretHeaders(key),
    signal,
  });
}

export function saveDraft(key: DraftKey, content: DraftContent, contentVersion: number) {
  return apiFetch<NotificationSummary>(draft(key.municipalityCode, key.reference), {
    method: 'PUT',
    headers: secretHeaders(key),
    body: { content, contentVersion },
  });
}

export function submitDraft(key: DraftKey) {
  return apiFetch<NotificationSummary>(`${draft(key.municipalityCode, key.reference)}/submit`, {
    method: 'POST',
    headers: secretHeaders(key),
  });
}

export function deleteDraft(key: DraftKey) {
  return apiFetch<void>(draft(key.municipalityCode, key.reference), {
    method: 'DELETE',
    headers: secretHeaders(key),
  });
}

export function draftGuidance(key: DraftKey, signal?: AbortSignal) {
  return apiFetch<Guidance>(`${draft(key.municipalityCode, key.reference)}/guidance`, {
    headers: secretHeaders(key),
    signal,
  });
}

// ---------------------------------------------------------------- counter (staff session)

/** The QR text or a typed reference, as one path segment. */
export const counterPath = (reference: string) =>
  `/api/v1/counter/notifications/${encodeURIComponent(reference)}`;

export interface StaffCall {
  csrf: string | undefined;
}

function staffRequest(call: StaffCall, request: ApiRequest): ApiRequest {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  if (method === 'GET' || !call.csrf) return request;
  return { ...request, headers: { ...request.headers, [CSRF_HEADER]: call.csrf } };
}

export function openNotification(
  call: StaffCall,
  reference: string,
  movers?: { index: number; residentId: number }[],
) {
  return apiFetch<CounterView>(
    `${counterPath(reference)}/open`,
    staffRequest(call, { method: 'POST', body: movers ? { movers } : {} }),
  );
}

export function viewNotification(call: StaffCall, reference: string, signal?: AbortSignal) {
  return apiFetch<CounterView>(counterPath(reference), staffRequest(call, { signal }));
}

export function createPaperNotification(call: StaffCall, kind: MoveKind, content: DraftContent) {
  return apiFetch<NotificationSummary>(
    '/api/v1/counter/notifications',
    staffRequest(call, { method: 'POST', body: { kind, content } }),
  );
}

export function correctNotification(
  call: StaffCall,
  reference: string,
  content: DraftContent,
  contentVersion: number,
) {
  return apiFetch<CounterView>(
    `${counterPath(reference)}/content`,
    staffRequest(call, { method: 'PUT', body: { content, contentVersion } }),
  );
}

export function attachTransferRecord(call: StaffCall, reference: string, record: unknown) {
  return apiFetch<CounterView>(
    `${counterPath(reference)}/transfer-record`,
    staffRequest(call, { method: 'PUT', body: { record } }),
  );
}

export function tabletView(call: StaffCall, reference: string, signal?: AbortSignal) {
  return apiFetch<TabletView>(`${counterPath(reference)}/tablet`, staffRequest(call, { signal }));
}

export function confirmNotification(
  call: StaffCall,
  reference: string,
  body:
    | { contentVersion: number; signature: SignatureStrokes }
    | { contentVersion: number; onPaper: true }
    | { contentVersion: number; typedName: string },
) {
  return apiFetch<CounterView>(
    `${counterPath(reference)}/confirm`,
    staffRequest(call, { method: 'POST', body }),
  );
}

export function acceptNotification(
  call: StaffCall,
  reference: string,
  contentVersion: number,
  identityDocument: { kind: IdentityDocumentKind; note?: string },
) {
  return apiFetch<AcceptedNotification>(
    `${counterPath(reference)}/accept`,
    staffRequest(call, { method: 'POST', body: { contentVersion, identityDocument }, timeoutMs: 60_000 }),
  );
}

export function rejectNotification(call: StaffCall, reference: string, reason: string) {
  return apiFetch<NotificationSummary>(
    `${counterPath(reference)}/reject`,
    staffRequest(call, { method: 'POST', body: { reason } }),
  );
}

export function counterGuidance(call: StaffCall, reference: string) {
  return apiFetch<Guidance & { forms: unknown[] }>(
    `${counterPath(reference)}/guidance`,
    staffRequest(call, {}),
  );
}

/** Links the browser opens itself (the session cookie goes along): PDFs. */
export const guidanceSheetUrl = (reference: string) => `${counterPath(reference)}/guidance.pdf`;
export const tenshutsuCertificateUrl = (reference: string) =>
  `${counterPath(reference)}/tenshutsu-certificate.pdf`;
