import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { signKioskRequest } from '../../src/identity/index.js';
import { ledgerImbalance } from '../../src/issuance/data/issuance.repository.js';
import { verifyCertificateFile } from '../../src/issuance/use-cases/verify-certificate.js';
import { buildServer } from '../../src/server.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine, OPEN_HOURS, testServices } from '../support/engine.js';
import { newFamily } from '../support/factories.js';
import { pdfFile, pdfsig } from '../support/poppler.js';
import {
  cardDir,
  cardFileFor,
  newCard,
  newKiosk,
  newTestCa,
  type TestKiosk,
  trustCa,
} from './identity-fixtures.js';

describeOnDrivers('kiosk issuance over HTTP', (ctx) => {
  let app: FastifyInstance;
  let kiosk: TestKiosk;

  async function call(path: string, body: unknown, who: TestKiosk = kiosk) {
    const payload = JSON.stringify(body);
    const headers = signKioskRequest({
      kioskId: who.kioskId,
      privateKey: who.privateKey,
      method: 'POST',
      path,
      body: payload,
      now: OPEN_HOURS,
    });
    return app.inject({
      method: 'POST',
      url: path,
      payload,
      headers: { ...headers, 'content-type': 'application/json' },
    });
  }

  async function openSession() {
    const ca = newTestCa();
    await trustCa(ctx.database.db, ca);
    const card = await newCard(ctx.database.db, ca);
    const virtual = await cardFileFor(cardDir(), card);
    const challenge = await call('/api/v1/kiosk/auth/challenge', {});
    expect(challenge.statusCode).toBe(201);
    const signature = await virtual.sign(Buffer.from(challenge.json().message, 'base64'), '1234');
    const complete = await call('/api/v1/kiosk/auth/complete', {
      challengeId: challenge.json().challengeId,
      certificate: card.certificate.der.toString('base64'),
      signature: signature.toString('base64'),
    });
    expect(complete.statusCode).toBe(200);
    return { card, sessionToken: complete.json().sessionToken as string };
  }

  it('walks menu → quote → pay → issue → printed, and the PDF verifies', async () => {
    const issuance = await createTestEngine(ctx.database);
    app = await buildServer({
      database: ctx.database,
      config: { ...loadConfig({}), logLevel: 'silent', renderWorkers: 0 },
      services: testServices(ctx.database, issuance),
    });
    kiosk = await newKiosk(ctx.database.db);
    const { sessionToken } = await openSession();
    const menu = await call('/api/v1/kiosk/menu', { sessionToken });
    expect(menu.statusCode).toBe(200);
    const juminhyo = menu.json().certificates.find((c: { type: string }) => c.type === 'juminhyo');
    expect(juminhyo.unitFee).toBe(200);
    expect(juminhyo.items).not.toContain('myNumber');
    const order = { sessionToken, options: { certificate: 'juminhyo', scope: 'household' }, copies: 2 };
    const quote = await call('/api/v1/kiosk/quote', order);
    expect(quote.json().total).toBe(400);
    const wrongCash = await call('/api/v1/kiosk/issuances', {
      ...order,
      idempotencyKey: 'sale-0001-a',
      paidAmount: 300,
    });
    expect(wrongCash.statusCode).toBe(422);
    const issued = await call('/api/v1/kiosk/issuances', {
      ...order,
      idempotencyKey: 'sale-0001-b',
      paidAmount: 400,
    });
    expect(issued.statusCode).toBe(201);
    const pdf = Buffer.from(issued.json().pdfBase64, 'base64');
    expect(pdfsig(pdfFile(pdf))).toMatch(/Signature is Valid/);
    expect((await verifyCertificateFile(ctx.database.db, pdf)).verdict).toBe('genuine');
    // A double tap sends the same key: the same certificate, no second charge.
    const again = await call('/api/v1/kiosk/issuances', {
      ...order,
      idempotencyKey: 'sale-0001-b',
      paidAmount: 400,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().issuanceId).toBe(issued.json().issuanceId);
    const printed = await call(`/api/v1/kiosk/issuances/${issued.json().issuanceId}/printed`, {});
    expect(printed.json().status).toBe('printed');
    const lateRefund = await call(`/api/v1/kiosk/issuances/${issued.json().issuanceId}/refund`, {
      reason: 'changed my mind',
    });
    expect(lateRefund.statusCode).toBe(409);
  });

  it('after a failed print offers a reprint of the same bytes, or refunds once with a balanced ledger', async () => {
    const { sessionToken } = await openSession();
    const order = { sessionToken, options: { certificate: 'juminhyo', scope: 'household' }, copies: 1 };
    const first = await call('/api/v1/kiosk/issuances', {
      ...order,
      idempotencyKey: 'sale-0002-a',
      paidAmount: 200,
    });
    const id = first.json().issuanceId;
    const failed = await call(`/api/v1/kiosk/issuances/${id}/print-failed`, { reason: 'paper jam' });
    expect(failed.json()).toMatchObject({ status: 'print_failed', reprintAllowed: true, refundAmount: 200 });
    const reprinted = await call(`/api/v1/kiosk/issuances/${id}/reprint`, {});
    expect(reprinted.json().pdfBase64).toBe(first.json().pdfBase64);

    const second = await call('/api/v1/kiosk/issuances', {
      ...order,
      idempotencyKey: 'sale-0002-b',
      paidAmount: 200,
    });
    const id2 = second.json().issuanceId;
    await call(`/api/v1/kiosk/issuances/${id2}/print-failed`, { reason: 'printer offline' });
    const refunded = await call(`/api/v1/kiosk/issuances/${id2}/refund`, { reason: 'printer offline' });
    expect(refunded.json()).toMatchObject({ status: 'refunded', amount: 200, alreadyRefunded: false });
    const twice = await call(`/api/v1/kiosk/issuances/${id2}/refund`, { reason: 'printer offline' });
    expect(twice.json()).toMatchObject({ status: 'refunded', amount: 200, alreadyRefunded: true });
    const noReprint = await call(`/api/v1/kiosk/issuances/${id2}/reprint`, {});
    expect(noReprint.statusCode).toBe(409);
    const pdf = Buffer.from(second.json().pdfBase64, 'base64');
    expect((await verifyCertificateFile(ctx.database.db, pdf)).verdict).toBe('voided');
    const lines = await ctx.database.db
      .selectFrom('ledger_entry')
      .selectAll()
      .where('issuance_id', '=', id2)
      .execute();
    const fee = lines
      .filter((l) => l.account === 'fee_income')
      .reduce((sum, l) => sum + l.credit - l.debit, 0);
    expect(fee).toBe(0);
    expect((await ledgerImbalance(ctx.database.db, '999997')).imbalance).toBe(0);
  });

  it('marks every 戸籍 tile as not here for a holder without a register in the town, and still refuses the order', async () => {
    const db = ctx.database.db;
    const kosekiTiles = ['koseki-zenbu', 'koseki-kojin', 'fuhyo'];
    type Tile = { type: string; notHere: string | null; unitFee: number };
    const tilesOf = async (sessionToken: string) => {
      const menu = await call('/api/v1/kiosk/menu', { sessionToken });
      expect(menu.statusCode).toBe(200);
      return menu.json().certificates as Tile[];
    };
    const notHereOf = (tiles: Tile[]) => Object.fromEntries(tiles.map((c) => [c.type, c.notHere]));

    // A Japanese resident whose 本籍 is elsewhere: the 本籍地 keeps their 戸籍.
    const japanese = await openSession();
    const tiles = await tilesOf(japanese.sessionToken);
    expect(tiles.map((c) => c.type)).toEqual(expect.arrayContaining([...kosekiTiles, 'juminhyo']));
    for (const type of kosekiTiles) expect(notHereOf(tiles)[type]).toBe('kept_by_honseki');
    const kosekiFamily = [...kosekiTiles, 'koseki-joseki', 'koseki-kaiseigen'];
    for (const tile of tiles)
      expect(tile.notHere, tile.type).toBe(kosekiFamily.includes(tile.type) ? 'kept_by_honseki' : null);
    // The server stays the authority: an order for such a tile is refused as before.
    for (const options of [{ certificate: 'koseki-zenbu' }, { certificate: 'fuhyo', scope: 'all' }]) {
      const quote = await call('/api/v1/kiosk/quote', {
        sessionToken: japanese.sessionToken,
        options,
        copies: 1,
      });
      expect(quote.statusCode, options.certificate).toBe(422);
      expect(quote.json().code).toBe('koseki_not_here');
    }

    // A foreign resident has no 戸籍 at all.
    const foreign = await openSession();
    await db
      .updateTable('resident')
      .set({ is_foreign: true, nationality: 'VN' })
      .where('resident_id', '=', foreign.card.residentId)
      .execute();
    const foreignTiles = await tilesOf(foreign.sessionToken);
    for (const type of kosekiTiles) expect(notHereOf(foreignTiles)[type]).toBe('no_koseki');

    // A holder in one of the town's registers: the same tiles are offered.
    const member = await openSession();
    const family = await newFamily(db, { size: 2 });
    await db
      .updateTable('koseki_member')
      .set({ resident_id: member.card.residentId })
      .where('municipality_code', '=', '999997')
      .where('koseki_id', '=', family.kosekiId)
      .where('member_no', '=', 1)
      .execute();
    const memberTiles = await tilesOf(member.sessionToken);
    for (const type of kosekiTiles) expect(notHereOf(memberTiles)[type]).toBeNull();
    const memberQuote = await call('/api/v1/kiosk/quote', {
      sessionToken: member.sessionToken,
      options: { certificate: 'koseki-zenbu' },
      copies: 1,
    });
    expect(memberQuote.statusCode).toBe(200);
  });

  it('refuses another kiosk acting on this kiosk’s sale, and unsigned requests', async () => {
    const { sessionToken } = await openSession();
    const sale = await call('/api/v1/kiosk/issuances', {
      sessionToken,
      options: { certificate: 'juminhyo', scope: 'household' },
      copies: 1,
      idempotencyKey: 'sale-0003-a',
      paidAmount: 200,
    });
    const other = await newKiosk(ctx.database.db);
    const stolen = await call(
      `/api/v1/kiosk/issuances/${sale.json().issuanceId}/refund`,
      { reason: 'x' },
      other,
    );
    expect(stolen.statusCode).toBe(404);
    const sessionElsewhere = await call('/api/v1/kiosk/menu', { sessionToken }, other);
    expect(sessionElsewhere.statusCode).toBeGreaterThanOrEqual(400);
    const unsigned = await app.inject({
      method: 'POST',
      url: '/api/v1/kiosk/menu',
      payload: { sessionToken },
    });
    expect(unsigned.statusCode).toBe(401);
    await app.close();
  });
});
