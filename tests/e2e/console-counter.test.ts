/**
 * Counter issuance in Chromium, as a clerk does it: find the person, confirm
 * who asks and their ID, add certificates, take the fee and print — for 本人,
 * an agent with a 委任状 and a third party with a reason; a refusal read in
 * plain Japanese; a 支援措置 line approved by a reviewer; then the auditor
 * finds the issuance (and reads the clerk's name). Then every certificate kind
 * for 本人, 代理人 and 第三者 from one table, on one logged-in page, each refusal
 * of the engine read in plain Japanese; and the 統計 role's figures. Every PDF
 * the browser saves verifies with pdfsig and with the app's own
 * verifyCertificateFile. Each screen passes axe.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Download, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { prepareMunicipalityForIssuance } from '../../src/issuance/use-cases/prepare-municipality.js';
import { signingIdentities } from '../../src/issuance/use-cases/signing-identities.js';
import { verifyCertificateFile } from '../../src/issuance/use-cases/verify-certificate.js';
import { base32Decode, totp } from '../../src/staff/domain/totp.js';
import {
  createStaffDeps,
  type DemoStaffCredential,
  ensureDemoStaff,
  type Role,
} from '../../src/staff/index.js';
import { newFamily, newKaiseigenRegister, newMunicipality, newResident } from '../support/factories.js';
import { pdfFile, pdfsig, pdftotext } from '../support/poppler.js';
import {
  type BrowserHarness,
  describeInBrowser,
  describeViolations,
  expectNoSeriousAxeViolations,
  screenshot,
  VIEWPORTS,
} from './support/browser.js';
import { text } from './support/texts.js';

// The server reads these at start; the test prepares the town with the same secrets.
const TOTP_KEY = 'e2e counter: key for sealing TOTP secrets';
const PASSPHRASE = 'e2e counter: signing key passphrase';
process.env.MADOGUCHI_STAFF_TOTP_KEY = TOTP_KEY;
process.env.MADOGUCHI_KEY_PASSPHRASE = PASSPHRASE;
const TOWN = '999997';
const FLOW = 240_000;
const t = (key: string) => text('ja', key);

const usedSteps = new Map<string, number>();
/** Each code opens one session only: consecutive logins of an account take the next 30-second step. */
async function nextCode(secret: string): Promise<string> {
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    const candidate = Math.max(step, (usedSteps.get(secret) ?? Number.NEGATIVE_INFINITY) + 1);
    if (candidate <= step + 1) {
      usedSteps.set(secret, candidate);
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
    { municipality: TOWN, counterNumber: 2, kind: 'certificates' },
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

async function axe(page: Page, where: string, minor: string[]) {
  const violations = await expectNoSeriousAxeViolations(page);
  if (violations.length) minor.push(`${where}:\n${describeViolations(violations)}`);
}

/** Searches by name and opens the person's card. */
async function choosePerson(page: Page, name: string, fullName: string) {
  await page.locator('#person-name').fill(name);
  await page.getByRole('button', { name: t('counter.issue.search'), exact: true }).click();
  await page.getByRole('button', { name: `${fullName} さんを選ぶ` }).click();
  await page.getByTestId('person-card').first().waitFor();
}

async function openVisitAs(page: Page, relation: string, identity: string) {
  await page.getByRole('radio', { name: new RegExp(`^${t(`counter.issue.relations.${relation}`)}`) }).check();
  await page.locator('#requester-identity').selectOption(identity);
}

async function addCertificate(page: Page, certificate: string, fill?: () => Promise<void>) {
  await page.locator('#line-certificate').selectOption(certificate);
  if (fill) await fill();
  await page.getByRole('button', { name: t('counter.issue.line.add') }).click();
}

/**
 * Saves every PDF of the issued view through the browser's download, as a clerk would.
 * Chromium drops anchor downloads clicked in a quick burst (measured: about 20 at once, then
 * about two a second) and a dropped click leaves nothing behind, so a link whose file has not
 * come is clicked again; the file is told by its name, so a late one is never taken for another.
 */
async function savedPdfs(page: Page): Promise<{ name: string; bytes: Buffer }[]> {
  const links = page.getByRole('link', { name: /のPDFを保存$/ });
  const files = [];
  for (let i = 0; i < (await links.count()); i++) {
    const link = links.nth(i);
    const name = await link.getAttribute('download');
    let download: Download | undefined;
    for (let attempt = 1; !download; attempt++) {
      const last = attempt === 5;
      const arrived = page.waitForEvent('download', {
        predicate: (d) => d.suggestedFilename() === name,
        timeout: last ? 15_000 : 3_000,
      });
      await link.click();
      download = last ? await arrived : await arrived.catch(() => undefined);
    }
    const path = await download.path();
    files.push({ name: download.suggestedFilename(), bytes: readFileSync(path) });
  }
  return files;
}

type Relation = 'self' | 'agent' | 'third_party';
type KindSubject = 'head' | 'movedOut';
interface KindCase {
  kind: string;
  relation: Relation;
  /** Whose certificate: the head of the 種田 family, or 転出 済子 who moved away (除票). */
  subject: KindSubject;
  /** The engine's refusal and what its Japanese must say. */
  refused?: { code: string; says: RegExp };
}

const KINDS_OF_HEAD = [
  'juminhyo',
  'juminhyo-kisai',
  'inkan',
  'koseki-zenbu',
  'koseki-kojin',
  'fuhyo',
  'kazei',
  'koseki-joseki',
  'koseki-kaiseigen',
] as const;

/**
 * Every kind the counter offers, for 本人, an agent with a 委任状 and a third party with a
 * reason. The law refuses a third party the 印鑑登録証明書 and the 課税証明書; the 戸籍
 * kinds, 除籍 and 改製原戸籍 included, go to a third party with a lawful reason.
 */
const KIND_CASES: KindCase[] = (['self', 'agent', 'third_party'] as const).flatMap((relation) => [
  ...KINDS_OF_HEAD.map((kind): KindCase => {
    const refused =
      relation === 'third_party' && kind === 'inkan'
        ? { code: 'inkan_registrant_only', says: /印鑑登録証明書は、登録者本人/ }
        : relation === 'third_party' && kind === 'kazei'
          ? { code: 'kazei_not_for_others', says: /課税\(非課税\)証明書は、ご本人/ }
          : undefined;
    return { kind, relation, subject: 'head', ...(refused ? { refused } : {}) };
  }),
  { kind: 'juminhyo-johyo', relation, subject: 'movedOut' },
]);

/** One visit per requester: 本人 is a different requester for each person; an agent or third party asks for both. */
function groupIntoVisits(cases: KindCase[]) {
  const visits: { relation: Relation; cases: KindCase[] }[] = [];
  for (const c of cases) {
    const last = visits.at(-1);
    const same =
      last && last.relation === c.relation && (c.relation !== 'self' || last.cases[0]!.subject === c.subject);
    if (same) last.cases.push(c);
    else visits.push({ relation: c.relation, cases: [c] });
  }
  return visits;
}

/** What the clerk fills for each kind beyond the defaults. */
async function fillKind(page: Page, kind: string) {
  if (kind === 'juminhyo-kisai') {
    await page.getByRole('checkbox', { name: t('counter.items.name'), exact: true }).check();
    await page.getByRole('checkbox', { name: t('counter.items.address'), exact: true }).check();
  }
  if (kind === 'inkan') await page.getByRole('checkbox', { name: t('counter.issue.line.sealCard') }).check();
  // The 年度 assessed for the family (the factory's 2025), not this year's default.
  if (kind === 'kazei') await page.locator('#line-tax-year').fill('2025');
}

describeInBrowser('counter issuance in Chromium', (h) => {
  let demo: Record<Role, DemoStaffCredential>;
  let family: Awaited<ReturnType<typeof newFamily>>;
  let protectedPerson: Awaited<ReturnType<typeof newResident>>;
  const minor: string[] = [];

  const ready = async () => {
    if (demo) return;
    const db = h.database.db;
    await newMunicipality(db, TOWN);
    await prepareMunicipalityForIssuance(db, signingIdentities(db, PASSPHRASE), TOWN);
    const created = await ensureDemoStaff(createStaffDeps({ db, totpKey: TOTP_KEY }), TOWN);
    demo = Object.fromEntries(created.map((c) => [c.role, c])) as Record<Role, DemoStaffCredential>;
    family = await newFamily(db, { size: 3 });
    protectedPerson = await newResident(db, {
      family_name: '守田',
      given_name: '静香',
      family_name_kana: 'モリタ',
      given_name_kana: 'シズカ',
      support_measure: true,
    });
  };

  let kindsFixture: { head: string; headGiven: string; movedOut: string } | undefined;
  /** The counter clerk's page, logged in once: each further login of an account waits for the next TOTP step (up to 30 s). */
  let clerkPage: Page | undefined;
  /** Opens `path` on the clerk's page, logging in only the first time; `seen` is where this test's page problems start. */
  async function clerk(path: string): Promise<{ page: Page; seen: number }> {
    if (!clerkPage || clerkPage.isClosed()) {
      clerkPage = await logInAs(h, demo.counter, path);
      return { page: clerkPage, seen: 0 };
    }
    const seen = h.problems(clerkPage).length;
    await clerkPage.goto(new URL(path, h.baseUrl).toString());
    await clerkPage.locator('nav.console-nav').waitFor();
    return { page: clerkPage, seen };
  }
  /**
   * The 種田 family: its head has a seal, tax records, the current register and the
   * registers of his parents (closed: 除籍, and its pre-revision form: 改製原戸籍);
   * 転出 済子 moved away last year (除票).
   */
  const kindsWorld = async () => {
    if (kindsFixture) return kindsFixture;
    const db = h.database.db;
    const family = await newFamily(db, { size: 2, familyName: '種田', familyKana: 'タネダ' });
    const head = family.members[0]!;
    const kosekiId = 770_000 + (Date.now() % 10_000) * 10;
    await db
      .insertInto('koseki')
      .values({
        municipality_code: TOWN,
        koseki_id: kosekiId,
        honseki: '見本県見本市本町五丁目1番地',
        hittosha: '種田　一郎',
        honseki_key: 'x',
        hittosha_key: 'x',
        status: 'closed',
        compiled_on: '1950-01-01',
        closed_on: '1995-03-01',
        closed_reason: '全員除籍',
      })
      .execute();
    await db
      .insertInto('koseki_member')
      .values({
        municipality_code: TOWN,
        koseki_id: kosekiId,
        member_no: 1,
        family_name: '種田',
        given_name: head.given_name,
        birth_date: head.birth_date,
        sex: 'M',
        father_name: '種田　一郎',
        mother_name: '種田　花',
        relationship: '長男',
        status: 'removed',
        removed_reason: '婚姻',
        resident_id: head.resident_id,
        juminhyo_code: head.juminhyo_code,
      })
      .execute();
    // The same family's paper register before the 1996 改製, with everyone it held.
    await newKaiseigenRegister(db, { familyName: '種田', children: [head] });
    const movedOut = await newResident(db, {
      family_name: '転出',
      given_name: '済子',
      family_name_kana: 'テンシュツ',
      given_name_kana: 'スミコ',
      status: 'moved_out',
      removed_on: '2025-06-01',
      removal_reason: '転出',
      moved_to_address: '東京都千代田区千代田1番1号',
    });
    kindsFixture = {
      head: `${head.family_name}　${head.given_name}`,
      headGiven: head.given_name,
      movedOut: `${movedOut.family_name}　${movedOut.given_name}`,
    };
    return kindsFixture;
  };

  /** Finds the case's person (the 除票 among people no longer resident) and opens the card. */
  async function choosePersonOf(page: Page, people: { head: string; movedOut: string }, who: KindSubject) {
    const full = people[who];
    await page.locator('#person-name').fill(full.split('　')[0]!);
    const removed = page.locator('#person-removed');
    if ((await removed.isChecked()) !== (who === 'movedOut')) await removed.setChecked(who === 'movedOut');
    await page.getByRole('button', { name: t('counter.issue.search'), exact: true }).click();
    await page.getByRole('button', { name: `${full} さんを選ぶ` }).click();
    await page.getByTestId('person-card').first().waitFor();
  }

  /** Every PDF is signed (pdfsig), and each certificate is one the app recorded (verifyCertificateFile); `count` includes the receipt. */
  async function expectVerified(files: { name: string; bytes: Buffer }[], count: number) {
    expect(files.length).toBe(count);
    for (const file of files) {
      const path = `/tmp/madoguchi-e2e-${Date.now()}-${file.name}`;
      writeFileSync(path, file.bytes);
      expect(pdfsig(path), file.name).toMatch(/Signature Validation: Signature is Valid/);
      if (file.name !== 'receipt.pdf')
        expect((await verifyCertificateFile(h.database.db, file.bytes)).verdict, file.name).toBe('genuine');
    }
  }

  it(
    '本人: finds 𠮷田 by 吉田, issues a 住民票 and a 印鑑登録証明書 for cash, and every PDF verifies',
    async () => {
      await ready();
      const head = family.members[0]!;
      const { page } = await clerk('/counter/issue');
      await page.getByRole('heading', { name: t('counter.issue.findTitle') }).waitFor();
      await axe(page, 'issue: find', minor);
      await choosePerson(page, '吉田', `${head.family_name}　${head.given_name}`);
      await axe(page, 'issue: requester', minor);
      await screenshot(page, 'console-issue-requester');
      await openVisitAs(page, 'self', '運転免許証');
      await page.getByRole('button', { name: t('counter.issue.requester.open') }).click();
      await page.getByRole('heading', { name: t('counter.issue.certificatesTitle') }).waitFor();

      await addCertificate(page, 'juminhyo', async () => {
        await page.getByRole('checkbox', { name: t('counter.items.householdHead') }).check();
        await page.locator('#line-copies').fill('2');
      });
      await page.getByText('住民票の写し 2通（600円）を追加しました。').waitFor();
      await addCertificate(page, 'inkan', async () => {
        await page.getByRole('checkbox', { name: t('counter.issue.line.sealCard') }).check();
      });
      await page.getByText('印鑑登録証明書 1通（300円）を追加しました。').waitFor();
      expect(await page.getByTestId('visit-total').textContent()).toBe('900円');
      await axe(page, 'issue: certificates', minor);
      await screenshot(page, 'console-issue-certificates');

      await page.getByRole('button', { name: t('counter.issue.toPayment') }).click();
      await page.locator('#pay-tendered').fill('1,000');
      await page.getByText('お釣り 100円').waitFor();
      await axe(page, 'issue: payment', minor);
      await screenshot(page, 'console-issue-payment');
      await page.getByRole('button', { name: t('counter.issue.pay.submit') }).click();
      await page.getByRole('heading', { name: t('counter.issue.doneTitle') }).waitFor();
      const issued = page.getByTestId('issued');
      expect(await issued.locator('tr[data-line]').count()).toBe(2);
      expect(await issued.locator('tr[data-receipt]').textContent()).toMatch(/領収第R\d+-\d{6}号|R\d+/);
      await axe(page, 'issue: done', minor);
      await screenshot(page, 'console-issue-done');
      await expectVerified(await savedPdfs(page), 3);
      expect(h.problems(page)).toEqual([]);
    },
    FLOW,
  );

  it(
    '代理人 with a 委任状 and 第三者 with a reason; a refusal is explained in plain Japanese',
    async () => {
      await ready();
      const child = family.members[2]!;
      const { page, seen } = await clerk('/counter/issue');
      await choosePerson(page, child.given_name, `${child.family_name}　${child.given_name}`);
      await openVisitAs(page, 'agent', 'マイナンバーカード');
      await page.getByRole('button', { name: t('counter.issue.requester.open') }).click();
      // The name and the 委任状 are asked for before anything reaches the server.
      const summary = page.locator('.console-error-summary');
      await summary.waitFor();
      expect(await summary.locator('li').allTextContents()).toEqual([
        t('counter.issue.requester.nameRequired'),
        t('counter.issue.requester.powerOfAttorneyRequired'),
      ]);
      await axe(page, 'issue: requester errors', minor);
      await page.locator('#requester-name').fill('代理　一郎');
      await page.locator('#requester-poa').check();
      await page.getByRole('button', { name: t('counter.issue.requester.open') }).click();
      await addCertificate(page, 'juminhyo');
      await page.getByText('住民票の写し 1通（300円）を追加しました。').waitFor();
      // 個人番号 is printed only for the person or the household: the engine refuses, in plain Japanese.
      await addCertificate(page, 'juminhyo', async () => {
        await page.getByRole('checkbox', { name: t('counter.items.myNumber') }).check();
      });
      const refusal = page.locator('[data-error-code]');
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/個人番号.*本人/);
      await axe(page, 'issue: refusal', minor);
      await screenshot(page, 'console-issue-refusal');
      expect(await page.getByTestId('visit-lines').locator('tbody tr').count()).toBe(1);
      await page.getByRole('button', { name: t('counter.issue.toPayment') }).click();
      await page.getByRole('radio', { name: new RegExp(`^${t('counter.issue.pay.cashless')}`) }).check();
      await page.locator('#pay-reference').fill('QR-20260401-0001');
      await page.getByRole('button', { name: t('counter.issue.pay.submit') }).click();
      await page.getByRole('heading', { name: t('counter.issue.doneTitle') }).waitFor();
      await expectVerified(await savedPdfs(page), 2);

      // Next visit: a third party with a concrete reason.
      await page.getByRole('button', { name: t('counter.issue.done.next') }).click();
      await choosePerson(page, child.given_name, `${child.family_name}　${child.given_name}`);
      await openVisitAs(page, 'third_party', '運転免許証');
      await page.locator('#requester-name').fill('債権　回収');
      await page.locator('#requester-reason-kind').selectOption('exercise_of_rights');
      await page
        .locator('#requester-reason-detail')
        .fill('貸金返還請求訴訟の提起にあたり、被告の住所を確認するため（訴状案を確認）');
      await page.getByRole('button', { name: t('counter.issue.requester.open') }).click();
      await addCertificate(page, 'juminhyo');
      await page.getByText('住民票の写し 1通（300円）を追加しました。').waitFor();
      await page.getByRole('button', { name: t('counter.issue.toPayment') }).click();
      await page.locator('#pay-tendered').fill('300');
      await page.getByRole('button', { name: t('counter.issue.pay.submit') }).click();
      await page.getByRole('heading', { name: t('counter.issue.doneTitle') }).waitFor();
      await expectVerified(await savedPdfs(page), 2);
      expect(
        h
          .problems(page)
          .slice(seen)
          .filter((p) => !p.includes('status of 422')),
      ).toEqual([]);
    },
    FLOW,
  );

  it(
    '支援措置: the line waits for 審査; the reviewer approves and the clerk issues that one certificate',
    async () => {
      await ready();
      const { page } = await clerk('/counter/issue');
      await choosePerson(page, '守田', '守田　静香');
      // The warning is on the card before anything else.
      expect(await page.getByTestId('person-card').textContent()).toContain(
        t('counter.issue.supportMeasureTitle'),
      );
      await openVisitAs(page, 'third_party', '運転免許証');
      await page.locator('#requester-name').fill('訪問　者');
      await page.locator('#requester-reason-kind').selectOption('exercise_of_rights');
      await page
        .locator('#requester-reason-detail')
        .fill('相続手続のため、相続人の住所を確認する（遺産分割協議書を提示）');
      await page.getByRole('button', { name: t('counter.issue.requester.open') }).click();
      await addCertificate(page, 'juminhyo');
      await page.getByText('住民票の写しは支援措置の審査が必要です').waitFor();
      await page.getByRole('button', { name: t('counter.issue.toPayment') }).click();
      await page.getByText(t('counter.issue.pay.awaitingReview')).waitFor();
      expect(await page.getByRole('button', { name: t('counter.issue.pay.submit') }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: t('counter.issue.backToCertificates') }).click();
      await page.getByRole('button', { name: t('counter.issue.lines.requestReview') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('#review-note').fill('遺産分割協議書の原本を確認。請求者は相続人の一人と名乗る。');
      await axe(page, 'issue: review request', minor);
      await dialog.getByRole('button', { name: t('counter.issue.lines.sendReview') }).click();
      await page.getByText(t('counter.issue.lines.review.pending')).waitFor();
      await screenshot(page, 'console-issue-review-pending');

      const reviewer = await logInAs(h, demo.review, '/counter/reviews');
      const card = reviewer.locator('li[data-override]').first();
      await card.waitFor();
      expect(await card.textContent()).toContain('守田　静香');
      expect(await card.textContent()).toContain('訪問　者');
      await axe(reviewer, 'reviews', minor);
      await screenshot(reviewer, 'console-reviews');
      await card.getByRole('button', { name: t('counter.reviews.decide') }).click();
      const decide = reviewer.getByRole('dialog');
      await decide
        .getByRole('radio', { name: new RegExp(`^${t('counter.reviews.decisions.approve')}`) })
        .check();
      await decide.locator('#review-reason').fill('相続関係を戸籍で確認。住所は開示せず交付先を限定。');
      await axe(reviewer, 'reviews: decision', minor);
      await decide.getByRole('button', { name: t('counter.reviews.decisions.approve') }).click();
      await reviewer.getByText('守田　静香 さんに関する申請を承認しました。').waitFor();

      await page.getByRole('button', { name: t('counter.issue.refresh') }).click();
      await page.getByText(t('counter.issue.lines.review.approved')).waitFor();
      await page.getByRole('button', { name: t('counter.issue.toPayment') }).click();
      await page.locator('#pay-tendered').fill('500');
      await page.getByRole('button', { name: t('counter.issue.pay.submit') }).click();
      await page.getByRole('heading', { name: t('counter.issue.doneTitle') }).waitFor();
      await expectVerified(await savedPdfs(page), 2);
    },
    FLOW,
  );

  it(
    'after those visits, the audit screen finds the issuances, the reads of the protected person and the review',
    async () => {
      await ready();
      const page = await logInAs(h, demo.audit, '/counter/audit?action=certificate.issue');
      const rows = page.locator('tbody tr');
      await rows.first().waitFor();
      // 2 for 本人, 1 for the agent, 1 for the third party, 1 after the review.
      expect(await rows.count()).toBe(5);
      expect(
        new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))),
      ).toEqual(new Set(['certificate.issue']));
      // Auditors read who issued: the clerk's name beside the id.
      expect(await rows.first().getByTestId('audit-actor-name').textContent()).toBe('見本 窓口係');
      await screenshot(page, 'console-audit-issuances');
      // Narrowing to the protected person shows who looked at her record.
      await page.goto(
        new URL(`/counter/audit?subject=resident:${protectedPerson.resident_id}`, h.baseUrl).toString(),
      );
      await rows.first().waitFor();
      const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
      expect(actions).toContain('resident.read');
      expect(actions).toContain('override.approved');
      expect(actions).toContain('certificate.issue');
      await axe(page, 'audit: subject', minor);
    },
    FLOW,
  );

  it(
    '郵送請求: register a letter with too few 定額小為替, check (shortfall letter), record the difference, issue, post',
    async () => {
      await ready();
      const member = family.members[1]!;
      const { page, seen } = await clerk('/counter/mail');
      await page.getByRole('heading', { name: t('counter.mail.listTitle') }).waitFor();
      await axe(page, 'mail: list', minor);
      await page.getByRole('button', { name: t('counter.mail.register') }).click();
      await page.locator('#mail-person-name').fill(member.given_name);
      await page.getByRole('button', { name: t('counter.issue.search'), exact: true }).click();
      await page
        .getByRole('button', { name: `${member.family_name}　${member.given_name} さんを選ぶ` })
        .click();
      await openVisitAs(page, 'self', '運転免許証');
      await page.getByRole('button', { name: t('counter.mail.next') }).click();
      await page.getByRole('heading', { name: t('counter.mail.registerLetter') }).waitFor();
      await addCertificate(page, 'juminhyo');
      await page.getByTestId('mail-items').locator('li').first().waitFor();
      await page.locator('#mail-postal-code').fill('999-9999');
      await page.locator('#mail-address').fill('見本県見本市本町二丁目3番4号');
      await page.locator('#mail-enclosed').fill('200');
      await axe(page, 'mail: registration', minor);
      await screenshot(page, 'console-mail-register');
      await page.getByRole('button', { name: t('counter.mail.submit') }).click();

      const detail = page.getByTestId('mail-detail');
      await detail.waitFor();
      expect(await detail.getAttribute('data-status')).toBe('received');
      await page.getByRole('button', { name: t('counter.mail.check') }).click();
      await page.getByText(/不足額 100円 があります/).waitFor();
      expect(await detail.getAttribute('data-status')).toBe('checked');
      expect(await page.getByRole('button', { name: t('counter.mail.issue') }).isDisabled()).toBe(true);
      // The shortfall letter is signed like every document the office sends.
      const letter = page.getByTestId('mail-letters').locator('li[data-kind="mail_shortfall"]');
      const letterHref = await letter.getByRole('link').getAttribute('href');
      const letterPdf = await page.context().request.get(new URL(letterHref ?? '', h.baseUrl).toString());
      expect(letterPdf.headers()['content-type']).toBe('application/pdf');
      const letterPath = `/tmp/madoguchi-e2e-${Date.now()}-shortfall.pdf`;
      writeFileSync(letterPath, await letterPdf.body());
      expect(pdfsig(letterPath)).toMatch(/Signature Validation: Signature is Valid/);
      await axe(page, 'mail: shortfall', minor);
      await screenshot(page, 'console-mail-shortfall');

      await page.locator('#remit-additional-amount').fill('100');
      await page.getByRole('button', { name: t('counter.mail.remittanceForms.additional') }).click();
      await page.getByText('100円 の受領を記録しました。').waitFor();
      await page.getByRole('button', { name: t('counter.mail.issue') }).click();
      await page.getByText('証明書 1件を交付しました。', { exact: false }).waitFor();
      expect(await detail.getAttribute('data-status')).toBe('issued');
      await expectVerified(await savedPdfs(page), 1);
      await page.getByRole('button', { name: t('counter.mail.post') }).click();
      await page.getByText(t('counter.mail.posted')).waitFor();
      expect(await detail.getAttribute('data-status')).toBe('posted');
      await page.getByText(t('counter.mail.workLog')).click();
      const log = (await page.getByTestId('mail-work-log').textContent()) ?? '';
      for (const step of [
        'received',
        'checked',
        'shortfall_letter',
        'additional_payment',
        'issued',
        'posted',
      ])
        expect(log).toContain(t(`counter.mail.events.${step}`));
      await axe(page, 'mail: posted', minor);
      await screenshot(page, 'console-mail-posted');
      expect(h.problems(page).slice(seen)).toEqual([]);
    },
    FLOW,
  );

  it(
    'every certificate kind for 本人, 代理人 and 第三者 on one page: issued and verified, or refused in plain Japanese',
    async () => {
      await ready();
      const started = Date.now();
      const kinds = await kindsWorld();
      const { page, seen } = await clerk('/counter/issue');
      const visits = groupIntoVisits(KIND_CASES);
      const timings: string[] = [];
      let checkedRefusal = false;
      for (const visit of visits) {
        const visitStarted = Date.now();
        const requester = visit.relation === 'self' ? visit.cases[0]!.subject : 'head';
        await choosePersonOf(page, kinds, requester);
        await openVisitAs(page, visit.relation, '運転免許証');
        if (visit.relation === 'agent') {
          await page.locator('#requester-name').fill('代理　花子');
          await page.locator('#requester-poa').check();
        }
        if (visit.relation === 'third_party') {
          await page.locator('#requester-name').fill('司法　書士');
          await page.locator('#requester-reason-kind').selectOption('exercise_of_rights');
          await page
            .locator('#requester-reason-detail')
            .fill('売買契約に基づく所有権移転登記の申請にあたり、登記義務者の住所と本籍を確認するため');
        }
        await page.getByRole('button', { name: t('counter.issue.requester.open') }).click();
        await page.getByRole('heading', { name: t('counter.issue.certificatesTitle') }).waitFor();
        let subject = requester;
        const issued: string[] = [];
        for (const c of visit.cases) {
          const label = `${c.relation} ${c.kind}`;
          if (c.subject !== subject) {
            // Another person's certificate in the same visit (the 除票 of someone who moved away).
            await page.getByRole('button', { name: t('counter.issue.addAnotherPerson') }).click();
            await choosePersonOf(page, kinds, c.subject);
            subject = c.subject;
          }
          const [response] = await Promise.all([
            page.waitForResponse(
              (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/lines'),
            ),
            addCertificate(page, c.kind, () => fillKind(page, c.kind)),
          ]);
          if (!c.refused) {
            expect(response.status(), `${label}: ${await response.text()}`).toBe(201);
            issued.push(c.kind);
            await page
              .getByTestId('visit-lines')
              .locator(`tbody tr[data-certificate="${c.kind}"]`)
              .first()
              .waitFor();
            if (visit.relation === 'agent' && issued.length === 1) {
              // A reload (or a colleague) carries on: the server kept the line's 委任状, so the
              // visit takes more certificates once the person is chosen again.
              await page.reload();
              await page.getByText(t('counter.issue.resumedChoosePerson')).waitFor();
              await page.getByRole('button', { name: t('counter.issue.addAnotherPerson') }).click();
              await choosePersonOf(page, kinds, subject);
            }
            continue;
          }
          // Refused by the engine: nothing added, and the console says why in the engine's own Japanese.
          expect(response.status(), label).toBe(422);
          const problem = (await response.json()) as { code: string; ja: string };
          expect(problem.code, label).toBe(c.refused.code);
          const refusal = page.locator('[data-error-code]');
          await refusal.waitFor();
          expect(await refusal.getAttribute('data-error-code'), label).toBe(c.refused.code);
          const shown = (await refusal.textContent()) ?? '';
          expect(shown, label).toMatch(c.refused.says);
          expect(shown, label).toMatch(/^[^A-Za-z]*$/);
          if (!checkedRefusal) {
            await axe(page, `kinds: refusal ${label}`, minor);
            checkedRefusal = true;
          }
        }
        expect(await page.getByTestId('visit-lines').locator('tbody tr[data-line]').count()).toBe(
          issued.length,
        );
        const total = Number(
          ((await page.getByTestId('visit-total').textContent()) ?? '').replace(/\D/g, ''),
        );
        await page.getByRole('button', { name: t('counter.issue.toPayment') }).click();
        await page.locator('#pay-tendered').fill(String(total));
        await page.getByRole('button', { name: t('counter.issue.pay.submit') }).click();
        await page.getByRole('heading', { name: t('counter.issue.doneTitle') }).waitFor();
        const files = await savedPdfs(page);
        await expectVerified(files, issued.length + 1);
        // Each saved certificate is the kind asked for, in order.
        const kindsIssued = [];
        for (const file of files.filter((f) => f.name !== 'receipt.pdf')) {
          const certificate = (await verifyCertificateFile(h.database.db, file.bytes)).issuance?.certificate;
          kindsIssued.push(certificate);
          if (certificate === 'koseki-kaiseigen') {
            // The whole pre-revision register of the head's parents, with the 改製 that closed it.
            const printed = pdftotext(pdfFile(file.bytes)).replace(/\s+/g, '');
            for (const expected of [
              '改製原戸籍謄本',
              '種田太一',
              `【名】${kinds.headGiven}`,
              '改製につき消除',
            ])
              expect(printed, `${visit.relation} ${expected}`).toContain(expected);
          }
        }
        expect(kindsIssued.sort(), `${visit.relation} visit`).toEqual([...issued].sort());
        await page.getByRole('button', { name: t('counter.issue.done.next') }).click();
        timings.push(
          `${visit.relation} ${visit.cases.length} cases ${((Date.now() - visitStarted) / 1000).toFixed(1)} s`,
        );
      }
      expect(
        h
          .problems(page)
          .slice(seen)
          .filter((p) => !p.includes('status of 422')),
      ).toEqual([]);
      console.info(
        `[e2e] ${KIND_CASES.length} (kind, relation) cases in ${visits.length} visits: ${((Date.now() - started) / 1000).toFixed(1)} s (${timings.join('; ')})`,
      );
    },
    FLOW,
  );

  it(
    '統計: the figures of the town, small cells as "<3", no personal data, monthly through the form',
    async () => {
      await ready();
      const db = h.database.db;
      const byKind = await db
        .selectFrom('issuance')
        .select([
          'certificate',
          sql<string>`count(*)`.as('n'),
          sql<string>`count(distinct subject_resident_id)`.as('people'),
        ])
        .where('municipality_code', '=', TOWN)
        .where('status', '=', 'issued')
        .groupBy('certificate')
        .execute();
      const count = (kind: string) => byKind.find((r) => r.certificate === kind);
      const page = await logInAs(h, demo.stats, '/counter/stats');
      await page.getByRole('heading', { name: t('counter.stats.resultsTitle') }).waitFor();
      const results = page.getByTestId('stats-results');
      await results.waitFor();
      // 住民票 went to several people: shown. 課税 went to one person only: withheld.
      const juminhyo = count('juminhyo')!;
      expect(Number(juminhyo.people)).toBeGreaterThanOrEqual(3);
      const row = (kind: string) =>
        page.getByTestId('stats-by-certificate').locator(`tr[data-key="${kind}"]`);
      expect(await row('juminhyo').locator('td').first().textContent()).toBe(String(Number(juminhyo.n)));
      expect(Number(count('kazei')?.people)).toBe(1);
      expect(await row('kazei').getAttribute('data-suppressed')).toBe('small');
      expect(await row('kazei').locator('td').first().textContent()).toContain('<3');
      const total = byKind.reduce((sum, r) => sum + Number(r.n), 0);
      expect(await page.getByTestId('stats-total').locator('dd').first().textContent()).toBe(
        new Intl.NumberFormat('ja').format(total),
      );
      const shown = (await page.locator('main').textContent()) ?? '';
      for (const name of ['種田', '転出', '𠮷田', '守田', '代理', '債権']) expect(shown).not.toContain(name);
      await axe(page, 'stats', minor);
      await screenshot(page, 'console-stats');
      // Monthly, through the form: the URL holds the query.
      await page.getByRole('radio', { name: t('counter.stats.periods.month') }).check();
      await page.getByRole('button', { name: t('counter.stats.show') }).click();
      await page.waitForURL(/period=month/);
      await page.getByTestId('stats-by-period').locator('tbody tr').first().waitFor();
      expect(await page.getByTestId('stats-by-period').locator('tbody tr').count()).toBe(1);
      // The session holds that one permission (the API tests prove the other roles are refused).
      const clerk = await page.context().request.get(new URL('/api/v1/staff/me', h.baseUrl).toString());
      expect((await clerk.json()).permissions).toEqual(['stats.read']);
      expect(h.problems(page)).toEqual([]);
    },
    FLOW,
  );

  it('reports the minor axe findings of the counter screens', () => {
    if (minor.length) console.info(`[e2e] minor axe findings on the counter:\n${minor.join('\n')}`);
  });
});
