import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';

/** The screen families built from web/, each an entry page served under its own path. */
export const WEB_FAMILIES = [
  'kiosk',
  'counter',
  'resident',
  'display',
  'dashboard',
  'notify-counter',
  'tablet',
] as const;
export type WebFamily = (typeof WEB_FAMILIES)[number];

/** Families meant for devices and staff, not for search engines. */
const NOT_INDEXED: ReadonlySet<WebFamily> = new Set([
  'kiosk',
  'counter',
  'display',
  'dashboard',
  'notify-counter',
  'tablet',
]);

export interface StaticRoutesOptions {
  /** The Vite build; web/dist of this checkout by default. */
  distDir?: string;
}

export function defaultWebDist(): string {
  return fileURLToPath(new URL('../../web/dist', import.meta.url));
}

/**
 * The pages only load what the build ships: no inline script, no third-party
 * origin, fonts bundled. Breaking this policy shows in the browser tests as a
 * console error.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed file names change with their content, so the browser may keep them forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Entry pages must be revalidated (ETag) so a new build is picked up at once. */
const REVALIDATE = 'no-cache';

function buildMissing(distDir: string): AppError {
  return new AppError(
    'unavailable',
    'web_build_missing',
    {
      ja: '画面がまだ用意されていません。管理者は npm run build:web を実行してください。',
      en: 'The screens have not been built yet. An administrator should run npm run build:web.',
    },
    { message: `web build missing in ${distDir}` },
  );
}

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return !accept || accept.includes('text/html') || accept.includes('*/*');
}

/** A path whose last segment has an extension names a file; anything else is a screen of the app. */
function looksLikeFile(path: string): boolean {
  const last = path.split('/').pop() ?? '';
  return /\.[A-Za-z0-9]+$/.test(last);
}

/**
 * Headers of a file that was found (a missing file gets the plain 404 and
 * none of these): immutable caching for hashed assets, revalidation and the
 * page policies for everything else.
 */
function fileHeaders(assetsDir: string, distDir: string) {
  return (res: SetHeadersResponse, path: string) => {
    if (path.startsWith(assetsDir + sep)) {
      res.setHeader('cache-control', IMMUTABLE);
      return;
    }
    res.setHeader('cache-control', REVALIDATE);
    if (!path.endsWith('.html')) return;
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    const family = relative(distDir, path).split(sep)[0] as WebFamily;
    if (NOT_INDEXED.has(family)) res.setHeader('x-robots-tag', 'noindex, nofollow');
  };
}

/**
 * Serves the built front-end: `/assets/*` (hashed, cached for a year) and, for
 * each family, `/<family>/` with a fallback to that family's index.html for
 * any path that is not a file, so screens can own their URLs. Without a build,
 * answers 503 problem+json saying how to make one.
 */
export const staticRoutes: FastifyPluginAsync<StaticRoutesOptions> = async (app, options) => {
  const distDir = resolve(options.distDir ?? defaultWebDist());
  const assetsDir = resolve(distDir, 'assets');

  // Only for reply.sendFile, scoped to this plugin; routes are ours so that
  // cache headers and the per-family fallback are explicit.
  await app.register(fastifyStatic, {
    serve: false,
    dotfiles: 'ignore',
    etag: true,
    lastModified: true,
    cacheControl: false,
    setHeaders: fileHeaders(assetsDir, distDir),
  });

  app.get('/assets/*', async (request, reply) => {
    if (!existsSync(assetsDir)) throw buildMissing(distDir);
    const path = (request.params as { '*': string })['*'];
    return reply.sendFile(path, assetsDir);
  });

  for (const family of WEB_FAMILIES) {
    const familyDir = resolve(distDir, family);
    const indexFile = resolve(familyDir, 'index.html');

    app.get(`/${family}`, async (request, reply) => {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.redirect(`/${family}/${query}`, 308);
    });

    app.get(`/${family}/*`, async (request, reply) => {
      if (!existsSync(indexFile)) throw buildMissing(distDir);
      const path = (request.params as { '*': string })['*'];
      if (looksLikeFile(path)) return reply.sendFile(path, familyDir);
      if (!acceptsHtml(request)) return reply.callNotFound();
      return reply.sendFile('index.html', familyDir);
    });
  }
};
