import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import {
  assertAllowed,
  attestationFor,
  CERTIFICATE_TYPES,
  CERTIFICATES,
  type CertificateOptions,
  certificateOptionsSchema,
  certificateTitle,
  isCertificateType,
  JUMINHYO_ITEMS,
  KISAI_ITEMS,
  printedIdentifiers,
  refusalError,
  refuse,
} from './certificates.js';

const parse = (input: unknown) => certificateOptionsSchema.safeParse(input);

describe('certificate catalogue', () => {
  it('describes every certificate kind with its Japanese name, registry and record kind', () => {
    expect(CERTIFICATE_TYPES).toHaveLength(10);
    for (const type of CERTIFICATE_TYPES) {
      const info = CERTIFICATES[type];
      expect(info.type).toBe(type);
      expect(info.nameJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(info.nameEn).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(CERTIFICATES.juminhyo.nameJa).toBe('住民票の写し');
    expect(CERTIFICATES['koseki-zenbu'].aliasJa).toBe('戸籍謄本');
    expect(CERTIFICATES['koseki-kojin'].aliasJa).toBe('戸籍抄本');
    expect(CERTIFICATES.inkan.registry).toBe('seal_register');
    expect(CERTIFICATES.fuhyo.registry).toBe('family_register_annex');
    expect(CERTIFICATES.kazei.registry).toBe('tax_register');
    expect(CERTIFICATES['juminhyo-johyo'].record).toBe('removed');
    expect(CERTIFICATES['koseki-joseki'].record).toBe('removed');
    expect(CERTIFICATES['koseki-kaiseigen'].record).toBe('pre_revision');
    expect(CERTIFICATE_TYPES.filter((t) => CERTIFICATES[t].record === 'current')).toHaveLength(7);
    expect(isCertificateType('fuhyo')).toBe(true);
    expect(isCertificateType('passport')).toBe(false);
    expect(isCertificateType(3)).toBe(false);
  });
});

describe('request options schema', () => {
  it('accepts a whole-household 住民票 and fills in no optional items', () => {
    const result = parse({ certificate: 'juminhyo', scope: 'household' });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({ certificate: 'juminhyo', scope: 'household', include: [] });
  });

  it('accepts chosen members with chosen items', () => {
    const input = {
      certificate: 'juminhyo',
      scope: 'members',
      residentIds: [12, 13],
      include: ['householdHead', 'honseki', 'myNumber', 'history'],
    };
    expect(parse(input).data).toEqual(input);
  });

  it('requires members exactly when the scope is members', () => {
    expect(parse({ certificate: 'juminhyo', scope: 'members' }).success).toBe(false);
    expect(parse({ certificate: 'juminhyo', scope: 'household', residentIds: [1] }).success).toBe(false);
    expect(parse({ certificate: 'juminhyo', scope: 'members', residentIds: [] }).success).toBe(false);
    expect(parse({ certificate: 'fuhyo', scope: 'members' }).success).toBe(false);
    expect(parse({ certificate: 'fuhyo', scope: 'all', memberNos: [1] }).success).toBe(false);
    expect(parse({ certificate: 'fuhyo', scope: 'members', memberNos: [1, 2] }).success).toBe(true);
  });

  it('is strict: unknown keys, unknown items, repeated values and wrong types are refused', () => {
    expect(parse({ certificate: 'juminhyo', scope: 'household', colour: 'red' }).success).toBe(false);
    expect(parse({ certificate: 'juminhyo', scope: 'household', include: ['bloodType'] }).success).toBe(
      false,
    );
    expect(
      parse({ certificate: 'juminhyo', scope: 'household', include: ['honseki', 'honseki'] }).success,
    ).toBe(false);
    expect(parse({ certificate: 'juminhyo', scope: 'members', residentIds: [4, 4] }).success).toBe(false);
    expect(parse({ certificate: 'juminhyo', scope: 'members', residentIds: [1.5] }).success).toBe(false);
    expect(parse({ certificate: 'inkan', scope: 'household' }).success).toBe(false);
    expect(parse({ certificate: 'marriage' }).success).toBe(false);
    expect(parse({ certificate: 'juminhyo', scope: 'everyone' }).success).toBe(false);
  });

  it('needs at least one item on a 記載事項証明書', () => {
    expect(parse({ certificate: 'juminhyo-kisai', residentIds: [1], items: [] }).success).toBe(false);
    expect(parse({ certificate: 'juminhyo-kisai', residentIds: [1] }).success).toBe(false);
    expect(
      parse({ certificate: 'juminhyo-kisai', residentIds: [1], items: ['name', 'address'] }).success,
    ).toBe(true);
  });

  it('takes the tax year for kazei and the member for 戸籍個人事項証明書', () => {
    expect(parse({ certificate: 'kazei', taxYear: 2024 }).success).toBe(true);
    expect(parse({ certificate: 'kazei' }).success).toBe(false);
    expect(parse({ certificate: 'kazei', taxYear: 2024.5 }).success).toBe(false);
    expect(parse({ certificate: 'kazei', taxYear: '2024' }).success).toBe(false);
    expect(parse({ certificate: 'kazei', taxYear: 1800 }).success).toBe(false);
    expect(parse({ certificate: 'koseki-kojin', memberNo: 2 }).success).toBe(true);
    expect(parse({ certificate: 'koseki-kojin' }).success).toBe(false);
    expect(parse({ certificate: 'koseki-kojin', memberNo: 0 }).success).toBe(false);
    expect(parse({ certificate: 'koseki-zenbu', memberNo: 2 }).success).toBe(false);
  });

  it('tells 謄本 from 抄本 for closed and pre-revision registers', () => {
    expect(parse({ certificate: 'koseki-joseki', scope: 'all' }).success).toBe(true);
    expect(parse({ certificate: 'koseki-joseki', scope: 'member', memberNo: 3 }).success).toBe(true);
    expect(parse({ certificate: 'koseki-joseki', scope: 'member' }).success).toBe(false);
    expect(parse({ certificate: 'koseki-kaiseigen', scope: 'all', memberNo: 3 }).success).toBe(false);
  });

  it('gives Japanese messages through the shared validation', () => {
    try {
      parseInput(certificateOptionsSchema, { certificate: 'juminhyo', scope: 'members' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.code).toBe('invalid_input');
      expect(appError.details[0]?.at).toBe('residentIds');
      expect(appError.details[0]?.ja).toContain('証明する方を選んでください');
    }
  });

  it('accepts every combination of optional items on 住民票 and 記載事項証明書 (property)', () => {
    fc.assert(
      fc.property(
        fc.subarray([...JUMINHYO_ITEMS]),
        fc.subarray([...KISAI_ITEMS], { minLength: 1 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (include, items, residentIds) => {
          expect(parse({ certificate: 'juminhyo', scope: 'members', residentIds, include }).success).toBe(
            true,
          );
          expect(parse({ certificate: 'juminhyo-kisai', residentIds, items }).success).toBe(true);
          expect(parse({ certificate: 'juminhyo-johyo', residentIds, include }).success).toBe(true);
        },
      ),
    );
  });
});

describe('attestation and titles', () => {
  const opts = (input: unknown) => certificateOptionsSchema.parse(input) as CertificateOptions;

  it('prints the statutory attestation sentence of each certificate', () => {
    expect(attestationFor(opts({ certificate: 'juminhyo', scope: 'household' }))).toBe(
      'この写しは、住民票の原本と相違ないことを証明する。',
    );
    expect(attestationFor(opts({ certificate: 'koseki-zenbu' }))).toBe(
      'これは、戸籍に記録されている事項の全部を証明した書面である。',
    );
    expect(attestationFor(opts({ certificate: 'koseki-kojin', memberNo: 1 }))).toBe(
      'これは、戸籍に記録されている事項の一部を証明した書面である。',
    );
    expect(attestationFor(opts({ certificate: 'inkan' }))).toBe(
      'この写しは、登録されている印影と相違ないことを証明します。',
    );
    expect(attestationFor(opts({ certificate: 'fuhyo', scope: 'all' }))).toBe(
      'この写しは、戸籍の附票の原本と相違ないことを証明する。',
    );
    expect(attestationFor(opts({ certificate: 'kazei', taxYear: 2024 }))).toBe('上記のとおり証明します。');
    expect(attestationFor(opts({ certificate: 'juminhyo-johyo', residentIds: [1] }))).toBe(
      'この写しは、住民票の除票の原本と相違ないことを証明する。',
    );
    expect(attestationFor(opts({ certificate: 'koseki-joseki', scope: 'member', memberNo: 2 }))).toContain(
      '除籍に記録されている事項の一部',
    );
    expect(attestationFor(opts({ certificate: 'koseki-kaiseigen', scope: 'all' }))).toBe(
      'この謄本は、改製原戸籍の原本と相違ないことを認証する。',
    );
    expect(
      attestationFor(opts({ certificate: 'juminhyo-kisai', residentIds: [1], items: ['name'] })),
    ).toContain('住民票に記載されている');
  });

  it('titles a tax certificate by what the record says', () => {
    const kazei = opts({ certificate: 'kazei', taxYear: 2024 });
    expect(certificateTitle(kazei)).toBe('課税証明書');
    expect(certificateTitle(kazei, 'hikazei')).toBe('非課税証明書');
    expect(certificateTitle(opts({ certificate: 'koseki-kaiseigen', scope: 'member', memberNo: 1 }))).toBe(
      '改製原戸籍抄本',
    );
  });

  it('lists the identifiers a request would print', () => {
    expect(
      printedIdentifiers(opts({ certificate: 'juminhyo', scope: 'household', include: ['myNumber'] })),
    ).toEqual(['myNumber']);
    expect(
      printedIdentifiers(
        opts({ certificate: 'juminhyo-kisai', residentIds: [1], items: ['juminhyoCode', 'name'] }),
      ),
    ).toEqual(['juminhyoCode']);
    expect(printedIdentifiers(opts({ certificate: 'koseki-zenbu' }))).toEqual([]);
  });
});

describe('refusals', () => {
  it('become one AppError that carries every refusal', () => {
    const error = refusalError([refuse('a_code', 'あ', 'a', 'x'), refuse('b_code', 'い', 'b')]);
    expect(error.kind).toBe('unprocessable');
    expect(error.code).toBe('a_code');
    expect(error.ja).toBe('あ');
    expect(error.details).toEqual([
      { ja: 'あ', en: 'a', at: 'x' },
      { ja: 'い', en: 'b' },
    ]);
    expect(error.extra.codes).toEqual(['a_code', 'b_code']);
    expect(() => refusalError([])).toThrow(RangeError);
    expect(() => assertAllowed({ ok: false, refusals: [refuse('c', 'う', 'c')] })).toThrow(AppError);
    expect(assertAllowed({ ok: true, basis: 'self' }).basis).toBe('self');
  });
});
