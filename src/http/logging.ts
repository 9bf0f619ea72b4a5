import type { FastifyServerOptions } from 'fastify';

/**
 * Request logs carry method, path and status only. Query strings and bodies
 * may hold names, birth dates or identifiers, so they never reach the log.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'body', 'query', '*.password', '*.pin'],
      remove: true,
    },
    serializers: {
      req(request: { id: string; method: string; url: string }) {
        return { id: request.id, method: request.method, path: request.url.split('?')[0] };
      },
      res(reply: { statusCode: number }) {
        return { status: reply.statusCode };
      },
    },
  };
}
