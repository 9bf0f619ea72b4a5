import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildConsoleTestApp,
  type ConsoleTestApp,
} from '../../src/channels/counter/testing/console-test-app.js';
import { ledgerImbalance } from '../../src/issuance/data/issuance.repository.js';
import type { IssuanceDeps } from '../../src/issuance/use-cases/issue-certificate.js';
import { verifyCertificateFile } from '../../src/issuance/use-cases/verify-certificate.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';
import { newFamily, newKaiseigenRegister, newResident } from '../support/factories.js';
import { pdfFile, pdfsig, pdftotext } from '../support/poppler.js';

const compact = (text: string) => text.replace(/\s+/g, '');
let keySeq = 0;
const key = () => `letter-${Date.now().toString(36)}-${++keySeq}`;

describeOnDrivers('mail requests (郵送請求) over HTTP', (ctx) => {
  let engine: IssuanceDeps;
  let c: ConsoleTestApp;
  let family: Awaited<ReturnType<typeof newFamily>>;

  beforeAll(async () => {
    engine = await createTestEngine(ctx.database);
    family = await newFamily(ctx.database.db, { size: 3 });
    c = await buildConsoleTestApp(ctx.database, engine);
  });
  afterAll(async () => {
    await c.app.close();
  });

  const returnAddress = {
    postalCode: '1000001',
    address: '東京都千代田区千代田1番1号',
    addressLine2: 'ちよだマンション305',
    name: '𠮷田　太郎',
  };

  async function money(requestId: string) {
    const rows = await ctx.database.db
      .selectFrom('mail_remittance')
      .select(['kind', 'amount'])
      .where('request_id', '=', requestId)
      .execute();
    const inflow = rows.filter((r) => r.kind !== 'refund').reduce((s, r) => s + r.amount, 0);
    const outflow = rows.filter((r) => r.kind === 'refund').reduce((s, r) => s + r.amount, 0);
    return inflow - outflow;
  }

  it('shortfall: received → checked (letter) → difference arrives → issued → excess sent back → posted, books balanced', async () => {
    const head = family.members[0]!;
    const registered = await c.as('counter', 'POST', '/api/v1/mail/requests', {
      idempotencyKey: key(),
      receivedOn: '2026-11-20',
      requester: {
        name: '𠮷田　太郎',
        address: '東京都千代田区千代田1番1号',
        phone: '03-0000-0000',
        residentId: head.resident_id,
        identityDocument: '運転免許証の写し',
      },
      returnAddress,
      enclosed: 300,
      enclosedNote: '定額小為替 300円1枚',
      items: [
        {
          subject: { residentId: head.resident_id },
          relation: 'self',
          options: { certificate: 'juminhyo', scope: 'household', include: ['householdHead', 'honseki'] },
        },
        {
          subject: { kosekiId: family.kosekiId },
          relation: 'self',
          options: { certificate: 'koseki-zenbu' },
        },
      ],
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { requestId, reference } = registered.json();
    expect(reference).toMatch(/^郵送第R8-\d{6}号$/);

    // Not before the check: issuing a request still `received` is refused.
    const early = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/issue`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('mail_wrong_state');

    const checked = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/check`, {});
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({
      status: 'checked',
      balance: { due: 750, held: 300, shortfall: 450, excess: 0 },
    });
    expect(checked.json().items.map((i: { total: number }) => i.total)).toEqual([300, 450]);
    const letterId = checked.json().shortfallLetter.letterId as string;

    const letters = await c.as('counter', 'GET', '/api/v1/mail/letters?status=queued');
    expect(
      letters.json().letters.map((l: { letterId: string; kind: string }) => [l.letterId, l.kind]),
    ).toContainEqual([letterId, 'mail_shortfall']);
    const pdf = await c.as('counter', 'GET', `/api/v1/mail/letters/${letterId}/pdf`);
    const file = pdfFile(pdf.rawPayload);
    expect(pdfsig(file)).toMatch(/Signature is Valid/);
    const text = compact(pdftotext(file));
    for (const expected of [
      '手数料不足',
      '不足額',
      '450円',
      '750円',
      reference,
      '〒100-0001',
      'ちよだマンション305',
      '𠮷田太郎',
    ])
      expect(text, expected).toContain(compact(expected));
    expect((await c.as('counter', 'POST', `/api/v1/mail/letters/${letterId}/printed`, {})).statusCode).toBe(
      200,
    );

    // The request waits: no certificate while the fee is short.
    const waiting = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/issue`, {});
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json()).toMatchObject({ code: 'mail_payment_short', shortfall: 450 });

    const more = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/remittances`, {
      kind: 'additional',
      amount: 500,
      note: '定額小為替 500円1枚（不足額として）',
    });
    expect(more.statusCode, more.body).toBe(201);
    expect(more.json().balance).toMatchObject({ held: 800, shortfall: 0, excess: 50 });

    const issued = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/issue`, {});
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', balance: { charged: 750, excess: 50 } });
    for (const cert of issued.json().certificates) {
      expect(cert.paymentMethod).toBe('postal_order');
      const bytes = Buffer.from(cert.pdfBase64, 'base64');
      expect(pdfsig(pdfFile(bytes))).toMatch(/Signature is Valid/);
      expect((await verifyCertificateFile(ctx.database.db, bytes)).verdict).toBe('genuine');
    }
    // Pressing "issue" again replays the same certificates: nothing new is charged.
    const again = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/issue`, {});
    expect(again.json().certificates.map((x: { issuanceId: string }) => x.issuanceId)).toEqual(
      issued.json().certificates.map((x: { issuanceId: string }) => x.issuanceId),
    );
    expect(again.json().certificates.every((x: { replayed: boolean }) => x.replayed)).toBe(true);

    // The excess must go back before posting, and no more than the excess.
    const notYet = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/post`, {
      method: 'regular',
    });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json()).toMatchObject({ code: 'mail_refund_pending', excess: 50 });
    const tooMuch = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/remittances`, {
      kind: 'refund',
      amount: 60,
    });
    expect(tooMuch.statusCode).toBe(422);
    const refund = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/remittances`, {
      kind: 'refund',
      amount: 50,
      note: '定額小為替 50円1枚を同封して返還',
    });
    expect(refund.json().balance).toMatchObject({ held: 750, charged: 750, excess: 0 });
    const posted = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/post`, {
      method: 'registered',
      trackingNumber: '1234-5678-9012',
    });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json().status).toBe('posted');

    // The books: orders kept equal the fees the engine booked, and the ledger balances.
    const issuances = await ctx.database.db
      .selectFrom('issuance')
      .select(['issuance_id', 'total_fee', 'payment_method', 'channel'])
      .where(
        'issuance_id',
        'in',
        issued.json().certificates.map((x: { issuanceId: string }) => x.issuanceId),
      )
      .execute();
    expect(issuances.every((i) => i.payment_method === 'postal_order' && i.channel === 'mail')).toBe(true);
    const charged = issuances.reduce((s, i) => s + i.total_fee, 0);
    expect(await money(requestId)).toBe(charged);
    const postalOrders = await ctx.database.db
      .selectFrom('ledger_entry')
      .select(sql<number>`coalesce(sum(debit) - sum(credit), 0)::int`.as('net'))
      .where('account', '=', 'postal_money_order')
      .where(
        'issuance_id',
        'in',
        issuances.map((i) => i.issuance_id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(postalOrders.net)).toBe(charged);
    expect((await ledgerImbalance(ctx.database.db, '999997')).imbalance).toBe(0);

    // The work log: each state with its clerk and time.
    const shown = await c.as('counter', 'GET', `/api/v1/mail/requests/${requestId}`);
    const work = shown.json().work;
    expect(work.events.map((e: { action: string }) => e.action)).toEqual([
      'received',
      'checked',
      'shortfall_letter',
      'additional_payment',
      'issued',
      'refund',
      'posted',
    ]);
    expect(new Set(work.events.map((e: { staffId: string }) => e.staffId))).toEqual(
      new Set([c.staff.counter.staffId]),
    );
    for (const step of ['received', 'checked', 'issued', 'posted']) {
      expect(work[step].by).toBe(c.staff.counter.staffId);
      expect(work[step].at).not.toBeNull();
    }
    expect(work.seconds.total).toBeGreaterThanOrEqual(0);
    expect(shown.json().money.balance).toMatchObject({
      received: 800,
      refunded: 50,
      charged: 750,
      excess: 0,
    });

    const late = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/return`, {
      reason: '取り下げ',
    });
    expect(late.statusCode).toBe(409);
  });

  it('a 改製原戸籍謄本 by mail: its register named, 750 yen in 定額小為替, issued and verified, then posted', async () => {
    const head = family.members[0]!;
    const register = await newKaiseigenRegister(ctx.database.db, { children: [head] });
    const registered = await c.as('counter', 'POST', '/api/v1/mail/requests', {
      idempotencyKey: key(),
      receivedOn: '2026-11-21',
      requester: {
        name: '𠮷田　太郎',
        address: '東京都千代田区千代田1番1号',
        residentId: head.resident_id,
        identityDocument: '運転免許証の写し',
      },
      returnAddress,
      enclosed: 750,
      enclosedNote: '定額小為替 750円1枚',
      items: [
        {
          subject: { kosekiId: register.kosekiId },
          relation: 'self',
          options: { certificate: 'koseki-kaiseigen', scope: 'all' },
        },
      ],
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { requestId } = registered.json();
    const checked = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/check`, {});
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ balance: { due: 750, held: 750, shortfall: 0, excess: 0 } });
    const issued = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/issue`, {});
    expect(issued.statusCode, issued.body).toBe(200);
    const [certificate] = issued.json().certificates;
    expect(certificate).toMatchObject({ certificate: 'koseki-kaiseigen', paymentMethod: 'postal_order' });
    const bytes = Buffer.from(certificate.pdfBase64, 'base64');
    const file = pdfFile(bytes);
    expect(pdfsig(file)).toMatch(/Signature is Valid/);
    const text = compact(pdftotext(file));
    for (const expected of ['改製原戸籍謄本', register.honseki, `【名】${head.given_name}`, '改製につき消除'])
      expect(text, expected).toContain(compact(expected));
    expect((await verifyCertificateFile(ctx.database.db, bytes)).verdict).toBe('genuine');
    const posted = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/post`, {
      method: 'regular',
    });
    expect(posted.json().status).toBe('posted');
  });

  it('returned: a seal certificate by mail is refused at the check; the request goes back with its orders', async () => {
    const head = family.members[0]!;
    const registered = await c.as('counter', 'POST', '/api/v1/mail/requests', {
      idempotencyKey: key(),
      receivedOn: '2026-11-21',
      requester: {
        name: '𠮷田　太郎',
        address: '東京都千代田区千代田1番1号',
        identityDocument: '旅券の写し',
      },
      returnAddress,
      enclosed: 600,
      items: [
        { subject: { residentId: head.resident_id }, relation: 'self', options: { certificate: 'inkan' } },
        {
          subject: { residentId: head.resident_id },
          relation: 'self',
          options: { certificate: 'kazei', taxYear: 2025 },
        },
      ],
    });
    const { requestId } = registered.json();
    const checked = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/check`, {});
    expect(checked.statusCode).toBe(422);
    expect(checked.json()).toMatchObject({ code: 'inkan_not_remote', itemNo: 1 });
    expect(checked.json().ja).toMatch(/^1番目の請求/);

    const returned = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/return`, {
      reason: '印鑑登録証明書は郵送では請求できないため',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', refunded: 600 });
    expect(await money(requestId)).toBe(0);
    const letter = await c.as(
      'counter',
      'GET',
      `/api/v1/mail/letters/${returned.json().letter.letterId}/pdf`,
    );
    const text = compact(pdftotext(pdfFile(letter.rawPayload)));
    expect(text).toContain('印鑑登録証明書は郵送では請求できないため');
    expect(text).toContain('600円');
    const shown = await c.as('counter', 'GET', `/api/v1/mail/requests/${requestId}`);
    expect(shown.json().work.returned).toMatchObject({ by: c.staff.counter.staffId });
    expect(shown.json().items.every((i: { issuanceId: string | null }) => i.issuanceId === null)).toBe(true);
  });

  it('a third party by mail: the registered person gets a 本人通知 saying the request came by mail', async () => {
    const registeredPerson = await newResident(ctx.database.db, {
      family_name: '郵便',
      given_name: '通知子',
      notify_on_third_party: true,
    });
    const registered = await c.as('counter', 'POST', '/api/v1/mail/requests', {
      idempotencyKey: key(),
      receivedOn: '2026-11-22',
      requester: {
        name: '司法書士　見本　一',
        address: '見本県見本市本町九丁目1番',
        identityDocument: '司法書士証票の写し',
      },
      returnAddress: {
        postalCode: '9999999',
        address: '見本県見本市本町九丁目1番',
        name: '見本司法書士事務所',
      },
      enclosed: 300,
      items: [
        {
          subject: { residentId: registeredPerson.resident_id },
          relation: 'third_party',
          lawfulReason: {
            kind: 'professional_duty',
            detail: '不動産の所有権移転登記申請のため',
            professional: { profession: 'judicial_scrivener', registrationNo: '見本第123号' },
          },
          options: { certificate: 'juminhyo', scope: 'members', residentIds: [registeredPerson.resident_id] },
        },
      ],
    });
    const { requestId } = registered.json();
    // The request as read back carries the stated reason of each item.
    const detail = await c.as('counter', 'GET', `/api/v1/mail/requests/${requestId}`);
    expect(detail.json().items).toEqual([
      expect.objectContaining({
        itemNo: 1,
        relation: 'third_party',
        powerOfAttorney: null,
        lawfulReason: {
          kind: 'professional_duty',
          detail: '不動産の所有権移転登記申請のため',
          professional: { profession: 'judicial_scrivener', registrationNo: '見本第123号' },
        },
        options: {
          certificate: 'juminhyo',
          scope: 'members',
          residentIds: [registeredPerson.resident_id],
          include: [],
        },
      }),
    ]);
    const checked = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/check`, {});
    expect(checked.json().balance).toMatchObject({ shortfall: 0, excess: 0 });
    expect(checked.json().shortfallLetter).toBeUndefined();
    const issued = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/issue`, {});
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().notices).toHaveLength(1);
    const notice = await c.as(
      'counter',
      'GET',
      `/api/v1/counter/notices/${issued.json().notices[0].letterId}/pdf`,
    );
    const text = compact(pdftotext(pdfFile(notice.rawPayload)));
    expect(text).toContain('郵送による請求');
    expect(text).toContain(compact('特定事務受任者（司法書士）による職務上請求'));
    expect(text).not.toContain('見本一');
    expect(text).not.toContain('登記');
    const posted = await c.as('counter', 'POST', `/api/v1/mail/requests/${requestId}/post`, {
      method: 'regular',
    });
    expect(posted.json().status).toBe('posted');
  });
});
