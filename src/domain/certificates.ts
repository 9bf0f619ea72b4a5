/**
 * The certificate catalogue: what can be issued, from which registry, with
 * which options, and the sentence that attests it. Pure data and functions;
 * the issuance engine, the renderer and every channel read this one list so
 * that a certificate kind is never described twice.
 */
import { z } from 'zod';
import { AppError, type UserMessage } from '../shared/errors.js';

export const CERTIFICATE_TYPES = [
  'juminhyo',
  'juminhyo-kisai',
  'inkan',
  'koseki-zenbu',
  'koseki-kojin',
  'fuhyo',
  'kazei',
  'juminhyo-johyo',
  'koseki-joseki',
  'koseki-kaiseigen',
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

/** The registry a certificate is copied from. */
export type SourceRegistry =
  | 'resident_register' // 住民基本台帳
  | 'family_register' // 戸籍
  | 'family_register_annex' // 戸籍の附票
  | 'seal_register' // 印鑑登録原票
  | 'tax_register'; // 住民税課税台帳

/**
 * Whether the certificate copies a live record, a removed one (除票・除籍) or
 * a register replaced when the format changed (改製原戸籍). Removed and
 * pre-revision records are looked up by hand, so they are counter/mail only.
 */
export type RecordKind = 'current' | 'removed' | 'pre_revision';

/** Certificates that share the same eligibility law are grouped. */
export type CertificateFamily = 'juminhyo' | 'koseki' | 'inkan' | 'kazei';

export interface CertificateInfo {
  type: CertificateType;
  nameJa: string;
  /** The older or everyday name residents use (戸籍謄本), when there is one. */
  aliasJa?: string;
  nameEn: string;
  registry: SourceRegistry;
  record: RecordKind;
  family: CertificateFamily;
}

export const CERTIFICATES: Readonly<Record<CertificateType, CertificateInfo>> = {
  juminhyo: {
    type: 'juminhyo',
    nameJa: '住民票の写し',
    nameEn: 'Certificate of residence (copy of the resident record)',
    registry: 'resident_register',
    record: 'current',
    family: 'juminhyo',
  },
  'juminhyo-kisai': {
    type: 'juminhyo-kisai',
    nameJa: '住民票記載事項証明書',
    nameEn: 'Certificate of items in the resident record',
    registry: 'resident_register',
    record: 'current',
    family: 'juminhyo',
  },
  inkan: {
    type: 'inkan',
    nameJa: '印鑑登録証明書',
    aliasJa: '印鑑証明書',
    nameEn: 'Certificate of registered seal',
    registry: 'seal_register',
    record: 'current',
    family: 'inkan',
  },
  'koseki-zenbu': {
    type: 'koseki-zenbu',
    nameJa: '戸籍全部事項証明書',
    aliasJa: '戸籍謄本',
    nameEn: 'Certificate of all matters in the family register',
    registry: 'family_register',
    record: 'current',
    family: 'koseki',
  },
  'koseki-kojin': {
    type: 'koseki-kojin',
    nameJa: '戸籍個人事項証明書',
    aliasJa: '戸籍抄本',
    nameEn: 'Certificate of individual matters in the family register',
    registry: 'family_register',
    record: 'current',
    family: 'koseki',
  },
  fuhyo: {
    type: 'fuhyo',
    nameJa: '戸籍の附票の写し',
    nameEn: 'Copy of the family register annex (address history)',
    registry: 'family_register_annex',
    record: 'current',
    family: 'koseki',
  },
  kazei: {
    type: 'kazei',
    nameJa: '課税(非課税)証明書',
    aliasJa: '所得証明書',
    nameEn: 'Certificate of taxation (or non-taxation) and income',
    registry: 'tax_register',
    record: 'current',
    family: 'kazei',
  },
  'juminhyo-johyo': {
    type: 'juminhyo-johyo',
    nameJa: '住民票の除票の写し',
    nameEn: 'Copy of a removed resident record (moved out or deceased)',
    registry: 'resident_register',
    record: 'removed',
    family: 'juminhyo',
  },
  'koseki-joseki': {
    type: 'koseki-joseki',
    nameJa: '除籍謄抄本',
    aliasJa: '除籍全部事項証明書・除籍個人事項証明書',
    nameEn: 'Certificate of a closed family register',
    registry: 'family_register',
    record: 'removed',
    family: 'koseki',
  },
  'koseki-kaiseigen': {
    type: 'koseki-kaiseigen',
    nameJa: '改製原戸籍謄抄本',
    aliasJa: '原戸籍',
    nameEn: 'Copy of a family register before its format was revised',
    registry: 'family_register',
    record: 'pre_revision',
    family: 'koseki',
  },
};

export function certificateInfo(type: CertificateType): CertificateInfo {
  return CERTIFICATES[type];
}

export function isCertificateType(value: unknown): value is CertificateType {
  return typeof value === 'string' && (CERTIFICATE_TYPES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------
// Options

/** Items a 住民票の写し (and its 除票) may show on request; everything else is always printed. */
export const JUMINHYO_ITEMS = [
  'householdHead', // 世帯主・続柄
  'honseki', // 本籍・筆頭者
  'juminhyoCode', // 住民票コード
  'myNumber', // 個人番号
  'previousAddress', // 前住所
  'residentSince', // 住民となった年月日
  'history', // 異動履歴
] as const;
export type JuminhyoItem = (typeof JUMINHYO_ITEMS)[number];

/** Items a 記載事項証明書 may certify; it certifies only the items chosen. */
export const KISAI_ITEMS = [
  'name', // 氏名
  'birthDate', // 生年月日
  'sex', // 性別
  'address', // 住所
  'householdHead', // 世帯主・続柄
  'honseki', // 本籍・筆頭者
  'residentSince', // 住民となった年月日
  'addressSince', // 住所を定めた年月日
  'previousAddress', // 前住所
  'juminhyoCode', // 住民票コード
  'myNumber', // 個人番号
] as const;
export type KisaiItem = (typeof KISAI_ITEMS)[number];

/** 附票: since 2022 本籍・筆頭者 is left out unless asked for. */
export const FUHYO_ITEMS = ['honseki'] as const;
export type FuhyoItem = (typeof FUHYO_ITEMS)[number];

export const ITEM_NAMES: Readonly<Record<JuminhyoItem | KisaiItem, UserMessage>> = {
  householdHead: { ja: '世帯主・続柄', en: 'head of household and relationship' },
  honseki: { ja: '本籍・筆頭者', en: 'registered domicile and head of the family register' },
  juminhyoCode: { ja: '住民票コード', en: 'resident record code' },
  myNumber: { ja: '個人番号', en: 'individual number (My Number)' },
  previousAddress: { ja: '前住所', en: 'previous address' },
  residentSince: { ja: '住民となった年月日', en: 'date of becoming a resident' },
  history: { ja: '異動履歴', en: 'change history' },
  name: { ja: '氏名', en: 'name' },
  birthDate: { ja: '生年月日', en: 'date of birth' },
  sex: { ja: '性別', en: 'sex' },
  address: { ja: '住所', en: 'address' },
  addressSince: { ja: '住所を定めた年月日', en: 'date the address was established' },
};

/** Limits that keep a request printable and reviewable by one clerk. */
export const MAX_MEMBERS_PER_REQUEST = 30;
export const MIN_TAX_YEAR = 1990;
export const MAX_TAX_YEAR = 2100;

const residentId = z.int().positive();
const memberNo = z.int().positive().max(999);

function unique<T>(values: readonly T[] | undefined): boolean {
  return values === undefined || new Set(values).size === values.length;
}

const duplicateMessage = {
  message: 'values must not repeat',
  params: { ja: '同じ値が重複しています。' },
};

/** Members are chosen only with scope `members`; with `household` they must be absent. */
function checkScope(
  value: { scope: string; residentIds?: number[] | undefined },
  ctx: z.RefinementCtx,
  wholeScope: string,
) {
  if (value.scope === 'members' && !value.residentIds) {
    ctx.addIssue({
      code: 'custom',
      path: ['residentIds'],
      message: 'choose at least one member',
      params: { ja: '証明する方を選んでください。' },
    });
  }
  if (value.scope === wholeScope && value.residentIds) {
    ctx.addIssue({
      code: 'custom',
      path: ['residentIds'],
      message: `members are not chosen when the scope is ${wholeScope}`,
      params: { ja: '全員を証明する場合は、個別に選ぶことはできません。' },
    });
  }
}

export const juminhyoOptionsSchema = z
  .strictObject({
    certificate: z.literal('juminhyo'),
    scope: z.enum(['household', 'members']),
    residentIds: z
      .array(residentId)
      .min(1)
      .max(MAX_MEMBERS_PER_REQUEST)
      .refine(unique, duplicateMessage)
      .optional(),
    include: z.array(z.enum(JUMINHYO_ITEMS)).refine(unique, duplicateMessage).default([]),
  })
  .superRefine((value, ctx) => checkScope(value, ctx, 'household'));

export const juminhyoKisaiOptionsSchema = z.strictObject({
  certificate: z.literal('juminhyo-kisai'),
  residentIds: z.array(residentId).min(1).max(MAX_MEMBERS_PER_REQUEST).refine(unique, duplicateMessage),
  items: z.array(z.enum(KISAI_ITEMS)).min(1).refine(unique, duplicateMessage),
});

export const inkanOptionsSchema = z.strictObject({ certificate: z.literal('inkan') });

export const kosekiZenbuOptionsSchema = z.strictObject({ certificate: z.literal('koseki-zenbu') });

export const kosekiKojinOptionsSchema = z.strictObject({
  certificate: z.literal('koseki-kojin'),
  memberNo,
});

export const fuhyoOptionsSchema = z
  .strictObject({
    certificate: z.literal('fuhyo'),
    scope: z.enum(['all', 'members']),
    memberNos: z
      .array(memberNo)
      .min(1)
      .max(MAX_MEMBERS_PER_REQUEST)
      .refine(unique, duplicateMessage)
      .optional(),
    include: z.array(z.enum(FUHYO_ITEMS)).refine(unique, duplicateMessage).default([]),
  })
  .superRefine((value, ctx) => checkScope({ scope: value.scope, residentIds: value.memberNos }, ctx, 'all'));

export const kazeiOptionsSchema = z.strictObject({
  certificate: z.literal('kazei'),
  /** 課税年度: the 令和6年度 certificate shows the income of calendar year 2023. */
  taxYear: z.int().min(MIN_TAX_YEAR).max(MAX_TAX_YEAR),
});

export const juminhyoJohyoOptionsSchema = z.strictObject({
  certificate: z.literal('juminhyo-johyo'),
  // A 除票 is per person: household members are removed one by one.
  residentIds: z.array(residentId).min(1).max(MAX_MEMBERS_PER_REQUEST).refine(unique, duplicateMessage),
  include: z.array(z.enum(JUMINHYO_ITEMS)).refine(unique, duplicateMessage).default([]),
});

function registerScopeSchema<T extends 'koseki-joseki' | 'koseki-kaiseigen'>(certificate: T) {
  return z
    .strictObject({
      certificate: z.literal(certificate),
      /** `all` is the 謄本 (全部), `member` the 抄本 (one person). */
      scope: z.enum(['all', 'member']),
      memberNo: memberNo.optional(),
    })
    .superRefine((value, ctx) => {
      if (value.scope === 'member' && value.memberNo === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['memberNo'],
          message: 'choose the member',
          params: { ja: '証明する方を選んでください。' },
        });
      }
      if (value.scope === 'all' && value.memberNo !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['memberNo'],
          message: 'a member is not chosen for the whole register',
          params: { ja: '全部事項の証明では、個人を選ぶことはできません。' },
        });
      }
    });
}

export const kosekiJosekiOptionsSchema = registerScopeSchema('koseki-joseki');
export const kosekiKaiseigenOptionsSchema = registerScopeSchema('koseki-kaiseigen');

/** The options of any certificate request, told apart by `certificate`. Input is strict. */
export const certificateOptionsSchema = z.discriminatedUnion('certificate', [
  juminhyoOptionsSchema,
  juminhyoKisaiOptionsSchema,
  inkanOptionsSchema,
  kosekiZenbuOptionsSchema,
  kosekiKojinOptionsSchema,
  fuhyoOptionsSchema,
  kazeiOptionsSchema,
  juminhyoJohyoOptionsSchema,
  kosekiJosekiOptionsSchema,
  kosekiKaiseigenOptionsSchema,
]);

export type CertificateOptions = z.infer<typeof certificateOptionsSchema>;
export type CertificateOptionsInput = z.input<typeof certificateOptionsSchema>;
export type OptionsOf<T extends CertificateType> = Extract<CertificateOptions, { certificate: T }>;

/** Every option item that prints an identifier (住民票コード, 個人番号) on the certificate. */
export function printedIdentifiers(options: CertificateOptions): Array<'juminhyoCode' | 'myNumber'> {
  const items: readonly string[] =
    options.certificate === 'juminhyo' || options.certificate === 'juminhyo-johyo'
      ? options.include
      : options.certificate === 'juminhyo-kisai'
        ? options.items
        : [];
  return (['juminhyoCode', 'myNumber'] as const).filter((id) => items.includes(id));
}

// ---------------------------------------------------------------------------
// Titles and attestation sentences

/** 課税証明書 or 非課税証明書: chosen by the tax record, not by the requester. */
export type KazeiVariant = 'kazei' | 'hikazei';

/** The title printed at the top of the certificate. */
export function certificateTitle(options: CertificateOptions, kazeiVariant: KazeiVariant = 'kazei'): string {
  switch (options.certificate) {
    case 'juminhyo':
      return '住民票の写し';
    case 'juminhyo-kisai':
      return '住民票記載事項証明書';
    case 'inkan':
      return '印鑑登録証明書';
    case 'koseki-zenbu':
      return '全部事項証明';
    case 'koseki-kojin':
      return '個人事項証明';
    case 'fuhyo':
      return '戸籍の附票の写し';
    case 'kazei':
      return kazeiVariant === 'hikazei' ? '非課税証明書' : '課税証明書';
    case 'juminhyo-johyo':
      return '住民票の除票の写し';
    case 'koseki-joseki':
      return options.scope === 'all' ? '除籍全部事項証明' : '除籍個人事項証明';
    case 'koseki-kaiseigen':
      return options.scope === 'all' ? '改製原戸籍謄本' : '改製原戸籍抄本';
  }
}

/**
 * The sentence that makes the paper a certificate. Wording follows the
 * national forms: 戸籍 certificates are 「証明した書面である」 (戸籍法施行規則
 * 付録第22号), paper-era registers are 認証, other registers 証明.
 */
export function attestationFor(options: CertificateOptions): string {
  switch (options.certificate) {
    case 'juminhyo':
      return 'この写しは、住民票の原本と相違ないことを証明する。';
    case 'juminhyo-kisai':
      return '上記のとおり住民票に記載されていることを証明する。';
    case 'inkan':
      return 'この写しは、登録されている印影と相違ないことを証明します。';
    case 'koseki-zenbu':
      return 'これは、戸籍に記録されている事項の全部を証明した書面である。';
    case 'koseki-kojin':
      return 'これは、戸籍に記録されている事項の一部を証明した書面である。';
    case 'fuhyo':
      return 'この写しは、戸籍の附票の原本と相違ないことを証明する。';
    case 'kazei':
      return '上記のとおり証明します。';
    case 'juminhyo-johyo':
      return 'この写しは、住民票の除票の原本と相違ないことを証明する。';
    case 'koseki-joseki':
      return options.scope === 'all'
        ? 'これは、除籍に記録されている事項の全部を証明した書面である。'
        : 'これは、除籍に記録されている事項の一部を証明した書面である。';
    case 'koseki-kaiseigen':
      return options.scope === 'all'
        ? 'この謄本は、改製原戸籍の原本と相違ないことを認証する。'
        : 'この抄本は、改製原戸籍の原本の一部と相違ないことを認証する。';
  }
}

// ---------------------------------------------------------------------------
// Decisions shared by the rule modules (channel rules, eligibility, hours)

/** One reason a request is refused: a stable code for programs, words for people. */
export interface Refusal extends UserMessage {
  code: string;
  /** The option or field the refusal is about, when there is one. */
  at?: string;
}

export type Refused = { ok: false; refusals: Refusal[] };
export type Decision<T extends object = Record<never, never>> = ({ ok: true } & T) | Refused;

export function refuse(code: string, ja: string, en: string, at?: string): Refusal {
  return at === undefined ? { code, ja, en } : { code, ja, en, at };
}

/**
 * Turns refusals into the one error type. The first refusal names the error;
 * all of them travel as details so a clerk sees every problem at once.
 */
export function refusalError(refusals: readonly Refusal[]): AppError {
  const first = refusals[0];
  if (!first) throw new RangeError('refusalError needs at least one refusal');
  return new AppError(
    'unprocessable',
    first.code,
    { ja: first.ja, en: first.en },
    {
      details: refusals.map((r) => ({ ja: r.ja, en: r.en, ...(r.at === undefined ? {} : { at: r.at }) })),
      extra: { codes: refusals.map((r) => r.code) },
    },
  );
}

/** Throws the refusals of a decision, or returns the allowed decision unchanged. */
export function assertAllowed<T extends object>(decision: Decision<T>): { ok: true } & T {
  if (!decision.ok) throw refusalError(decision.refusals);
  return decision;
}
