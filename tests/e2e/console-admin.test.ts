/**
 * The administrators' screens in Chromium: fees (a change from a date, a
 * campaign added and withdrawn, the price on a day), opening hours (a
 * channel's plan edited, seen in the month calendar) and the town's kiosks
 * (registered with a public key, stopped and resumed). Each passes axe.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { prepareMunicipalityForIssuance } from '../../src/issuance/use-cases/prepare-municipality.js';
import { signingIdentities } from '../../src/issuance/use-cases/signing-identities.js';
import { base32Decode, totp } from '../../src/staff/domain/totp.js';
import { createStaffDeps, type DemoStaffCredential, ensureDemoStaff } from '../../src/staff/index.js';
import { newMunicipality } from '../support/factories.js';
import {
  type BrowserHarness,
  describeInBrowser,
  describeViolations,
  expectNoSeriousAxeViolations,
  screenshot,
  VIEWPORTS,
} from './support/browser.js';
import { text } from './support/texts.js';

const TOTP_KEY = 'e2e admin: key for sealing TOTP secrets';
const PASSPHRASE = 'e2e admin: signing key passphrase';
process.env.MADOGUCHI_STAFF_TOTP_KEY = TOTP_KEY;
process.env.MADOGUCHI_KEY_PASSPHRASE = PASSPHRASE;
const TOWN = '999997';
const FLOW = 180_000;
const t = (key: string) => text('ja', key);

/** A date `days` from today in Japan, as the server's "today" sees it. */
function jstDate(days: number): string {
  return new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

let lastStep = Number.NEGATIVE_INFINITY;
async function nextCode(secret: string): Promise<string> {
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    const candidate = Math.max(step, lastStep + 1);
    if (candidate <= step + 1) {
      lastStep = candidate;
      return totp(base32Decode(secret), candidate * 30);
    }
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * 30_000 - now + 100));
  }
}

async function logInAs(h: BrowserHarness, who: DemoStaffCredential, path: string): Promise<Page> {
  const page = await h.openPage('/counter/', { viewport: VIEWPORTS.desktop, isolated: true });
  page.setDefaultTimeout(15_000);
  await page.evaluate(
    (settings) => localStorage.setItem('madoguchi.counter.workstation', JSON.stringify(settings)),
    { municipality: TOWN, counterNumber: 9, kind: 'general' },
  );
  await page.goto(new URL(path, h.baseUrl).toString());
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  await page.locator('#login-name').fill(who.loginName);
  await page.locator('#login-password').fill(who.password);
  await page.locator('#login-totp').fill(await nextCode(who.totpSecret));
  await page.getByRole('button', { name: t('counter.login.submit'), exact: true }).click();
  await page.locator('nav.console-nav').waitFor();
  return page;
}

describeInBrowser('administrators’ screens in Chromium', (h) => {
  let admin: DemoStaffCredential;
  let page: Page;
  const minor: string[] = [];
  const axe = async (where: string) => {
    const violations = await expectNoSeriousAxeViolations(page);
    if (violations.length) minor.push(`${where}:\n${describeViolations(violations)}`);
  };

  const ready = async () => {
    if (page) return;
    const db = h.database.db;
    await newMunicipality(db, TOWN);
    await prepareMunicipalityForIssuance(db, signingIdentities(db, PASSPHRASE), TOWN);
    const created = await ensureDemoStaff(createStaffDeps({ db, totpKey: TOTP_KEY }), TOWN);
    admin = created.find((c) => c.role === 'admin')!;
    page = await logInAs(h, admin, '/counter/admin/fees');
  };

  it(
    'fees: the table shows the fee in force; a change from tomorrow and a campaign are recorded',
    async () => {
      await ready();
      expect(
        await page
          .locator('nav.console-nav a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('data-screen'))),
      ).toEqual(['home', 'staff', 'fees', 'hours', 'kiosks', 'account']);
      const row = page.locator('tr[data-certificate="juminhyo"][data-channel="counter"]');
      await row.waitFor();
      expect(await row.locator('td').nth(1).textContent()).toBe('300円');
      await axe('fees');

      const tomorrow = jstDate(1);
      await page.locator('#fee-certificate').selectOption('juminhyo');
      await page.locator('#fee-channel').selectOption('counter');
      await page.locator('#fee-amount').fill('350');
      await page.locator('#fee-from').fill(tomorrow);
      await page.locator('#fee-basis').fill('手数料条例 改正 令和8年条例第12号');
      await page.locator('#fee-reason').fill('手数料条例の改正（e2e）');
      await page.getByRole('button', { name: t('counter.admin.fees.change') }).click();
      await page.getByText(/住民票の写しの手数料を.*から350円にしました。/).waitFor();
      expect(await row.locator('td').nth(3).textContent()).toContain('350円');

      await page.locator('#campaign-name').fill('コンビニ交付10円キャンペーン');
      await page.getByRole('checkbox', { name: t('counter.certificates.juminhyo'), exact: true }).check();
      await page.getByRole('checkbox', { name: t('counter.admin.channels.kiosk'), exact: true }).check();
      await page.locator('#campaign-fee').fill('10');
      await page.locator('#campaign-from').fill(jstDate(7));
      await page.locator('#campaign-to').fill(jstDate(37));
      await page.locator('#campaign-reason').fill('コンビニ交付の利用促進（e2e）');
      await page.getByRole('button', { name: t('counter.admin.campaigns.add') }).click();
      await page.getByText('「コンビニ交付10円キャンペーン」（10円）を登録しました。').waitFor();
      const campaign = page.locator('tr[data-campaign="コンビニ交付10円キャンペーン"]');
      expect(await campaign.textContent()).toContain(t('counter.admin.campaigns.states.planned'));

      // The engine's own price: 350 yen at the counter from tomorrow, 10 yen at a kiosk in the campaign.
      await page.locator('#price-channel').selectOption('counter');
      await page.locator('#price-on').fill(tomorrow);
      await page.getByRole('button', { name: t('counter.admin.price.check') }).click();
      await page.getByTestId('price-answer').filter({ hasText: '350円' }).waitFor();
      await page.locator('#price-channel').selectOption('kiosk');
      await page.locator('#price-on').fill(jstDate(8));
      await page.getByRole('button', { name: t('counter.admin.price.check') }).click();
      await page.getByTestId('price-answer').filter({ hasText: '10円' }).waitFor();
      await axe('fees after changes');
      await screenshot(page, 'console-admin-fees');

      await campaign.getByRole('button', { name: t('counter.admin.campaigns.withdraw') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('#campaign-end-reason').fill('予算の都合で見送り（e2e）');
      await dialog.getByRole('button', { name: t('counter.admin.campaigns.withdraw') }).click();
      await page.getByText('「コンビニ交付10円キャンペーン」を取り下げました。').waitFor();
      expect(h.problems(page)).toEqual([]);
    },
    FLOW,
  );

  it(
    'hours: the counter closes at 19:00 from now on, and the month calendar says so',
    async () => {
      await ready();
      await page.getByRole('link', { name: t('counter.nav.hours') }).click();
      const counterRow = page.locator('tr[data-plan="counter"]');
      await counterRow.waitFor();
      expect(await counterRow.textContent()).toContain('月〜金 08:30〜17:15');
      await axe('hours');
      await counterRow.getByRole('button', { name: t('counter.admin.hours.edit') }).click();
      await page.locator('#w0-close').fill('1900');
      await page.locator('#hours-reason').fill('夜間窓口の試行（e2e）');
      await axe('hours editor');
      await screenshot(page, 'console-admin-hours-editor');
      await page.getByRole('button', { name: t('counter.admin.hours.save') }).click();
      await page.getByText('窓口の受付時間を保存しました。').waitFor();
      expect(await counterRow.textContent()).toContain('月〜金 08:30〜19:00');
      // A weekday of this month that is not a holiday is open until 19:00 in the calendar.
      await page
        .getByTestId('hours-calendar')
        .locator('td.is-open:not(.is-holiday)')
        .filter({ hasText: '08:30–19:00' })
        .first()
        .waitFor();
      expect(
        await page.getByTestId('hours-calendar').locator('td.is-open', { hasText: '08:30–17:15' }).count(),
      ).toBe(0);
      await screenshot(page, 'console-admin-hours');
      expect(h.problems(page)).toEqual([]);
    },
    FLOW,
  );

  it(
    'kiosks: a terminal is registered with its public key, stopped with a reason and resumed',
    async () => {
      await ready();
      await page.getByRole('link', { name: t('counter.nav.kiosks') }).click();
      await page.getByRole('heading', { name: t('counter.admin.kiosks.registerTitle') }).waitFor();
      const { publicKey } = generateKeyPairSync('ed25519');
      await page.locator('#kiosk-id').fill('honcho-1f-01');
      await page.locator('#kiosk-location').fill('本庁舎1階 市民課前');
      await page.locator('#kiosk-prefecture').fill('見本県');
      await page.getByLabel(/公開鍵/).fill(publicKey.export({ type: 'spki', format: 'pem' }).toString());
      await page.getByRole('button', { name: t('counter.admin.kiosks.register') }).click();
      await page.getByText('honcho-1f-01 を登録しました。').waitFor();
      const row = page.locator('tr[data-kiosk="honcho-1f-01"]');
      expect(await row.textContent()).toContain(t('counter.admin.kiosks.inService'));
      await row.getByRole('button', { name: t('counter.admin.kiosks.stop') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('#kiosk-status-reason').fill('用紙切れ');
      await axe('kiosk stop dialog');
      await dialog.getByRole('button', { name: t('counter.admin.kiosks.stop') }).click();
      await page.getByText('honcho-1f-01 を停止しました。').waitFor();
      expect(await row.textContent()).toContain('用紙切れ');
      await axe('kiosks');
      await screenshot(page, 'console-admin-kiosks');
      await row.getByRole('button', { name: t('counter.admin.kiosks.resume') }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: t('counter.admin.kiosks.resume') })
        .click();
      await page.getByText('honcho-1f-01 を再開しました。').waitFor();
      expect(await row.textContent()).toContain(t('counter.admin.kiosks.inService'));
      expect(h.problems(page)).toEqual([]);
    },
    FLOW,
  );

  it('reports the minor axe findings of the administrators’ screens', () => {
    if (minor.length) console.info(`[e2e] minor axe findings on the admin screens:\n${minor.join('\n')}`);
  });
});
