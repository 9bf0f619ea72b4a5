/**
 * The one way screens talk to the server. It understands madoguchi's errors
 * (`application/problem+json` with `code`, `ja`, `en` and optional `errors[]`)
 * and turns every failure — refused request, unreachable server, timeout,
 * unexpected answer — into an `ApiError` that a screen can show in the
 * reader's language. No imports: Node tests use this file as it is.
 */

/** A user-facing message as the server sends it; more languages may be added. */
export interface LocalizedMessage {
  ja: string;
  en: string;
  [lang: string]: string | undefined;
}

export interface ProblemDetail extends LocalizedMessage {
  /** Where the problem is: a field path, a CSV line, … */
  at?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  ja: string;
  en: string;
  errors?: ProblemDetail[];
  [key: string]: unknown;
}

/** Codes of failures that happen before a problem document could be read. */
export type ClientErrorCode = 'network' | 'timeout' | 'unexpected_response';

const CLIENT_MESSAGES: Record<ClientErrorCode, LocalizedMessage> = {
  network: {
    ja: 'サーバーに接続できませんでした。通信環境を確認して、もう一度お試しください。',
    en: 'Could not reach the server. Check the connection and try again.',
  },
  timeout: {
    ja: '応答に時間がかかっています。しばらくしてから、もう一度お試しください。',
    en: 'The server is taking too long to answer. Please try again in a moment.',
  },
  unexpected_response: {
    ja: 'サーバーから予期しない応答がありました。職員にお知らせください。',
    en: 'The server gave an unexpected answer. Please tell a member of staff.',
  },
};

/**
 * Picks the text of a message for a reader: Japanese for Japanese, the
 * reader's own language when the message carries it, English otherwise.
 */
export function pickMessage(
  message: { ja: string; en: string; [lang: string]: unknown },
  lang: string,
): string {
  if (lang === 'ja' || lang.startsWith('ja-')) return message.ja || message.en;
  const own = message[lang];
  if (typeof own === 'string' && own) return own;
  return message.en || message.ja;
}

export class ApiError extends Error {
  /** HTTP status; 0 when no answer came (network failure, timeout). */
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem, options: { cause?: unknown } = {}) {
    super(
      `${problem.code}: ${problem.en}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  /** The main message in the reader's language. */
  messageIn(lang: string): string {
    return pickMessage(this.problem, lang);
  }

  /** The per-field or per-line details, each in the reader's language. */
  detailsIn(lang: string): { at?: string; message: string }[] {
    return (this.problem.errors ?? []).map((detail) => ({
      ...(detail.at === undefined ? {} : { at: detail.at }),
      message: pickMessage(detail, lang),
    }));
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function clientError(code: ClientErrorCode, status: number, cause?: unknown): ApiError {
  const message = CLIENT_MESSAGES[code];
  return new ApiError({ status, code, ...message, title: message.en, detail: message.ja }, { cause });
}

function isLocalized(value: unknown): value is LocalizedMessage {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.ja === 'string' && typeof record.en === 'string';
}

/** Reads a problem document defensively: a proxy or an old server may send anything. */
export function parseProblem(body: unknown, status: number): Problem | undefined {
  if (!isLocalized(body)) return undefined;
  const record = body as Record<string, unknown>;
  const errors = Array.isArray(record.errors)
    ? record.errors.filter(isLocalized).map((detail): ProblemDetail => {
        const { at, ...message } = detail as LocalizedMessage & { at?: unknown };
        return typeof at === 'string' ? { ...message, at } : message;
      })
    : undefined;
  return {
    ...record,
    status: typeof record.status === 'number' ? record.status : status,
    code: typeof record.code === 'string' ? record.code : `http_${status}`,
    ja: record.ja as string,
    en: record.en as string,
    ...(errors ? { errors } : {}),
  };
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as `Idempotency-Key`, so a retried kiosk request never charges or issues twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Gives up after this long (default 15 s): a kiosk must never hang on a dead network. */
  timeoutMs?: number;
  /** Defaults to the page's origin; Node tests pass the server's address. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Calls the API and returns the parsed JSON body (undefined for 204).
 * Throws `ApiError` for every failure, never a bare `TypeError` or `SyntaxError`.
 */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...request.headers,
  };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
  const url = request.baseUrl ? new URL(path, request.baseUrl).toString() : path;

  let response: Response;
  try {
    response = await (request.fetch ?? fetch)(url, {
      method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    clearTimeout(timer);
    // The caller's own abort is not a failure to report: let it through as is.
    if (request.signal?.aborted) throw error;
    if (timeout.signal.aborted) throw clientError('timeout', 0, error);
    throw clientError('network', 0, error);
  }

  try {
    const type = response.headers.get('content-type') ?? '';
    const isJson = /^application\/(?:problem\+)?json\b/i.test(type);
    if (!response.ok) {
      const body: unknown = isJson ? await response.json().catch(() => undefined) : undefined;
      const problem = parseProblem(body, response.status);
      if (problem) throw new ApiError(problem);
      throw clientError('unexpected_response', response.status);
    }
    if (response.status === 204) return undefined as T;
    if (!isJson) throw clientError('unexpected_response', response.status);
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw clientError('unexpected_response', response.status, error);
    }
  } catch (error) {
    if (isApiError(error)) throw error;
    if (timeout.signal.aborted) throw clientError('timeout', 0, error);
    throw clientError('network', 0, error);
  } finally {
    clearTimeout(timer);
  }
}
