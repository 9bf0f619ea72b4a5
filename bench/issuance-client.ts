/**
 * How the benchmark and the crash test ask a running server for certificates.
 *
 * `kioskClient`: what a convenience-store kiosk does over HTTP for every
 * resident (src/channels/kiosk, src/identity): card authentication (the server
 * sends a challenge, the card signs it after the PIN, the server checks the
 * signature, chain, validity, revocation and the card on record and opens a
 * card session), then the order with the cash taken (`paidAmount`) and an
 * idempotency key, answered with the signed PDF; then the print is reported
 * and the session ended. Every request is signed with the kiosk's own
 * registered key. The end-to-end benchmark uses it.
 *
 * `internalApiClient`: the engine's internal API (`/internal/v1/issuances`),
 * as a trusted back office would call it; the crash test uses it (its
 * retrying clients resend one key, which the kiosk path keeps per kiosk).
 * Callers only see `IssuanceClient`, so the load drivers serve both.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { checkServiceHours, DEMO_SERVICE_HOURS } from '../src/domain/service-hours.js';
import { type CardReader, cardAuthMessage, signKioskRequest } from '../src/identity/index.js';

export const DEMO_MUNICIPALITY = '999997';

/** What came back for one request. `status` 0 means no HTTP answer (refused connection, reset, timeout). */
export interface IssuanceAnswer {
  status: number;
  /** Parsed JSON body (without the PDF's base64, which is replaced by its length). */
  body: Record<string, unknown> | undefined;
  /** Length of the returned PDF in bytes. */
  pdfBytes: number;
  /** SHA-256 (hex) of the returned PDF, to compare with what the server recorded. */
  pdfSha256?: string;
  error?: string;
}

export interface IssuanceClient {
  /** The channel requests are made on (`kiosk`, or `counter` outside kiosk hours). */
  readonly channel: 'kiosk' | 'counter';
  /** One issuance request for `residentId`'s own 住民票, under the caller's idempotency key. */
  issue(idempotencyKey: string, residentId: number): Promise<IssuanceAnswer>;
  close(): void;
}

/**
 * Kiosks (convenience stores) close at 23:00 and on year-end days. The engine
 * does the same work on the counter channel apart from the operator charge's
 * two ledger lines, so outside kiosk hours runs use the counter and say so.
 */
export function channelOpenNow(at = new Date()): 'kiosk' | 'counter' {
  const hours = checkServiceHours({
    channel: 'kiosk',
    kioskKind: 'store',
    certificate: 'juminhyo',
    at,
    config: DEMO_SERVICE_HOURS,
  });
  return hours.ok ? 'kiosk' : 'counter';
}

export function issuanceBody(channel: 'kiosk' | 'counter', residentId: number, terminal: string) {
  const options = { certificate: 'juminhyo', scope: 'members', residentIds: [residentId], include: [] };
  if (channel === 'kiosk')
    return {
      municipalityCode: DEMO_MUNICIPALITY,
      channel: 'kiosk',
      kioskKind: 'store',
      terminalId: terminal,
      subject: { residentId },
      requester: {
        relation: 'self',
        identityVerified: true,
        residentId,
        presented: { myNumberCard: true },
      },
      options,
      copies: 1,
      payment: 'cash',
    };
  return {
    municipalityCode: DEMO_MUNICIPALITY,
    channel: 'counter',
    terminalId: terminal,
    clerkId: 'bench-clerk',
    subject: { residentId },
    requester: { relation: 'self', identityVerified: true, identityDocument: 'マイナンバーカード' },
    options,
    copies: 1,
    payment: 'cash',
  };
}

/** Residents who can get their own 住民票 at a kiosk: active, no 支援措置. */
export async function eligibleResidents(db: Kysely<DB>, limit = 500): Promise<number[]> {
  const rows = await sql<{ resident_id: number }>`
    select resident_id from resident
    where municipality_code = ${DEMO_MUNICIPALITY} and status = 'active' and not support_measure
    order by resident_id limit ${limit}`.execute(db);
  return rows.rows.map((r) => Number(r.resident_id));
}

export function internalApiClient(options: {
  baseUrl: string;
  token: string;
  maxSockets?: number;
  timeoutMs?: number;
  channel?: 'kiosk' | 'counter';
  terminal?: string;
  /** Hash every returned PDF (the crash test compares it with the recorded hash). */
  hashPdf?: boolean;
}): IssuanceClient {
  const url = new URL('/internal/v1/issuances', options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  const channel = options.channel ?? channelOpenNow();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const terminal = options.terminal ?? 'bench-kiosk-01';
  return {
    channel,
    issue(idempotencyKey, residentId) {
      const payload = Buffer.from(JSON.stringify(issuanceBody(channel, residentId, terminal)));
      return new Promise<IssuanceAnswer>((resolve) => {
        let settled = false;
        const done = (answer: IssuanceAnswer) => {
          if (settled) return;
          settled = true;
          resolve(answer);
        };
        const req = httpRequest(
          url,
          {
            method: 'POST',
            agent,
            headers: {
              authorization: `Bearer ${options.token}`,
              'content-type': 'application/json',
              'content-length': payload.length,
              'idempotency-key': idempotencyKey,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', (error) =>
              done({ status: 0, body: undefined, pdfBytes: 0, error: error.message }),
            );
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let body: Record<string, unknown> | undefined;
              let pdfBytes = 0;
              let pdfSha256: string | undefined;
              try {
                body = JSON.parse(text) as Record<string, unknown>;
                if (typeof body.pdfBase64 === 'string') {
                  const pdf = Buffer.from(body.pdfBase64, 'base64');
                  pdfBytes = pdf.length;
                  if (options.hashPdf) pdfSha256 = createHash('sha256').update(pdf).digest('hex');
                  delete body.pdfBase64;
                }
              } catch {
                body = undefined;
              }
              done({ status: res.statusCode ?? 0, body, pdfBytes, ...(pdfSha256 ? { pdfSha256 } : {}) });
            });
            res.on('aborted', () => done({ status: 0, body: undefined, pdfBytes: 0, error: 'aborted' }));
          },
        );
        req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
        req.on('error', (error) => done({ status: 0, body: undefined, pdfBytes: 0, error: error.message }));
        req.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** A kiosk of the benchmark's pool: its registered id and its own private key. */
export interface KioskIdentity {
  kioskId: string;
  privateKey: KeyObject;
}

/** Median and 99th percentile (ms) of one step of the kiosk transaction. */
export interface PhaseFigure {
  p50Ms: number;
  p99Ms: number;
}

/**
 * The steps of one kiosk issuance, as the client saw them: `auth` from the
 * challenge request to the open card session (it includes `card`, the card's
 * signature after the PIN), `issue` the order answered with the signed PDF,
 * `closeOut` the print report and the end of the session.
 */
export interface KioskPhaseFigures {
  count: number;
  auth: PhaseFigure;
  card: PhaseFigure;
  issue: PhaseFigure;
  closeOut: PhaseFigure;
}

export interface KioskIssuanceClient extends IssuanceClient {
  readonly channel: 'kiosk';
  readonly kiosks: number;
  readonly cards: number;
  /** The fee paid per issuance (from the server's quote unless given). */
  paidAmount(): number | undefined;
  /** Step timings since the last call. */
  takePhases(): KioskPhaseFigures;
  /** How often the most and least used card authenticated so far. */
  cardUses(): { max: number; min: number };
  /**
   * Card sessions opened ahead on `sessions` kiosks (one resident each, from
   * `residents`), as residents who have already authenticated; its issue()
   * sends only the order (POST /issuances) on the next session in turn, so
   * arrivals measure the engine's issuance request alone. close() ends them.
   */
  openSessions(sessions: number, residents: readonly number[]): Promise<SessionIssuer>;
}

export interface SessionIssuer extends IssuanceClient {
  /** Sessions actually opened (fewer when authentications were refused). */
  readonly sessions: number;
  /** Ends the sessions and frees their kiosks. */
  end(): Promise<void>;
}

interface Posted {
  status: number;
  body: Record<string, unknown> | undefined;
  error?: string;
}

/** Free kiosks, least recently used first; a request waits for one when all are busy. */
class KioskPool {
  private readonly free: KioskIdentity[];
  private readonly waiting: ((kiosk: KioskIdentity) => void)[] = [];
  constructor(kiosks: readonly KioskIdentity[]) {
    this.free = [...kiosks];
  }
  acquire(): Promise<KioskIdentity> {
    const kiosk = this.free.shift();
    return kiosk ? Promise.resolve(kiosk) : new Promise((resolve) => this.waiting.push(resolve));
  }
  release(kiosk: KioskIdentity) {
    const next = this.waiting.shift();
    if (next) next(kiosk);
    else this.free.push(kiosk);
  }
}

function phase(values: number[]): PhaseFigure {
  if (!values.length) return { p50Ms: 0, p99Ms: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50Ms: Math.round(at(0.5) * 10) / 10, p99Ms: Math.round(at(0.99) * 10) / 10 };
}

/**
 * Issues each resident's own 住民票 the way a convenience-store kiosk does,
 * over HTTP against /api/v1/kiosk:
 *
 *   1. POST /auth/challenge {certificate}   the card's certificate (read without the PIN)
 *   2. the card signs the challenge message after the PIN
 *   3. POST /auth/complete {challengeId, certificate, signature} → card session
 *   4. POST /issuances {sessionToken, options, copies, idempotencyKey, paidAmount} → signed PDF
 *   5. POST /issuances/:id/printed, POST /session/end
 *
 * Every request carries the kiosk's signature (signKioskRequest: timestamp,
 * nonce, body hash). A request takes a free kiosk from the pool for its whole
 * transaction, as a resident stands at one machine. The fee is the server's
 * quote for the first resident unless `paidAmount` is given. Any refusal is
 * answered as the step's status with `code@step`, so the load figures count it.
 */
export function kioskClient(options: {
  baseUrl: string;
  kiosks: readonly KioskIdentity[];
  /** Each resident's card, by resident id. */
  cards: ReadonlyMap<number, CardReader>;
  pin: string;
  paidAmount?: number;
  maxSockets?: number;
  timeoutMs?: number;
  hashPdf?: boolean;
}): KioskIssuanceClient {
  if (!options.kiosks.length) throw new Error('kioskClient needs at least one registered kiosk');
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = new KioskPool(options.kiosks);
  const certificates = new Map<number, Promise<string>>();
  const uses = new Map<number, number>();
  let fee: number | undefined = options.paidAmount;
  let quoting: Promise<number | Posted> | undefined;
  let phases = {
    auth: [] as number[],
    card: [] as number[],
    issue: [] as number[],
    closeOut: [] as number[],
  };

  function post(kiosk: KioskIdentity, path: string, body: unknown): Promise<Posted> {
    const payload = Buffer.from(JSON.stringify(body));
    const headers = signKioskRequest({
      kioskId: kiosk.kioskId,
      privateKey: kiosk.privateKey,
      method: 'POST',
      path,
      body: payload,
    });
    return new Promise<Posted>((resolve) => {
      let settled = false;
      const done = (answer: Posted) => {
        if (settled) return;
        settled = true;
        resolve(answer);
      };
      const req = httpRequest(
        new URL(path, options.baseUrl),
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => done({ status: 0, body: undefined, error: error.message }));
          res.on('aborted', () => done({ status: 0, body: undefined, error: 'aborted' }));
          res.on('end', () => {
            let parsed: Record<string, unknown> | undefined;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
            } catch {
              parsed = undefined;
            }
            done({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', (error) => done({ status: 0, body: undefined, error: error.message }));
      req.end(payload);
    });
  }

  /** The answer for a step that did not succeed: its status, and the problem code marked with the step. */
  function refused(step: string, posted: Posted): IssuanceAnswer {
    const code = typeof posted.body?.code === 'string' ? posted.body.code : (posted.error ?? 'no_answer');
    return {
      status: posted.status,
      body: { ...(posted.body ?? {}), code: `${code}@${step}` },
      pdfBytes: 0,
      ...(posted.error ? { error: `${posted.error}@${step}` } : {}),
    };
  }

  function certificateOf(residentId: number, card: CardReader) {
    let pending = certificates.get(residentId);
    if (!pending) {
      pending = card.readCertificate().then((der) => der.toString('base64'));
      certificates.set(residentId, pending);
    }
    return pending;
  }

  /** The fee a kiosk shows before payment: the server's quote, asked once. */
  async function feeFor(kiosk: KioskIdentity, sessionToken: string, order: object): Promise<number | Posted> {
    if (fee !== undefined) return fee;
    quoting ??= post(kiosk, '/api/v1/kiosk/quote', { sessionToken, ...order }).then((quote) => {
      if (quote.status === 200 && typeof quote.body?.total === 'number') {
        fee = quote.body.total;
        return fee;
      }
      quoting = undefined;
      return quote;
    });
    return quoting;
  }

  /** Steps 1–3: a card session for `residentId` at `kiosk`, or the refusal as an answer. */
  async function authenticate(
    kiosk: KioskIdentity,
    residentId: number,
  ): Promise<{ sessionToken: string; authMs: number; cardMs: number } | IssuanceAnswer> {
    const card = options.cards.get(residentId);
    if (!card)
      return { status: 0, body: undefined, pdfBytes: 0, error: `no card for resident ${residentId}` };
    const certificate = await certificateOf(residentId, card);
    uses.set(residentId, (uses.get(residentId) ?? 0) + 1);
    const authStarted = performance.now();
    const challenge = await post(kiosk, '/api/v1/kiosk/auth/challenge', { certificate });
    if (challenge.status !== 201) return refused('challenge', challenge);
    // The card signs only what the kiosk can account for: this challenge, at this kiosk.
    const message = Buffer.from(String(challenge.body?.message), 'base64');
    if (!message.equals(cardAuthMessage(Buffer.from(String(challenge.body?.nonce), 'base64'), kiosk.kioskId)))
      return refused('challenge', { ...challenge, body: { code: 'unexpected_challenge_message' } });
    const cardStarted = performance.now();
    let signature: Buffer;
    try {
      signature = await card.sign(message, options.pin);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'card_error';
      return { status: 0, body: { code: `card.${code}@sign` }, pdfBytes: 0, error: `card.${code}` };
    }
    const cardMs = performance.now() - cardStarted;
    const complete = await post(kiosk, '/api/v1/kiosk/auth/complete', {
      challengeId: challenge.body?.challengeId,
      certificate,
      signature: signature.toString('base64'),
    });
    if (complete.status !== 200 || typeof complete.body?.sessionToken !== 'string')
      return refused('complete', complete);
    return { sessionToken: complete.body.sessionToken, authMs: performance.now() - authStarted, cardMs };
  }

  /** Step 4: the resident's own 住民票, paid with the quoted fee; the PDF's bytes, or the refusal. */
  async function order(
    kiosk: KioskIdentity,
    sessionToken: string,
    idempotencyKey: string,
    residentId: number,
  ) {
    const items = {
      options: { certificate: 'juminhyo', scope: 'members', residentIds: [residentId], include: [] },
      copies: 1,
    };
    const paid = await feeFor(kiosk, sessionToken, items);
    if (typeof paid !== 'number') return refused('quote', paid);
    const issued = await post(kiosk, '/api/v1/kiosk/issuances', {
      sessionToken,
      ...items,
      idempotencyKey,
      paidAmount: paid,
    });
    if ((issued.status !== 201 && issued.status !== 200) || typeof issued.body?.pdfBase64 !== 'string')
      return refused('issue', issued);
    const body = issued.body;
    const pdf = Buffer.from(body.pdfBase64 as string, 'base64');
    delete body.pdfBase64;
    return { status: issued.status, body, pdf };
  }

  function answerOf(issued: { status: number; body: Record<string, unknown>; pdf: Buffer }): IssuanceAnswer {
    return {
      status: issued.status,
      body: issued.body,
      pdfBytes: issued.pdf.length,
      ...(options.hashPdf ? { pdfSha256: createHash('sha256').update(issued.pdf).digest('hex') } : {}),
    };
  }

  async function transaction(kiosk: KioskIdentity, idempotencyKey: string, residentId: number) {
    const session = await authenticate(kiosk, residentId);
    if (!('sessionToken' in session)) return session;
    const { sessionToken, authMs, cardMs } = session;
    const endSession = () => post(kiosk, '/api/v1/kiosk/session/end', { sessionToken });
    const issueStarted = performance.now();
    const issued = await order(kiosk, sessionToken, idempotencyKey, residentId);
    const issueMs = performance.now() - issueStarted;
    if (!('pdf' in issued)) {
      await endSession();
      return issued;
    }
    const body = issued.body;
    const closeStarted = performance.now();
    const printed = await post(kiosk, `/api/v1/kiosk/issuances/${String(body.issuanceId)}/printed`, {});
    if (printed.status !== 200) {
      await endSession();
      return refused('printed', printed);
    }
    const ended = await endSession();
    if (ended.status !== 200) return refused('session-end', ended);
    phases.auth.push(authMs);
    phases.card.push(cardMs);
    phases.issue.push(issueMs);
    phases.closeOut.push(performance.now() - closeStarted);
    return answerOf(issued);
  }

  return {
    channel: 'kiosk',
    kiosks: options.kiosks.length,
    cards: options.cards.size,
    async issue(idempotencyKey, residentId) {
      const kiosk = await pool.acquire();
      try {
        return await transaction(kiosk, idempotencyKey, residentId);
      } catch (error) {
        return { status: 0, body: undefined, pdfBytes: 0, error: (error as Error).message };
      } finally {
        pool.release(kiosk);
      }
    },
    paidAmount: () => fee,
    async openSessions(count, residents) {
      const open: { kiosk: KioskIdentity; sessionToken: string; residentId: number }[] = [];
      for (const residentId of residents.slice(0, count)) {
        const kiosk = await pool.acquire();
        const session = await authenticate(kiosk, residentId);
        if ('sessionToken' in session) open.push({ kiosk, sessionToken: session.sessionToken, residentId });
        else pool.release(kiosk);
      }
      if (!open.length) throw new Error('no card session could be opened');
      let turn = 0;
      return {
        channel: 'kiosk' as const,
        sessions: open.length,
        async issue(idempotencyKey) {
          const { kiosk, sessionToken, residentId } = open[turn++ % open.length]!;
          try {
            const issued = await order(kiosk, sessionToken, idempotencyKey, residentId);
            return 'pdf' in issued ? answerOf(issued) : issued;
          } catch (error) {
            return { status: 0, body: undefined, pdfBytes: 0, error: (error as Error).message };
          }
        },
        async end() {
          for (const { kiosk, sessionToken } of open.splice(0)) {
            await post(kiosk, '/api/v1/kiosk/session/end', { sessionToken });
            pool.release(kiosk);
          }
        },
        close() {},
      };
    },
    takePhases() {
      const taken = phases;
      phases = { auth: [], card: [], issue: [], closeOut: [] };
      return {
        count: taken.issue.length,
        auth: phase(taken.auth),
        card: phase(taken.card),
        issue: phase(taken.issue),
        closeOut: phase(taken.closeOut),
      };
    },
    cardUses() {
      const counts = [...options.cards.keys()].map((id) => uses.get(id) ?? 0);
      return { max: Math.max(0, ...counts), min: counts.length ? Math.min(...counts) : 0 };
    },
    close() {
      agent.destroy();
    },
  };
}
