import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, HTTP_STATUS, isAppError } from '../shared/errors.js';

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  ja: string;
  en: string;
  errors?: { at?: string; ja: string; en: string }[];
  [key: string]: unknown;
}

export function problemOf(error: AppError): Problem {
  const status = HTTP_STATUS[error.kind];
  // Extras come first: a module's own field named `status` or `code` must never replace the HTTP status.
  return {
    ...error.extra,
    type: `https://madoguchi.example/problems/${error.code}`,
    title: error.en,
    status,
    code: error.code,
    detail: error.ja,
    ja: error.ja,
    en: error.en,
    ...(error.details.length ? { errors: error.details } : {}),
  };
}

/** Maps Fastify's own errors (bad JSON, body too large, …) to AppErrors. */
function fromFastifyError(error: FastifyError): AppError | undefined {
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new AppError('too_large', 'body_too_large', {
      ja: '送信されたデータが大きすぎます。',
      en: 'The request body is too large.',
    });
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new AppError('invalid', 'unsupported_media_type', {
      ja: 'この形式のデータは受け付けられません。',
      en: 'This content type is not accepted.',
    });
  if (error.validation)
    return new AppError('invalid', 'invalid_input', {
      ja: '入力内容に誤りがあります。',
      en: 'The input is not valid.',
    });
  if (status === 429)
    return new AppError('rate_limited', 'rate_limited', {
      ja: '短い時間に多くの要求がありました。しばらくしてからお試しください。',
      en: 'Too many requests. Please try again later.',
    });
  if (status >= 400 && status < 500)
    return new AppError('invalid', 'bad_request', {
      ja: '要求の形式が正しくありません。',
      en: 'The request is malformed.',
    });
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = isAppError(error) ? error : fromFastifyError(error);
    if (appError) {
      const problem = problemOf(appError);
      request.log.info({ code: appError.code, status: problem.status }, 'request refused');
      return reply.status(problem.status).type(PROBLEM_JSON).send(problem);
    }
    // 5xx: the details stay in the log (which never holds personal data), not in the answer.
    request.log.error(
      { err: { name: error.name, message: error.message, stack: error.stack } },
      'internal error',
    );
    return reply.status(500).type(PROBLEM_JSON).send({
      type: 'https://madoguchi.example/problems/internal',
      title: 'Internal error',
      status: 500,
      code: 'internal',
      detail: 'システムで問題が発生しました。職員にお知らせください。',
      ja: 'システムで問題が発生しました。職員にお知らせください。',
      en: 'Something went wrong on our side. Please tell a member of staff.',
    });
  });
  app.setNotFoundHandler((_request, reply) => {
    const problem = problemOf(
      new AppError('not_found', 'route_not_found', {
        ja: 'ページが見つかりません。',
        en: 'There is no such page.',
      }),
    );
    return reply.status(404).type(PROBLEM_JSON).send(problem);
  });
}

/**
 * Errors Fastify raises before routing (a malformed percent-encoding, a
 * parameter longer than allowed): the same problem+json as everything else.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const appError =
    error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_ASYNC_CONSTRAINT'
      ? new AppError('invalid', 'bad_url', {
          ja: 'アドレス（URL）の形式が正しくありません。',
          en: 'The address (URL) is malformed.',
        })
      : (fromFastifyError(error) ??
        new AppError('invalid', 'bad_request', {
          ja: '要求の形式が正しくありません。',
          en: 'The request is malformed.',
        }));
  const problem = problemOf(appError);
  reply.status(problem.status).type(PROBLEM_JSON).send(problem);
}
