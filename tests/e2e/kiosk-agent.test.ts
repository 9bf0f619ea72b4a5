/**
 * The kiosk agent over HTTP, without a browser, on both drivers: what the
 * screen's calls do to the server, the money and the devices. The browser
 * journey is kiosk-flow.test.ts.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createKioskTestWorld,
  KIOSK_HONSEKI_TOWN,
  KIOSK_TEST_SEED,
  KIOSK_TEST_TOWN,
  type KioskTestServer,
  type KioskTestWorld,
} from '../../src/channels/kiosk-agent/testing/kiosk-test-world.js';
import { fromTokyoWallClock } from '../../src/domain/service-hours.js';
import { CardLockedError, importDemoRevocations } from '../../src/identity/index.js';
import { ledgerImbalance } from '../../src/issuance/data/issuance.repository.js';
import { verifyCertificateFile } from '../../src/issuance/use-cases/verify-certificate.js';
import { describeOnDrivers } from '../support/databases.js';
import { pdfFile, pdfsig } from '../support/poppler.js';

/** Tuesday 24 November 2026, 10:00 in Tokyo: every certificate is open at kiosks. */
const OPEN = fromTokyoWallClock('2026-11-24T10:00');

interface Answer {
  status: number;
  body: Record<string, unknown> & { code?: string };
  text: string;
}

function caller(server: KioskTestServer) {
  return async (path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${server.baseUrl}/kiosk-agent${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Answer['body'], text };
  };
}

async function until(check: () => Promise<boolean> | boolean) {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the condition never became true');
}

describeOnDrivers('kiosk agent relay', (ctx) => {
  let world: KioskTestWorld;
  let server: KioskTestServer;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    world = await createKioskTestWorld(ctx.database, { start: OPEN, today: '2026-11-24', residents: 100 });
    server = await world.startServer({ cards: 6 });
    call = caller(server);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  /** Card on the reader, checked, PIN accepted. */
  async function signIn(card = 'card-1') {
    await call('/sim/card', { id: card });
    expect((await call('/card/check', {})).status).toBe(200);
    const pin = await call('/pin', { pin: '1234' });
    expect(pin.status, pin.text).toBe(200);
  }

  async function sales() {
    return ctx.database.db
      .selectFrom('kiosk_sale')
      .selectAll()
      .where('kiosk_id', '=', server.agent.kiosk.id)
      .orderBy('reprint_until')
      .execute();
  }

  async function feeOf(issuanceId: string) {
    const lines = await ctx.database.db
      .selectFrom('ledger_entry')
      .select(['account', 'debit', 'credit'])
      .where('issuance_id', '=', issuanceId)
      .execute();
    return lines.filter((l) => l.account === 'fee_income').reduce((sum, l) => sum + l.credit - l.debit, 0);
  }

  it('walks card → PIN → menu → pay → issue → print, and the printed PDF verifies', async () => {
    const status = await call('/status');
    expect(status.body).toMatchObject({ configured: true, kiosk: { kind: 'store' } });
    expect(status.text).not.toMatch(/PRIVATE KEY|sessionToken/);
    await signIn();
    const menu = await call('/menu', {});
    expect(menu.status).toBe(200);
    const certificates = menu.body.certificates as { type: string; items: string[] }[];
    expect(certificates.map((c) => c.type)).toContain('juminhyo');
    expect(certificates.find((c) => c.type === 'juminhyo')?.items).not.toContain('myNumber');
    const order = {
      options: { certificate: 'juminhyo', scope: 'household', include: ['householdHead'] },
      copies: 2,
    };
    expect((await call('/quote', order)).body).toMatchObject({ unitFee: 200, total: 400 });
    expect((await call('/payment', order)).body).toMatchObject({ due: 400, inserted: 0, remaining: 400 });
    // Not enough yet: nothing is issued.
    await call('/sim/cash', { yen: 100 });
    expect((await call('/sale', {})).body.code).toBe('kiosk_agent.payment_incomplete');
    await call('/sim/cash', { yen: 500 });
    const refused = await call('/sim/cash', { yen: 10 });
    expect(refused.body.code).toBe('kiosk_agent.cash_refused');
    const sale = await call('/sale', {});
    expect(sale.body).toMatchObject({ status: 'printed', copies: 2, change: 200 });
    for (const answer of [menu, sale]) expect(answer.text).not.toMatch(/sessionToken|pdfBase64/);

    const pdf = server.printed.at(-1)!;
    expect(pdfsig(pdfFile(pdf))).toMatch(/Signature is Valid/);
    expect((await verifyCertificateFile(ctx.database.db, pdf)).verdict).toBe('genuine');
    expect((await sales()).map((s) => s.status)).toEqual(['printed']);
    expect(server.cash.cashBox()).toBe(400);
    expect((await ledgerImbalance(ctx.database.db, KIOSK_TEST_TOWN)).imbalance).toBe(0);

    await call('/sim/card/take', {});
    const state = await call('/state');
    expect(state.body).toMatchObject({ card: { present: false }, session: { open: false }, payment: null });
    expect(server.agent.holdsPersonalData()).toBe(false);
    // Taking the card closed the server's card session too (the agent does it right after).
    await until(async () => {
      const sessions = await ctx.database.db
        .selectFrom('card_session')
        .select(['ended_at'])
        .where('kiosk_id', '=', server.agent.kiosk.id)
        .execute();
      return sessions.length > 0 && sessions.every((s) => s.ended_at !== null);
    });
  });

  it('a double tap issues once: both taps get the same certificate, one sale, one fee', async () => {
    await signIn();
    const order = { options: { certificate: 'inkan' }, copies: 1 };
    await call('/payment', order);
    await call('/sim/cash', { yen: 500 });
    const before = (await sales()).length;
    const [first, second] = await Promise.all([call('/sale', {}), call('/sale', {})]);
    expect(first.body).toEqual(second.body);
    expect(first.body.status).toBe('printed');
    const after = await sales();
    expect(after.length).toBe(before + 1);
    expect(server.cash.cashBox()).toBe(400 + 200);
    await call('/sim/card/take', {});
  });

  it('a failed print is printed again for free, or refunded with the fee reversed — never lost', async () => {
    await signIn();
    const order = { options: { certificate: 'juminhyo', scope: 'household' }, copies: 1 };
    await call('/payment', order);
    await call('/sim/cash', { yen: 100 });
    await call('/sim/cash', { yen: 100 });
    server.printer.failNext('jam');
    const failed = await call('/sale', {});
    expect(failed.body).toMatchObject({
      status: 'print_failed',
      reason: 'jam',
      reprintAllowed: true,
      refundAmount: 200,
    });
    const printedBefore = server.printed.length;
    const again = await call('/sale/reprint', {});
    expect(again.body).toMatchObject({ status: 'printed' });
    expect(server.printed.length).toBe(printedBefore + 1);
    const reprinted = (await sales()).at(-1)!;
    expect(reprinted).toMatchObject({ status: 'printed', print_attempts: 2 });
    expect(await feeOf(reprinted.issuance_id)).toBe(200);
    await call('/sim/card/take', {});

    await signIn();
    await call('/payment', order);
    await call('/sim/cash', { yen: 1000 });
    server.printer.failNext('paper_out');
    expect((await call('/sale', {})).body).toMatchObject({ status: 'print_failed', change: 800 });
    const box = server.cash.cashBox();
    const refund = await call('/sale/refund', {});
    expect(refund.body).toMatchObject({ status: 'refunded', amount: 200 });
    expect(server.cash.cashBox()).toBe(box - 200);
    const refunded = (await sales()).at(-1)!;
    expect(refunded.status).toBe('refunded');
    expect(await feeOf(refunded.issuance_id)).toBe(0);
    expect((await ledgerImbalance(ctx.database.db, KIOSK_TEST_TOWN)).imbalance).toBe(0);
    await call('/sim/card/take', {});
  });

  it('a failed print left behind is refunded when the card is taken away', async () => {
    await signIn();
    await call('/payment', { options: { certificate: 'inkan' }, copies: 1 });
    await call('/sim/cash', { yen: 100 });
    await call('/sim/cash', { yen: 100 });
    server.printer.failNext('offline');
    expect((await call('/sale', {})).body.status).toBe('print_failed');
    await call('/sim/card/take', {});
    await until(async () => (await sales()).at(-1)?.status === 'refunded');
    expect(await feeOf((await sales()).at(-1)!.issuance_id)).toBe(0);
    expect(server.agent.holdsPersonalData()).toBe(false);
  });

  it('money comes back when the payment is abandoned, and when the server refuses to issue', async () => {
    world.clock.set(fromTokyoWallClock('2026-11-24T22:59:30'));
    await signIn();
    const order = { options: { certificate: 'juminhyo', scope: 'household' }, copies: 1 };
    await call('/payment', order);
    await call('/sim/cash', { yen: 100 });
    expect((await call('/payment/cancel', {})).body).toEqual({ returned: 100 });
    const count = (await sales()).length;
    await call('/payment', order);
    await call('/sim/cash', { yen: 500 });
    // The clock passes 23:00 between the payment and the press: the server refuses, the cash comes back.
    world.clock.set(fromTokyoWallClock('2026-11-24T23:00:30'));
    const refused = await call('/sale', {});
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'service_outside_hours', returned: 500 });
    expect(String(refused.body.reopensAt)).toBe(fromTokyoWallClock('2026-11-25T06:30').toISOString());
    expect((await sales()).length).toBe(count);
    await call('/sim/card/take', {});
    world.clock.set(fromTokyoWallClock('2026-11-25T10:00'));
  });

  it('three wrong PINs lock the card on the chip and on record, and it stays locked after a restart', async () => {
    await call('/sim/card', { id: 'card-2' });
    expect((await call('/card/check', {})).status).toBe(200);
    expect((await call('/pin', { pin: '0000' })).body).toMatchObject({
      code: 'kiosk_agent.pin_incorrect',
      retriesLeft: 2,
    });
    expect((await call('/pin', { pin: '0001' })).body.retriesLeft).toBe(1);
    expect((await call('/pin', { pin: '0002' })).body.code).toBe('kiosk_agent.card_locked');
    const serial = new X509Certificate(await server.reader.currentCard()!.readCertificate()).serialNumber;
    const record = await ctx.database.db
      .selectFrom('mynumber_card')
      .select('status')
      .where('certificate_serial', '=', serial)
      .executeTakeFirst();
    expect(record?.status).toBe('pin_locked');
    await call('/sim/card/take', {});

    // A new process: the agent reads the same card file again.
    await server.close();
    server = await world.startServer({ cards: 6 });
    call = caller(server);
    await call('/sim/card', { id: 'card-2' });
    const check = await call('/card/check', {});
    expect(check.body.code).toBe('kiosk_agent.card_locked');
    const reopened = server.reader.currentCard()!;
    expect(await reopened.retriesLeft()).toBe(0);
    // Even the right PIN is refused by the chip itself.
    await expect(reopened.sign(Buffer.from('x'), '1234')).rejects.toBeInstanceOf(CardLockedError);
    await call('/sim/card/take', {});
  });

  it('nobody there: the agent ends the session by itself, gives the money back and forgets everything', async () => {
    await signIn('card-3');
    await call('/payment', { options: { certificate: 'inkan' }, copies: 1 });
    await call('/sim/cash', { yen: 100 });
    const box = server.cash.cashBox();
    server.agent.timeouts = { ...server.agent.timeouts, agentIdleMs: 200 };
    server.agent.touch();
    await until(async () => !server.agent.holdsPersonalData() && server.cash.inserted() === 0);
    expect(server.cash.cashBox()).toBe(box);
    // A timeout hands the card back (the simulated slot ejects it).
    expect((await call('/state')).body).toMatchObject({ card: { present: false }, session: { open: false } });
    server.agent.timeouts = { ...server.agent.timeouts, agentIdleMs: 120_000 };
  });

  it('refuses cross-site and non-JSON calls, and steps out of order', async () => {
    const crossSite = await fetch(`${server.baseUrl}/kiosk-agent/card/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    const form = await fetch(`${server.baseUrl}/kiosk-agent/sim/card/take`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(403);
    expect((await call('/menu', {})).body.code).toBe('kiosk_agent.no_session');
    expect((await call('/card/check', {})).body.code).toBe('kiosk_agent.no_card');
    expect((await call('/pin', { pin: '12a4' })).status).toBe(400);
  });

  it('a revoked card is refused as soon as it is read, before any PIN', async () => {
    const cards = server.reader.list();
    const victim = cards.find((c) => c.id === 'card-4')!;
    await call('/sim/card', { id: victim.id });
    const certificate = await server.reader.currentCard()!.readCertificate();
    await call('/sim/card/take', {});
    const serial = new X509Certificate(certificate).serialNumber;
    await ctx.database.db
      .updateTable('mynumber_card')
      .set({ status: 'revoked' })
      .where('certificate_serial', '=', serial)
      .execute();
    await importDemoRevocations({ db: ctx.database.db, clock: world.clock.now }, KIOSK_TEST_SEED);
    await call('/sim/card', { id: victim.id });
    expect((await call('/card/check', {})).body.code).toBe('card_auth.certificate_revoked');
    await call('/sim/card/take', {});
  });

  it('relays a 利用者登録申請 for the card holder: a double tap files once, the holder’s state is listed, nothing secret leaves', async () => {
    // Before a PIN there is no one to apply for.
    expect((await call('/koseki-registrations/status', {})).body.code).toBe('kiosk_agent.no_session');
    await call('/sim/card', { id: 'card-6' });
    const serial = new X509Certificate(await server.reader.currentCard()!.readCertificate()).serialNumber;
    const holder = await ctx.database.db
      .selectFrom('mynumber_card as c')
      .innerJoin('resident as r', (join) =>
        join
          .onRef('r.municipality_code', '=', 'c.municipality_code')
          .onRef('r.resident_id', '=', 'c.resident_id'),
      )
      .select(['r.resident_id', 'r.is_foreign'])
      .where('c.certificate_serial', '=', serial)
      .executeTakeFirstOrThrow();
    const register = await world.addHonsekiRegister(Number(holder.resident_id));
    expect((await call('/card/check', {})).status).toBe(200);
    expect((await call('/pin', { pin: '1234' })).status).toBe(200);

    const towns = await call('/koseki-registrations/municipalities', {});
    expect(towns.status, towns.text).toBe(200);
    expect((towns.body.municipalities as { code: string }[]).map((m) => m.code)).toEqual([
      KIOSK_HONSEKI_TOWN,
    ]);
    expect((await call('/koseki-registrations/status', {})).body).toEqual({ registrations: [] });

    const application = {
      municipalityCode: KIOSK_HONSEKI_TOWN,
      honseki: register.honseki,
      hittosha: register.hittosha,
    };
    // What the server refuses comes back with the field named; nothing is filed.
    const wrong = await call('/koseki-registrations', { ...application, honseki: 'Mihon 1-2' });
    expect(wrong.status).toBe(400);
    expect([...new Set((wrong.body.errors as { at: string }[]).map((e) => e.at))]).toEqual(['honseki']);
    // The screen cannot speak for the applicant: only the municipality and the two typed fields.
    const forged = await call('/koseki-registrations', { ...application, birthDate: '1990-01-01' });
    expect(forged.status).toBe(400);

    if (holder.is_foreign) {
      expect((await call('/koseki-registrations', application)).body.code).toBe(
        'koseki_registration.no_koseki',
      );
    } else {
      const [first, second] = await Promise.all([
        call('/koseki-registrations', application),
        call('/koseki-registrations', application),
      ]);
      expect(first.status, first.text).toBe(201);
      expect(second.body.registrationId, second.text).toBe(first.body.registrationId);
      expect(first.body).toMatchObject({ status: 'pending', honseki: register.honseki, replayed: false });
      for (const answer of [towns, first, second])
        expect(answer.text).not.toMatch(/sessionToken|idempotencyKey/);
      // The same words later (a retry after a lost answer) get the same application back…
      const retried = await call('/koseki-registrations', application);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ registrationId: first.body.registrationId, replayed: true });
      // …other words are a second application, which the server refuses while the first is open.
      const other = await call('/koseki-registrations', {
        ...application,
        honseki: `${register.honseki}の2`,
      });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('koseki_registration.already_pending');
      const status = await call('/koseki-registrations/status', {});
      expect(status.body.registrations).toEqual([
        expect.objectContaining({ registrationId: first.body.registrationId, status: 'pending' }),
      ]);
      const rows = await ctx.database.db
        .selectFrom('koseki_user_registration')
        .select('status')
        .where('municipality_code', '=', KIOSK_HONSEKI_TOWN)
        .execute();
      expect(rows).toEqual([{ status: 'pending' }]);
    }
    await call('/sim/card/take', {});
    expect(server.agent.holdsPersonalData()).toBe(false);
  });

  it('an unregistered kiosk is refused by the server', async () => {
    const stranger = await world.startServer({ registered: false, cards: 6 });
    try {
      const strangerCall = caller(stranger);
      await strangerCall('/sim/card', { id: 'card-5' });
      const check = await strangerCall('/card/check', {});
      expect(check.status).toBe(401);
      expect(check.body.code).toBe('kiosk_auth.unknown_kiosk');
    } finally {
      await stranger.close();
    }
  });
});
