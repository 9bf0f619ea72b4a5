/**
 * The resident's phone screens of 書かない窓口 in Chromium on a 390×844
 * viewport: found from the landing, the questionnaire's own checks (dates,
 * postal codes, address form, kana) in the reader's language, the draft
 * reopened, edited and deleted with its edit secret kept for that draft only,
 * its expiry, and every screen through axe in all six languages.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { findNotification } from '../../src/notifications/data/notification.repository.js';
import { saveNotification } from '../../src/notifications/use-cases/sealed-notification.js';
import { LANGUAGES, type LanguageCode } from '../../web/shared/i18n/languages.js';
import { newMunicipality } from '../support/factories.js';
import {
  describeInBrowser,
  describeViolations,
  expectNoSeriousAxeViolations,
  screenshot,
  VIEWPORTS,
} from './support/browser.js';
import { focusedElement, tabUntil } from './support/interaction.js';
import { LANGUAGE_CODES, text } from './support/texts.js';

// The server under test seals notifications with this key (src/services.ts); the expiry case re-seals with it.
const SEAL_KEY = 'e2e key for sealing phone notifications';
process.env.MADOGUCHI_NOTIFICATION_SEAL_KEY = SEAL_KEY;

const TOWN = '999997';
const FLOW = { timeout: 180_000 };
const STORAGE_PREFIX = 'madoguchi.moving.draft.';

const t = (lng: LanguageCode, key: string, values: Record<string, string | number> = {}) =>
  text(lng, key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
const ja = (key: string, values: Record<string, string | number> = {}) => t('ja', key, values);

const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
function shift(iso: string, { days = 0, years = 0 }: { days?: number; years?: number }): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function next(page: Page) {
  await page.getByRole('button', { name: ja('moving.next') }).click();
}

/** The error shown beside a field (TextField ties it with aria-describedby). */
async function fieldError(page: Page, id: string): Promise<string> {
  const error = page.locator(`#${id}-error`);
  await error.waitFor();
  return ((await error.textContent()) ?? '').trim();
}

/** No sideways scrolling on a phone: the page is as wide as the screen. */
async function fitsThePhone(page: Page, where: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${where} scrolls sideways`).toBeLessThanOrEqual(VIEWPORTS.phone.width);
}

/** Buttons, fields and whole radio/checkbox rows are at least 44 px high on a phone. */
async function targetsBigEnough(page: Page, where: string) {
  const small = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        'main button, main select, main input:not([type="radio"]):not([type="checkbox"]), main label:has(input[type="radio"]), main label:has(input[type="checkbox"])',
      ),
    )
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => ({
        name: (element.textContent ?? element.id).trim().slice(0, 40),
        height: element.getBoundingClientRect().height,
      }))
      .filter((box) => box.height < 44),
  );
  expect(small, where).toEqual([]);
}

describeInBrowser('書かない窓口 on the phone, in Chromium', (h) => {
  let phone: Page;
  let reference = '';
  const minor: string[] = [];

  const axe = async (page: Page, where: string) => {
    const violations = await expectNoSeriousAxeViolations(page);
    if (violations.length) minor.push(`${where}:\n${describeViolations(violations)}`);
  };

  const stored = () =>
    phone.evaluate((prefix) => {
      const out: Record<string, string> = {};
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key?.startsWith(prefix)) out[key] = localStorage.getItem(key) ?? '';
      }
      return out;
    }, STORAGE_PREFIX);

  beforeAll(async () => {
    await newMunicipality(h.database.db);
  });

  it(
    'the landing leads to the questionnaire first: its button is the first stop in the page',
    FLOW,
    async () => {
      phone = await h.openPage('/resident/', { viewport: VIEWPORTS.phone, isolated: true });
      // The skip link, the header's language switcher, then straight to the questionnaire: nothing before it.
      const stops = await tabUntil(phone, (element) => element.primary);
      expect(stops.map((stop) => stop.tag)).toEqual(['a', 'select', 'a']);
      expect(stops[0]?.name).toBe(ja('common.skipToContent'));
      expect(stops[2]?.name).toBe(ja('resident.moving.action'));
      await axe(phone, 'landing');
      await fitsThePhone(phone, 'landing');
      await screenshot(phone, 'notify-phone-landing-ja');
      await phone.keyboard.press('Enter');
      await heading(phone, ja('resident.moving.startTitle'));
      expect(new URL(phone.url()).pathname).toBe('/resident/moving/');
    },
  );

  it(
    'asks only what applies and checks dates, postal codes, addresses and kana before anything is sent',
    FLOW,
    async () => {
      // Nothing chosen: the form says so, in words beside the question.
      await phone.getByRole('button', { name: ja('resident.moving.begin') }).click();
      expect(await fieldError(phone, 'f-kind')).toBe(ja('moving.check.required'));
      await phone.locator('input[name="kind"][value="tennyu"]').check();
      await axe(phone, 'start');
      await screenshot(phone, 'notify-phone-start');
      await phone.getByRole('button', { name: ja('resident.moving.begin') }).click();
      await heading(phone, ja('moving.stepTitles.when'));
      const draftUrl = new URL(phone.url()).pathname;
      reference = draftUrl.split('/')[4] ?? '';
      expect(reference).toMatch(/^[0-9A-Z]{26}$/);

      // When: empty, then three weeks ago (the law gives 14 days).
      await next(phone);
      const summary = phone.locator('.moving-error-summary');
      await summary.waitFor();
      expect((await focusedElement(phone))?.tag).toBe('div');
      expect(await fieldError(phone, 'f-moveDate')).toBe(ja('moving.check.required'));
      expect(await fieldError(phone, 'f-moveType')).toBe(ja('moving.check.required'));
      await phone.locator('#f-moveDate').fill(shift(today, { days: -21 }));
      expect(await fieldError(phone, 'f-moveDate')).toBe(ja('moving.check.dateTooEarly'));
      await axe(phone, 'when with errors');
      await screenshot(phone, 'notify-phone-when-errors');
      await phone.locator('#f-moveDate').fill(shift(today, { days: -3 }));
      await phone.locator('input[name="moveType"][value="domestic"]').check();
      await next(phone);
      await heading(phone, ja('moving.stepTitles.addresses'));

      // Addresses: a postal code of six digits, an address without its prefecture, and the move within the town.
      await phone.locator('#f-from-postalCode').fill('100-001');
      await phone.locator('#f-from-address').fill('千代田区千代田1番1号');
      await phone.locator('#f-to-postalCode').fill('〒９９９-９９９７');
      await phone.locator('#f-to-address').fill('見本県見本市本町');
      await next(phone);
      expect(await fieldError(phone, 'f-from-postalCode')).toBe(ja('moving.check.postalCode'));
      expect(await fieldError(phone, 'f-from-address')).toBe(ja('moving.check.prefecture'));
      expect(await fieldError(phone, 'f-to-address')).toBe(ja('moving.check.number'));
      // Full-width digits and 〒 are fine.
      expect(await phone.locator('#f-to-postalCode-error').count()).toBe(0);
      await screenshot(phone, 'notify-phone-addresses-errors');
      await phone.locator('#f-from-postalCode').fill('100-0001');
      await phone.locator('#f-from-address').fill('東京都千代田区千代田1番1号');
      await phone.locator('#f-to-address').fill('見本県見本市本町一丁目2番3号');
      await next(phone);
      await heading(phone, ja('moving.stepTitles.people'));

      // People: romaji in the kana field, a birth date in the future.
      await phone.locator('#f-movers-0-familyName').fill('髙橋');
      await phone.locator('#f-movers-0-givenName').fill('一郎');
      await phone.locator('#f-movers-0-familyNameKana').fill('Takahashi');
      await phone.locator('#f-movers-0-givenNameKana').fill('いちろう');
      await phone.locator('#f-movers-0-birthDate').fill(shift(today, { days: 30 }));
      await next(phone);
      expect(await fieldError(phone, 'f-movers-0-familyNameKana')).toBe(ja('moving.check.kana'));
      expect(await fieldError(phone, 'f-movers-0-birthDate')).toBe(ja('moving.check.birthFuture'));
      await axe(phone, 'people with errors');
      await screenshot(phone, 'notify-phone-people-errors');
      await phone.locator('#f-movers-0-familyNameKana').fill('たかはし');
      await phone.locator('#f-movers-0-birthDate').fill(shift(today, { years: -45 }));
      // A child and a grandmother: the later steps ask about school and care for them only.
      await phone.getByRole('button', { name: ja('moving.people.add') }).click();
      expect(await phone.locator('#f-movers-1-familyName').inputValue()).toBe('髙橋');
      await phone.locator('#f-movers-1-givenName').fill('花');
      await phone.locator('#f-movers-1-givenNameKana').fill('はな');
      await phone.locator('#f-movers-1-birthDate').fill(shift(today, { years: -9 }));
      await phone.locator('input[name="sex-1"][value="F"]').check();
      await phone.locator('#f-movers-1-relationship').selectOption('子');
      await phone.getByRole('button', { name: ja('moving.people.add') }).click();
      await phone.locator('#f-movers-2-givenName').fill('トメ');
      await phone.locator('#f-movers-2-givenNameKana').fill('トメ');
      await phone.locator('#f-movers-2-birthDate').fill(shift(today, { years: -80 }));
      await phone.locator('input[name="sex-2"][value="F"]').check();
      await phone.locator('#f-movers-2-relationship').selectOption('母');
      await next(phone);
      await heading(phone, ja('moving.stepTitles.household'));

      // A new household needs its head among the movers: nobody is 世帯主 yet except the first (set for 転入).
      await phone.locator('input[name="arrangement"][value="join"]').check();
      await next(phone);
      expect(await fieldError(phone, 'f-household-arrangement')).toBe(ja('moving.check.noHeadWhenJoining'));
      await phone.locator('input[name="arrangement"][value="new"]').check();
      await next(phone);
      await heading(phone, ja('moving.stepTitles.life'));

      // School only for the 9-year-old, care only for those over 40, pension only for adults.
      expect(await phone.locator('[id^="f-movers-"][id$="-school-current"]').count()).toBe(1);
      expect(await phone.locator('#f-movers-1-school-current').count()).toBe(1);
      expect(await phone.locator('#f-movers-1-pension').count()).toBe(0);
      expect(await phone.locator('#f-movers-1-careCertified').count()).toBe(0);
      expect(await phone.locator('#f-movers-2-careCertified').count()).toBe(1);
      await phone.locator('#f-movers-1-school-current').fill('千代田小学校');
      await phone.locator('input[name="school-transfer-1"][value="yes"]').check();
      await phone.locator('input[name="care-2"][value="yes"]').check();
      await phone.locator('#f-movers-2-insurance').selectOption('koki');
      await fitsThePhone(phone, 'life');
      await targetsBigEnough(phone, 'life');
      await next(phone);
      await heading(phone, ja('moving.stepTitles.contact'));
      await phone.locator('#f-phone').fill('03-12');
      await next(phone);
      expect(await fieldError(phone, 'f-phone')).toBe(ja('moving.check.phone'));
      await phone.locator('#f-phone').fill('090-1234-5678');
      await next(phone);
      // Nobody chosen to file it yet.
      expect(await fieldError(phone, 'f-notifier')).toBe(ja('moving.check.required'));
      await phone.locator('input[name="notifier"][value="mover-0"]').check();
      await next(phone);
      await heading(phone, ja('moving.stepTitles.review'));
      await axe(phone, 'review');
      await fitsThePhone(phone, 'review');
      await screenshot(phone, 'notify-phone-review');

      // What the server has is what the phone said (kana as the register writes them).
      const row = await findNotification(h.database.db, TOWN, reference);
      const content = row?.content as { movers: { familyNameKana: string; givenName: string }[] };
      expect(content.movers.map((m) => m.givenName)).toEqual(['一郎', '花', 'トメ']);
      expect(content.movers[0]?.familyNameKana).toBe('タカハシ');
      expect(row?.status).toBe('draft');

      await phone.getByRole('button', { name: ja('resident.moving.submit') }).click();
      await heading(phone, ja('resident.moving.done.title'));
      expect((await findNotification(h.database.db, TOWN, reference))?.status).toBe('submitted');
      // The guidance to expect, from the rules: 就学 for the child, 介護保険 and 後期高齢者医療 for the grandmother.
      await phone.locator('.moving-procedure[data-procedure="shugaku"]').waitFor();
      await phone.locator('.moving-procedure[data-procedure="kaigo"]').waitFor();
      await phone.locator('.moving-procedure[data-procedure="koki-korei"]').waitFor();
      await axe(phone, 'qr');
      await fitsThePhone(phone, 'qr');
      await screenshot(phone, 'notify-phone-qr');
    },
  );

  it(
    'keeps the edit secret for this draft only, never in a URL; another browser cannot open it',
    FLOW,
    async () => {
      const entries = await stored();
      expect(Object.keys(entries)).toEqual([`${STORAGE_PREFIX}${TOWN}.${reference}`]);
      const entry = JSON.parse(entries[`${STORAGE_PREFIX}${TOWN}.${reference}`] ?? '{}') as {
        editSecret?: string;
      };
      expect(entry.editSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(phone.url()).not.toContain(entry.editSecret);
      // The expiry is on the QR page, in the reader's calendar.
      const row = await findNotification(h.database.db, TOWN, reference);
      const expiry = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
        era: 'long',
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        timeZone: 'Asia/Tokyo',
      }).format(new Date(row!.expires_at));
      expect((await phone.locator('.moving-qr__expiry').textContent()) ?? '').toContain(expiry);

      const stranger = await h.openPage(new URL(phone.url()).pathname, {
        viewport: VIEWPORTS.phone,
        isolated: true,
      });
      await heading(stranger, ja('resident.moving.unavailable.notStored.title'));
      await axe(stranger, 'not stored');
      await stranger.context().close();
    },
  );

  it('reopens the draft from the landing, edits it (same QR code), then deletes it', FLOW, async () => {
    await phone.goto(new URL('/resident/', h.baseUrl).toString());
    await phone.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    const saved = phone.locator('.resident-drafts__link');
    expect(await saved.count()).toBe(1);
    expect((await saved.textContent()) ?? '').toContain(ja('moving.kinds.tennyu'));
    await axe(phone, 'landing with a saved draft');
    await saved.click();
    await heading(phone, ja('resident.moving.done.title'));
    await phone.getByRole('button', { name: ja('resident.moving.done.edit') }).click();
    await heading(phone, ja('moving.stepTitles.review'));
    await phone
      .getByRole('button', {
        name: ja('moving.review.editSection', { section: ja('moving.steps.addresses') }),
      })
      .click();
    await heading(phone, ja('moving.stepTitles.addresses'));
    await phone.locator('#f-to-katagaki').fill('本町レジデンス305');
    await next(phone);
    await heading(phone, ja('moving.stepTitles.people'));
    // Straight back to the end: every step is still complete.
    for (const title of ['household', 'life', 'contact', 'review']) {
      await next(phone);
      await heading(phone, ja(`moving.stepTitles.${title}`));
    }
    await phone.getByRole('button', { name: ja('resident.moving.submit') }).click();
    await heading(phone, ja('resident.moving.done.title'));
    expect(await phone.locator('[data-reference]').getAttribute('data-reference')).toBe(reference);
    const row = await findNotification(h.database.db, TOWN, reference);
    expect((row!.content as { to: { katagaki: string } }).to.katagaki).toBe('本町レジデンス305');
    expect(row?.content_version).toBeGreaterThan(1);

    await phone.getByRole('button', { name: ja('resident.moving.done.delete') }).click();
    const dialog = phone.getByRole('alertdialog');
    await dialog.waitFor();
    // The safe choice has focus.
    expect((await focusedElement(phone))?.name).toBe(ja('resident.moving.done.keep'));
    await axe(phone, 'delete dialog');
    await dialog.getByRole('button', { name: ja('resident.moving.done.deleteConfirm') }).click();
    await heading(phone, ja('resident.title'));
    await phone.getByText(ja('resident.moving.deleted')).waitFor();
    expect(await stored()).toEqual({});
    expect(await findNotification(h.database.db, TOWN, reference)).toBeUndefined();
  });

  it('an expired draft says so on the phone and is forgotten', FLOW, async () => {
    await phone.getByRole('link', { name: ja('resident.moving.action') }).click();
    await heading(phone, ja('resident.moving.startTitle'));
    await phone.locator('input[name="kind"][value="tenkyo"]').check();
    await phone.getByRole('button', { name: ja('resident.moving.begin') }).click();
    await heading(phone, ja('moving.stepTitles.when'));
    const expiring = new URL(phone.url()).pathname.split('/')[4] ?? '';
    const row = await findNotification(h.database.db, TOWN, expiring);
    await saveNotification(
      h.database.db,
      { db: h.database.db, sealKey: SEAL_KEY, identities: undefined as never, publicUrl: '' },
      row!,
      { expires_at: new Date(Date.now() - 1000) },
      new Date(),
    );
    await phone.reload();
    await heading(phone, ja('resident.moving.unavailable.expired.title'));
    await axe(phone, 'expired');
    await screenshot(phone, 'notify-phone-expired');
    expect(await stored()).toEqual({});
  });

  it('every phone screen passes axe in all six languages, in the language asked for', FLOW, async () => {
    // A 転入 draft: every step applies.
    const page = await h.openPage('/resident/moving/', { viewport: VIEWPORTS.phone, isolated: true });
    await page.locator('input[name="kind"][value="tennyu"]').check();
    await page.getByRole('button', { name: ja('resident.moving.begin') }).click();
    await heading(page, ja('moving.stepTitles.when'));
    const base = new URL(page.url()).pathname.replace(/\/when$/, '');
    const steps = ['when', 'addresses', 'people', 'household', 'life', 'contact', 'review', 'qr'];
    for (const lng of LANGUAGE_CODES) {
      const screens: [string, string][] = [
        ['/resident/', 'resident.title'],
        ['/resident/moving/', 'resident.moving.startTitle'],
        ...steps.map((step): [string, string] => [
          `${base}/${step}`,
          step === 'qr' ? 'resident.moving.done.title' : `moving.stepTitles.${step}`,
        ]),
      ];
      for (const [path, title] of screens) {
        await page.goto(new URL(`${path}?lang=${lng}`, h.baseUrl).toString());
        await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
        await page.getByRole('heading', { level: 1, name: t(lng, title) }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lng);
        expect(await page.title()).toBe(t(lng, 'resident.documentTitle'));
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await axe(page, `${path} ${lng}`);
        await fitsThePhone(page, `${path} ${lng}`);
      }
      await screenshot(page, `notify-phone-qr-${lng}`);
      // The questionnaire speaks the language too, including its own checks.
      await page.goto(new URL(`${base}/people?lang=${lng}`, h.baseUrl).toString());
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      await page.getByRole('button', { name: t(lng, 'moving.next') }).click();
      expect(await fieldError(page, 'f-movers-0-familyName')).toBe(t(lng, 'moving.check.required'));
      await axe(page, `people errors ${lng}`);
      await screenshot(page, `notify-phone-people-${lng}`);
    }
    expect(LANGUAGES.length).toBe(6);
    if (minor.length) console.info(`[e2e] minor axe findings:\n${minor.join('\n')}`);
    expect(h.problems(page).filter((p) => !/status of 4\d\d/.test(p))).toEqual([]);
  });
});
