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
import { newFamily, newResident } from '../support/factories.js';
import { pdfFile, pdfsig, pdftotext } from '../support/poppler.js';

const compact = (text: string) => text.replace(/\s+/g, '');
let keySeq = 0;
const key = (label: string) => `${label}-${Date.now().toString(36)}-${++keySeq}`;

/** A closed (除籍) or pre-revision (改製原戸籍) register with one member. */
async function newOldRegister(
  db: ConsoleTestApp['t']['deps']['db'],
  status: 'closed' | 'kaisei_gen',
  kosekiId: number,
) {
  await db
    .insertInto('koseki')
    .values({
      municipality_code: '999997',
      koseki_id: kosekiId,
      honseki: '見本県見本市本町五丁目1番地',
      hittosha: '髙橋　一郎',
      honseki_key: 'x',
      hittosha_key: 'x',
      status,
      compiled_on: '1950-01-01',
      closed_on: '1995-03-01',
      closed_reason: status === 'closed' ? '全員除籍' : '平成6年法務省令第51号附則第2条第1項による改製',
    })
    .execute();
  await db
    .insertInto('koseki_member')
    .values({
      municipality_code: '999997',
      koseki_id: kosekiId,
      member_no: 1,
      family_name: '髙橋',
      given_name: '一郎',
      birth_date: '1920-02-03',
      sex: 'M',
      father_name: '髙橋　太',
      mother_name: '髙橋　花',
      relationship: '長男',
      status: status === 'closed' ? 'removed' : 'in',
      removed_reason: status === 'closed' ? '死亡' : null,
      resident_id: null,
      juminhyo_code: null,
    })
    .execute();
  return kosekiId;
}

async function expectSignedPdf(base64: string, texts: string[]) {
  const file = pdfFile(Buffer.from(base64, 'base64'));
  expect(pdfsig(file)).toMatch(/Signature Validation: Signature is Valid/);
  const text = compact(pdftotext(file));
  for (const t of texts) expect(text, t).toContain(compact(t));
  return text;
}

describeOnDrivers('counter issuance over HTTP', (ctx) => {
  let engine: IssuanceDeps;
  let c: ConsoleTestApp;
  let family: Awaited<ReturnType<typeof newFamily>>;

  beforeAll(async () => {
    engine = await createTestEngine(ctx.database);
    family = await newFamily(ctx.database.db, { size: 4 });
    c = await buildConsoleTestApp(ctx.database, engine);
  });
  afterAll(async () => {
    await c.app.close();
  });

  async function open(requester: Record<string, unknown>) {
    const res = await c.as('counter', 'POST', '/api/v1/counter/transactions', {
      idempotencyKey: key('visit'),
      requester,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().transactionId as string;
  }

  async function addLine(tx: string, line: Record<string, unknown>, status = 201) {
    const res = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/lines`, line);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  }

  it('本人: finds the person, quotes six kinds, takes cash, issues once and prints a signed receipt', async () => {
    const head = family.members[0]!;
    // 吉田 finds the registered 𠮷田: the search folds variants, and it is audited.
    const search = await c.as(
      'counter',
      'GET',
      `/api/v1/counter/residents?name=${encodeURIComponent('吉田')}`,
    );
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().residents.map((r: { residentId: number }) => r.residentId)).toContain(
      head.resident_id,
    );
    const card = await c.as(
      'counter',
      'GET',
      `/api/v1/counter/residents/${head.resident_id}?reason=窓口請求`,
    );
    expect(card.statusCode).toBe(200);
    expect(card.json().familyName).toBe('𠮷田');
    expect(card.json().registers[0].kosekiId).toBe(family.kosekiId);
    expect(card.json().sealRegistered).toBe(true);

    const tx = await open({ residentId: head.resident_id, identityDocument: '運転免許証' });
    const lines = [
      { options: { certificate: 'juminhyo', scope: 'household', include: ['householdHead'] }, copies: 2 },
      { options: { certificate: 'inkan' }, sealCardPresented: true },
      { options: { certificate: 'kazei', taxYear: 2025 } },
      { subject: { kosekiId: family.kosekiId }, options: { certificate: 'koseki-zenbu' } },
      { subject: { kosekiId: family.kosekiId }, options: { certificate: 'koseki-kojin', memberNo: 1 } },
      { subject: { kosekiId: family.kosekiId }, options: { certificate: 'fuhyo', scope: 'all' } },
    ];
    const quotes = [];
    for (const line of lines)
      quotes.push(
        await addLine(tx, { subject: { residentId: head.resident_id }, relation: 'self', ...line }),
      );
    expect(quotes.map((q) => q.total)).toEqual([600, 300, 300, 450, 450, 300]);
    const shown = await c.as('counter', 'GET', `/api/v1/counter/transactions/${tx}`);
    expect(shown.json().total).toBe(2400);

    // Cash that does not cover the fee is refused and nothing is issued.
    const short = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/pay`, {
      method: 'cash',
      tendered: 2000,
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('counter_tendered_short');

    const before = await ctx.database.db
      .selectFrom('issuance')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const paid = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/pay`, {
      method: 'cash',
      tendered: 5000,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const body = paid.json();
    expect(body).toMatchObject({
      status: 'paid',
      total: 2400,
      paymentMethod: 'cash',
      tendered: 5000,
      change: 2600,
    });
    expect(body.certificates.map((x: { certificate: string }) => x.certificate)).toEqual([
      'juminhyo',
      'inkan',
      'kazei',
      'koseki-zenbu',
      'koseki-kojin',
      'fuhyo',
    ]);
    for (const cert of body.certificates) {
      const pdf = Buffer.from(cert.pdfBase64, 'base64');
      expect(pdfsig(pdfFile(pdf))).toMatch(/Signature is Valid/);
      expect((await verifyCertificateFile(ctx.database.db, pdf)).verdict).toBe('genuine');
    }
    expect(body.notices).toEqual([]);
    const receiptText = await expectSignedPdf(body.receipt.pdfBase64, [
      '領収書',
      body.receipt.receiptNumber,
      '住民票の写し',
      '印鑑登録証明書',
      '戸籍の附票の写し',
      body.certificates[0].issueNumber,
      '2,400円',
      '現金',
      'お釣り',
      '2,600円',
      '見本窓口係',
      '𠮷田',
    ]);
    expect(receiptText).toContain('令和8年11月24日');

    // A double click: the same certificates and receipt, nothing new issued or charged.
    const again = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/pay`, {
      method: 'cash',
      tendered: 5000,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().receipt.receiptNumber).toBe(body.receipt.receiptNumber);
    expect(again.json().receipt.pdfBase64).toBe(body.receipt.pdfBase64);
    expect(again.json().certificates.map((x: { issuanceId: string }) => x.issuanceId)).toEqual(
      body.certificates.map((x: { issuanceId: string }) => x.issuanceId),
    );
    expect(again.json().certificates.every((x: { replayed: boolean }) => x.replayed)).toBe(true);
    const after = await ctx.database.db
      .selectFrom('issuance')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n - before.n).toBe(6);
    expect((await ledgerImbalance(ctx.database.db, '999997')).imbalance).toBe(0);

    // Reprints give the recorded bytes; a paid visit can no longer change.
    const reprint = await c.as(
      'counter',
      'GET',
      `/api/v1/counter/transactions/${tx}/lines/1/certificate.pdf`,
    );
    expect(reprint.statusCode).toBe(200);
    expect(reprint.headers['content-type']).toBe('application/pdf');
    expect(reprint.rawPayload.toString('base64')).toBe(body.certificates[0].pdfBase64);
    const receipt = await c.as('counter', 'GET', `/api/v1/counter/transactions/${tx}/receipt.pdf`);
    expect(receipt.rawPayload.toString('base64')).toBe(body.receipt.pdfBase64);
    const late = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/lines`, {
      subject: { residentId: head.resident_id },
      relation: 'self',
      options: { certificate: 'inkan' },
      sealCardPresented: true,
    });
    expect(late.statusCode).toBe(409);
  });

  it('代理人: refused without a 委任状, issued with one, paid cashless; no 本人通知 for an unregistered person', async () => {
    const member = family.members[1]!;
    const tx = await open({ name: '代理　次郎', identityDocument: 'マイナンバーカード' });
    const refused = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/lines`, {
      subject: { residentId: member.resident_id },
      relation: 'agent',
      options: {
        certificate: 'juminhyo-kisai',
        residentIds: [member.resident_id],
        items: ['name', 'address'],
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('power_of_attorney_required');
    expect(refused.json().ja).toMatch(/委任状/);
    const line = await addLine(tx, {
      subject: { residentId: member.resident_id },
      relation: 'agent',
      powerOfAttorney: true,
      options: {
        certificate: 'juminhyo-kisai',
        residentIds: [member.resident_id],
        items: ['name', 'address'],
      },
    });
    expect(line).toMatchObject({ total: 300, basis: 'power_of_attorney', notifySubject: false });
    // The visit as read back (a reload, a colleague) carries what the clerk saw for each line.
    const resumed = await c.as('counter', 'GET', `/api/v1/counter/transactions/${tx}`);
    expect(resumed.json().lines).toEqual([
      expect.objectContaining({
        lineNo: 1,
        relation: 'agent',
        powerOfAttorney: true,
        lawfulReason: null,
        sealCardPresented: false,
        options: {
          certificate: 'juminhyo-kisai',
          residentIds: [member.resident_id],
          items: ['name', 'address'],
        },
      }),
    ]);
    expect(resumed.json()).toMatchObject({ awaitingReview: false, requester: { name: '代理　次郎' } });
    const paid = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/pay`, {
      method: 'cashless',
      reference: 'QR-20261124-0001',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ paymentMethod: 'cashless', change: null, notices: [] });
    await expectSignedPdf(paid.json().receipt.pdfBase64, [
      '住民票記載事項証明書',
      'キャッシュレス決済',
      'QR-20261124-0001',
      '代理次郎',
    ]);
    const issuance = await ctx.database.db
      .selectFrom('issuance')
      .select(['requester', 'payment_method', 'clerk_id'])
      .where('issuance_id', '=', paid.json().certificates[0].issuanceId)
      .executeTakeFirstOrThrow();
    expect(issuance.payment_method).toBe('cashless');
    expect(issuance.clerk_id).toBe(c.staff.counter.staffId);
    expect(issuance.requester).toMatchObject({
      relation: 'agent',
      basis: 'power_of_attorney',
      name: '代理　次郎',
      identityDocument: 'マイナンバーカード',
    });
  });

  it('第三者: needs a stated reason; 除票・除籍・改製原戸籍 at the counter (not a 改製原戸籍 from a current register); a 本人通知 letter for the registered person only', async () => {
    const registered = await newResident(ctx.database.db, {
      family_name: '通知',
      given_name: '登録子',
      notify_on_third_party: true,
      postal_code: '9990001',
      address: '見本県見本市通知町1番2号',
      katagaki: 'つうちハイツ202号室',
    });
    const movedOut = await newResident(ctx.database.db, {
      family_name: '転出',
      given_name: '済男',
      status: 'moved_out',
      removed_on: '2025-06-01',
      removal_reason: '転出',
      moved_to_address: '東京都千代田区千代田1番1号',
    });
    const closed = await newOldRegister(ctx.database.db, 'closed', 880_001);
    const preRevision = await newOldRegister(ctx.database.db, 'kaisei_gen', 880_002);

    const tx = await open({ name: '債権　回収', identityDocument: '運転免許証' });
    const noReason = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/lines`, {
      subject: { residentId: registered.resident_id },
      relation: 'third_party',
      options: { certificate: 'juminhyo', scope: 'members', residentIds: [registered.resident_id] },
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('lawful_reason_required');

    const reason = {
      kind: 'exercise_of_rights',
      detail: '令和7年5月1日付け金銭消費貸借契約に基づく貸金返還請求訴訟の提起のため',
    };
    const notified = await addLine(tx, {
      subject: { residentId: registered.resident_id },
      relation: 'third_party',
      lawfulReason: reason,
      options: { certificate: 'juminhyo', scope: 'members', residentIds: [registered.resident_id] },
    });
    expect(notified).toMatchObject({ basis: 'lawful_reason', notifySubject: true });
    await addLine(tx, {
      subject: { residentId: movedOut.resident_id },
      relation: 'third_party',
      lawfulReason: reason,
      options: { certificate: 'juminhyo-johyo', residentIds: [movedOut.resident_id] },
    });
    const joseki = await addLine(tx, {
      subject: { kosekiId: closed },
      relation: 'third_party',
      lawfulReason: reason,
      options: { certificate: 'koseki-joseki', scope: 'all' },
    });
    expect(joseki.total).toBe(750);
    // The 改製原戸籍 asked for by its register, as the 除籍: 750 yen like it.
    const kaiseigen = await addLine(tx, {
      subject: { kosekiId: preRevision },
      relation: 'third_party',
      lawfulReason: reason,
      options: { certificate: 'koseki-kaiseigen', scope: 'member', memberNo: 1 },
    });
    expect(kaiseigen.total).toBe(750);
    // Asked for by a current register, it is refused before anything is charged.
    const refusedLine = await addLine(
      tx,
      {
        subject: { kosekiId: family.kosekiId },
        relation: 'third_party',
        lawfulReason: reason,
        options: { certificate: 'koseki-kaiseigen', scope: 'all' },
      },
      422,
    );
    expect(refusedLine).toMatchObject({ code: 'record_current' });
    const paid = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/pay`, {
      method: 'cash',
      tendered: 3000,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ total: 2100, tendered: 3000, change: 900 });
    expect(paid.json().certificates.map((x: { certificate: string }) => x.certificate)).toEqual([
      'juminhyo',
      'juminhyo-johyo',
      'koseki-joseki',
      'koseki-kaiseigen',
    ]);
    expect(paid.json().certificates.map((x: { replayed: boolean }) => x.replayed)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    await expectSignedPdf(paid.json().certificates[3].pdfBase64, [
      '改製原戸籍抄本',
      '見本県見本市本町五丁目1番地',
      '【名】一郎',
      'この抄本は、改製原戸籍の原本の一部と相違ないことを認証する。',
      '平成6年法務省令第51号附則第2条第1項による改製につき消除',
    ]);
    const queued = await c.as('counter', 'GET', '/api/v1/counter/notices');
    expect(queued.json().notices).toHaveLength(1);
    expect(paid.json().notices).toHaveLength(1);

    const queue = await c.as('counter', 'GET', '/api/v1/counter/notices?status=queued');
    expect(queue.statusCode).toBe(200);
    const notices = queue.json().notices as { letterId: string; issuanceId: string; certificate: string }[];
    expect(notices).toHaveLength(1);
    expect(notices[0]!.issuanceId).toBe(paid.json().certificates[0].issuanceId);
    expect(JSON.stringify(queue.json())).not.toContain('登録子');

    const letter = await c.as('counter', 'GET', `/api/v1/counter/notices/${notices[0]!.letterId}/pdf`);
    expect(letter.statusCode).toBe(200);
    const text = await expectSignedPdf(letter.rawPayload.toString('base64'), [
      '本人通知',
      '〒999-0001',
      '見本県見本市通知町1番2号',
      'つうちハイツ202号室',
      '通知　登録子',
      '住民票の写し',
      '第三者',
      '1通',
      paid.json().certificates[0].issueNumber,
      '窓口での請求',
    ]);
    // The requester's identity and stated reason are not printed.
    expect(text).not.toContain('債権');
    expect(text).not.toContain('貸金');

    const printed = await c.as(
      'counter',
      'POST',
      `/api/v1/counter/notices/${notices[0]!.letterId}/printed`,
      {},
    );
    expect(printed.json()).toMatchObject({ status: 'printed', alreadyPrinted: false });
    const twice = await c.as(
      'counter',
      'POST',
      `/api/v1/counter/notices/${notices[0]!.letterId}/printed`,
      {},
    );
    expect(twice.json()).toMatchObject({ status: 'printed', alreadyPrinted: true });
    const left = await c.as('counter', 'GET', '/api/v1/counter/notices?status=queued');
    expect(left.json().notices).toHaveLength(0);

    // Paying again queues no second letter.
    const again = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/pay`, { method: 'cash' });
    expect(again.json().notices).toEqual([]);
    const all = await c.as('counter', 'GET', '/api/v1/counter/notices');
    expect(all.json().notices).toHaveLength(1);
  });

  it('支援措置: warned, refused without a review, issued once with an approved one', async () => {
    const protectedPerson = await newResident(ctx.database.db, {
      family_name: '保護',
      given_name: '対象子',
      support_measure: true,
    });
    const card = await c.as('counter', 'GET', `/api/v1/counter/residents/${protectedPerson.resident_id}`);
    expect(card.json().warning.ja).toMatch(/支援措置/);

    const tx = await open({ name: '元　配偶者', identityDocument: '運転免許証' });
    const line = await addLine(tx, {
      subject: { residentId: protectedPerson.resident_id },
      relation: 'third_party',
      lawfulReason: { kind: 'exercise_of_rights', detail: '離婚調停の申立書に添付するため' },
      options: { certificate: 'juminhyo', scope: 'members', residentIds: [protectedPerson.resident_id] },
    });
    expect(line).toMatchObject({ reviewRequired: true });
    expect(line.warning.ja).toMatch(/支援措置/);
    const visit = async () => (await c.as('counter', 'GET', `/api/v1/counter/transactions/${tx}`)).json();
    const waiting = await visit();
    expect(waiting.awaitingReview).toBe(true);
    expect(waiting.lines[0]).toMatchObject({
      relation: 'third_party',
      powerOfAttorney: null,
      lawfulReason: { kind: 'exercise_of_rights', detail: '離婚調停の申立書に添付するため' },
      reviewRequired: true,
      review: null,
    });

    const withoutReview = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/pay`, {
      method: 'cash',
      tendered: 300,
    });
    expect(withoutReview.statusCode).toBe(422);
    expect(withoutReview.json().code).toBe('support_measure_review');

    const asked = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/lines/1/review`, {
      note: '調停の申立書の写しを提示。相手方住所の記載が必要とのこと。',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const overrideId = asked.json().overrideId as string;
    expect(await visit()).toMatchObject({
      awaitingReview: true,
      lines: [{ review: { overrideId, status: 'pending' } }],
    });
    const pending = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/pay`, {
      method: 'cash',
      tendered: 300,
    });
    expect(pending.statusCode).toBe(409);
    expect(pending.json().code).toBe('override_pending');

    // The counter clerk may not approve; the reviewer sees the request and approves with a reason.
    const selfApproval = await c.as('counter', 'POST', `/api/v1/counter/reviews/${overrideId}/approve`, {
      reason: '自分で承認',
    });
    expect(selfApproval.statusCode).toBe(403);
    const list = await c.as('review', 'GET', '/api/v1/counter/reviews?status=pending');
    expect(list.json().reviews.map((r: { overrideId: string }) => r.overrideId)).toContain(overrideId);
    const decisionReason = '家庭裁判所の調停手続に必要と確認。住所は裁判所へ直接提出させる。';
    const approved = await c.as('review', 'POST', `/api/v1/counter/reviews/${overrideId}/approve`, {
      reason: decisionReason,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    // Approved: the visit no longer waits, and says so.
    expect(await visit()).toMatchObject({
      awaitingReview: false,
      lines: [{ reviewRequired: true, review: { overrideId, status: 'approved' } }],
    });
    const twice = await c.as('review', 'POST', `/api/v1/counter/reviews/${overrideId}/reject`, {
      reason: 'やはり却下',
    });
    expect(twice.statusCode, twice.body).toBe(409);

    const paid = await c.as('counter', 'POST', `/api/v1/counter/transactions/${tx}/pay`, {
      method: 'cash',
      tendered: 300,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const issuanceId = paid.json().certificates[0].issuanceId;
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select(['details', 'reason'])
      .where('action', '=', 'certificate.issue')
      .where(sql<string>`details->>'issuanceId'`, '=', issuanceId)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      override: { reviewerId: c.staff.review.staffId, reason: decisionReason },
    });
    const used = await ctx.database.db
      .selectFrom('support_override')
      .select(['used_issuance_id', 'status'])
      .where('override_id', '=', overrideId)
      .executeTakeFirstOrThrow();
    expect(used).toEqual({ used_issuance_id: issuanceId, status: 'approved' });

    // The approval was for that one line: a new visit for the same person waits for its own review.
    const next = await open({ name: '元　配偶者', identityDocument: '運転免許証' });
    const second = await addLine(next, {
      subject: { residentId: protectedPerson.resident_id },
      relation: 'third_party',
      lawfulReason: { kind: 'exercise_of_rights', detail: '離婚調停の申立書に添付するため' },
      options: { certificate: 'juminhyo', scope: 'members', residentIds: [protectedPerson.resident_id] },
    });
    expect(second.reviewRequired).toBe(true);
    const refusedAgain = await c.as('counter', 'POST', `/api/v1/counter/transactions/${next}/pay`, {
      method: 'cash',
      tendered: 300,
    });
    expect(refusedAgain.statusCode).toBe(422);
    const rejectedAsk = await c.as('counter', 'POST', `/api/v1/counter/transactions/${next}/lines/1/review`, {
      note: '再度の請求',
    });
    const rejected = await c.as(
      'review',
      'POST',
      `/api/v1/counter/reviews/${rejectedAsk.json().overrideId}/reject`,
      {
        reason: '正当な理由が確認できない',
      },
    );
    expect(rejected.json().status).toBe('rejected');
    // A rejected line still waits: it cannot be paid until it is taken off or approved on a new request.
    const afterRejection = (await c.as('counter', 'GET', `/api/v1/counter/transactions/${next}`)).json();
    expect(afterRejection).toMatchObject({
      awaitingReview: true,
      lines: [{ review: { status: 'rejected' } }],
    });
    const stillRefused = await c.as('counter', 'POST', `/api/v1/counter/transactions/${next}/pay`, {
      method: 'cash',
      tendered: 300,
    });
    expect(stillRefused.statusCode).toBe(422);
    const cancelled = await c.as('counter', 'POST', `/api/v1/counter/transactions/${next}/cancel`, {
      reason: '審査で却下',
    });
    expect(cancelled.json().status).toBe('cancelled');
  });
});
