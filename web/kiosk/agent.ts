import { apiFetch } from '../shared/api';

/**
 * The kiosk screen's calls to its agent (/kiosk-agent, same origin). The
 * agent holds the kiosk's key and the devices; the screen never sees a
 * session token or the card's certificate.
 */

export type KioskKind = 'store' | 'town_hall';

export interface SimulatedCardInfo {
  id: string;
  holderName: string;
  householdSize: number;
  hasSeal: boolean;
  hasKoseki: boolean;
  hasTax: boolean;
}

export type AgentStatus =
  | { configured: false }
  | {
      configured: true;
      kiosk: { kind: KioskKind; location: string | null };
      /** The kiosk's clock (it may differ from the browser's, and the server follows the kiosk's). */
      now: string;
      timeouts: { screenIdleMs: number; screenWarningMs: number };
      simulator: { cards: SimulatedCardInfo[]; cash: number[] } | null;
    };

export interface PaymentState {
  due: number;
  inserted: number;
  remaining: number;
  accepting: boolean;
}

export interface AgentState {
  card: { present: boolean; placedId: string | null };
  session: { open: boolean; authenticated: boolean };
  payment: PaymentState | null;
  sale: { status: 'issued' | 'printed' | 'print_failed' | 'refunded' } | null;
}

export type CertificateType =
  | 'juminhyo'
  | 'juminhyo-kisai'
  | 'inkan'
  | 'koseki-zenbu'
  | 'koseki-kojin'
  | 'fuhyo'
  | 'kazei';

export interface MenuCertificate {
  type: CertificateType;
  nameJa: string;
  nameEn: string;
  unitFee: number;
  open: boolean;
  reopensJa?: string | null;
  reopensEn?: string | null;
  items: string[];
  /** A 戸籍-family certificate the residence cannot issue to this holder: no 戸籍 (foreign), or kept by the 本籍地. */
  notHere?: 'no_koseki' | 'kept_by_honseki' | null;
}

export interface HouseholdMember {
  residentId: number;
  familyName: string;
  givenName: string;
  relationship: string;
  self: boolean;
}

export interface RegisterMember {
  memberNo: number;
  familyName: string;
  givenName: string;
  relationship: string;
  self: boolean;
}

export interface MenuMunicipality {
  code: string;
  name: string;
  prefecture: string;
  residence: boolean;
  certificates: CertificateType[];
}

export interface Menu {
  municipality: { code: string; name: string; prefecture: string };
  /** The residence first, then every 本籍地 the card is registered for. */
  municipalities?: MenuMunicipality[];
  kiosk: { kind: KioskKind; inCity: boolean };
  certificates: MenuCertificate[];
  household: HouseholdMember[];
  /** The members of the card holder's 戸籍, when the server lists them (for 個人事項 and the 附票). */
  register?: { members: RegisterMember[] };
}

export interface Order {
  municipalityCode?: string;
  options: Record<string, unknown>;
  copies: number;
}

export interface Quote {
  unitFee: number;
  copies: number;
  total: number;
}

export type SaleOutcome =
  | { status: 'printed'; issueNumber: string; copies: number; pages: number; change: number }
  | {
      status: 'print_failed';
      reason: 'paper_out' | 'jam' | 'offline';
      reprintAllowed: boolean;
      reprintUntil: string;
      refundAmount: number;
      change: number;
    }
  | { status: 'refunded'; amount: number; change: number };

/** A municipality whose 戸籍 the holder may apply to print (利用者登録申請). */
export interface RegistrationMunicipality {
  code: string;
  name: string;
  nameKana: string;
  prefecture: string;
}

export type RejectionReason = 'honseki_mismatch' | 'hittosha_mismatch' | 'no_matching_person' | 'other';

/** One of the holder's applications, as the server shows it to the applicant. */
export interface Registration {
  registrationId: string;
  municipality: { code: string; name: string };
  honseki: string;
  hittosha: string;
  status: 'pending' | 'approved' | 'rejected';
  appliedAt: string;
  /** Pending: the date it would become usable if approved (about five days after applying). */
  expectedUsableOn?: string;
  /** Approved: from when (Japan's calendar date). */
  usableOn?: string;
  usableFrom?: string;
  rejection?: { reason: RejectionReason; note: string | null; ja: string; en: string };
}

export interface RegistrationInput {
  municipalityCode: string;
  honseki: string;
  hittosha: string;
}

export interface SessionEnd {
  ended: boolean;
  returned: number;
  refunded: number;
}

const BASE = '/kiosk-agent';

function post<T>(path: string, body: unknown = {}, timeoutMs?: number): Promise<T> {
  return apiFetch<T>(`${BASE}${path}`, { method: 'POST', body, ...(timeoutMs ? { timeoutMs } : {}) });
}

export const agent = {
  status: () => apiFetch<AgentStatus>(`${BASE}/status`),
  state: () => apiFetch<AgentState>(`${BASE}/state`),
  checkCard: () => post<{ ok: true }>('/card/check'),
  enterPin: (pin: string) => post<{ municipalityCode: string }>('/pin', { pin }),
  menu: (municipalityCode?: string) => post<Menu>('/menu', municipalityCode ? { municipalityCode } : {}),
  quote: (order: Order) => post<Quote>('/quote', order),
  startPayment: (order: Order) => post<PaymentState>('/payment', order),
  cancelPayment: () => post<{ returned: number }>('/payment/cancel'),
  // Issuing, signing and printing take a few seconds; a kiosk must still never hang for ever.
  completeSale: () => post<SaleOutcome>('/sale', {}, 60_000),
  reprint: () => post<SaleOutcome>('/sale/reprint', {}, 60_000),
  refund: () => post<SaleOutcome>('/sale/refund', {}, 30_000),
  registration: {
    municipalities: () =>
      post<{ municipalities: RegistrationMunicipality[] }>('/koseki-registrations/municipalities'),
    status: () => post<{ registrations: Registration[] }>('/koseki-registrations/status'),
    apply: (input: RegistrationInput) =>
      post<Registration & { replayed: boolean }>('/koseki-registrations', input),
  },
  endSession: (reason: 'done' | 'cancel' | 'timeout') => post<SessionEnd>('/session/end', { reason }),
  activity: () => post<{ ok: true }>('/activity'),
  simulator: {
    placeCard: (id: string) => post<AgentState>('/sim/card', { id }),
    takeCard: () => post<AgentState>('/sim/card/take'),
    insertCash: (yen: number) => post<AgentState>('/sim/cash', { yen }),
  },
};
