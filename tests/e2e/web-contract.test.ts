import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/db/connect.js';
import { parseInput } from '../../src/shared/validation.js';
import { ApiError, apiFetch, isApiError, parseProblem, pickMessage } from '../../web/shared/api.js';
import { LANGUAGES, matchLanguage, preferredLanguage } from '../../web/shared/i18n/languages.js';
import { buildTestApp } from '../support/app.js';
import { openTestDatabase } from '../support/databases.js';
import { LANGUAGE_CODES, type Translations, translations } from './support/texts.js';

/** Every dotted key of a resource tree, with its text. */
function flatten(tree: Translations, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object')
      for (const [k, v] of flatten(value as Translations, path)) out.set(k, v);
    else out.set(path, `<not a string: ${String(value)}>`);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('front-end translations', () => {
  const reference = flatten(translations('ja'));

  it.each(LANGUAGE_CODES.filter((lng) => lng !== 'ja'))('%s has exactly the keys of ja.json', (lng) => {
    const own = flatten(translations(lng));
    expect([...own.keys()].sort()).toEqual([...reference.keys()].sort());
  });

  it.each(LANGUAGE_CODES)('%s keeps every {{placeholder}} and leaves no text empty', (lng) => {
    for (const [key, text] of flatten(translations(lng))) {
      expect(text.trim(), `${lng}:${key}`).not.toBe('');
      expect(placeholders(text), `${lng}:${key}`).toEqual(placeholders(reference.get(key) ?? ''));
    }
  });

  it('lists the six languages, Japanese first', () => {
    expect(LANGUAGES.map((language) => language.code)).toEqual(['ja', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR']);
  });

  it('maps browser language tags to ours', () => {
    expect(matchLanguage('ja-JP')).toBe('ja');
    expect(matchLanguage('en-GB')).toBe('en');
    expect(matchLanguage('zh-CN')).toBe('zh-Hans');
    expect(matchLanguage('zh-Hans-SG')).toBe('zh-Hans');
    expect(matchLanguage('zh')).toBe('zh-Hans');
    expect(matchLanguage('zh-TW')).toBeUndefined();
    expect(matchLanguage('zh-Hant')).toBeUndefined();
    expect(matchLanguage('ko-KR')).toBe('ko');
    expect(matchLanguage('vi')).toBe('vi');
    expect(matchLanguage('pt')).toBe('pt-BR');
    expect(matchLanguage('pt_PT')).toBe('pt-BR');
    expect(matchLanguage('fr-FR')).toBeUndefined();
    expect(matchLanguage('')).toBeUndefined();
    expect(preferredLanguage(['fr-FR', 'zh-TW', 'vi-VN', 'en'])).toBe('vi');
    expect(preferredLanguage(['de'])).toBeUndefined();
  });
});

describe('api.ts message choice', () => {
  const message = { ja: '日本語の文', en: 'English text' };

  it('gives Japanese to Japanese readers and English to everyone else', () => {
    expect(pickMessage(message, 'ja')).toBe('日本語の文');
    for (const lng of ['en', 'zh-Hans', 'ko', 'vi', 'pt-BR'])
      expect(pickMessage(message, lng)).toBe('English text');
  });

  it("uses the reader's own language when the message carries it", () => {
    expect(pickMessage({ ...message, vi: 'Câu tiếng Việt' }, 'vi')).toBe('Câu tiếng Việt');
    expect(pickMessage({ ...message, vi: 'Câu tiếng Việt' }, 'ko')).toBe('English text');
  });

  it('reads only well-formed problem documents', () => {
    expect(parseProblem({ code: 'x' }, 400)).toBeUndefined();
    expect(parseProblem('<html>', 502)).toBeUndefined();
    const problem = parseProblem(
      {
        ja: 'あ',
        en: 'a',
        errors: [{ at: 'name', ja: 'い', en: 'i' }, { bogus: true }, { ja: 'う', en: 'u', at: 3 }],
      },
      422,
    );
    expect(problem).toMatchObject({ status: 422, code: 'http_422', ja: 'あ', en: 'a' });
    expect(problem?.errors).toEqual([
      { at: 'name', ja: 'い', en: 'i' },
      { ja: 'う', en: 'u' },
    ]);
  });
});

describe('api.ts against the real server', () => {
  let database: Database;
  let app: FastifyInstance;
  let baseUrl: string;
  let silent: Server;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database);
    // A route that validates like every route of ours, to get a real errors[] through the real error handler.
    app.post('/test/validated', async (request) =>
      parseInput(z.object({ name: z.string().min(1), age: z.number().int() }).strict(), request.body),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Accepts connections and never answers: what a hung proxy looks like.
    silent = createServer(() => undefined);
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
  }, 60_000);

  afterAll(async () => {
    silent?.closeAllConnections();
    silent?.close();
    await app?.close();
    await database?.close();
  });

  it('returns the JSON body of a successful call', async () => {
    const body = await apiFetch<{ municipalities: unknown[] }>('/api/v1/municipalities', { baseUrl });
    expect(body.municipalities).toEqual([]);
  });

  it('turns a problem+json refusal into an ApiError with both languages', async () => {
    const error = await apiFetch('/api/v1/no/such/thing', { baseUrl }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(404);
    expect(apiError.code).toBe('route_not_found');
    expect(apiError.messageIn('ja')).toBe('ページが見つかりません。');
    expect(apiError.messageIn('vi')).toBe('There is no such page.');
  });

  it('carries the per-field details of errors[] in the reader language', async () => {
    const error = (await apiFetch('/test/validated', {
      baseUrl,
      body: { name: '', age: 1.5, extra: 1 },
    }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_input');
    const ja = error.detailsIn('ja');
    const en = error.detailsIn('pt-BR');
    expect(ja.map((detail) => detail.at).sort()).toEqual(['age', 'input', 'name']);
    expect(ja.find((detail) => detail.at === 'name')?.message).toMatch(/^name: /);
    expect(ja.find((detail) => detail.at === 'input')?.message).toContain('不明な項目があります');
    expect(en.find((detail) => detail.at === 'name')?.message).toMatch(/^name: /);
    expect(en.map((detail) => detail.message).join(' ')).not.toMatch(/[ぁ-んァ-ン]/);
  });

  it('reports an unreachable server as a network error', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const error = (await apiFetch('/x', { baseUrl: `http://127.0.0.1:${port}` }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'network', status: 0 });
    expect(error.messageIn('ja')).toContain('接続できませんでした');
  });

  it('gives up on a server that never answers, as a timeout', async () => {
    const port = (silent.address() as AddressInfo).port;
    const error = (await apiFetch('/x', { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error).toMatchObject({ code: 'timeout', status: 0 });
  });

  it("passes the caller's own abort through untouched", async () => {
    const port = (silent.address() as AddressInfo).port;
    const abort = new AbortController();
    const pending = apiFetch('/x', { baseUrl: `http://127.0.0.1:${port}`, signal: abort.signal });
    abort.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(isApiError(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });

  it('calls an answer that is not ours (an HTML error page) unexpected', async () => {
    const html = createServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    });
    html.listen(0, '127.0.0.1');
    await once(html, 'listening');
    try {
      const port = (html.address() as AddressInfo).port;
      const error = (await apiFetch('/x', { baseUrl: `http://127.0.0.1:${port}` }).catch(
        (e: unknown) => e,
      )) as ApiError;
      expect(error).toMatchObject({ code: 'unexpected_response', status: 502 });
    } finally {
      html.close();
    }
  });

  it('sends JSON bodies and the idempotency key', async () => {
    let seen: { headers: Record<string, unknown>; body: string } | undefined;
    const echo = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        seen = { headers: request.headers, body };
        response.writeHead(204).end();
      });
    });
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    try {
      const port = (echo.address() as AddressInfo).port;
      const result = await apiFetch('/x', {
        baseUrl: `http://127.0.0.1:${port}`,
        body: { a: 1 },
        idempotencyKey: 'k-1',
      });
      expect(result).toBeUndefined();
      expect(seen?.headers['content-type']).toBe('application/json');
      expect(seen?.headers['idempotency-key']).toBe('k-1');
      expect(JSON.parse(seen?.body ?? '')).toEqual({ a: 1 });
    } finally {
      echo.close();
    }
  });
});
