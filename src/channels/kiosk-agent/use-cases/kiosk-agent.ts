/**
 * The kiosk agent: the program on the kiosk machine between its screen and
 * the kiosk API. It holds the kiosk's private key (the screen never sees it)
 * and drives the devices — card reader, cash unit, printer — through one
 * resident's session: card → PIN → menu → order → cash → issue → print →
 * reprint or refund → card taken. Only the session holds personal data (the
 * card's certificate, the session token); it is dropped when the session
 * ends, whether the card is taken, the screen gives up, or nobody calls for
 * a while. Money is never lost on the way: a failed issuance gives the cash
 * back, a print that fails is reprinted or refunded, and an abandoned failed
 * print is refunded when the session ends.
 */

import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { KioskKind } from '../../../domain/channel-rules.js';
import { CardError, CardLockedError, CardPinIncorrectError } from '../../../identity/domain/card-reader.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import type { CardReaderDevice } from '../devices/card-reader.js';
import { SimulatedCardReader } from '../devices/card-reader.js';
import { ACCEPTED_YEN, type CashUnit, SimulatedCashUnit } from '../devices/cash-unit.js';
import { type Printer, type PrintFailure, SimulatedPrinter } from '../devices/printer.js';
import { agentRefusal } from '../domain/agent-errors.js';
import {
  inProcessTransport,
  KioskApiClient,
  type KioskApiTransport,
  UpstreamUnreachableError,
} from './kiosk-api-client.js';

const API = '/api/v1/kiosk';

export interface KioskTimeouts {
  /** The screen ends a session after this long without a touch. */
  screenIdleMs: number;
  /** …and warns this long before it does. */
  screenWarningMs: number;
  /** The agent ends a session by itself after this long without a call (the screen froze or died). */
  agentIdleMs: number;
}

export const DEFAULT_KIOSK_TIMEOUTS: KioskTimeouts = {
  screenIdleMs: 60_000,
  screenWarningMs: 15_000,
  agentIdleMs: 120_000,
};

export interface KioskAgentOptions {
  kiosk: {
    id: string;
    privateKey: KeyObject;
    kind: KioskKind;
    /** Shown on the screen's footer, e.g. 見本市役所 本庁舎1階. */
    location?: string;
  };
  devices: { cardReader: CardReaderDevice; cashUnit: CashUnit; printer: Printer };
  /** The kiosk API: a transport, or `in-process` for the app the agent's routes are mounted in. */
  upstream: KioskApiTransport | 'in-process';
  /** The kiosk's clock; it signs requests, so it must agree with the server's within minutes. */
  clock?: () => Date;
  timeouts?: Partial<KioskTimeouts>;
}

export interface KioskOrder {
  /** The 本籍地 when it is not the residence (its 戸籍 needs the card's 利用者登録). */
  municipalityCode?: string | undefined;
  options: Record<string, unknown>;
  copies: number;
}

/** What the resident typed for a 利用者登録申請; the server checks it (docs/koseki-registration.md). */
export interface RegistrationInput {
  municipalityCode: string;
  honseki: string;
  hittosha: string;
}

interface Order extends KioskOrder {
  /** Made once per order: a retried or doubled request issues (and charges) once. */
  idempotencyKey: string;
  due: number;
}

type SaleStatus = 'issued' | 'printed' | 'print_failed' | 'refunded';

interface Sale {
  issuanceId: string;
  issueNumber: string;
  copies: number;
  total: number;
  change: number;
  status: SaleStatus;
  pages: number;
  failure?: { reason: PrintFailure; reprintAllowed: boolean; reprintUntil: string };
  refunded?: number;
}

interface Session {
  certificate: Buffer;
  /** The 利用者登録申請 being sent: the same content keeps its key, so a retry or double tap files once. */
  registration: { content: string; idempotencyKey: string; pending: Promise<unknown> | null } | null;
  challenge: { id: string; message: Buffer; expiresAt: number } | null;
  token: string | null;
  municipalityCode: string | null;
  order: Order | null;
  sale: Sale | null;
  pending: Promise<SaleOutcome> | null;
}

export type SaleOutcome =
  | { status: 'printed'; issueNumber: string; copies: number; pages: number; change: number }
  | {
      status: 'print_failed';
      reason: PrintFailure;
      reprintAllowed: boolean;
      reprintUntil: string;
      refundAmount: number;
      change: number;
    }
  | { status: 'refunded'; amount: number; change: number };

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
  sale: { status: SaleStatus } | null;
}

export interface SessionEnd {
  ended: boolean;
  /** Cash given back from an unfinished payment. */
  returned: number;
  /** Fees refunded for a certificate that was never printed. */
  refunded: number;
}

interface IssuedAnswer {
  issuanceId: string;
  issueNumber: string;
  totalFee: number;
  copies: number;
  pages: number;
  pdfBase64: string;
}

export class KioskAgent {
  readonly kiosk: KioskAgentOptions['kiosk'];
  readonly devices: KioskAgentOptions['devices'];
  timeouts: KioskTimeouts;
  private readonly clock: () => Date;
  private client: KioskApiClient | null = null;
  private session: Session | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Sales whose refund could not reach the service; retried before the next session starts. */
  private readonly unsettled = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: KioskAgentOptions) {
    this.kiosk = options.kiosk;
    this.devices = options.devices;
    this.clock = options.clock ?? (() => new Date());
    this.timeouts = { ...DEFAULT_KIOSK_TIMEOUTS, ...options.timeouts };
    if (options.upstream !== 'in-process') this.client = this.newClient(options.upstream);
    // Taking the card away ends the session, whatever the screen is doing.
    this.unsubscribe = options.devices.cardReader.onChange((present) => {
      if (!present && this.session) void this.endSession('card_removed');
    });
  }

  /** For `upstream: 'in-process'`: the app whose kiosk API the agent calls (the routes plugin does this). */
  attach(app: FastifyInstance): void {
    if (this.options.upstream === 'in-process') this.client = this.newClient(inProcessTransport(app));
  }

  private newClient(transport: KioskApiTransport) {
    return new KioskApiClient({
      kioskId: this.kiosk.id,
      privateKey: this.kiosk.privateKey,
      transport,
      clock: this.clock,
    });
  }

  private api(): KioskApiClient {
    if (!this.client) throw agentRefusal('kiosk_agent.not_configured');
    return this.client;
  }

  // ------------------------------------------------------------------ what the screen reads

  /** What the screen needs to know about this terminal; no personal data. */
  status() {
    const { cardReader, cashUnit, printer } = this.devices;
    const simulated =
      cardReader instanceof SimulatedCardReader ||
      cashUnit instanceof SimulatedCashUnit ||
      printer instanceof SimulatedPrinter;
    return {
      configured: true as const,
      kiosk: { kind: this.kiosk.kind, location: this.kiosk.location ?? null },
      now: this.clock().toISOString(),
      timeouts: { screenIdleMs: this.timeouts.screenIdleMs, screenWarningMs: this.timeouts.screenWarningMs },
      simulator: simulated
        ? {
            cards: cardReader instanceof SimulatedCardReader ? cardReader.list() : [],
            cash: cashUnit instanceof SimulatedCashUnit ? [...ACCEPTED_YEN] : [],
          }
        : null,
    };
  }

  state(): AgentState {
    const { cardReader } = this.devices;
    const s = this.session;
    return {
      card: {
        present: cardReader.currentCard() !== null,
        placedId: cardReader instanceof SimulatedCardReader ? cardReader.placedId() : null,
      },
      session: { open: s !== null, authenticated: Boolean(s?.token) },
      payment: s?.order && !s.sale ? this.paymentState(s.order) : null,
      sale: s?.sale ? { status: s.sale.status } : null,
    };
  }

  private paymentState(order: Order): PaymentState {
    const inserted = this.devices.cashUnit.inserted();
    return {
      due: order.due,
      inserted,
      remaining: Math.max(0, order.due - inserted),
      accepting: this.devices.cashUnit.accepting(),
    };
  }

  // ------------------------------------------------------------------ card and PIN

  /**
   * Reads the card on the reader and has the server check it before the PIN
   * is asked (a revoked or locked card is refused at once). Starts a session.
   */
  async checkCard(): Promise<{ ok: true }> {
    this.touch();
    await this.settleUnsettled();
    if (this.session) await this.endSession('replaced');
    const card = this.devices.cardReader.currentCard();
    if (!card) throw agentRefusal('kiosk_agent.no_card');
    let certificate: Buffer;
    let retriesLeft: number;
    try {
      certificate = await card.readCertificate();
      retriesLeft = await card.retriesLeft();
    } catch (error) {
      throw agentRefusal('kiosk_agent.card_unreadable', { cause: error });
    }
    if (retriesLeft === 0) {
      // The chip is locked; make sure every kiosk refuses it, then send the resident to the counter.
      await this.reportLocked(certificate);
      throw agentRefusal('kiosk_agent.card_locked');
    }
    const challenge = await this.challenge(certificate);
    this.session = {
      certificate,
      challenge,
      token: null,
      municipalityCode: null,
      order: null,
      sale: null,
      pending: null,
      registration: null,
    };
    return { ok: true };
  }

  private async challenge(certificate: Buffer) {
    const { body } = await this.api().post<{ challengeId: string; message: string; expiresAt: string }>(
      `${API}/auth/challenge`,
      { certificate: certificate.toString('base64') },
    );
    return {
      id: body.challengeId,
      message: Buffer.from(body.message, 'base64'),
      expiresAt: Date.parse(body.expiresAt),
    };
  }

  /**
   * The resident's PIN: the card signs the server's challenge with it. Every
   * try uses a challenge once, so the server counts guesses as the chip does.
   */
  async enterPin(pin: string): Promise<{ municipalityCode: string }> {
    this.touch();
    const s = this.requireSession();
    if (s.token && s.municipalityCode) return { municipalityCode: s.municipalityCode };
    const card = this.devices.cardReader.currentCard();
    if (!card) throw agentRefusal('kiosk_agent.no_card');
    // Five seconds of margin: the card needs a moment to sign and the request to arrive.
    let challenge = s.challenge;
    if (!challenge || challenge.expiresAt - 5_000 <= this.clock().getTime())
      challenge = await this.challenge(s.certificate);
    s.challenge = null;
    let signature: Buffer;
    try {
      signature = await card.sign(challenge.message, pin);
    } catch (error) {
      if (error instanceof CardPinIncorrectError)
        throw agentRefusal('kiosk_agent.pin_incorrect', { extra: { retriesLeft: error.retriesLeft } });
      if (error instanceof CardLockedError) {
        await this.reportLocked(s.certificate);
        throw agentRefusal('kiosk_agent.card_locked');
      }
      if (error instanceof CardError && error.code === 'pin_malformed')
        throw agentRefusal('kiosk_agent.pin_incorrect', { extra: { retriesLeft: await card.retriesLeft() } });
      throw agentRefusal('kiosk_agent.card_unreadable', { cause: error });
    }
    const { body } = await this.api().post<{ sessionToken: string; municipalityCode: string }>(
      `${API}/auth/complete`,
      {
        challengeId: challenge.id,
        certificate: s.certificate.toString('base64'),
        signature: signature.toString('base64'),
      },
    );
    // The session may have ended while the card was signing (card taken, timeout).
    if (this.session !== s) {
      await this.api()
        .post(`${API}/session/end`, { sessionToken: body.sessionToken })
        .catch(() => undefined);
      throw agentRefusal('kiosk_agent.no_session');
    }
    s.token = body.sessionToken;
    s.municipalityCode = body.municipalityCode;
    return { municipalityCode: body.municipalityCode };
  }

  private async reportLocked(certificate: Buffer) {
    // Best effort: the chip refuses anyway; the report makes the server refuse it everywhere.
    await this.api()
      .post(`${API}/auth/card-locked`, { certificate: certificate.toString('base64') })
      .catch(() => undefined);
  }

  // ------------------------------------------------------------------ menu and order

  /** The certificates of the residence, or of a registered 本籍地 when its code is given. */
  async menu(municipalityCode?: string): Promise<unknown> {
    this.touch();
    const s = this.requireAuthenticated();
    return (await this.api().post(`${API}/menu`, { sessionToken: s.token, ...where(municipalityCode) })).body;
  }

  async quote(order: KioskOrder): Promise<{ unitFee: number; copies: number; total: number }> {
    this.touch();
    const s = this.requireAuthenticated();
    const { body } = await this.api().post<{ unitFee: number; copies: number; total: number }>(
      `${API}/quote`,
      {
        sessionToken: s.token,
        ...where(order.municipalityCode),
        options: order.options,
        copies: order.copies,
      },
    );
    return { unitFee: body.unitFee, copies: body.copies, total: body.total };
  }

  /** Fixes the order at today's fee and opens the cash unit for it. */
  async startPayment(order: KioskOrder): Promise<PaymentState> {
    this.touch();
    const s = this.requireAuthenticated();
    if (s.sale) throw agentRefusal('kiosk_agent.sale_exists');
    if (s.order) {
      if (sameOrder(s.order, order)) return this.paymentState(s.order);
      await this.cancelPayment();
    }
    const quote = await this.quote(order);
    if (this.session !== s) throw agentRefusal('kiosk_agent.no_session');
    s.order = { ...order, idempotencyKey: randomUUID(), due: quote.total };
    this.devices.cashUnit.open(quote.total);
    return this.paymentState(s.order);
  }

  /** The payment is abandoned: everything inserted comes back. */
  async cancelPayment(): Promise<{ returned: number }> {
    this.touch();
    const s = this.requireSession();
    if (s.sale || s.pending) throw agentRefusal('kiosk_agent.sale_exists');
    if (!s.order) return { returned: 0 };
    s.order = null;
    const back = await this.devices.cashUnit.returnAll();
    return { returned: back.amount };
  }

  // ------------------------------------------------------------------ 本籍地 利用者登録申請

  /** The municipalities whose 戸籍 the holder may apply to print (every one served but the residence). */
  async registrationMunicipalities(): Promise<unknown> {
    this.touch();
    const s = this.requireAuthenticated();
    return (await this.api().post(`${API}/koseki-registrations/municipalities`, { sessionToken: s.token }))
      .body;
  }

  /** The holder's own applications, every 本籍地, newest first. */
  async registrationStatus(): Promise<unknown> {
    this.touch();
    const s = this.requireAuthenticated();
    return (await this.api().post(`${API}/koseki-registrations/status`, { sessionToken: s.token })).body;
  }

  /**
   * Files the application with what the resident typed; who applies is the
   * card session's holder. The key is made once per content in a session: a
   * double tap (answered by the request already on its way), a request whose
   * answer was lost, or the same words sent again all get the one
   * application back; other words are a new request, which the server
   * refuses while an application to that town is open.
   */
  applyForRegistration(input: RegistrationInput): Promise<unknown> {
    this.touch();
    const s = this.requireAuthenticated();
    const content = JSON.stringify([input.municipalityCode, input.honseki, input.hittosha]);
    if (s.registration?.content !== content)
      s.registration = { content, idempotencyKey: randomUUID(), pending: null };
    const registration = s.registration;
    if (registration.pending) return registration.pending;
    const body = { sessionToken: s.token, ...input, idempotencyKey: registration.idempotencyKey };
    const send = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return (await this.api().post(`${API}/koseki-registrations`, body)).body;
        } catch (error) {
          if (!(error instanceof UpstreamUnreachableError) || attempt >= 3) throw error;
        }
      }
    };
    registration.pending = send().finally(() => {
      registration.pending = null;
    });
    return registration.pending;
  }

  // ------------------------------------------------------------------ issuing and printing

  /**
   * Issues the paid certificate, gives change and prints it. A second call
   * while the first runs (a double tap) gets the same outcome, and the
   * order's idempotency key makes a retried request issue once.
   */
  completeSale(): Promise<SaleOutcome> {
    this.touch();
    const s = this.requireAuthenticated();
    if (s.pending) return s.pending;
    if (s.sale) return Promise.resolve(outcomeOf(s.sale));
    const order = s.order;
    if (!order) return Promise.reject(agentRefusal('kiosk_agent.no_order'));
    const inserted = this.devices.cashUnit.inserted();
    if (inserted < order.due)
      return Promise.reject(
        agentRefusal('kiosk_agent.payment_incomplete', { extra: { remaining: order.due - inserted } }),
      );
    return this.runExclusive(s, () => this.issueAndPrint(s, order));
  }

  async reprint(): Promise<SaleOutcome> {
    this.touch();
    const s = this.requireSession();
    if (s.pending) return s.pending;
    const sale = s.sale;
    if (sale?.status !== 'print_failed') throw agentRefusal('kiosk_agent.no_failed_print');
    return this.runExclusive(s, async () => {
      const { body } = await this.api().post<{ pdfBase64: string }>(
        `${API}/issuances/${sale.issuanceId}/reprint`,
      );
      return this.print(sale, Buffer.from(body.pdfBase64, 'base64'));
    });
  }

  /** Pays the fee back for a certificate that could not be printed; the certificate is voided. */
  async refund(): Promise<SaleOutcome> {
    this.touch();
    const s = this.requireSession();
    if (s.pending) return s.pending;
    const sale = s.sale;
    if (sale?.status === 'refunded') return outcomeOf(sale);
    if (!sale || (sale.status !== 'print_failed' && sale.status !== 'issued'))
      throw agentRefusal('kiosk_agent.no_failed_print');
    return this.runExclusive(s, async () => {
      await this.refundSale(sale);
      return outcomeOf(sale);
    });
  }

  private runExclusive(s: Session, work: () => Promise<SaleOutcome>): Promise<SaleOutcome> {
    const pending = work().finally(() => {
      s.pending = null;
      this.touch();
    });
    s.pending = pending;
    return pending;
  }

  private async issueAndPrint(s: Session, order: Order): Promise<SaleOutcome> {
    let issued: IssuedAnswer;
    try {
      issued = await this.issue(s, order);
    } catch (error) {
      // Nothing was issued (or the server refused): the resident gets every coin back.
      s.order = null;
      const back = await this.devices.cashUnit.returnAll();
      if (isAppError(error))
        throw new AppError(
          error.kind,
          error.code,
          { ja: error.ja, en: error.en },
          {
            details: error.details,
            extra: { ...error.extra, returned: back.amount },
            cause: error,
          },
        );
      throw error;
    }
    const sale: Sale = {
      issuanceId: issued.issuanceId,
      issueNumber: issued.issueNumber,
      copies: issued.copies,
      total: issued.totalFee,
      pages: issued.pages,
      change: 0,
      status: 'issued',
    };
    s.sale = sale;
    s.order = null;
    sale.change = (await this.devices.cashUnit.keep(order.due)).amount;
    return this.print(sale, Buffer.from(issued.pdfBase64, 'base64'));
  }

  private async issue(s: Session, order: Order): Promise<IssuedAnswer> {
    const body = {
      sessionToken: s.token,
      ...where(order.municipalityCode),
      options: order.options,
      copies: order.copies,
      idempotencyKey: order.idempotencyKey,
      paidAmount: order.due,
    };
    // A lost answer is asked again with the same key: the server replays the same certificate.
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.api().post<IssuedAnswer>(`${API}/issuances`, body)).body;
      } catch (error) {
        if (!(error instanceof UpstreamUnreachableError) || attempt >= 3) throw error;
      }
    }
  }

  private async print(sale: Sale, pdf: Buffer): Promise<SaleOutcome> {
    let result: Awaited<ReturnType<Printer['print']>>;
    try {
      result = await this.devices.printer.print(pdf, sale.copies);
    } catch {
      result = { ok: false, reason: 'offline' };
    } finally {
      // The certificate's bytes leave the agent with the paper.
      pdf.fill(0);
    }
    if (result.ok) {
      sale.status = 'printed';
      await this.retry(() => this.api().post(`${API}/issuances/${sale.issuanceId}/printed`));
      return outcomeOf(sale);
    }
    const { body } = await this.api().post<{
      reprintAllowed: boolean;
      reprintUntil: string;
      refundAmount: number;
    }>(`${API}/issuances/${sale.issuanceId}/print-failed`, { reason: result.reason });
    sale.status = 'print_failed';
    sale.failure = {
      reason: result.reason,
      reprintAllowed: body.reprintAllowed,
      reprintUntil: body.reprintUntil,
    };
    return outcomeOf(sale);
  }

  private async refundSale(sale: Sale): Promise<void> {
    const reason = sale.failure ? `print failed: ${sale.failure.reason}` : 'not printed';
    const { body } = await this.api().post<{ amount: number; alreadyRefunded: boolean }>(
      `${API}/issuances/${sale.issuanceId}/refund`,
      { reason },
    );
    sale.status = 'refunded';
    sale.refunded = body.amount;
    if (!body.alreadyRefunded) await this.devices.cashUnit.payOut(body.amount);
  }

  private async retry(work: () => Promise<unknown>, attempts = 3): Promise<void> {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await work();
        return;
      } catch (error) {
        if (!(error instanceof UpstreamUnreachableError)) return;
      }
    }
  }

  // ------------------------------------------------------------------ the end of a session

  /**
   * Ends the session and forgets it: an unfinished payment is given back, a
   * certificate that never printed is refunded, the server's card session is
   * closed. Safe to call at any time, any number of times.
   */
  async endSession(reason: 'done' | 'cancel' | 'timeout' | 'card_removed' | 'replaced'): Promise<SessionEnd> {
    const s = this.session;
    if (!s) return { ended: false, returned: 0, refunded: 0 };
    this.session = null;
    this.clearIdleTimer();
    // Nobody is there: a slot that can hand the card back does so at once.
    if (reason === 'timeout') this.devices.cardReader.eject?.();
    if (s.pending) await s.pending.catch(() => undefined);
    let returned = 0;
    let refunded = 0;
    const sale = s.sale;
    if (sale && (sale.status === 'print_failed' || sale.status === 'issued')) {
      try {
        await this.refundSale(sale);
        refunded = sale.refunded ?? 0;
      } catch {
        // Kept by id only (no personal data) and refunded before the next session.
        this.unsettled.set(sale.issuanceId, sale.failure?.reason ?? 'not printed');
      }
    } else if (s.order) {
      returned = (await this.devices.cashUnit.returnAll()).amount;
    }
    if (s.token)
      await this.api()
        .post(`${API}/session/end`, { sessionToken: s.token })
        .catch(() => undefined);
    s.certificate.fill(0);
    s.token = null;
    s.challenge = null;
    s.order = null;
    s.sale = null;
    s.registration = null;
    return { ended: true, returned, refunded };
  }

  private async settleUnsettled() {
    for (const [issuanceId, reason] of [...this.unsettled]) {
      try {
        const { body } = await this.api().post<{ amount: number; alreadyRefunded: boolean }>(
          `${API}/issuances/${issuanceId}/refund`,
          { reason: `print failed: ${reason}` },
        );
        this.unsettled.delete(issuanceId);
        if (!body.alreadyRefunded) await this.devices.cashUnit.payOut(body.amount);
      } catch (error) {
        // Refused for good (already printed, unknown): nothing left to pay back.
        if (!(error instanceof UpstreamUnreachableError)) this.unsettled.delete(issuanceId);
      }
    }
  }

  /** Any call from the screen: the agent's own idle timer starts again. */
  touch(): void {
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const s = this.session;
      if (!s) return;
      if (s.pending) return this.touch();
      void this.endSession('timeout');
    }, this.timeouts.agentIdleMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Stops timers and closes the session (the server is shutting down). */
  async close(): Promise<void> {
    await this.endSession('cancel').catch(() => undefined);
    this.clearIdleTimer();
    this.unsubscribe();
  }

  /** Whether the agent holds anything of a resident (tests check that nothing outlives a session). */
  holdsPersonalData(): boolean {
    return this.session !== null;
  }

  private requireSession(): Session {
    if (!this.session) throw agentRefusal('kiosk_agent.no_session');
    return this.session;
  }

  private requireAuthenticated(): Session & { token: string } {
    const s = this.requireSession();
    if (!s.token) throw agentRefusal('kiosk_agent.not_authenticated');
    return s as Session & { token: string };
  }
}

function where(municipalityCode: string | undefined) {
  return municipalityCode ? { municipalityCode } : {};
}

function sameOrder(a: KioskOrder, b: KioskOrder): boolean {
  return (
    a.copies === b.copies &&
    a.municipalityCode === b.municipalityCode &&
    JSON.stringify(a.options) === JSON.stringify(b.options)
  );
}

function outcomeOf(sale: Sale): SaleOutcome {
  switch (sale.status) {
    case 'printed':
      return {
        status: 'printed',
        issueNumber: sale.issueNumber,
        copies: sale.copies,
        pages: sale.pages,
        change: sale.change,
      };
    case 'refunded':
      return { status: 'refunded', amount: sale.refunded ?? sale.total, change: sale.change };
    default:
      return {
        status: 'print_failed',
        reason: sale.failure?.reason ?? 'offline',
        reprintAllowed: sale.failure?.reprintAllowed ?? false,
        reprintUntil: sale.failure?.reprintUntil ?? new Date(0).toISOString(),
        refundAmount: sale.total,
        change: sale.change,
      };
  }
}
