/**
 * How the benchmark and the crash test ask a running server for certificates.
 *
 * Until the kiosk channel has its own HTTP route (card authentication and
 * signed kiosk requests, src/channels/kiosk), requests go through the engine's
 * internal API the way a kiosk service would: channel `kiosk`, kind `store`,
 * the card holder as requester. Callers only see `IssuanceClient`, so a kiosk
 * client can replace `internalApiClient` without touching the load drivers.
 */
import { createHash } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { checkServiceHours, DEMO_SERVICE_HOURS } from '../src/domain/service-hours.js';

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
