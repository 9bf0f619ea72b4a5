import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { LANGUAGES } from '../../web/shared/i18n/languages.js';
import { newMunicipality } from '../support/factories.js';
import {
  describeInBrowser,
  describeViolations,
  expectNoSeriousAxeViolations,
  screenshot,
  VIEWPORTS,
} from './support/browser.js';
import { focusedElement, focusProblem, interactiveTargets, tabUntil } from './support/interaction.js';
import { LANGUAGE_CODES, text } from './support/texts.js';

const FAMILIES = [
  { family: 'kiosk', viewport: VIEWPORTS.kiosk, title: 'kiosk.placeCardTitle' },
  { family: 'counter', viewport: VIEWPORTS.desktop, title: 'counter.title' },
  { family: 'resident', viewport: VIEWPORTS.phone, title: 'resident.title' },
  { family: 'display', viewport: VIEWPORTS.display, title: 'display.title' },
  { family: 'dashboard', viewport: VIEWPORTS.desktop, title: 'dashboard.title' },
] as const;

async function h1(page: Page): Promise<string> {
  return ((await page.locator('h1').textContent()) ?? '').trim();
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.getAttribute('lang'));
}

describeInBrowser('web front-ends in Chromium', (h) => {
  it('serves each family landing in Japanese, with a language switcher and no serious axe violation', async () => {
    // A municipality, so that the counter's list and the dashboard's table have a row.
    await newMunicipality(h.database.db);
    const minor: string[] = [];
    for (const { family, viewport, title } of FAMILIES) {
      const page = await h.openPage(`/${family}/`, { viewport });
      expect(await htmlLang(page), family).toBe('ja');
      expect(await page.title(), family).toBe(text('ja', `${family}.documentTitle`));
      const heading = await h1(page);
      if (family === 'kiosk') {
        // The kiosk opens on its first step: choosing the language.
        expect(heading).toBe(LANGUAGES[0].choosePrompt);
        expect(await page.locator('[data-language]').count()).toBe(LANGUAGES.length);
      } else {
        expect(heading, family).toBe(text('ja', title));
        await expect(page.getByRole('combobox', { name: /言語/ }).count()).resolves.toBe(1);
      }
      expect(await page.locator('main#main').count(), family).toBe(1);
      const violations = await expectNoSeriousAxeViolations(page);
      if (violations.length) minor.push(`${family}:\n${describeViolations(violations)}`);
      await screenshot(page, `${family}-landing-ja`);
      expect(h.problems(page), family).toEqual([]);
    }
    if (minor.length) console.info(`[e2e] minor axe findings:\n${minor.join('\n')}`);
  });

  it('shows the family data the API gives: the dashboard table and the counter list', async () => {
    const dashboard = await h.openPage('/dashboard/', { viewport: VIEWPORTS.desktop });
    await dashboard.getByRole('cell', { name: '見本市' }).waitFor();
    await dashboard.getByText(text('ja', 'dashboard.databaseKinds.pglite')).waitFor();
    const counter = await h.openPage('/counter/', { viewport: VIEWPORTS.desktop });
    const select = counter.getByRole('combobox', { name: text('ja', 'counter.municipalityLabel') });
    await counter.locator('option[value="999997"]').waitFor({ state: 'attached' });
    expect(await select.locator('option').allInnerTexts()).toContain('見本県 見本市（999997）');
  });

  it('every other landing passes axe in all six languages, switched with its language switcher', async () => {
    for (const { family, viewport, title } of FAMILIES.filter((entry) => entry.family !== 'kiosk')) {
      // One isolated page per family: the switch is remembered, and must not leak into other tests.
      const page = await h.openPage(`/${family}/`, { viewport, isolated: true });
      for (const lng of LANGUAGE_CODES.filter((code) => code !== 'ja')) {
        await page.locator('.mg-language-switcher select').selectOption(lng);
        await page
          .locator('h1')
          .filter({ hasText: text(lng, title) })
          .waitFor();
        expect(await htmlLang(page), `${family} ${lng}`).toBe(lng);
        expect(await page.title(), `${family} ${lng}`).toBe(text(lng, `${family}.documentTitle`));
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await expectNoSeriousAxeViolations(page);
        await screenshot(page, `${family}-landing-${lng}`);
      }
      expect(h.problems(page), family).toEqual([]);
      await page.context().close();
    }
    // 4 families × 5 languages, each through axe: over the default 30 s on a loaded machine.
  }, 120_000);

  it('kiosk: each of the six languages leads to the card step in that language, each passing axe', async () => {
    const page = await h.openPage('/kiosk/', { viewport: VIEWPORTS.kiosk });
    for (const lng of LANGUAGE_CODES) {
      await page.locator(`[data-language="${lng}"]`).click();
      await page
        .locator('h1')
        .filter({ hasText: text(lng, 'kiosk.placeCardTitle') })
        .waitFor();
      expect(await htmlLang(page)).toBe(lng);
      expect(await page.title()).toBe(text(lng, 'kiosk.documentTitle'));
      expect(
        ((await page.locator('[aria-current="step"]').textContent()) ?? '').replace(/\s+/g, ' '),
      ).toContain(text(lng, 'kiosk.steps.card'));
      await expectNoSeriousAxeViolations(page);
      await screenshot(page, `kiosk-card-${lng}`);
      // Back to the first step, which now asks in the chosen language.
      await page.getByRole('button', { name: text(lng, 'kiosk.back') }).click();
      const prompt = LANGUAGES.find((language) => language.code === lng)?.choosePrompt ?? '';
      await page.locator('h1').filter({ hasText: prompt }).waitFor();
      await expectNoSeriousAxeViolations(page);
    }
    expect(h.problems(page)).toEqual([]);
  });

  it('kiosk: every touch target is at least 72 × 72 px, on both steps and in the dialog', async () => {
    const page = await h.openPage('/kiosk/', { viewport: VIEWPORTS.kiosk });
    const tooSmall = async (where: string) => {
      const targets = await interactiveTargets(page);
      expect(targets.length, where).toBeGreaterThan(0);
      return targets
        .filter((box) => box.width < 72 || box.height < 72)
        .map((box) => `${where}: ${box.description} ${box.width}×${box.height}`);
    };
    const small = [...(await tooSmall('language step'))];
    await page.keyboard.press('Tab');
    small.push(...(await tooSmall('skip link focused')));
    await page.locator('[data-language="ja"]').click();
    await page
      .locator('h1')
      .filter({ hasText: text('ja', 'kiosk.placeCardTitle') })
      .waitFor();
    small.push(...(await tooSmall('card step')));
    await page.getByRole('button', { name: text('ja', 'kiosk.cancel') }).click();
    await page.getByRole('alertdialog').waitFor();
    small.push(...(await tooSmall('cancel dialog')));
    expect(small).toEqual([]);
  });

  it('kiosk: keyboard alone reaches a language, then the card step, with visible focus; the dialog traps focus', async () => {
    const page = await h.openPage('/kiosk/', { viewport: VIEWPORTS.kiosk });
    const stops = await tabUntil(page, (element) => element.name.startsWith('English'));
    expect(stops[0]?.name).toBe(text('ja', 'common.skipToContent'));
    await page.keyboard.press('Enter');
    await page
      .locator('h1')
      .filter({ hasText: text('en', 'kiosk.placeCardTitle') })
      .waitFor();
    // The new step's heading takes focus, so the next Tab starts from there.
    expect((await focusedElement(page))?.tag).toBe('h1');

    await tabUntil(page, (element) => element.name === text('en', 'kiosk.cancel'));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: text('en', 'kiosk.cancelDialogTitle') });
    await dialog.waitFor();
    const first = await focusedElement(page);
    expect(first?.name).toBe(text('en', 'kiosk.cancelContinue'));
    expect(focusProblem(first)).toBeUndefined();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
      const element = await focusedElement(page);
      expect(element?.insideDialog, `Tab ${i + 1} left the dialog for ${element?.name}`).toBe(true);
      expect(focusProblem(element)).toBeUndefined();
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await focusedElement(page))?.name).toBe(text('en', 'kiosk.cancel'));

    // Cancelling for real starts over, in Japanese.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.getByRole('button', { name: text('en', 'kiosk.cancelConfirm') }).click();
    await page.locator('h1').filter({ hasText: LANGUAGES[0].choosePrompt }).waitFor();
    expect(await htmlLang(page)).toBe('ja');
    expect(h.problems(page)).toEqual([]);
  });

  it('keyboard alone reaches the primary action of every other landing, with visible focus all the way', async () => {
    for (const { family, viewport } of FAMILIES.filter((entry) => entry.family !== 'kiosk')) {
      const page = await h.openPage(`/${family}/`, { viewport });
      const stops = await tabUntil(page, (element) => element.primary);
      expect(stops[0]?.name, `${family}: the skip link comes first`).toBe(text('ja', 'common.skipToContent'));
    }
  });

  it('the skip link moves focus into the main content', async () => {
    const page = await h.openPage('/resident/', { viewport: VIEWPORTS.phone });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await focusedElement(page))?.id).toBe('main');
    await page.keyboard.press('Tab');
    const next = await focusedElement(page);
    expect(next?.primary, `after the skip link, Tab went to ${next?.name}`).toBe(true);
  });

  it('the language switcher changes the whole page, its lang and title, and is remembered on staff screens', async () => {
    const page = await h.openPage('/dashboard/', { viewport: VIEWPORTS.desktop, isolated: true });
    await page.getByRole('combobox', { name: /言語/ }).selectOption('ko');
    await page
      .locator('h1')
      .filter({ hasText: text('ko', 'dashboard.title') })
      .waitFor();
    expect(await htmlLang(page)).toBe('ko');
    expect(await page.title()).toBe(text('ko', 'dashboard.documentTitle'));
    await expectNoSeriousAxeViolations(page);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    expect(await h1(page)).toBe(text('ko', 'dashboard.title'));
  });

  it("the resident screen follows the phone's language, and ?lang= overrides it", async () => {
    const vietnamese = await h.openPage('/resident/', {
      viewport: VIEWPORTS.phone,
      locale: 'vi-VN',
      isolated: true,
    });
    expect(await htmlLang(vietnamese)).toBe('vi');
    expect(await h1(vietnamese)).toBe(text('vi', 'resident.title'));
    await expectNoSeriousAxeViolations(vietnamese);
    await screenshot(vietnamese, 'resident-landing-vi');
    const portuguese = await h.openPage('/resident/?lang=pt-BR', {
      viewport: VIEWPORTS.phone,
      isolated: true,
    });
    expect(await htmlLang(portuguese)).toBe('pt-BR');
    expect(await h1(portuguese)).toBe(text('pt-BR', 'resident.title'));
    // A language we do not have falls back to Japanese.
    const french = await h.openPage('/resident/', {
      viewport: VIEWPORTS.phone,
      locale: 'fr-FR',
      isolated: true,
    });
    expect(await htmlLang(french)).toBe('ja');
  });

  it('counter: errors are tied to their fields, summarised, and fixed entries are saved', async () => {
    const page = await h.openPage('/counter/', { viewport: VIEWPORTS.desktop, isolated: true });
    await page.locator('option[value="999997"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: text('ja', 'counter.save') }).click();
    const summary = page.getByRole('alert').filter({ hasText: text('ja', 'counter.errorSummary') });
    await summary.waitFor();
    expect(await summary.locator('li').count()).toBe(3);

    const number = page.getByRole('textbox', { name: text('ja', 'counter.counterNumberLabel') });
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await number.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const described = await Promise.all(
      describedBy.map(async (id) => ((await page.locator(`#${id}`).textContent()) ?? '').trim()),
    );
    expect(described).toEqual([
      text('ja', 'counter.counterNumberDescription'),
      text('ja', 'counter.counterNumberInvalid'),
    ]);
    await screenshot(page, 'counter-errors-ja');
    await expectNoSeriousAxeViolations(page);

    await page
      .getByRole('combobox', { name: text('ja', 'counter.municipalityLabel') })
      .selectOption('999997');
    await number.fill('１２'); // full-width digits from a Japanese IME count
    await page.getByRole('radio', { name: text('ja', 'counter.kinds.certificates') }).check();
    await page.getByRole('button', { name: text('ja', 'counter.save') }).click();
    const saved = page.getByRole('status').filter({ hasText: '12番窓口' });
    await saved.waitFor();
    expect(await saved.textContent()).toContain('見本県 見本市');
    expect(await number.getAttribute('aria-invalid')).toBeNull();
    expect(h.problems(page)).toEqual([]);
  });

  it("shows API errors in the reader's language, with the server's details", async () => {
    const page = await h.openPage('/dashboard/', { viewport: VIEWPORTS.desktop, isolated: true });
    await page.getByRole('cell', { name: '見本市' }).waitFor();
    await page.route('**/api/v1/municipalities', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/problem+json; charset=utf-8',
        body: JSON.stringify({
          type: 'https://madoguchi.example/problems/registry_unavailable',
          title: 'The registry cannot be read.',
          status: 422,
          code: 'registry_unavailable',
          ja: '住民記録を読み込めません。',
          en: 'The registry cannot be read.',
          errors: [
            { at: 'municipality', ja: '団体コードが登録されていません。', en: 'No such municipality code.' },
          ],
        }),
      }),
    );
    const refresh = async (lng: 'ja' | 'en' | 'vi') => {
      await page.getByRole('button', { name: text(lng, 'dashboard.refresh') }).click();
      const alert = page.getByRole('alert').filter({ hasText: text(lng, 'common.errorTitle') });
      await alert.waitFor();
      return ((await alert.textContent()) ?? '').replace(/\s+/g, ' ');
    };
    const ja = await refresh('ja');
    expect(ja).toContain('住民記録を読み込めません。');
    expect(ja).toContain('municipality: 団体コードが登録されていません。');
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, 'dashboard-error-ja');

    // Vietnamese: the server has no Vietnamese text, so English it is.
    await page.getByRole('combobox', { name: /Ngôn ngữ|言語/ }).selectOption('vi');
    const vi = await refresh('vi');
    expect(vi).toContain('The registry cannot be read.');
    expect(vi).toContain('municipality: No such municipality code.');
    expect(vi).not.toContain('住民記録');

    // Failures before any answer are ours to translate, so they come in Vietnamese.
    await page.unroute('**/api/v1/municipalities');
    await page.route('**/api/v1/municipalities', (route) => route.abort('internetdisconnected'));
    expect(await refresh('vi')).toContain(text('vi', 'errors.network'));
    // The other panel keeps working: one failing call does not hide the rest.
    expect(await page.getByText(text('vi', 'dashboard.statusOk')).count()).toBe(1);
  });
});
