import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from './errors.js';
import { staticRoutes, WEB_FAMILIES } from './static.routes.js';

/** A small stand-in for web/dist: one hashed asset and an index.html per family. */
function fakeBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), 'madoguchi-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'kiosk-AbC123.js'), 'console.log("kiosk");');
  writeFileSync(join(dist, '.build-stamp'), '');
  for (const family of WEB_FAMILIES) {
    mkdirSync(join(dist, family));
    writeFileSync(join(dist, family, 'index.html'), `<!doctype html><title>${family}</title>`);
  }
  writeFileSync(join(dist, 'kiosk', 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  return dist;
}

async function appOn(distDir: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  await app.register(staticRoutes, { distDir });
  return app;
}

describe('static routes of the web front-end', () => {
  let dist: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dist = fakeBuild();
    app = await appOn(dist);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each(WEB_FAMILIES)(
    'serves /%s/ as a page that is revalidated, under a strict content policy',
    async (family) => {
      const res = await app.inject({ method: 'GET', url: `/${family}/`, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain(`<title>${family}</title>`);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.etag).toBeTruthy();
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-robots-tag']).toBe(family === 'resident' ? undefined : 'noindex, nofollow');
    },
  );

  it('redirects the bare family path to the trailing slash, keeping the query', async () => {
    const res = await app.inject({ method: 'GET', url: '/kiosk?lang=vi' });
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe('/kiosk/?lang=vi');
  });

  it("falls back to the family's own index.html for its screens", async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/counter/desk/3/settings',
      headers: { accept: 'text/html' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>counter</title>');
  });

  it('does not answer API-style requests with a page', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/counter/desk',
      headers: { accept: 'application/json' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves files of a family, and 404s (problem+json) the missing ones instead of the page', async () => {
    const robots = await app.inject({ method: 'GET', url: '/kiosk/robots.txt' });
    expect(robots.statusCode).toBe(200);
    expect(robots.headers['cache-control']).toBe('no-cache');
    const missing = await app.inject({ method: 'GET', url: '/kiosk/missing.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'route_not_found' });
  });

  it('caches hashed assets for a year, and never caches a missing one', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/kiosk-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await app.inject({ method: 'GET', url: '/assets/kiosk-Old999.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
  });

  it('answers a revalidation with 304 Not Modified', async () => {
    const first = await app.inject({ method: 'GET', url: '/resident/' });
    const again = await app.inject({
      method: 'GET',
      url: '/resident/',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await app.inject({ method: 'HEAD', url: '/display/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('never serves a file from outside the build, nor its dotfiles', async () => {
    for (const url of [
      '/kiosk/..%2f..%2fpackage.json',
      '/kiosk/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f.build-stamp',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.body, url).not.toContain('"name"');
      expect(res.body, url).not.toContain('root:');
      expect([200, 400, 403, 404], url).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.body, url).toContain('<title>kiosk</title>');
    }
  });
});

describe('static routes without a build', () => {
  it('say so in Japanese and English, with the command to run', async () => {
    const app = await appOn(join(tmpdir(), 'madoguchi-no-such-build'));
    for (const url of ['/kiosk/', '/dashboard/some/screen', '/assets/kiosk-AbC123.js']) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem.code).toBe('web_build_missing');
      expect(problem.ja).toContain('npm run build:web');
      expect(problem.en).toContain('npm run build:web');
    }
    await app.close();
  });
});
