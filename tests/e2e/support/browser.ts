import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Database } from '../../../src/db/connect.js';
import { staticRoutes } from '../../../src/http/static.routes.js';
import { buildTestApp } from '../../support/app.js';
import { openTestDatabase } from '../../support/databases.js';

/**
 * Browser tests drive Debian's Chromium with playwright-core: nothing is
 * downloaded (no `playwright install`), the browser is the one the machine has.
 * MADOGUCHI_CHROMIUM points elsewhere (to check the skip path, or another build).
 */
export const CHROMIUM_PATH = process.env.MADOGUCHI_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOT_DIR = join(root, 'tests/e2e/screenshots');

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const VIEWPORTS = {
  /** A municipal certificate kiosk's landscape touch screen. */
  kiosk: { width: 1280, height: 1024 },
  /** A staff desktop. */
  desktop: { width: 1366, height: 900 },
  /** A waiting-room board. */
  display: { width: 1920, height: 1080 },
  /** A resident's phone. */
  phone: { width: 390, height: 844 },
} as const;

export interface OpenPageOptions {
  viewport?: { width: number; height: number };
  /** The browser's language (navigator.languages and Accept-Language). */
  locale?: string;
  /** Wait for our React apps to mark <html data-ready>; false for server-rendered pages. */
  waitForApp?: boolean;
  /** A fresh context (empty storage) instead of the shared one for this viewport and locale. */
  isolated?: boolean;
}

export interface BrowserHarness {
  /** http://127.0.0.1:<port> of the running app. */
  readonly baseUrl: string;
  readonly app: FastifyInstance;
  readonly database: Database;
  /** Opens `path` in a page reused across tests with the same viewport and locale. */
  openPage(path: string, options?: OpenPageOptions): Promise<Page>;
  /** Console errors, uncaught exceptions and failed requests since the page was last opened. */
  problems(page: Page): string[];
}

/** Builds web/dist if a source is newer than the build (a no-op otherwise). */
export function buildWeb(): void {
  execFileSync('bash', [join(root, 'scripts/build-web.sh')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * `describe` with a running app on a fresh PGlite database and one Chromium
 * for the whole block. Skips, saying why, only when Chromium is not installed.
 */
export function describeInBrowser(name: string, body: (harness: BrowserHarness) => void): void {
  if (!existsSync(CHROMIUM_PATH)) {
    const reason = `${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install chromium) to run browser tests`;
    console.warn(`[e2e] skipping "${name}": ${reason}`);
    describe.skip(`${name} (skipped: ${reason})`, () => {
      it('needs Chromium', () => {});
    });
    return;
  }

  describe(name, () => {
    let database: Database | undefined;
    let app: FastifyInstance | undefined;
    let browser: Browser | undefined;
    let baseUrl = '';
    const contexts = new Map<string, { context: BrowserContext; page: Page }>();
    const isolated: BrowserContext[] = [];
    const problemLog = new WeakMap<Page, string[]>();

    const watch = (page: Page) => {
      const log: string[] = [];
      problemLog.set(page, log);
      page.on('console', (message) => {
        if (message.type() === 'error') problemLog.get(page)?.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problemLog.get(page)?.push(`exception: ${error.message}`));
      page.on('requestfailed', (request) => {
        const reason = request.failure()?.errorText ?? '';
        // A font still downloading when the page navigates or re-renders is cancelled by the browser: not a fault.
        if (reason.includes('ERR_ABORTED') && request.resourceType() === 'font') return;
        problemLog.get(page)?.push(`request failed: ${request.url()} ${reason}`);
      });
    };

    const newContext = async (options: OpenPageOptions) => {
      if (!browser) throw new Error('the browser is not running');
      const context = await browser.newContext({
        viewport: options.viewport ?? VIEWPORTS.desktop,
        locale: options.locale ?? 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      watch(page);
      return { context, page };
    };

    const harness: BrowserHarness = {
      get baseUrl() {
        return baseUrl;
      },
      get app() {
        if (!app) throw new Error('the app is not running');
        return app;
      },
      get database() {
        if (!database) throw new Error('the database is not open');
        return database;
      },
      async openPage(path, options = {}) {
        const viewport = options.viewport ?? VIEWPORTS.desktop;
        const locale = options.locale ?? 'ja-JP';
        let page: Page;
        if (options.isolated) {
          const fresh = await newContext({ ...options, viewport, locale });
          isolated.push(fresh.context);
          page = fresh.page;
        } else {
          const key = `${viewport.width}x${viewport.height}/${locale}`;
          let entry = contexts.get(key);
          if (!entry) {
            entry = await newContext({ ...options, viewport, locale });
            contexts.set(key, entry);
          }
          page = entry.page;
        }
        // Through a blank page, so a reused page starts like a fresh visit: no restored
        // scroll position, focus starting at the top of the document.
        if (page.url() !== 'about:blank') await page.goto('about:blank');
        problemLog.set(page, []);
        await page.goto(new URL(path, baseUrl).toString(), { waitUntil: 'load' });
        if (options.waitForApp ?? true)
          await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 15_000 });
        // Screenshots and size checks need the final glyphs, not the fallback font.
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        return page;
      },
      problems(page) {
        return [...(problemLog.get(page) ?? [])];
      },
    };

    beforeAll(async () => {
      buildWeb();
      database = await openTestDatabase('pglite');
      app = await buildTestApp(database);
      // Until src/server.ts registers the front-end itself, the harness does.
      if (!app.hasRoute({ method: 'GET', url: '/kiosk/*' })) await app.register(staticRoutes);
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('the app has no TCP address');
      baseUrl = `http://127.0.0.1:${address.port}`;
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    }, 180_000);

    afterAll(async () => {
      for (const { context } of contexts.values()) await context.close().catch(() => undefined);
      for (const context of isolated) await context.close().catch(() => undefined);
      await browser?.close();
      await app?.close();
      await database?.close();
    });

    body(harness);
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * Runs axe-core in the page. Our pages forbid inline scripts (CSP), so the
 * engine is not added as a <script> tag but evaluated through the DevTools
 * protocol, which page policies do not apply to.
 */
export async function runAxe(page: Page, options: { include?: string; disableRules?: string[] } = {}) {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(`${axeSource}\n;void 0;`);
  const violations = await page.evaluate(async ({ include, disableRules }) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(include ? { include: [include] } : document, {
      resultTypes: ['violations'],
      rules: Object.fromEntries((disableRules ?? []).map((rule) => [rule, { enabled: false }])),
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`),
    }));
  }, options);
  return violations as AxeViolation[];
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `[${violation.impact}] ${violation.id}: ${violation.help}\n${violation.targets.map((target) => `    at ${target}`).join('\n')}`,
    )
    .join('\n');
}

/** Fails on any serious or critical axe violation; returns the minor and moderate ones for reporting. */
export async function expectNoSeriousAxeViolations(
  page: Page,
  options: { include?: string; disableRules?: string[] } = {},
): Promise<AxeViolation[]> {
  const violations = await runAxe(page, options);
  const serious = violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (serious.length > 0)
    throw new Error(
      `axe found ${serious.length} serious or critical violation(s) on ${page.url()}:\n${describeViolations(serious)}`,
    );
  return violations;
}

/** A PNG of the page into tests/e2e/screenshots (gitignored), for people to look at. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return path;
}
