import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { CertificateOptionsInput } from '../../src/domain/certificates.js';
import { ledgerImbalance, listIssueNumbers } from '../../src/issuance/data/issuance.repository.js';
import type { IssueRequestInput } from '../../src/issuance/http/issuance.schemas.js';
import { type IssuanceDeps, issueCertificate } from '../../src/issuance/use-cases/issue-certificate.js';
import { verifyCertificateFile } from '../../src/issuance/use-cases/verify-certificate.js';
import { AppError } from '../../src/shared/errors.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';
import { newFamily } from '../support/factories.js';
import { pdfFile, pdffonts, pdfsig, pdftotext, qrCodesOnFirstPage } from '../support/poppler.js';

const clerk = { type: 'staff' as const, id: 'clerk-7', terminalId: 'counter-2' };
let keySeq = 0;
const key = () => `test-key-${Date.now()}-${++keySeq}`;

function counterRequest(
  residentId: number | undefined,
  options: CertificateOptionsInput,
  extra: Partial<IssueRequestInput> = {},
): IssueRequestInput {
  return {
    municipalityCode: '999997',
    idempotencyKey: key(),
    channel: 'counter',
    clerkId: 'clerk-7',
    terminalId: 'counter-2',
    subject: { residentId },
    requester: { relation: 'self', identityVerified: true, presented: { sealCard: true } },
    options,
    copies: 1,
    payment: 'cash',
    ...extra,
  } as IssueRequestInput;
}

/** Every check a certificate must pass, with poppler as the independent judge. */
async function expectGenuineCertificate(engine: IssuanceDeps, pdf: Uint8Array, texts: string[]) {
  const file = pdfFile(pdf);
  expect(pdfsig(file)).toMatch(/Signature Validation: Signature is Valid/);
  const fonts = pdffonts(file);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) {
    expect(font.embedded, font.name).toBe(true);
    expect(font.subset, font.name).toBe(true);
  }
  const text = pdftotext(file);
  // Titles are letter-spaced as on paper (全 部 事 項 証 明): compare without white space.
  const compact = text.replace(/\s+/g, '');
  for (const expected of texts) expect(compact, expected).toContain(expected.replace(/\s+/g, ''));
  const verdict = await verifyCertificateFile(engine.db, pdf);
  expect(verdict.verdict).toBe('genuine');
  return text;
}

describeOnDrivers('issuance engine', (ctx) => {
  let engine: IssuanceDeps;
  let family: Awaited<ReturnType<typeof newFamily>>;

  it('prepares the town and a 12-person household with a 10-member register', async () => {
    engine = await createTestEngine(ctx.database);
    family = await newFamily(ctx.database.db, { size: 12, registerSize: 10 });
    expect(family.members).toHaveLength(12);
  });

  it('issues a 住民票 of a 12-person household across pages, with 𠮷 and a variation sequence printed exactly', async () => {
    const head = family.members[0]!;
    const issued = await issueCertificate(
      engine,
      clerk,
      counterRequest(head.resident_id, {
        certificate: 'juminhyo',
        scope: 'household',
        include: ['householdHead', 'honseki'],
      }),
    );
    expect(issued.pages).toBeGreaterThan(1);
    expect(issued.totalFee).toBe(300);
    const text = await expectGenuineCertificate(engine, issued.pdf, [
      '住民票の写し',
      '𠮷田',
      '葛\u{E0100}子',
      '﨑美',
      '以下余白',
      '令和8年11月24日',
      `1/${issued.pages}`,
    ]);
    expect(text).toContain('この写しは、住民票の原本と相違ないことを証明する。');
    const qr = qrCodesOnFirstPage(pdfFile(issued.pdf));
    expect(qr).toContain(issued.verificationUrl);
  });

  const cases: [
    string,
    (f: typeof family) => { residentId?: number; kosekiId?: number },
    CertificateOptionsInput,
    string[],
  ][] = [
    [
      '住民票記載事項証明書',
      (f) => ({ residentId: f.members[0]!.resident_id }),
      { certificate: 'juminhyo-kisai', residentIds: [0], items: ['name', 'birthDate', 'address'] },
      ['住民票記載事項証明書', '𠮷田'],
    ],
    [
      '印鑑登録証明書',
      (f) => ({ residentId: f.members[0]!.resident_id }),
      { certificate: 'inkan' },
      ['印鑑登録証明書', '𠮷田'],
    ],
    [
      '戸籍全部事項証明書 (10 members)',
      (f) => ({ kosekiId: f.kosekiId }),
      { certificate: 'koseki-zenbu' },
      ['全部事項証明', '見本県見本市本町二丁目3番地', '葛\u{E0100}子', '除籍'],
    ],
    [
      '戸籍個人事項証明書',
      (f) => ({ kosekiId: f.kosekiId }),
      { certificate: 'koseki-kojin', memberNo: 2 },
      ['個人事項証明', '花子'],
    ],
    [
      '戸籍の附票の写し',
      (f) => ({ kosekiId: f.kosekiId }),
      { certificate: 'fuhyo', scope: 'all' },
      ['戸籍の附票の写し', '見本県見本市本町二丁目3番4号'],
    ],
    [
      '課税証明書',
      (f) => ({ residentId: f.members[0]!.resident_id }),
      { certificate: 'kazei', taxYear: 2025 },
      ['課税', '5,000,000'],
    ],
    [
      '非課税証明書',
      (f) => ({ residentId: f.members[0]!.resident_id }),
      { certificate: 'kazei', taxYear: 2024 },
      ['非課税'],
    ],
  ];
  for (const [name, subject, options, texts] of cases) {
    it(`issues a ${name} that poppler verifies`, async () => {
      const opts =
        options.certificate === 'juminhyo-kisai'
          ? { ...options, residentIds: [family.members[0]!.resident_id] }
          : options;
      const issued = await issueCertificate(engine, clerk, {
        ...counterRequest(undefined, opts),
        subject: subject(family),
      });
      await expectGenuineCertificate(engine, issued.pdf, texts);
    });
  }

  it('refuses a 未申告 tax year with a clear reason and writes nothing', async () => {
    const before = await listIssueNumbers(ctx.database.db, '999997', 2026);
    const attempt = issueCertificate(
      engine,
      clerk,
      counterRequest(family.members[0]!.resident_id, { certificate: 'kazei', taxYear: 2023 }),
    );
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ kind: 'unprocessable' });
    expect(await listIssueNumbers(ctx.database.db, '999997', 2026)).toEqual(before);
  });

  it('fails verification of a tampered PDF', async () => {
    const issued = await issueCertificate(
      engine,
      clerk,
      counterRequest(family.members[1]!.resident_id, {
        certificate: 'juminhyo',
        scope: 'members',
        residentIds: [family.members[1]!.resident_id],
      }),
    );
    const tampered = Buffer.from(issued.pdf);
    const at = tampered.indexOf('/MediaBox');
    tampered[at + 1] = 'N'.charCodeAt(0);
    const verdict = await verifyCertificateFile(ctx.database.db, tampered, {
      verificationCode: issued.verificationCode,
    });
    expect(verdict.verdict).toBe('altered');
    expect(verdict.signatureValid).toBe(false);
    expect(pdfsig(pdfFile(tampered))).not.toMatch(/Signature is Valid/);
  });

  it('answers a replayed idempotency key with the first certificate and charges once', async () => {
    const request = counterRequest(family.members[2]!.resident_id, {
      certificate: 'juminhyo',
      scope: 'members',
      residentIds: [family.members[2]!.resident_id],
    });
    const first = await issueCertificate(engine, clerk, request);
    const again = await issueCertificate(engine, clerk, request);
    expect(again.replayed).toBe(true);
    expect(again.issuanceId).toBe(first.issuanceId);
    expect(Buffer.from(again.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    const lines = await ctx.database.db
      .selectFrom('ledger_entry')
      .selectAll()
      .where('issuance_id', '=', first.issuanceId)
      .execute();
    expect(lines).toHaveLength(2);
    await expect(issueCertificate(engine, clerk, { ...request, copies: 2 })).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
  });

  it('gives 200 concurrent issuances 200 distinct consecutive numbers and a balanced ledger', async () => {
    const before = await listIssueNumbers(ctx.database.db, '999997', 2026);
    const person = family.members[3]!;
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        issueCertificate(
          engine,
          clerk,
          counterRequest(person.resident_id, {
            certificate: 'juminhyo',
            scope: 'members',
            residentIds: [person.resident_id],
          }),
        ),
      ),
    );
    const numbers = results.map((r) => r.issueNumber).sort((a, b) => a - b);
    const start = (before.at(-1) ?? 0) + 1;
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => start + i));
    expect(new Set(results.map((r) => r.verificationCode)).size).toBe(200);
    expect(await listIssueNumbers(ctx.database.db, '999997', 2026)).toEqual(
      Array.from({ length: start + 199 }, (_, i) => i + 1),
    );
    const ledger = await ledgerImbalance(ctx.database.db, '999997');
    expect(ledger.imbalance).toBe(0);
    const income = await ctx.database.db
      .selectFrom('issuance')
      .select(sql<number>`sum(total_fee)::int8`.as('total'))
      .executeTakeFirstOrThrow();
    expect(ledger.credits).toBe(Number(income.total));
    // Each file carries its own number and code: numbers are stamped after rendering, never swapped.
    for (const issued of results.filter((_, i) => i % 10 === 0)) {
      const text = pdftotext(pdfFile(issued.pdf)).replace(/\s+/g, '');
      expect(text).toContain(issued.printedIssueNumber);
      expect(text).toContain(issued.verificationCode);
    }
  });

  it('renders before taking the number: an issuance commits while another is still rendering', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let rendering!: () => void;
    const firstIsRendering = new Promise<void>((resolve) => {
      rendering = resolve;
    });
    let calls = 0;
    const stalled: IssuanceDeps = {
      ...engine,
      pipeline: {
        ...engine.pipeline,
        async prepare(doc, identity, at) {
          if (++calls === 1) {
            rendering();
            await held;
          }
          return engine.pipeline.prepare(doc, identity, at);
        },
      },
    };
    const person = family.members[1]!;
    const request = () =>
      counterRequest(person.resident_id, {
        certificate: 'juminhyo',
        scope: 'members',
        residentIds: [person.resident_id],
      });
    const first = issueCertificate(stalled, clerk, request());
    await firstIsRendering;
    // Were the counter row (or PGlite's one connection) held through rendering, this would wait forever.
    const second = await issueCertificate(stalled, clerk, request());
    release();
    const firstIssued = await first;
    expect(firstIssued.issueNumber).toBe(second.issueNumber + 1);
    for (const issued of [firstIssued, second]) {
      const text = pdftotext(pdfFile(issued.pdf)).replace(/\s+/g, '');
      expect(text).toContain(issued.printedIssueNumber);
      expect((await verifyCertificateFile(engine.db, issued.pdf)).verdict).toBe('genuine');
    }
  });

  it('refuses what the channel rules forbid, with Japanese and English reasons, and writes nothing', async () => {
    const person = family.members[0]!;
    const before = await ctx.database.db
      .selectFrom('issuance')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const kiosk = {
      channel: 'kiosk' as const,
      kioskKind: 'store' as const,
      requester: {
        relation: 'self' as const,
        identityVerified: true,
        residentId: person.resident_id,
        presented: { myNumberCard: true },
      },
    };
    const forbidden: CertificateOptionsInput[] = [
      { certificate: 'juminhyo', scope: 'household', include: ['myNumber'] },
      { certificate: 'juminhyo', scope: 'household', include: ['juminhyoCode'] },
      { certificate: 'juminhyo-johyo', residentIds: [person.resident_id] },
    ];
    for (const options of forbidden) {
      const error = await issueCertificate(
        engine,
        { type: 'kiosk', id: 'kiosk-1' },
        { ...counterRequest(person.resident_id, options), ...kiosk },
      ).catch((e: unknown) => e);
      expect(error, JSON.stringify(options)).toBeInstanceOf(AppError);
      expect((error as AppError).ja.length).toBeGreaterThan(0);
      expect((error as AppError).en.length).toBeGreaterThan(0);
    }
    const after = await ctx.database.db
      .selectFrom('issuance')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a kiosk request at 23:01 with the reopening time', async () => {
    const lateEngine = { ...engine, clock: () => new Date('2026-11-24T14:01:00Z') };
    const person = family.members[0]!;
    const error = (await issueCertificate(
      lateEngine,
      { type: 'kiosk', id: 'kiosk-1' },
      {
        ...counterRequest(person.resident_id, { certificate: 'juminhyo', scope: 'household', include: [] }),
        channel: 'kiosk',
        kioskKind: 'store',
        requester: {
          relation: 'self',
          identityVerified: true,
          residentId: person.resident_id,
          presented: { myNumberCard: true },
        },
      },
    ).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.kind).toBe('unavailable');
    expect(error.extra.reopensJa).toMatch(/6時30分/);
  });

  it('charges a kiosk fee, books the convenience-store operator charge, and the ledger still balances', async () => {
    const person = family.members[0]!;
    const issued = await issueCertificate(
      engine,
      { type: 'kiosk', id: 'kiosk-1' },
      {
        ...counterRequest(person.resident_id, { certificate: 'juminhyo', scope: 'household', include: [] }),
        channel: 'kiosk',
        kioskKind: 'store',
        requester: {
          relation: 'self',
          identityVerified: true,
          residentId: person.resident_id,
          presented: { myNumberCard: true },
        },
      },
    );
    expect(issued.unitFee).toBe(200);
    expect(issued.operatorCharge).toBe(117);
    expect((await ledgerImbalance(ctx.database.db, '999997')).imbalance).toBe(0);
  });
});
