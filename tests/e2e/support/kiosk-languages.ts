import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LANGUAGES, type LanguageCode } from '../../../web/shared/i18n/languages.js';
import { VIEWPORTS } from './browser.js';

/**
 * A kiosk-sized page in Tokyo time whose console errors, exceptions and failed
 * requests go to `problems`. Leaving a screen cancels the agent's state poll in
 * flight: that is the test navigating, not the page failing.
 */
export async function openKioskPage(
  browser: Browser,
  problems: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: VIEWPORTS.kiosk,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (reason === 'net::ERR_ABORTED' && request.url().endsWith('/kiosk-agent/state')) return;
    problems.push(`request failed: ${request.url()} ${reason}`);
  });
  return { context, page };
}

/**
 * Runs `check` on the kiosk screen now shown, once in each of the six
 * languages, switching with the header's 言語 / Language dialog — the screen
 * and everything on it stay (the kiosk keeps its step across a language
 * change), so a state reached once is checked in every language without
 * walking to it again. Ends in the language the screen was in.
 */
export async function inEveryLanguage(
  page: Page,
  check: (lang: LanguageCode) => Promise<void>,
): Promise<void> {
  const start = (await page.evaluate(() => document.documentElement.lang)) as LanguageCode;
  // The language the screen is in first: no switch needed for it.
  const order = [start, ...LANGUAGES.map((language) => language.code).filter((code) => code !== start)];
  for (const lang of order) {
    await switchLanguage(page, lang);
    await check(lang);
  }
  await switchLanguage(page, start);
}

/** Chooses a language in the header's dialog and waits until the screen is in it. */
export async function switchLanguage(page: Page, lang: LanguageCode): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) === lang) return;
  // This runs a few hundred times a file, so it spares the waits that prove nothing here: the clicks
  // skip Playwright's actionability checks (two stable animation frames each; the kiosk has no motion
  // under reduced motion) but are still real pointer events at the button's centre — a covered or
  // disabled button swallows them and the wait below fails; then one wait for both the dialog gone
  // and the screen in the language.
  await page.locator('[data-action="language"]').click({ force: true });
  await page.locator(`.kiosk-language-dialog[open] [data-language="${lang}"]`).click({ force: true });
  await page.waitForFunction(
    (code) =>
      document.documentElement.lang === code && !document.querySelector('.kiosk-language-dialog[open]'),
    lang,
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
