/**
 * The one error type of madoguchi. `code` is stable (clients and tests match on
 * it), `message` is for operators, `ja`/`en` are shown to people. Domain code
 * throws these; only the HTTP error handler turns them into status codes.
 */
export type ErrorKind =
  | 'invalid' // the input is malformed                      → 400
  | 'unauthenticated' // who is asking is unknown           → 401
  | 'forbidden' // known, but not allowed                   → 403
  | 'not_found' //                                           → 404
  | 'conflict' // the state does not allow it right now     → 409
  | 'gone' // expired                                        → 410
  | 'too_large' //                                           → 413
  | 'unprocessable' // well-formed but refused by a rule    → 422
  | 'locked' //                                              → 423
  | 'rate_limited' //                                        → 429
  | 'unavailable'; // outside service hours, maintenance     → 503

export interface UserMessage {
  ja: string;
  en: string;
}

export interface ErrorDetail extends UserMessage {
  /** Where the problem is: a field path, a CSV line, … */
  at?: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly ja: string;
  readonly en: string;
  readonly details: ErrorDetail[];
  readonly extra: Record<string, unknown>;

  constructor(
    kind: ErrorKind,
    code: string,
    user: UserMessage,
    options: {
      details?: ErrorDetail[];
      extra?: Record<string, unknown>;
      cause?: unknown;
      message?: string;
    } = {},
  ) {
    super(
      options.message ?? `${code}: ${user.en}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.ja = user.ja;
    this.en = user.en;
    this.details = options.details ?? [];
    this.extra = options.extra ?? {};
  }
}

export const HTTP_STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unprocessable: 422,
  locked: 423,
  rate_limited: 429,
  unavailable: 503,
};

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export const notFound = (what: UserMessage, code = 'not_found') => new AppError('not_found', code, what);
