/**
 * The agent's side of the kiosk API: every request signed with the kiosk's
 * own key (src/identity/domain/kiosk-request-signature.ts) and sent either
 * in-process to the app the agent is mounted in, or over HTTP to the
 * municipal (or national) service. Refusals come back as the same AppError
 * codes the server used, so the screen shows the server's words.
 */
import type { KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { signKioskRequest } from '../../../identity/domain/kiosk-request-signature.js';
import { AppError, type ErrorKind, HTTP_STATUS } from '../../../shared/errors.js';

export interface TransportRequest {
  method: 'POST';
  /** Path and query exactly as signed. */
  path: string;
  body: string | undefined;
  headers: Record<string, string>;
}

export interface TransportResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface KioskApiTransport {
  send(request: TransportRequest): Promise<TransportResponse>;
}

/** Through Fastify's inject: the kiosk API of the same process, with the same checks as over the network. */
export function inProcessTransport(app: FastifyInstance): KioskApiTransport {
  return {
    async send(request) {
      const response = await app.inject({
        method: request.method,
        url: request.path,
        headers: request.headers,
        ...(request.body === undefined ? {} : { payload: request.body }),
      });
      return {
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        body: response.body,
      };
    },
  };
}

/** Over HTTP(S) to `baseUrl` (its origin; the signed path is the API path itself). */
export function httpTransport(
  baseUrl: string,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): KioskApiTransport {
  const origin = new URL(baseUrl).origin;
  const doFetch = options.fetch ?? fetch;
  return {
    async send(request) {
      const response = await doFetch(`${origin}${request.path}`, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: await response.text(),
      };
    },
  };
}

/** The kiosk could not reach the service at all (nothing is known about what happened there). */
export class UpstreamUnreachableError extends AppError {
  constructor(cause: unknown) {
    super(
      'unavailable',
      'kiosk_agent.upstream_unreachable',
      {
        ja: 'サービスに接続できませんでした。しばらくしてからお試しください。',
        en: 'The service could not be reached. Please try again in a moment.',
      },
      { cause },
    );
  }
}

const KIND_OF_STATUS = new Map<number, ErrorKind>(
  (Object.entries(HTTP_STATUS) as [ErrorKind, number][]).map(([kind, status]) => [status, kind]),
);

const PROBLEM_FIELDS = new Set(['type', 'title', 'status', 'code', 'detail', 'ja', 'en', 'errors']);

/** A problem+json answer as the AppError the server threw: same code, messages, details and extras. */
export function problemToAppError(status: number, body: string): AppError {
  let problem: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') problem = parsed as Record<string, unknown>;
  } catch {
    problem = undefined;
  }
  const kind: ErrorKind = KIND_OF_STATUS.get(status) ?? (status >= 500 ? 'unavailable' : 'invalid');
  if (!problem || typeof problem.ja !== 'string' || typeof problem.en !== 'string')
    return new AppError(kind, 'kiosk_agent.upstream_error', {
      ja: 'サービスから予期しない応答がありました。係員にお知らせください。',
      en: 'The service gave an unexpected answer. Please tell a member of staff.',
    });
  const extra = Object.fromEntries(Object.entries(problem).filter(([key]) => !PROBLEM_FIELDS.has(key)));
  const details = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (d): d is { ja: string; en: string; at?: string } =>
          typeof d === 'object' && d !== null && typeof d.ja === 'string' && typeof d.en === 'string',
      )
    : [];
  return new AppError(
    kind,
    typeof problem.code === 'string' ? problem.code : `http_${status}`,
    { ja: problem.ja, en: problem.en },
    { details, extra },
  );
}

export interface KioskApiClientOptions {
  kioskId: string;
  privateKey: KeyObject;
  transport: KioskApiTransport;
  clock?: () => Date;
}

export class KioskApiClient {
  constructor(private readonly options: KioskApiClientOptions) {}

  get kioskId(): string {
    return this.options.kioskId;
  }

  /**
   * POSTs `body` (JSON) to `path`, signed. Resolves with the parsed answer;
   * rejects with the server's AppError, or UpstreamUnreachableError when no
   * answer came.
   */
  async post<T>(path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const signature = signKioskRequest({
      kioskId: this.options.kioskId,
      privateKey: this.options.privateKey,
      method: 'POST',
      path,
      ...(payload === undefined ? {} : { body: payload }),
      now: (this.options.clock ?? (() => new Date()))(),
    });
    const headers: Record<string, string> = { ...signature, accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    let response: TransportResponse;
    try {
      response = await this.options.transport.send({ method: 'POST', path, body: payload, headers });
    } catch (error) {
      throw new UpstreamUnreachableError(error);
    }
    if (response.status >= 200 && response.status < 300) {
      try {
        return { status: response.status, body: JSON.parse(response.body) as T };
      } catch (error) {
        throw new UpstreamUnreachableError(error);
      }
    }
    throw problemToAppError(response.status, response.body);
  }
}
