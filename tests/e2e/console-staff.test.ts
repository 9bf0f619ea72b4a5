/**
 * The staff console in Chromium: two-factor login, first-login setup with a
 * scannable QR code, lockout, the menu per role, session expiry, the audit
 * search and chain check, and staff administration — each screen through axe.
 */

import jsQRModule from 'jsqr';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { appendAudit } from '../../src/audit/index.js';
import { base32Decode, totp } from '../../src/staff/domain/totp.js';
import {
  createStaffDeps,
  type DemoStaffCredential,
  ensureDemoStaff,
  type Role,
  type StaffDeps,
  systemOperator,
} from '../../src/staff/index.js';
import { createStaff } from '../../src/staff/use-cases/create-staff.js';
import { newMunicipality } from '../support/factories.js';
import {
  type BrowserHarness,
  describeInBrowser,
  describeViolations,
  expectNoSeriousAxeViolations,
  screenshot,
  VIEWPORTS,
} from './support/browser.js';
import { focusedElement, tabUntil } from './support/interaction.js';
import { text } from './support/texts.js';

// jsqr is CommonJS with a `default` export; under NodeNext the default import is the whole module.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ??
  jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

// The server seals TOTP secrets with this key; the tests enrol accounts with the same one.
const TOTP_KEY = 'e2e console: key for sealing TOTP secrets';
process.env.MADOGUCHI_STAFF_TOTP_KEY = TOTP_KEY;
const TOWN = '999997';
/** Logins cost an scrypt each and pages load fonts: a flow takes longer than a unit test. */
const FLOW = 180_000;

/** Each code opens one session only, so consecutive logins of an account take the next 30-second step. */
const usedSteps = new Map<string, number>();
export async function nextCode(secret: string): Promise<string> {
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    const candidate = Math.max(step, (usedSteps.get(secret) ?? Number.NEGATIVE_INFINITY) + 1);
    // The server accepts one step ahead; further ahead, wait for the clock.
    if (candidate <= step + 1) {
      usedSteps.set(secret, candidate);
      return totp(base32Decode(secret), candidate * 30);
    }
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * 30_000 - now + 100));
  }
}

/** A code that is wrong for every step the server would accept now. */
function wrongCode(secret: string): string {
  const step = Math.floor(Date.now() / 30_000);
  const valid = new Set([-1, 0, 1, 2].map((d) => totp(base32Decode(secret), (step + d) * 30)));
  for (let n = 0; ; n++) {
    const code = String((Number.parseInt([...valid][0] ?? '0', 10) + 111_111 * (n + 1)) % 1_000_000).padStart(
      6,
      '0',
    );
    if (!valid.has(code)) return code;
  }
}

interface Account {
  loginName: string;
  password: string;
  totpSecret?: string;
}

const t = (key: string) => text('ja', key);

async function setUpDesk(page: Page, counterNumber = 3) {
  await page.evaluate(
    (settings) => localStorage.setItem('madoguchi.counter.workstation', JSON.stringify(settings)),
    { municipality: TOWN, counterNumber, kind: 'certificates' },
  );
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
}

/** Fills the login form; with `code: 'next'` the account's next TOTP code. */
async function submitLogin(page: Page, account: Account, code: 'next' | string | undefined = 'next') {
  await page.locator('#login-name').fill(account.loginName);
  await page.locator('#login-password').fill(account.password);
  const totpCode = code === 'next' ? (account.totpSecret ? await nextCode(account.totpSecret) : '') : code;
  await page.locator('#login-totp').fill(totpCode ?? '');
  await page.getByRole('button', { name: t('counter.login.submit'), exact: true }).click();
}

/** A fresh browser context at the login of a set-up desk. */
async function loginPage(h: BrowserHarness): Promise<Page> {
  const page = await h.openPage('/counter/', { viewport: VIEWPORTS.desktop, isolated: true });
  page.setDefaultTimeout(10_000);
  await setUpDesk(page);
  await page.getByRole('heading', { name: t('counter.login.title') }).waitFor();
  return page;
}

async function logInAs(h: BrowserHarness, account: Account, path = '/counter/'): Promise<Page> {
  const page = await loginPage(h);
  if (path !== '/counter/') {
    await page.goto(new URL(path, h.baseUrl).toString());
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  }
  await submitLogin(page, account);
  await page.locator('nav.console-nav').waitFor();
  return page;
}

/** Problems on the page other than the refusals a test provoked on purpose (the browser logs each 4xx). */
function unexpected(h: BrowserHarness, page: Page, ...statuses: number[]): string[] {
  return h
    .problems(page)
    .filter((p) => !statuses.some((s) => p.includes(`the server responded with a status of ${s}`)));
}

async function menu(page: Page): Promise<string[]> {
  return page
    .locator('nav.console-nav a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('data-screen') ?? ''));
}

async function axe(page: Page, where: string, minor: string[]) {
  const violations = await expectNoSeriousAxeViolations(page);
  if (violations.length) minor.push(`${where}:\n${describeViolations(violations)}`);
}

describeInBrowser('staff console in Chromium', (h) => {
  let deps: StaffDeps;
  let demo: Record<Role, DemoStaffCredential>;
  const minor: string[] = [];

  const ready = async () => {
    if (deps) return;
    await newMunicipality(h.database.db, TOWN);
    deps = createStaffDeps({ db: h.database.db, totpKey: TOTP_KEY });
    const created = await ensureDemoStaff(deps, TOWN);
    demo = Object.fromEntries(created.map((c) => [c.role, c])) as Record<Role, DemoStaffCredential>;
  };

  it(
    'logs in with password and TOTP: the shell names the clerk, the town and the terminal',
    async () => {
      await ready();
      const page = await h.openPage('/counter/', { viewport: VIEWPORTS.desktop, isolated: true });
      page.setDefaultTimeout(10_000);
      // An unconfigured desk is set up first: the login needs its municipality and terminal.
      await page
        .getByRole('alert')
        .or(page.getByText(t('counter.login.setUpFirst')))
        .first()
        .waitFor();
      await page.locator('option[value="999997"]').waitFor({ state: 'attached' });
      await page.getByRole('combobox', { name: t('counter.municipalityLabel') }).selectOption(TOWN);
      await page.getByRole('textbox', { name: t('counter.counterNumberLabel') }).fill('7');
      await page.getByRole('radio', { name: t('counter.kinds.certificates') }).check();
      await page.getByRole('button', { name: t('counter.save') }).click();
      await page.getByRole('heading', { name: t('counter.login.title') }).waitFor();
      await page.getByText('端末：counter-07').waitFor();
      await axe(page, 'login', minor);
      await screenshot(page, 'console-login-ja');

      await submitLogin(page, demo.counter);
      await page.locator('nav.console-nav').waitFor();
      expect(await page.getByTestId('staff-name').textContent()).toBe('見本 窓口係');
      const context = (await page.locator('.console-context').textContent()) ?? '';
      expect(context).toContain('見本県 見本市（999997）');
      expect(context).toContain('7番窓口（証明書の発行）');
      expect(await page.getByTestId('terminal-id').textContent()).toBe('counter-07');
      // Focus moved to the new screen's heading.
      expect((await focusedElement(page))?.tag).toBe('h1');
      await axe(page, 'home (counter)', minor);
      await screenshot(page, 'console-home-counter');

      // The server recorded the login with this terminal.
      const row = await h.database.db
        .selectFrom('audit_log')
        .select(['terminal_id', 'actor_id'])
        .where('municipality_code', '=', TOWN)
        .where('action', '=', 'staff.login')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ terminal_id: 'counter-07', actor_id: demo.counter.staffId });

      // Keyboard: skip link first, then the menu, each stop with a visible focus.
      await page.goto(page.url());
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      const stops = await tabUntil(page, (el) => el.name === t('counter.nav.account'));
      expect(stops[0]?.name).toBe(t('common.skipToContent'));

      await page.getByRole('button', { name: t('counter.shell.logout') }).click();
      await page.getByText(t('counter.session.loggedOut')).waitFor();
      expect(h.problems(page)).toEqual([]);
    },
    FLOW,
  );

  it(
    'each role sees only its own menu, and a screen outside it says so',
    async () => {
      await ready();
      const expected: Record<Role, string[]> = {
        counter: ['home', 'issue', 'mail', 'account'],
        review: ['home', 'reviews', 'account'],
        admin: ['home', 'staff', 'fees', 'hours', 'kiosks', 'account'],
        audit: ['home', 'audit', 'account'],
        stats: ['home', 'stats', 'account'],
      };
      for (const role of Object.keys(expected) as Role[]) {
        const page = await logInAs(h, demo[role]);
        expect(await menu(page), role).toEqual(expected[role]);
        expect(await page.locator('[aria-current="page"]').getAttribute('data-screen')).toBe('home');
        await axe(page, `home (${role})`, minor);
        await screenshot(page, `console-home-${role}`);
        if (role !== 'audit') {
          await page.goto(new URL('/counter/audit', h.baseUrl).toString());
          await page.getByRole('heading', { name: t('counter.notAllowed.title') }).waitFor();
        }
        await page.context().close();
      }
    },
    FLOW,
  );

  it(
    'refuses a wrong code with the uniform message and the lockout hint',
    async () => {
      await ready();
      const page = await loginPage(h);
      await submitLogin(page, demo.review, wrongCode(demo.review.totpSecret));
      const failure = page.getByTestId('login-failure');
      await failure.waitFor();
      const shown = (await failure.textContent()) ?? '';
      expect(shown).toContain(text('ja', 'errors.staff.login_failed'));
      expect(shown).toContain(t('counter.login.lockoutHint'));
      // The secrets are cleared for the next try; the login ID stays.
      expect(await page.locator('#login-password').inputValue()).toBe('');
      expect(await page.locator('#login-name').inputValue()).toBe('demo-review');
      expect(await page.locator('nav.console-nav').count()).toBe(0);
      await axe(page, 'login refused', minor);
      await screenshot(page, 'console-login-refused');

      // Missing fields are caught before asking the server, each tied to its field.
      await page.locator('#login-name').fill('');
      await page.locator('#login-totp').fill('12');
      await page.getByRole('button', { name: t('counter.login.submit'), exact: true }).click();
      const summary = page.locator('.console-error-summary');
      await summary.waitFor();
      expect(await summary.locator('li').allTextContents()).toEqual([
        t('counter.login.loginNameRequired'),
        t('counter.login.passwordRequired'),
        t('counter.login.totpInvalid'),
      ]);
      expect(await page.locator('#login-totp').getAttribute('aria-invalid')).toBe('true');
      await axe(page, 'login errors', minor);
    },
    FLOW,
  );

  it(
    'locks an account after five failures, refuses even the right factors, and the administrator unlocks it',
    async () => {
      await ready();
      const account = await createStaff(deps, systemOperator(TOWN, 'e2e'), {
        loginName: 'e2e-locked',
        displayName: '施錠 試験',
        roles: ['counter'],
      });
      const clerk: Account = { loginName: 'e2e-locked', password: account.temporaryPassword };
      const page = await loginPage(h);
      for (let i = 0; i < 5; i++) {
        await submitLogin(page, { ...clerk, password: `wrong password ${i}` }, '');
        await page.getByTestId('login-failure').waitFor();
        await page.locator('#login-password').fill('');
      }
      await submitLogin(page, clerk, '');
      await page.getByTestId('login-failure').waitFor();
      expect(await page.getByTestId('login-failure').textContent()).toContain(t('counter.login.lockoutHint'));
      expect(await page.locator('nav.console-nav').count()).toBe(0);

      const admin = await logInAs(h, demo.admin, '/counter/staff');
      const row = admin.locator('tr[data-login="e2e-locked"]');
      await row.waitFor();
      expect(await row.textContent()).toContain(t('counter.staff.status.locked'));
      await axe(admin, 'staff list', minor);
      await screenshot(admin, 'console-staff-list');
      await row.getByRole('button', { name: '施錠 試験 さんのアカウントを管理' }).click();
      const dialog = admin.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: new RegExp(t('counter.staff.actions.unlock')) }).check();
      await dialog.locator('#manage-reason').fill('本人から電話で依頼（本人確認済み）');
      await axe(admin, 'staff dialog', minor);
      await screenshot(admin, 'console-staff-dialog');
      await dialog.getByRole('button', { name: t('counter.staff.actions.unlock') }).click();
      await admin.getByText('施錠 試験 さんのロックを解除しました。').waitFor();
      expect(await row.textContent()).toContain(t('counter.staff.status.active'));

      // Unlocked: the temporary password opens the first-login setup.
      await page.locator('#login-password').fill('');
      await submitLogin(page, clerk, '');
      await page.getByRole('heading', { name: t('counter.setup.passwordTitle') }).waitFor();
      expect(h.problems(admin)).toEqual([]);
    },
    FLOW,
  );

  it(
    'first login: the new member changes the password and enrols the authenticator from a scannable QR code',
    async () => {
      await ready();
      // The administrator creates the account in the console.
      const admin = await logInAs(h, demo.admin, '/counter/staff');
      await admin.getByRole('button', { name: t('counter.staff.openCreate') }).click();
      await admin.locator('#staff-display-name').fill('窓口　髙橋');
      await admin.locator('#staff-login-name').fill('e2e-takahashi');
      await admin.getByRole('checkbox', { name: new RegExp(`^${t('counter.roles.admin')}`) }).check();
      await admin.getByRole('checkbox', { name: new RegExp(`^${t('counter.roles.audit')}`) }).check();
      await admin.getByRole('button', { name: t('counter.staff.create') }).click();
      await admin.getByText(t('counter.staff.rolesConflict')).first().waitFor();
      await axe(admin, 'staff create errors', minor);
      await admin.getByRole('checkbox', { name: new RegExp(`^${t('counter.roles.admin')}`) }).uncheck();
      await admin.getByRole('checkbox', { name: new RegExp(`^${t('counter.roles.audit')}`) }).uncheck();
      await admin.getByRole('checkbox', { name: new RegExp(`^${t('counter.roles.counter')}`) }).check();
      await admin.getByRole('button', { name: t('counter.staff.create') }).click();
      const temporary = ((await admin.getByTestId('temporary-password').textContent()) ?? '').trim();
      expect(temporary.length).toBeGreaterThanOrEqual(12);
      await axe(admin, 'staff created', minor);
      await screenshot(admin, 'console-staff-created');
      expect(await admin.locator('tr[data-login="e2e-takahashi"]').textContent()).toContain(
        t('counter.staff.setupPassword'),
      );

      const page = await loginPage(h);
      await submitLogin(page, { loginName: 'e2e-takahashi', password: temporary }, '');
      await page.getByRole('heading', { name: t('counter.setup.passwordTitle') }).waitFor();
      await axe(page, 'setup password', minor);
      await screenshot(page, 'console-setup-password');
      await page.locator('#password-current').fill(temporary);
      await page.locator('#password-new').fill('short');
      await page.locator('#password-confirm').fill('short');
      await page.getByRole('button', { name: t('counter.password.submit') }).click();
      await page.getByText(t('counter.password.problems.tooShort')).first().waitFor();
      const chosen = '窓口の朝は早いが湯気の立つお茶がある';
      await page.locator('#password-new').fill(chosen);
      await page.locator('#password-confirm').fill(chosen);
      await page.getByRole('button', { name: t('counter.password.submit') }).click();

      await page.getByRole('heading', { name: t('counter.setup.totpTitle') }).waitFor();
      const qr = page.getByRole('img', { name: t('counter.setup.qrLabel') });
      await qr.waitFor();
      await axe(page, 'setup totp', minor);
      await screenshot(page, 'console-setup-totp');
      // What an authenticator app would read from the screen.
      const png = PNG.sync.read(await qr.screenshot());
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(decoded?.data).toMatch(/^otpauth:\/\/totp\/madoguchi%20999997:e2e-takahashi\?/);
      const secret = new URL(decoded?.data ?? '').searchParams.get('secret') ?? '';
      await page.getByText(t('counter.setup.manualTitle')).click();
      expect((await page.getByTestId('totp-secret').textContent())?.replace(/\s/g, '')).toBe(secret);

      await page.locator('#setup-totp-code').fill(wrongCode(secret));
      await page.getByRole('button', { name: t('counter.setup.confirm') }).click();
      await page
        .getByText(text('ja', 'errors.staff.login_failed').slice(0, 0) || '確認コードが正しくありません')
        .first()
        .waitFor();
      await page.locator('#setup-totp-code').fill(await nextCode(secret));
      await page.getByRole('button', { name: t('counter.setup.confirm') }).click();
      await page.locator('nav.console-nav').waitFor();
      expect(await page.getByTestId('staff-name').textContent()).toBe('窓口　髙橋');

      // From now on both factors are needed, and they work.
      await page.getByRole('button', { name: t('counter.shell.logout') }).click();
      await page.getByText(t('counter.session.loggedOut')).waitFor();
      await submitLogin(page, { loginName: 'e2e-takahashi', password: chosen, totpSecret: secret });
      await page.locator('nav.console-nav').waitFor();
      expect(unexpected(h, page, 422)).toEqual([]);

      // The administrator disables the account: the member's open session ends at their next request.
      await admin.reload();
      await admin.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      await admin.locator('tr[data-login="e2e-takahashi"]').getByRole('button').click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByRole('radio', { name: new RegExp(t('counter.staff.actions.disable')) }).check();
      await dialog.locator('#manage-reason').fill('人事異動（試験）');
      await dialog.getByRole('button', { name: t('counter.staff.actions.disable') }).click();
      await admin.getByText('窓口　髙橋 さんのアカウントを無効にしました。').waitFor();
      await page.getByRole('link', { name: t('counter.nav.account') }).click();
      await page.reload();
      await page.getByRole('heading', { name: t('counter.login.title') }).waitFor();
    },
    FLOW,
  );

  it(
    'a session that has ended on the server returns to the login with the reason',
    async () => {
      await ready();
      const page = await logInAs(h, demo.audit, '/counter/audit');
      await page.getByRole('heading', { name: t('counter.audit.resultsTitle') }).waitFor();
      await h.database.db
        .updateTable('staff_session')
        .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
        .where('municipality_code', '=', TOWN)
        .where('staff_id', '=', demo.audit.staffId)
        .where('revoked_at', 'is', null)
        .execute();
      await page.getByRole('button', { name: t('counter.audit.search') }).click();
      await page.getByText(t('counter.session.expiredTitle')).waitFor();
      expect(await page.locator('nav.console-nav').count()).toBe(0);
      // Nothing of the previous screen is left on the desk.
      expect(await page.getByText(t('counter.audit.resultsTitle')).count()).toBe(0);
      await axe(page, 'login after expiry', minor);
      await screenshot(page, 'console-session-expired');
      // Logging in again returns to the same screen.
      await submitLogin(page, demo.audit);
      await page.getByRole('heading', { name: t('counter.nav.audit'), level: 1 }).waitFor();
    },
    FLOW,
  );

  it(
    'an unattended desk is warned two minutes before, clears itself after 30 minutes without a request, and ends the session on the server',
    async () => {
      await ready();
      const page = await loginPage(h);
      // The page's clock is ours to move; the server keeps real time.
      await page.clock.install();
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      await submitLogin(page, demo.stats);
      await page.locator('nav.console-nav').waitFor();
      // The limit comes from the server (GET /staff/me: sessionIdleSeconds); two minutes before it, a warning.
      await page.clock.fastForward('27:00');
      expect(await page.getByTestId('idle-warning').count()).toBe(0);
      await page.clock.fastForward('02:00');
      const warning = page.getByTestId('idle-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain(t('counter.session.idleWarningTitle'));
      expect(await page.locator('nav.console-nav').count()).toBe(1);
      await axe(page, 'idle warning', minor);
      // One press is a request to the server: the warning goes and the count starts again.
      await warning.getByRole('button', { name: t('counter.session.idleContinue') }).click();
      await warning.waitFor({ state: 'detached' });
      await page.clock.fastForward('29:00');
      expect(await page.locator('nav.console-nav').count()).toBe(1);
      await page.clock.fastForward('01:30');
      await page.getByText(t('counter.session.idleTitle')).waitFor();
      // How long the desk waited is the server's limit (sessionIdleSeconds), in minutes.
      await page.getByText(t('counter.session.idle').replace('{{minutes}}', '30')).waitFor();
      expect(await page.locator('nav.console-nav').count()).toBe(0);
      await axe(page, 'login after idle', minor);
      // The console also ended the session, so the cookie left in the browser opens nothing.
      const me = await page.context().request.get(new URL('/api/v1/staff/me', h.baseUrl).toString());
      expect(me.status()).toBe(401);
    },
    FLOW,
  );

  it(
    'the audit screen searches, pages and verifies the chain, naming a tampered row',
    async () => {
      await ready();
      const page = await logInAs(h, demo.audit, '/counter/audit?action=staff.login');
      const rows = page.locator('tbody tr');
      await rows.first().waitFor();
      // An exact action, not a prefix: staff.login_failed stays out.
      expect(
        new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))),
      ).toEqual(new Set(['staff.login']));
      await axe(page, 'audit results', minor);
      await screenshot(page, 'console-audit-results');

      // 60 reads of one record: 50 on the first page, the other 10 on the second, newest first.
      for (let i = 0; i < 60; i++)
        await h.database.db.transaction().execute((trx) =>
          appendAudit(trx, {
            municipalityCode: TOWN,
            actor: { type: 'staff', id: 'e2e-reader', terminalId: 'counter-99' },
            action: 'resident.read',
            subjectType: 'resident',
            subjectId: '424242',
            details: { n: i },
          }),
        );
      await page.locator('#audit-subject').fill('resident:424242');
      await page.locator('#audit-action').selectOption('resident.read');
      await page.getByRole('button', { name: t('counter.audit.search'), exact: true }).click();
      await page.getByText('全60件中 1〜50件目（新しい順）').waitFor();
      expect(await rows.count()).toBe(50);
      const pager = page.getByRole('navigation', { name: t('counter.audit.pager') });
      expect(await pager.getByRole('button', { name: t('counter.audit.previous') }).isDisabled()).toBe(true);
      await pager.getByRole('button', { name: t('counter.audit.next') }).click();
      await page.getByText('全60件中 51〜60件目（新しい順）').waitFor();
      expect(await rows.count()).toBe(10);
      expect(new URL(page.url()).searchParams.get('page')).toBe('2');
      // The oldest ten, the very first of them last.
      expect(await rows.last().locator('details pre').textContent()).toContain('"n": 0');
      // Back goes to the first page.
      await page.goBack();
      await page.getByText('全60件中 1〜50件目（新しい順）').waitFor();

      await page.getByRole('button', { name: t('counter.audit.verify') }).click();
      await page.getByText(t('counter.audit.chainOk')).waitFor();

      const target = await h.database.db
        .selectFrom('audit_log')
        .select(['seq', 'actor_id'])
        .where('municipality_code', '=', TOWN)
        .where('action', '=', 'staff.login')
        .orderBy('seq')
        .executeTakeFirstOrThrow();
      const tamper = async (actorId: string) => {
        await sql`alter table audit_log disable trigger audit_log_no_update`.execute(h.database.db);
        try {
          await h.database.db
            .updateTable('audit_log')
            .set({ actor_id: actorId })
            .where('municipality_code', '=', TOWN)
            .where('seq', '=', target.seq)
            .execute();
        } finally {
          await sql`alter table audit_log enable trigger audit_log_no_update`.execute(h.database.db);
        }
      };
      await tamper('somebody-else');
      try {
        await page.getByRole('button', { name: t('counter.audit.verify') }).click();
        const problems = page.getByTestId('chain-problems');
        await problems.waitFor();
        expect(await problems.locator('li').allTextContents()).toEqual([
          `番号 ${target.seq}：${t('counter.audit.problems.hash_mismatch')}`,
        ]);
        await axe(page, 'audit chain broken', minor);
        await screenshot(page, 'console-audit-broken');
      } finally {
        await tamper(target.actor_id);
      }
    },
    FLOW,
  );

  it(
    'in English too: the shell, the menu and the audit screen change language and still pass axe',
    async () => {
      await ready();
      const page = await logInAs(h, demo.audit);
      await page.getByRole('combobox', { name: /言語/ }).selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Work for 見本 監査係' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.locator('nav.console-nav a').allTextContents()).toEqual([
        text('en', 'counter.nav.home'),
        text('en', 'counter.nav.audit'),
        text('en', 'counter.nav.account'),
      ]);
      await axe(page, 'home (en)', minor);
      await page
        .locator('nav.console-nav')
        .getByRole('link', { name: text('en', 'counter.nav.audit') })
        .click();
      await page.getByRole('heading', { level: 1, name: text('en', 'counter.nav.audit') }).waitFor();
      expect(await page.title()).toBe(
        `${text('en', 'counter.nav.audit')} | ${text('en', 'counter.documentTitle')}`,
      );
      await page.getByRole('heading', { name: text('en', 'counter.audit.resultsTitle') }).waitFor();
      await axe(page, 'audit (en)', minor);
      await screenshot(page, 'console-audit-en');
      await page.context().close();
    },
    FLOW,
  );

  it('reports the minor axe findings of every console screen', () => {
    if (minor.length) console.info(`[e2e] minor axe findings on the console:\n${minor.join('\n')}`);
  });
});
