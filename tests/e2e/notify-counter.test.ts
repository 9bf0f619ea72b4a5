/**
 * 書かない窓口 end to end in Chromium: a resident fills a 転入, a 転居 and a 転出
 * on a phone, the QR code is decoded from a screenshot of the phone, the clerk
 * opens it at the counter (the scanner types the text), the resident signs on
 * the tablet with a finger, the clerk accepts — and the register, its history,
 * the seal registration, the 転出証明書 and the guidance are checked through
 * the database and poppler. Refusals (unknown, expired, tampered, household
 * changed) show a clear message and change nothing. Every screen passes axe.
 */
import { randomBytes } from 'node:crypto';
import jsQRModule from 'jsqr';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareMunicipalityForIssuance } from '../../src/issuance/use-cases/prepare-municipality.js';
import { signingIdentities } from '../../src/issuance/use-cases/signing-identities.js';
import { findNotification } from '../../src/notifications/data/notification.repository.js';
import { saveNotification } from '../../src/notifications/use-cases/sealed-notification.js';
import { base32Decode, totp } from '../../src/staff/domain/totp.js';
import { createStaffDeps, type DemoStaffCredential, ensureDemoStaff } from '../../src/staff/index.js';
import { newFamily, newMunicipality, newResident } from '../support/factories.js';
import { pdfFile, pdfsig } from '../support/poppler.js';
import {
  type BrowserHarness,
  describeInBrowser,
  describeViolations,
  expectNoSeriousAxeViolations,
  screenshot,
  VIEWPORTS,
} from './support/browser.js';
import { tabUntil } from './support/interaction.js';
import { text } from './support/texts.js';

// The server under test reads its keys from these (src/services.ts); the test needs the same ones.
const PASSPHRASE = 'e2e signing passphrase, long enough';
const TOTP_KEY = 'e2e key for the staff TOTP secrets';
const SEAL_KEY = 'e2e key for sealing notifications';
process.env.MADOGUCHI_KEY_PASSPHRASE = PASSPHRASE;
process.env.MADOGUCHI_STAFF_TOTP_KEY = TOTP_KEY;
process.env.MADOGUCHI_NOTIFICATION_SEAL_KEY = SEAL_KEY;

// jsqr is CommonJS with a `default` export; under NodeNext the default import is the whole module.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ??
  jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

const TOWN = '999997';
/** A whole move through three screens takes a few seconds of browser work per step. */
const FLOW = { timeout: 120_000 };
const ja = (key: string, values: Record<string, string | number> = {}) =>
  text('ja', key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));

/** Dates on the Tokyo clock, relative to today: the law's periods are checked against the real day. */
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
function shift(iso: string, { days = 0, years = 0 }: { days?: number; years?: number }): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

type Kind = 'tennyu' | 'tenkyo' | 'tenshutsu';

interface PhoneMover {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: 'M' | 'F';
  relationship: string;
  insurance?: string;
  pension?: string;
  school?: { current: string; transfer: boolean };
  care?: boolean;
  card?: boolean;
}

interface PhoneMove {
  kind: Kind;
  moveDate: string;
  whole?: boolean;
  from: { postalCode: string; address: string; katagaki?: string };
  to: { postalCode: string; address: string; katagaki?: string };
  movers: PhoneMover[];
  arrangement?: 'same' | 'new' | 'join';
  dogs?: number;
  phone?: string;
}

const TOWN_ADDRESS = '見本県見本市本町二丁目3番4号';
const OTHER_TOWN = { postalCode: '100-0001', address: '東京都千代田区千代田1番1号' };

async function next(page: Page, expectTitle: string) {
  await page.getByRole('button', { name: ja('moving.next') }).click();
  await page.getByRole('heading', { level: 1, name: expectTitle }).waitFor();
}

/** Fills the questionnaire on the phone as a resident would, and ends on the QR code page. */
async function fillOnPhone(h: BrowserHarness, move: PhoneMove, name: string): Promise<Page> {
  const page = await h.openPage('/resident/', { viewport: VIEWPORTS.phone, isolated: true });
  await page.getByRole('link', { name: ja('resident.moving.action') }).click();
  await page.getByRole('heading', { level: 1, name: ja('resident.moving.startTitle') }).waitFor();
  await page.locator(`input[name="kind"][value="${move.kind}"]`).check();
  await page.getByRole('button', { name: ja('resident.moving.begin') }).click();

  await page.getByRole('heading', { level: 1, name: ja('moving.stepTitles.when') }).waitFor();
  await page.locator('#f-moveDate').fill(move.moveDate);
  if (move.kind !== 'tenkyo') await page.locator('input[name="moveType"][value="domestic"]').check();
  await next(page, ja('moving.stepTitles.addresses'));

  for (const side of ['from', 'to'] as const) {
    await page.locator(`#f-${side}-postalCode`).fill(move[side].postalCode);
    await page.locator(`#f-${side}-address`).fill(move[side].address);
    if (move[side].katagaki) await page.locator(`#f-${side}-katagaki`).fill(move[side].katagaki ?? '');
  }
  await next(page, ja('moving.stepTitles.people'));

  if (move.kind !== 'tennyu')
    await page.locator(`input[name="wholeHousehold"][value="${move.whole ? 'yes' : 'no'}"]`).check();
  for (const [i, mover] of move.movers.entries()) {
    if (i > 0) await page.getByRole('button', { name: ja('moving.people.add') }).click();
    for (const field of ['familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'birthDate'] as const)
      await page.locator(`#f-movers-${i}-${field}`).fill(mover[field]);
    await page.locator(`input[name="sex-${i}"][value="${mover.sex}"]`).check();
    await page.locator(`#f-movers-${i}-relationship`).selectOption(mover.relationship);
  }
  const afterPeople = move.kind === 'tenshutsu' ? 'moving.stepTitles.life' : 'moving.stepTitles.household';
  await next(page, ja(afterPeople));

  if (move.kind !== 'tenshutsu') {
    await page.locator(`input[name="arrangement"][value="${move.arrangement ?? 'new'}"]`).check();
    await next(page, ja('moving.stepTitles.life'));
  }

  for (const [i, mover] of move.movers.entries()) {
    if (mover.insurance) await page.locator(`#f-movers-${i}-insurance`).selectOption(mover.insurance);
    if (mover.pension) await page.locator(`#f-movers-${i}-pension`).selectOption(mover.pension);
    if (mover.school) {
      await page.locator(`#f-movers-${i}-school-current`).fill(mover.school.current);
      await page
        .locator(`input[name="school-transfer-${i}"][value="${mover.school.transfer ? 'yes' : 'no'}"]`)
        .check();
    }
    if (mover.care !== undefined)
      await page.locator(`input[name="care-${i}"][value="${mover.care ? 'yes' : 'no'}"]`).check();
    await page.locator(`input[name="card-${i}"][value="${mover.card ? 'yes' : 'no'}"]`).check();
  }
  await page.locator('#f-dogs').fill(String(move.dogs ?? 0));
  await next(page, ja('moving.stepTitles.contact'));

  await page.locator('input[name="notifier"][value="mover-0"]').check();
  if (move.phone) await page.locator('#f-phone').fill(move.phone);
  await next(page, ja('moving.stepTitles.review'));
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, `notify-${name}-phone-review`);

  await page.getByRole('button', { name: ja('resident.moving.submit') }).click();
  await page.getByRole('heading', { level: 1, name: ja('resident.moving.done.title') }).waitFor();
  expect(h.problems(page)).toEqual([]);
  return page;
}

/** The phone's QR code, read back from a screenshot of the phone's screen. */
async function decodeQrFromScreen(page: Page, name: string): Promise<string> {
  const code = page.locator('.moving-qr__code svg');
  await code.scrollIntoViewIfNeeded();
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, `notify-${name}-phone-qr`, { fullPage: false });
  const png = PNG.sync.read(await page.screenshot({ animations: 'disabled' }));
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error('no QR code could be read from the screenshot of the phone');
  return found.data;
}

/** The error a field shows, read through its aria-describedby (as a screen reader would). */
async function fieldErrorOf(page: Page, field: ReturnType<Page['locator']>): Promise<string> {
  const id = await field.getAttribute('id');
  const error = page.locator(`#${id}-error`);
  await error.waitFor();
  expect(((await field.getAttribute('aria-describedby')) ?? '').split(' ')).toContain(`${id}-error`);
  return ((await error.textContent()) ?? '').trim();
}

/** A finger's signature on the tablet: three strokes drawn with the mouse, as pointer events. */
async function signOnTablet(tablet: Page) {
  const pad = tablet.locator('canvas.tablet-signature__pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  const strokes = [
    [
      [0.1, 0.6],
      [0.2, 0.3],
      [0.3, 0.7],
      [0.4, 0.35],
    ],
    [
      [0.5, 0.3],
      [0.55, 0.7],
    ],
    [
      [0.65, 0.5],
      [0.8, 0.45],
      [0.9, 0.6],
    ],
  ];
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    await tablet.mouse.move(box.x + first[0]! * box.width, box.y + first[1]! * box.height);
    await tablet.mouse.down();
    for (const [x, y] of rest)
      await tablet.mouse.move(box.x + x! * box.width, box.y + y! * box.height, { steps: 4 });
    await tablet.mouse.up();
  }
}

describeInBrowser('書かない窓口: phone → counter → tablet, in Chromium', (h) => {
  let counter: Page;
  let tablet: Page;
  let clerk: DemoStaffCredential;
  const minor: string[] = [];

  const axe = async (page: Page, where: string) => {
    const violations = await expectNoSeriousAxeViolations(page);
    if (violations.length) minor.push(`${where}:\n${describeViolations(violations)}`);
  };

  async function registerOf(residentIds: number[]) {
    return h.database.db
      .selectFrom('resident')
      .selectAll()
      .where('municipality_code', '=', TOWN)
      .where('resident_id', 'in', residentIds)
      .orderBy('resident_id')
      .execute();
  }

  async function eventsOf(residentId: number) {
    return h.database.db
      .selectFrom('resident_event')
      .selectAll()
      .where('municipality_code', '=', TOWN)
      .where('resident_id', '=', residentId)
      .orderBy('seq')
      .execute();
  }

  /** Back to the reception screen, the way a clerk goes there from wherever the counter is. */
  async function toReception() {
    const reception = counter.getByRole('heading', { level: 1, name: ja('notify-counter.reception.title') });
    if (await reception.isVisible()) return;
    const nextOne = counter.getByRole('button', { name: ja('notify-counter.accepted.next') });
    if (await nextOne.isVisible()) await nextOne.click();
    else await counter.getByRole('button', { name: ja('notify-counter.case.toReception') }).click();
    await reception.waitFor();
  }

  /** The counter opens the scanned text; returns when the notification is on screen. */
  async function scan(qrText: string) {
    await toReception();
    const field = counter.locator('#scan-input');
    await field.fill('');
    // A USB scanner types the text and presses Enter.
    await field.pressSequentially(qrText, { delay: 2 });
    await field.press('Enter');
  }

  async function openAtCounter(qrText: string, kind: Kind) {
    await scan(qrText);
    await counter
      .getByRole('heading', {
        level: 1,
        name: ja('notify-counter.case.title', { kind: ja(`moving.kinds.${kind}`) }),
      })
      .waitFor();
  }

  /** タブレットに表示 → the resident signs → the counter sees it signed. */
  async function signViaTablet(name: string) {
    await counter.getByRole('button', { name: ja('notify-counter.tablet.send') }).click();
    await tablet.getByRole('heading', { level: 1, name: ja('tablet.confirmTitle') }).waitFor();
    await axe(tablet, `tablet confirm ${name}`);
    await screenshot(tablet, `notify-${name}-tablet-confirm`);
    await signOnTablet(tablet);
    await tablet.getByRole('button', { name: ja('tablet.sign') }).click();
    await tablet.getByRole('heading', { level: 1, name: ja('tablet.signedTitle') }).waitFor();
    await axe(tablet, `tablet signed ${name}`);
    await counter.locator('.notify-case[data-status="confirmed"]').waitFor();
  }

  async function acceptAtCounter(kind: Kind, name: string) {
    await axe(counter, `counter signed ${name}`);
    await counter.locator('#identity-kind').selectOption('mynumber_card');
    await counter.getByRole('button', { name: ja('notify-counter.accept.action') }).click();
    await counter
      .getByRole('heading', {
        level: 1,
        name: ja('notify-counter.case.acceptedTitle', { kind: ja(`moving.kinds.${kind}`) }),
      })
      .waitFor();
    await axe(counter, `counter accepted ${name}`);
    await screenshot(counter, `notify-${name}-counter-accepted`);
  }

  /** The procedures the accepted screen lists (the rules' ids), none when it says there are none. */
  const shownProcedures = async () => {
    const list = counter.locator('.notify-finished .moving-procedures');
    if ((await list.count()) === 0) return [];
    return ((await list.getAttribute('data-procedures')) ?? '').split(' ').filter(Boolean);
  };

  beforeAll(async () => {
    const db = h.database.db;
    await newMunicipality(db);
    await prepareMunicipalityForIssuance(db, signingIdentities(db, PASSPHRASE), TOWN);
    const made = await ensureDemoStaff(createStaffDeps({ db, totpKey: TOTP_KEY }), TOWN);
    clerk = made.find((c) => c.role === 'counter')!;
  });

  it(
    'the clerk logs in with both factors; the tablet waits as the counter’s second screen',
    FLOW,
    async () => {
      counter = await h.openPage('/notify-counter/', { viewport: VIEWPORTS.desktop, isolated: true });
      await counter.getByRole('heading', { level: 1, name: ja('notify-counter.login.title') }).waitFor();
      await axe(counter, 'counter login');
      await counter.locator(`#f-login-municipality option[value="${TOWN}"]`).waitFor({ state: 'attached' });
      await counter.locator('#f-login-municipality').selectOption(TOWN);
      await counter.locator('#f-login-terminalId').fill('counter-05');
      await counter.locator('#f-login-loginName').fill(clerk.loginName);
      await counter.locator('#f-login-password').fill(clerk.password);
      // Without the code there is no session: the second factor is required.
      await counter.getByRole('button', { name: ja('notify-counter.login.submit') }).click();
      await counter.getByText(ja('notify-counter.login.totpInvalid')).first().waitFor();
      await counter
        .locator('#f-login-totp')
        .fill(totp(base32Decode(clerk.totpSecret!), Math.floor(Date.now() / 1000)));
      await counter.getByRole('button', { name: ja('notify-counter.login.submit') }).click();
      await counter.getByRole('heading', { level: 1, name: ja('notify-counter.reception.title') }).waitFor();
      await axe(counter, 'counter reception');
      await screenshot(counter, 'notify-counter-reception');

      // The tablet is a second window of the same browser (same staff session).
      tablet = await counter.context().newPage();
      await tablet.setViewportSize({ width: 1024, height: 768 });
      await tablet.goto(new URL('/tablet/', h.baseUrl).toString());
      await tablet.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      await tablet.getByRole('heading', { level: 1, name: ja('tablet.waitingTitle') }).waitFor();
      await axe(tablet, 'tablet waiting');
      expect(h.problems(counter)).toEqual([]);
    },
  );

  it(
    '転居: the whole household moves in town; differences are marked, the register and its history change',
    FLOW,
    async () => {
      const family = await newFamily(h.database.db, { size: 3 });
      const ids = family.members.map((m) => m.resident_id);
      const before = await registerOf(ids);
      const phone = await fillOnPhone(
        h,
        {
          kind: 'tenkyo',
          moveDate: today,
          whole: true,
          from: { postalCode: '999-9999', address: TOWN_ADDRESS, katagaki: 'みほんハイツ101号室' },
          to: {
            postalCode: '９９９９９９８',
            address: '見本県見本市緑町一丁目5番6号',
            katagaki: '緑ハイツ202号室',
          },
          arrangement: 'same',
          // The resident types 吉田 for the registered 𠮷田, and the reading in hiragana.
          movers: family.members.map((m, i) => ({
            familyName: i === 0 ? '吉田' : m.family_name,
            givenName: m.given_name,
            familyNameKana: i === 0 ? 'よしだ' : m.family_name_kana,
            givenNameKana: m.given_name_kana,
            birthDate: m.birth_date,
            sex: m.sex as 'M' | 'F',
            relationship: m.relationship,
            insurance: 'shaho',
            pension: 'dai2',
            card: i === 0,
          })),
        },
        'tenkyo',
      );
      const qrText = await decodeQrFromScreen(phone, 'tenkyo');
      expect(qrText).toMatch(new RegExp(`^MDGN1:${TOWN}:[0-9A-Z]{26}$`));
      // The QR code carries the reference only: nothing personal.
      expect(qrText).not.toContain('田');

      await openAtCounter(qrText, 'tenkyo');
      await axe(counter, 'counter opened tenkyo');
      await screenshot(counter, 'notify-tenkyo-counter-opened');
      // The draft beside the register: the variant kanji is marked, in words as well as colour.
      const familyRow = counter.locator('[data-mover="0"] tr[data-field="familyName"]');
      expect(await familyRow.getAttribute('data-status')).toBe('variant');
      expect(await familyRow.locator('td').allTextContents()).toEqual([
        '吉田',
        '𠮷田',
        ja('notify-counter.compare.statuses.variant'),
      ]);
      expect(
        await counter.locator('[data-mover="0"] tr[data-field="birthDate"]').getAttribute('data-status'),
      ).toBe('same');
      expect(await counter.locator('table.notify-plan tbody tr').count()).toBe(3);

      await signViaTablet('tenkyo');
      await acceptAtCounter('tenkyo', 'tenkyo');

      const after = await registerOf(ids);
      for (const [i, row] of after.entries()) {
        expect(row.address).toBe('見本県見本市緑町一丁目5番6号');
        expect(row.postal_code).toBe('9999998');
        expect(row.katagaki).toBe('緑ハイツ202号室');
        expect(row.previous_address).toBe(TOWN_ADDRESS);
        expect(row.address_since).toBe(today);
        // The register's form of the name stays: the draft's 吉田 was a variant, not a correction.
        expect(row.family_name).toBe('𠮷田');
        expect(row.version).toBe(before[i]!.version + 1);
        const events = await eventsOf(row.resident_id);
        expect(events.at(-1)).toMatchObject({ event_type: 'tenkyo', event_date: today, notified_on: today });
      }
      // マイナンバーカードの住所変更 for the card holder, 介護保険 for the head (66); no 就学 in this household.
      const procedures = await shownProcedures();
      expect(procedures).toEqual(['kaigo', 'mynumber-card']);
      // The guidance sheet is there to print.
      const sheet = await counter.request.get(
        h.baseUrl + ((await counter.locator('a[data-document="guidance"]').getAttribute('href')) ?? ''),
      );
      expect(sheet.status()).toBe(200);
      expect(sheet.headers()['content-type']).toBe('application/pdf');
      // The phone learns it was accepted.
      await phone.reload();
      await phone
        .getByRole('heading', { level: 1, name: ja('resident.moving.done.acceptedTitle') })
        .waitFor();
      expect(h.problems(counter)).toEqual([]);
    },
  );

  it(
    '転出: the household moves out; the seal registration ends; the 転出証明書 verifies with pdfsig',
    FLOW,
    async () => {
      const family = await newFamily(h.database.db, { size: 2, familyName: '渡邉', familyKana: 'ワタナベ' });
      const head = family.members[0]!;
      const seal = () =>
        h.database.db
          .selectFrom('seal_registration')
          .selectAll()
          .where('resident_id', '=', head.resident_id)
          .executeTakeFirstOrThrow();
      expect((await seal()).abolished_on).toBeNull();
      const phone = await fillOnPhone(
        h,
        {
          kind: 'tenshutsu',
          moveDate: shift(today, { days: 3 }),
          whole: true,
          from: { postalCode: '9999999', address: TOWN_ADDRESS, katagaki: 'みほんハイツ101号室' },
          to: { postalCode: '100-0005', address: '東京都千代田区丸の内一丁目1番1号' },
          movers: family.members.map((m) => ({
            familyName: m.family_name,
            givenName: m.given_name,
            familyNameKana: m.family_name_kana,
            givenNameKana: m.given_name_kana,
            birthDate: m.birth_date,
            sex: m.sex as 'M' | 'F',
            relationship: m.relationship,
            insurance: 'kokuho',
            pension: 'dai1',
          })),
        },
        'tenshutsu',
      );
      const qrText = await decodeQrFromScreen(phone, 'tenshutsu');
      await openAtCounter(qrText, 'tenshutsu');
      await signViaTablet('tenshutsu');
      await acceptAtCounter('tenshutsu', 'tenshutsu');

      for (const row of await registerOf(family.members.map((m) => m.resident_id))) {
        expect(row.status).toBe('moved_out');
        expect(row.removed_on).toBe(shift(today, { days: 3 }));
        expect(row.removal_reason).toBe('転出');
        expect(row.moved_to_address).toContain('東京都千代田区丸の内一丁目1番1号');
        expect((await eventsOf(row.resident_id)).at(-1)?.event_type).toBe('tenshutsu');
      }
      expect((await seal()).abolished_on).toBe(today);
      expect((await seal()).abolished_reason).toBe('転出');

      const href = await counter.locator('a[data-document="tenshutsu"]').getAttribute('href');
      const response = await counter.request.get(h.baseUrl + (href ?? ''));
      expect(response.status()).toBe(200);
      const verdict = pdfsig(pdfFile(await response.body(), 'tenshutsu.pdf'));
      expect(verdict).toContain('Signature is Valid');
      // 国民健康保険 and 国民年金 follow the household out; nothing for schools or care.
      const procedures = await shownProcedures();
      expect(procedures).toContain('kokuho');
      expect(procedures).not.toContain('shugaku');
    },
  );

  it(
    '転入: a family with a 7-year-old and a 68-year-old gets 就学 and 介護保険; the new residents are registered',
    FLOW,
    async () => {
      const moveDate = shift(today, { days: -1 });
      const child = shift(moveDate, { years: -7, days: -40 });
      const grandmother = shift(moveDate, { years: -68, days: -10 });
      const parent = shift(moveDate, { years: -38, days: -100 });
      const phone = await fillOnPhone(
        h,
        {
          kind: 'tennyu',
          moveDate,
          from: { ...OTHER_TOWN, katagaki: '千代田マンション3階' },
          to: { postalCode: '999-9996', address: '見本県見本市桜町三丁目7番8号' },
          arrangement: 'new',
          dogs: 1,
          movers: [
            {
              familyName: '髙橋',
              givenName: '健一',
              familyNameKana: 'たかはし',
              givenNameKana: 'けんいち',
              birthDate: parent,
              sex: 'M',
              relationship: '世帯主',
              insurance: 'shaho',
              pension: 'dai2',
            },
            {
              familyName: '髙橋',
              givenName: '陽菜',
              familyNameKana: 'タカハシ',
              givenNameKana: 'ヒナ',
              birthDate: child,
              sex: 'F',
              relationship: '子',
              insurance: 'shaho_dependent',
              school: { current: '千代田小学校', transfer: true },
            },
            {
              familyName: '髙橋',
              givenName: '澄子',
              familyNameKana: 'たかはし',
              givenNameKana: 'すみこ',
              birthDate: grandmother,
              sex: 'F',
              relationship: '母',
              insurance: 'kokuho',
              pension: 'receiving',
              care: false,
            },
          ],
        },
        'tennyu-family',
      );
      // The phone already shows what the counter will guide them to.
      await phone.locator('.moving-procedure[data-procedure="shugaku"]').waitFor();
      await phone.locator('.moving-procedure[data-procedure="kaigo"]').waitFor();
      const qrText = await decodeQrFromScreen(phone, 'tennyu-family');
      await openAtCounter(qrText, 'tennyu');
      await axe(counter, 'counter opened tennyu');
      await screenshot(counter, 'notify-tennyu-counter-opened');
      await signViaTablet('tennyu-family');
      await acceptAtCounter('tennyu', 'tennyu-family');

      const procedures = await shownProcedures();
      expect(procedures).toEqual(
        expect.arrayContaining(['shugaku', 'kaigo', 'jido-teate', 'kodomo-iryo', 'inu-toroku']),
      );
      const people = await h.database.db
        .selectFrom('resident')
        .selectAll()
        .where('municipality_code', '=', TOWN)
        .where('family_name', '=', '髙橋')
        .orderBy('birth_date')
        .execute();
      expect(people.map((p) => p.given_name)).toEqual(['澄子', '健一', '陽菜']);
      for (const person of people) {
        expect(person.status).toBe('active');
        expect(person.address).toBe('見本県見本市桜町三丁目7番8号');
        expect(person.previous_address).toBe(OTHER_TOWN.address);
        expect(person.resident_since).toBe(moveDate);
        // Kana typed in hiragana are stored as the register writes them.
        expect(person.family_name_kana).toBe('タカハシ');
        expect((await eventsOf(person.resident_id)).map((e) => e.event_type)).toEqual(['tennyu']);
      }
      const household = await h.database.db
        .selectFrom('household')
        .selectAll()
        .where('household_id', '=', people[0]!.household_id)
        .executeTakeFirstOrThrow();
      expect(household.head_resident_id).toBe(people.find((p) => p.given_name === '健一')?.resident_id);
    },
  );

  it('転入: a single adult on 社会保険 gets neither 就学 nor 介護保険', FLOW, async () => {
    const moveDate = shift(today, { days: -2 });
    const phone = await fillOnPhone(
      h,
      {
        kind: 'tennyu',
        moveDate,
        from: OTHER_TOWN,
        to: { postalCode: '9999995', address: '見本県見本市梅町四丁目9番10号', katagaki: '梅コーポ105' },
        arrangement: 'new',
        movers: [
          {
            familyName: '佐藤',
            givenName: '美咲',
            familyNameKana: 'さとう',
            givenNameKana: 'みさき',
            birthDate: shift(moveDate, { years: -34 }),
            sex: 'F',
            relationship: '世帯主',
            insurance: 'shaho',
            pension: 'dai2',
          },
        ],
      },
      'tennyu-single',
    );
    await phone.getByText(ja('moving.guidance.none')).waitFor();
    const qrText = await decodeQrFromScreen(phone, 'tennyu-single');
    await openAtCounter(qrText, 'tennyu');
    await signViaTablet('tennyu-single');
    await acceptAtCounter('tennyu', 'tennyu-single');
    const procedures = await shownProcedures();
    expect(procedures).not.toContain('shugaku');
    expect(procedures).not.toContain('kaigo');
    await counter.getByText(ja('moving.guidance.none')).waitFor();
  });

  describe('refusals: a clear message on screen, nothing changed', () => {
    /** A draft straight through the public API (the phone's requests), to keep these cases short. */
    async function apiDraft(kind: Kind, content: unknown, submit = true) {
      const created = await counter.request.post(
        `${h.baseUrl}/api/v1/municipalities/${TOWN}/notification-drafts`,
        {
          data: { kind, content },
        },
      );
      expect(created.status(), await created.text()).toBe(201);
      const body = (await created.json()) as { reference: string; qrText: string; editSecret: string };
      if (submit) {
        const submitted = await counter.request.post(
          `${h.baseUrl}/api/v1/municipalities/${TOWN}/notification-drafts/${body.reference}/submit`,
          { headers: { 'x-edit-secret': body.editSecret } },
        );
        expect(submitted.status(), await submitted.text()).toBe(200);
      }
      return body;
    }

    const tenkyoOf = (family: Awaited<ReturnType<typeof newFamily>>) => ({
      moveDate: today,
      wholeHousehold: true,
      from: { postalCode: '9999999', address: TOWN_ADDRESS, katagaki: 'みほんハイツ101号室' },
      to: { postalCode: '9999994', address: '見本県見本市松町五丁目1番2号' },
      household: { arrangement: 'same' },
      movers: family.members.map((m) => ({
        familyName: m.family_name,
        givenName: m.given_name,
        familyNameKana: m.family_name_kana,
        givenNameKana: m.given_name_kana,
        birthDate: m.birth_date,
        sex: m.sex,
        relationship: m.relationship,
      })),
    });

    const notificationCount = async () =>
      Number(
        (
          await h.database.db
            .selectFrom('notification')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('an unknown QR code', FLOW, async () => {
      const count = await notificationCount();
      const unknown = `MDGN1:${TOWN}:0${randomBytes(20)
        .toString('hex')
        .toUpperCase()
        .replace(/[ILOU]/g, 'A')
        .slice(0, 25)}`;
      await scan(unknown);
      const alert = counter.locator('[data-error-code="notification_not_found"]');
      await alert.waitFor();
      expect(await alert.textContent()).toBe(ja('errors.notification_not_found'));
      await axe(counter, 'counter unknown QR');
      await screenshot(counter, 'notify-refused-unknown');
      expect(await notificationCount()).toBe(count);
      // Still at reception, ready for the next scan.
      await counter.getByRole('heading', { level: 1, name: ja('notify-counter.reception.title') }).waitFor();
    });

    it('an expired QR code', FLOW, async () => {
      const family = await newFamily(h.database.db, { size: 2 });
      const before = await registerOf(family.members.map((m) => m.resident_id));
      const draft = await apiDraft('tenkyo', tenkyoOf(family));
      // Its time is up: the server's own expiry, sealed as the server seals it.
      const row = await findNotification(h.database.db, TOWN, draft.reference);
      await saveNotification(
        h.database.db,
        { db: h.database.db, sealKey: SEAL_KEY, identities: undefined as never, publicUrl: '' },
        row!,
        { expires_at: new Date(Date.now() - 60_000) },
        new Date(),
      );
      await scan(draft.qrText);
      const alert = counter.locator('[data-error-code="notification_expired"]');
      await alert.waitFor();
      expect(await alert.textContent()).toBe(ja('errors.notification_expired'));
      await screenshot(counter, 'notify-refused-expired');
      expect(await registerOf(family.members.map((m) => m.resident_id))).toEqual(before);
      expect((await findNotification(h.database.db, TOWN, draft.reference))?.entered_at).toBeNull();
    });

    it('a tampered draft', FLOW, async () => {
      const family = await newFamily(h.database.db, { size: 2 });
      const before = await registerOf(family.members.map((m) => m.resident_id));
      const draft = await apiDraft('tenkyo', tenkyoOf(family));
      // Someone with database access moves the family elsewhere behind the server's back.
      await sql`update notification set content = jsonb_set(content, '{to,address}', '"見本県見本市松町五丁目9番9号"') where reference = ${draft.reference}`.execute(
        h.database.db,
      );
      await scan(draft.qrText);
      const alert = counter.locator('[data-error-code="notification_tampered"]');
      await alert.waitFor();
      expect(await alert.textContent()).toBe(ja('errors.notification_tampered'));
      await screenshot(counter, 'notify-refused-tampered');
      expect(await registerOf(family.members.map((m) => m.resident_id))).toEqual(before);
      const audit = await h.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', draft.reference)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['notification.tamper_detected']);
    });

    it(
      'namesakes: the clerk names the resident; the typed-name confirmation is refused plainly; the clerk rejects',
      FLOW,
      async () => {
        // The factories' families are namesakes born the same days at the same address: the register cannot tell them apart.
        const family = await newFamily(h.database.db, { size: 2 });
        const before = await registerOf(family.members.map((m) => m.resident_id));
        const draft = await apiDraft('tenkyo', tenkyoOf(family));
        await openAtCounter(draft.qrText, 'tenkyo');
        const chooser = counter.locator('.notify-choose');
        await chooser.waitFor();
        expect(
          await counter.getByRole('button', { name: ja('notify-counter.tablet.send') }).isDisabled(),
        ).toBe(true);
        await axe(counter, 'counter namesakes');
        await screenshot(counter, 'notify-namesakes');
        for (const [i, m] of family.members.entries())
          await counter.locator(`#choose-${i}`).fill(String(m.resident_id));
        await counter.getByRole('button', { name: ja('notify-counter.choose.submit') }).click();
        await chooser.waitFor({ state: 'detached' });
        expect(
          await counter.locator('[data-mover="0"] tr[data-field="birthDate"]').getAttribute('data-status'),
        ).toBe('same');
        expect(await counter.locator('.notify-compare__source').first().textContent()).toContain(
          String(family.members[0]!.resident_id),
        );

        // The tablet, by keyboard only: the typed-name alternative.
        await counter.getByRole('button', { name: ja('notify-counter.tablet.send') }).click();
        await tablet.getByRole('heading', { level: 1, name: ja('tablet.confirmTitle') }).waitFor();
        await tablet.locator('h1').focus();
        await tabUntil(tablet, (element) => element.name === ja('tablet.typedToggle'), { maxTabs: 60 });
        await tablet.keyboard.press('Enter');
        const typed = tablet.getByLabel(ja('tablet.typedLabel'));
        await typed.waitFor();
        await typed.pressSequentially('山田　花子');
        await tablet.keyboard.press('Enter');
        expect(await fieldErrorOf(tablet, typed)).toBe(ja('tablet.typedMismatch'));
        await typed.fill('');
        const head = family.members[0]!;
        await typed.pressSequentially(`${head.family_name} ${head.given_name}`);
        await tablet.keyboard.press('Enter');
        await tablet.getByText(ja('tablet.typedUnsupported')).waitFor();
        await axe(tablet, 'tablet typed name');
        await screenshot(tablet, 'notify-tablet-typed');
        expect((await findNotification(h.database.db, TOWN, draft.reference))?.status).toBe('opened');

        // Not accepted: the reason is kept, the register untouched, the tablet back to waiting.
        await counter.getByRole('button', { name: ja('notify-counter.reject.action') }).click();
        const dialog = counter.getByRole('alertdialog');
        await dialog.waitFor();
        await dialog.getByRole('button', { name: ja('notify-counter.reject.confirm') }).click();
        expect(await fieldErrorOf(counter, dialog.getByLabel(ja('notify-counter.reject.reason')))).toBe(
          ja('notify-counter.reject.reasonRequired'),
        );
        await axe(counter, 'counter reject dialog');
        await dialog.getByLabel(ja('notify-counter.reject.reason')).fill('本人確認書類の持参なし');
        await dialog.getByRole('button', { name: ja('notify-counter.reject.confirm') }).click();
        await counter
          .getByRole('heading', {
            level: 1,
            name: ja('notify-counter.case.rejectedTitle', { kind: ja('moving.kinds.tenkyo') }),
          })
          .waitFor();
        await tablet.getByRole('heading', { level: 1, name: ja('tablet.waitingTitle') }).waitFor();
        const row = await findNotification(h.database.db, TOWN, draft.reference);
        expect(row?.status).toBe('rejected');
        expect(row?.rejection_reason).toBe('本人確認書類の持参なし');
        expect(await registerOf(family.members.map((m) => m.resident_id))).toEqual(before);
      },
    );

    it(
      'a household that no longer matches: signed, then someone joins the household — acceptance is refused',
      FLOW,
      async () => {
        // Its own family name: the factories' families are namesakes born the same days, which the counter would flag.
        const family = await newFamily(h.database.db, {
          size: 2,
          familyName: '松本',
          familyKana: 'マツモト',
        });
        const draft = await apiDraft('tenkyo', tenkyoOf(family));
        await openAtCounter(draft.qrText, 'tenkyo');
        await signViaTablet('mismatch');
        // Meanwhile a newborn is registered in the household: "the whole household" is no longer these two.
        await newResident(h.database.db, {
          household_id: family.householdId,
          relationship: '子',
          family_name: family.members[0]!.family_name,
          given_name: '次郎',
          birth_date: shift(today, { days: -5 }),
        });
        const before = await registerOf(family.members.map((m) => m.resident_id));
        await counter.locator('#identity-kind').selectOption('drivers_license');
        await counter.getByRole('button', { name: ja('notify-counter.accept.action') }).click();
        const alert = counter.locator('[data-error-code="household_mismatch"]');
        await alert.waitFor();
        expect(await alert.textContent()).toBe(ja('errors.household_mismatch'));
        await axe(counter, 'counter household mismatch');
        await screenshot(counter, 'notify-refused-household');
        expect(await registerOf(family.members.map((m) => m.resident_id))).toEqual(before);
        const row = await findNotification(h.database.db, TOWN, draft.reference);
        expect(row?.status).toBe('confirmed');
        // The clerk checks again: the counter now says what is wrong before anything else can happen.
        await counter.getByRole('button', { name: ja('notify-counter.case.recheck') }).click();
        await counter.locator('.notify-problems').waitFor();
        expect(await counter.locator('.notify-case').getAttribute('data-status')).toBe('opened');
        expect(
          await counter.getByRole('button', { name: ja('notify-counter.tablet.send') }).isDisabled(),
        ).toBe(true);
      },
    );
  });

  it(
    'the paper path: the clerk types the form, the same screens compare, confirm and accept',
    FLOW,
    async () => {
      const family = await newFamily(h.database.db, { size: 1, familyName: '中村', familyKana: 'ナカムラ' });
      const m = family.members[0]!;
      await toReception();
      await counter
        .getByRole('button', { name: ja('notify-counter.paper.start', { kind: ja('moving.kinds.tenkyo') }) })
        .click();
      await counter
        .getByRole('heading', {
          level: 1,
          name: ja('notify-counter.paper.screenTitle', { kind: ja('moving.kinds.tenkyo') }),
        })
        .waitFor();
      await axe(counter, 'counter paper form');
      await counter.locator('#f-moveDate').fill(today);
      await counter.locator('#f-from-postalCode').fill('9999999');
      await counter.locator('#f-from-address').fill(TOWN_ADDRESS);
      await counter.locator('#f-from-katagaki').fill('みほんハイツ101号室');
      await counter.locator('#f-to-postalCode').fill('9999993');
      await counter.locator('#f-to-address').fill('見本県見本市竹町六丁目3番4号');
      await counter.locator('input[name="wholeHousehold"][value="yes"]').check();
      await counter.locator('#f-movers-0-familyName').fill(m.family_name);
      await counter.locator('#f-movers-0-givenName').fill(m.given_name);
      await counter.locator('#f-movers-0-familyNameKana').fill(m.family_name_kana);
      // A typing slip: not kana. The form says so beside the field and in the summary.
      await counter.locator('#f-movers-0-givenNameKana').fill('Taro');
      await counter.locator('#f-movers-0-birthDate').fill(m.birth_date);
      await counter.locator(`input[name="sex-0"][value="${m.sex}"]`).check();
      await counter.locator('#f-movers-0-relationship').selectOption('世帯主');
      await counter.locator('input[name="arrangement"][value="same"]').check();
      await counter.locator('input[name="notifier"][value="mover-0"]').check();
      await counter.getByRole('button', { name: ja('notify-counter.paper.create') }).click();
      await counter.locator('#f-movers-0-givenNameKana-error').waitFor();
      expect(await counter.locator('#f-movers-0-givenNameKana-error').textContent()).toBe(
        ja('moving.check.kana'),
      );
      await counter.locator('#f-movers-0-givenNameKana').fill(m.given_name_kana);
      await counter.getByRole('button', { name: ja('notify-counter.paper.create') }).click();
      await counter
        .getByRole('heading', {
          level: 1,
          name: ja('notify-counter.case.title', { kind: ja('moving.kinds.tenkyo') }),
        })
        .waitFor();
      expect(await counter.locator('.notify-case__meta').textContent()).toContain(
        ja('notify-counter.paths.paper'),
      );
      await counter.getByRole('button', { name: ja('notify-counter.tablet.paperSigned') }).click();
      await counter.locator('.notify-case[data-status="confirmed"]').waitFor();
      await acceptAtCounter('tenkyo', 'paper');
      const [row] = await registerOf([m.resident_id]);
      expect(row?.address).toBe('見本県見本市竹町六丁目3番4号');
      const notification = await h.database.db
        .selectFrom('notification')
        .select(['path', 'status'])
        .where('reference', 'in', (eb) =>
          eb.selectFrom('audit_log').select('subject_id').where('action', '=', 'notification.create_paper'),
        )
        .execute();
      expect(notification).toEqual([{ path: 'paper', status: 'accepted' }]);
      if (minor.length) console.info(`[e2e] minor axe findings:\n${minor.join('\n')}`);
      expect(h.problems(counter).filter((p) => !/status of (404|409|410|422)/.test(p))).toEqual([]);
    },
  );
});
