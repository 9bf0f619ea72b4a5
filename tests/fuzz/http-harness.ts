/**
 * Sends one fuzz input through `app.inject` and judges the answer: never a
 * 5xx, never a hang, an error is a 4xx `application/problem+json` with a
 * Japanese and an English message (or, on the pages people open in a
 * browser, an HTML page that shows the error), and hostile input is never
 * accepted by a route that changes something.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { WEB_FAMILIES } from '../../src/http/static.routes.js';

export const HANG_MS = 15_000;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Pages for people (HTML): their errors are pages too, with the message in a role="alert" block. */
export function isHtmlPage(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const first = path.split('/')[1] ?? '';
  return first === 'verify' || (WEB_FAMILIES as readonly string[]).includes(first);
}

/** POST routes that only read: they answer a verdict (200) for any file, never change a record. */
export const READ_ONLY_POSTS = new Set(['/api/v1/verify', '/verify/:code']);

export interface Verdict {
  route: string;
  method: string;
  status: number;
  problem: string;
  input: string;
}

export interface FuzzCounter {
  total: number;
  byRoute: Record<string, number>;
  statuses: Record<string, number>;
}

export function newCounter(): FuzzCounter {
  return { total: 0, byRoute: {}, statuses: {} };
}

function describeInput(options: InjectOptions): string {
  const payload = options.payload;
  const body =
    payload === undefined
      ? ''
      : Buffer.isBuffer(payload)
        ? `<${payload.length} bytes>`
        : typeof payload === 'string'
          ? payload.slice(0, 160)
          : JSON.stringify(payload).slice(0, 160);
  return `${String(options.url).slice(0, 160)} ${JSON.stringify(options.headers ?? {}).slice(0, 120)} ${body}`;
}

export interface JudgeOptions {
  /** The route as registered (/verify/:code), for counting and for the rules. */
  route: string;
  /** 2xx/3xx are allowed (reads, verdicts); otherwise hostile input must be refused. */
  allowSuccess?: boolean;
  /** Extra check of a successful answer (e.g. a tampered file is never "genuine"). */
  checkSuccess?: (response: LightMyRequestResponse) => string | undefined;
}

const NOT_SET_UP = /"code":"kiosk_agent\.not_configured"/;

/** Judges one answer; returns a problem description, or undefined when it is a proper answer. */
export function judge(method: string, path: string, response: LightMyRequestResponse, options: JudgeOptions) {
  const status = response.statusCode;
  const type = String(response.headers['content-type'] ?? '');
  // A terminal without a kiosk agent says so with a 503 problem by design (the kiosk page shows it);
  // that is a state of this server, not a failure to handle the input.
  if (
    status === 503 &&
    type.startsWith('application/problem+json') &&
    (NOT_SET_UP.test(response.body) || (method === 'HEAD' && path.startsWith('/kiosk-agent/')))
  )
    return undefined;
  if (status >= 500) return `server error ${status}: ${response.body.slice(0, 200)}`;
  if (status >= 400) {
    if (type.startsWith('application/problem+json')) {
      if (method === 'HEAD') return undefined;
      let problem: { ja?: unknown; en?: unknown; status?: unknown };
      try {
        problem = JSON.parse(response.body) as typeof problem;
      } catch {
        return 'problem+json body is not JSON';
      }
      if (typeof problem.ja !== 'string' || !JAPANESE.test(problem.ja))
        return 'problem without a Japanese message';
      if (typeof problem.en !== 'string' || problem.en.trim() === '')
        return 'problem without an English message';
      if (problem.status !== status) return `problem.status ${String(problem.status)} ≠ HTTP ${status}`;
      return undefined;
    }
    if (isHtmlPage(method, path) && type.startsWith('text/html')) {
      if (method === 'HEAD') return undefined;
      return response.body.includes('role="alert"') && JAPANESE.test(response.body)
        ? undefined
        : 'HTML error page without an alert message';
    }
    return `error answered as ${type || 'no content type'}, not application/problem+json`;
  }
  if (!options.allowSuccess) return `hostile input accepted with ${status}`;
  return options.checkSuccess?.(response);
}

/** Injects, with a deadline: a request that takes longer than HANG_MS is a hang. */
export async function send(
  app: FastifyInstance,
  options: InjectOptions & { method: string; url: string },
  judgeOptions: JudgeOptions,
  counter: FuzzCounter,
  verdicts: Verdict[],
): Promise<LightMyRequestResponse | undefined> {
  counter.total++;
  const key = `${options.method} ${judgeOptions.route}`;
  counter.byRoute[key] = (counter.byRoute[key] ?? 0) + 1;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), HANG_MS);
  });
  let response: LightMyRequestResponse | 'hang';
  try {
    response = await Promise.race([app.inject(options), deadline]);
  } catch (error) {
    verdicts.push({
      route: judgeOptions.route,
      method: options.method,
      status: 0,
      problem: `inject threw: ${(error as Error).message}`,
      input: describeInput(options),
    });
    return undefined;
  } finally {
    clearTimeout(timer);
  }
  if (response === 'hang') {
    verdicts.push({
      route: judgeOptions.route,
      method: options.method,
      status: 0,
      problem: `no answer within ${HANG_MS} ms`,
      input: describeInput(options),
    });
    return undefined;
  }
  counter.statuses[response.statusCode] = (counter.statuses[response.statusCode] ?? 0) + 1;
  const path = options.url.split('?')[0]!;
  const problem = judge(options.method, path, response, judgeOptions);
  if (problem)
    verdicts.push({
      route: judgeOptions.route,
      method: options.method,
      status: response.statusCode,
      problem,
      input: describeInput(options),
    });
  return response;
}

/** A readable failure message: the first verdicts, grouped by problem. */
export function report(verdicts: readonly Verdict[]): string {
  const groups = new Map<string, Verdict[]>();
  for (const v of verdicts) {
    const key = `${v.method} ${v.route}: ${v.problem.slice(0, 80)}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups].map(([key, list]) => `${list.length}× ${key}\n    e.g. ${list[0]!.input}`).join('\n');
}
