/**
 * Who may obtain which certificate (住民基本台帳法 12条〜12条の4, 20条;
 * 戸籍法 10条〜10条の2; 地方税法 22条 for tax secrecy; the seal ordinance).
 * Inputs are plain facts computed by the caller (the relation between the
 * requester and the person on the record, the state of that record); this
 * module only decides. Channel-specific limits live in channel-rules.ts.
 */

import {
  CERTIFICATES,
  type CertificateOptions,
  type CertificateType,
  type Decision,
  type KazeiVariant,
  type RecordKind,
  type Refusal,
  refuse,
} from './certificates.js';
import type { Channel } from './channel-rules.js';
import { formatEraYear } from './japanese-era.js';

/**
 * How the requester stands to the person (or household, or register) on the
 * certificate. `self` is the person themself; for a whole-household 住民票 or
 * a 戸籍全部事項証明書 it means the requester is in that household/register.
 */
export const REQUESTER_RELATIONS = [
  'self', // 本人
  'same_household', // 同一世帯員
  'spouse', // 配偶者
  'lineal_ascendant', // 直系尊属
  'lineal_descendant', // 直系卑属
  'agent', // 代理人 (委任状)
  'third_party', // 第三者 (正当な理由)
] as const;
export type RequesterRelation = (typeof REQUESTER_RELATIONS)[number];

/** The reasons the law accepts from a third party; anything else is refused. */
export const LAWFUL_REASONS = [
  'exercise_of_rights', // 自己の権利の行使
  'performance_of_duty', // 自己の義務の履行
  'submission_to_authority', // 国・地方公共団体の機関への提出
  'professional_duty', // 弁護士等の職務上請求
  'official_request', // 国・地方公共団体の機関による請求（公用請求）
  'other_legitimate', // その他正当な理由
] as const;
export type LawfulReasonKind = (typeof LAWFUL_REASONS)[number];

export const LAWFUL_REASON_NAMES: Readonly<Record<LawfulReasonKind, { ja: string; en: string }>> = {
  exercise_of_rights: { ja: '自己の権利を行使するため', en: 'to exercise a right of the requester' },
  performance_of_duty: { ja: '自己の義務を履行するため', en: 'to perform a duty of the requester' },
  submission_to_authority: {
    ja: '国又は地方公共団体の機関に提出するため',
    en: 'to submit to a national or local government body',
  },
  professional_duty: {
    ja: '弁護士等の職務上の請求',
    en: 'request by a licensed professional in the course of duty',
  },
  official_request: {
    ja: '国又は地方公共団体の機関の請求（公用請求）',
    en: 'request by a national or local government body (official use)',
  },
  other_legitimate: { ja: 'その他正当な理由', en: 'another legitimate reason' },
};

/** 特定事務受任者: the professions allowed a 職務上請求 (住基法12条の3第2項, 戸籍法10条の2第3項). */
export const PROFESSIONS = [
  'lawyer', // 弁護士
  'judicial_scrivener', // 司法書士
  'land_surveyor', // 土地家屋調査士
  'tax_accountant', // 税理士
  'labor_consultant', // 社会保険労務士
  'patent_attorney', // 弁理士
  'maritime_agent', // 海事代理士
  'administrative_scrivener', // 行政書士
] as const;
export type Profession = (typeof PROFESSIONS)[number];

export interface LawfulReason {
  kind: LawfulReasonKind;
  /** The concrete facts (「○○との売買契約に基づく登記手続のため」), checked by the clerk. */
  detail: string;
  /** For `professional_duty`: the qualification and its registration number. */
  professional?: { profession: Profession; registrationNo: string };
  /** For `official_request`: the requesting body. */
  authority?: string;
}

export interface Requester {
  relation: RequesterRelation;
  /** 本人確認: ID document at the counter, its copy by mail, card + PIN at a kiosk or online. */
  identityVerified: boolean;
  /** 委任状 presented (counter) or enclosed (mail). */
  powerOfAttorney?: boolean;
  lawfulReason?: LawfulReason;
  presented?: {
    /** 印鑑登録証 (the seal registration card). */
    sealCard?: boolean;
    /** マイナンバーカード, authenticated with its 利用者証明用電子証明書. */
    myNumberCard?: boolean;
  };
  /** For 戸籍 and 附票: whether the requester is recorded in the same register. */
  inSameKoseki?: boolean;
  /** Whether the requester lives in this municipality (kiosks then know them from the resident register). */
  residesInMunicipality?: boolean;
  /** 利用者登録申請 for kiosk 戸籍 by people whose 本籍 is here but who live elsewhere. */
  kosekiUserRegistration?: 'none' | 'pending' | 'approved';
}

export type SealRegistrationState = 'active' | 'none' | 'abolished';
/** 課税: assessed; 非課税: exempt; 未申告: no income declared; none: not liable here that year. */
export type TaxRecordState = 'assessed' | 'exempt' | 'undeclared' | 'none';

export interface Subject {
  /** What the registry holds for the person or register asked about. */
  record?: RecordKind;
  /** 支援措置 (DV, stalking, abuse): the person's address must not reach whoever is looking for them. */
  supportMeasure?: boolean;
  /** 本人通知制度: the person asked to be told when a copy goes to an agent or a third party. */
  notifyOnThirdParty?: boolean;
  sealRegistration?: SealRegistrationState;
  /** For `kazei`: the tax record of the year asked for. */
  taxStatus?: TaxRecordState;
}

/** A reviewer (係長 or above) who examined a 支援措置 case and allowed this one request. */
export interface ReviewerOverride {
  reviewerId: string;
  reason: string;
}

export interface EligibilityInput {
  certificate: CertificateType;
  channel: Channel;
  requester: Requester;
  subject: Subject;
  options?: CertificateOptions;
  override?: ReviewerOverride;
}

/** Why the request is allowed; kept on the issuance record and used for 本人通知. */
export type EligibilityBasis =
  | 'self'
  | 'household'
  | 'relative'
  | 'power_of_attorney'
  | 'lawful_reason'
  | 'seal_card';

export interface Eligible {
  basis: EligibilityBasis;
  /** For `kazei`: which certificate the record yields (課税証明書 or 非課税証明書). */
  kazeiVariant?: KazeiVariant;
  /** The 支援措置 override that made this request possible, to be written to the audit log. */
  overrideUsed?: ReviewerOverride;
  /** 本人通知制度: tell the person that a copy was issued to someone else. */
  notifySubject: boolean;
}

export type EligibilityDecision = Decision<Eligible>;

/** Short free texts are accepted by clerks only when they say something. */
export const MIN_REASON_LENGTH = 4;

const hasText = (value: string | undefined, min = 1): value is string =>
  value !== undefined && [...value.trim()].length >= min;

export function checkEligibility(input: EligibilityInput): EligibilityDecision {
  const info = CERTIFICATES[input.certificate];
  const refusals: Refusal[] = [];

  if (input.subject.record !== undefined && input.subject.record !== info.record) {
    refusals.push(recordMismatch(input.certificate, input.subject.record));
  }

  const relation = checkRelation(input);
  refusals.push(...relation.refusals);

  const guard = checkSupportMeasure(input);
  refusals.push(...guard.refusals);

  const state = checkSubjectState(input);
  refusals.push(...state.refusals);

  if (refusals.length > 0) return { ok: false, refusals };
  const basis = relation.basis!;
  return {
    ok: true,
    basis,
    ...(state.kazeiVariant ? { kazeiVariant: state.kazeiVariant } : {}),
    ...(guard.overrideUsed ? { overrideUsed: guard.overrideUsed } : {}),
    notifySubject:
      input.subject.notifyOnThirdParty === true &&
      (basis === 'power_of_attorney' || basis === 'lawful_reason') &&
      info.family !== 'inkan' &&
      info.family !== 'kazei',
  };
}

function recordMismatch(certificate: CertificateType, record: RecordKind): Refusal {
  const info = CERTIFICATES[certificate];
  if (record === 'removed' && info.family === 'juminhyo') {
    return refuse(
      'record_removed',
      '転出・死亡等により消除された方の住民票は、「住民票の除票の写し」として請求してください。',
      'This resident record has been removed (moved out or deceased); request a copy of the removed record (除票) instead.',
    );
  }
  if (record === 'removed') {
    return refuse(
      'record_removed',
      'この戸籍は除籍となっています。「除籍謄抄本」として請求してください。',
      'This family register is closed; request a certificate of the closed register (除籍) instead.',
    );
  }
  if (record === 'pre_revision') {
    return refuse(
      'record_pre_revision',
      'この戸籍は改製前のものです。「改製原戸籍謄抄本」として請求してください。',
      'This is a register from before the format revision; request the 改製原戸籍 instead.',
    );
  }
  return refuse(
    'record_current',
    `請求された記録は現在のものです。「${info.nameJa}」ではなく、現在の証明書を請求してください。`,
    `The record asked for is current; request the current certificate rather than "${info.nameEn}".`,
  );
}

interface RelationResult {
  basis?: EligibilityBasis;
  refusals: Refusal[];
}

/** The relations that need neither a 委任状 nor a reason, per family of certificates. */
const FREE_RELATIONS: Readonly<Record<'juminhyo' | 'koseki' | 'kazei', readonly RequesterRelation[]>> = {
  juminhyo: ['self', 'same_household'],
  // 戸籍法10条1項 / 住基法20条: the person, the spouse, and lineal relatives.
  koseki: ['self', 'spouse', 'lineal_ascendant', 'lineal_descendant'],
  kazei: ['self', 'same_household'],
};

function checkRelation(input: EligibilityInput): RelationResult {
  const { requester, channel } = input;
  const info = CERTIFICATES[input.certificate];

  if (info.family === 'inkan') {
    if (requester.relation === 'self') return { basis: 'self', refusals: [] };
    if (requester.relation === 'third_party') {
      return {
        refusals: [
          refuse(
            'inkan_registrant_only',
            '印鑑登録証明書は、登録者本人または印鑑登録証をお持ちの代理の方のみ請求できます。',
            'A seal certificate can be requested only by the registrant or by someone bringing the seal registration card.',
            'requester.relation',
          ),
        ],
      };
    }
    // The seal registration card stands in for a 委任状: whoever brings it to the counter receives the
    // certificate. Away from the counter nobody but the registrant can prove anything.
    if (channel !== 'counter') {
      return {
        refusals: [
          refuse(
            'inkan_agent_counter_only',
            '代理の方による印鑑登録証明書の請求は、印鑑登録証をお持ちのうえ窓口でお願いします。',
            'Someone other than the registrant can obtain a seal certificate only at the counter, with the seal registration card.',
            'requester.relation',
          ),
        ],
      };
    }
    return { basis: 'seal_card', refusals: [] };
  }

  const free = FREE_RELATIONS[info.family];
  if (free.includes(requester.relation)) {
    return {
      basis: requester.relation === 'self' ? 'self' : info.family === 'koseki' ? 'relative' : 'household',
      refusals: [],
    };
  }

  if (requester.relation === 'agent') {
    if (requester.powerOfAttorney === true) return { basis: 'power_of_attorney', refusals: [] };
    return {
      refusals: [
        refuse(
          'power_of_attorney_required',
          '代理の方が請求する場合は、ご本人が作成した委任状が必要です。',
          'An agent needs a letter of attorney (委任状) written by the person.',
          'requester.powerOfAttorney',
        ),
      ],
    };
  }

  if (info.family === 'kazei') {
    return {
      refusals: [
        refuse(
          'kazei_not_for_others',
          '課税(非課税)証明書は、ご本人、同一世帯の方、または委任状をお持ちの代理の方のみ請求できます。',
          'A tax certificate can be requested only by the person, a member of the same household, or an agent with a letter of attorney.',
          'requester.relation',
        ),
      ],
    };
  }

  // Everyone else (relatives outside the free list, other household members for 戸籍, strangers) is a third
  // party in law and must state a lawful reason.
  const reasonRefusals = checkLawfulReason(requester.lawfulReason);
  if (reasonRefusals.length > 0) return { refusals: reasonRefusals };
  return { basis: 'lawful_reason', refusals: [] };
}

export function checkLawfulReason(reason: LawfulReason | undefined): Refusal[] {
  if (!reason) {
    return [
      refuse(
        'lawful_reason_required',
        'ご本人・同一世帯の方・配偶者・直系親族以外の方が請求する場合は、請求の理由（権利の行使、義務の履行、官公署への提出など）を具体的に記入してください。',
        'A third party must state a lawful reason (exercise of a right, performance of a duty, submission to a public body, …) in concrete terms.',
        'requester.lawfulReason',
      ),
    ];
  }
  const refusals: Refusal[] = [];
  if (!(LAWFUL_REASONS as readonly string[]).includes(reason.kind)) {
    refusals.push(
      refuse(
        'lawful_reason_unknown',
        '請求の理由が、法令で認められた区分に当たりません。',
        'The stated reason is not one of the kinds the law accepts.',
        'requester.lawfulReason.kind',
      ),
    );
  }
  if (!hasText(reason.detail, MIN_REASON_LENGTH)) {
    refusals.push(
      refuse(
        'lawful_reason_vague',
        '請求の理由を具体的に記入してください（提出先や使いみちなど）。',
        'Describe the reason concretely (where the certificate goes and what it is for).',
        'requester.lawfulReason.detail',
      ),
    );
  }
  if (reason.kind === 'professional_duty') {
    const p = reason.professional;
    if (!p || !(PROFESSIONS as readonly string[]).includes(p.profession) || !hasText(p.registrationNo)) {
      refusals.push(
        refuse(
          'professional_credentials_required',
          '職務上請求には、資格の種類と登録番号（職務上請求書の記載事項）が必要です。',
          'A professional request needs the qualification and its registration number.',
          'requester.lawfulReason.professional',
        ),
      );
    }
  }
  if (reason.kind === 'official_request' && !hasText(reason.authority)) {
    refusals.push(
      refuse(
        'authority_required',
        '公用請求には、請求する機関の名称が必要です。',
        'An official request must name the requesting body.',
        'requester.lawfulReason.authority',
      ),
    );
  }
  return refusals;
}

interface GuardResult {
  overrideUsed?: ReviewerOverride;
  refusals: Refusal[];
}

/**
 * 支援措置: the person is hiding from someone, usually a relative. Only the
 * person (or their own household) at a staffed desk gets a copy; everything
 * else waits for a reviewer who examined the case. Kiosks and online are
 * refused because no clerk sees who is standing there.
 */
function checkSupportMeasure(input: EligibilityInput): GuardResult {
  if (input.subject.supportMeasure !== true) return { refusals: [] };
  const personal = input.requester.relation === 'self' || input.requester.relation === 'same_household';
  const staffed = input.channel === 'counter' || input.channel === 'mail';
  if (personal && staffed) return { refusals: [] };

  const override = input.override;
  if (override) {
    if (hasText(override.reviewerId) && hasText(override.reason, MIN_REASON_LENGTH)) {
      return {
        overrideUsed: { reviewerId: override.reviewerId.trim(), reason: override.reason.trim() },
        refusals: [],
      };
    }
    return {
      refusals: [
        refuse(
          'support_measure_override_invalid',
          '支援措置の解除には、審査した職員のIDと具体的な理由が必要です。',
          'A support-measure override needs the reviewing officer’s id and a concrete reason.',
          'override',
        ),
      ],
    };
  }
  return {
    refusals: [
      staffed
        ? refuse(
            'support_measure_review',
            'この請求は、担当職員による審査が必要です。窓口でお待ちください。',
            'This request needs to be examined by a supervising officer before issuance.',
            'subject.supportMeasure',
          )
        : refuse(
            'support_measure_channel',
            'この証明書は、コンビニ・キオスク端末・オンラインでは交付できません。市区町村の窓口にお問い合わせください。',
            'This certificate cannot be issued at a kiosk, a convenience store or online; please contact the municipal counter.',
            'subject.supportMeasure',
          ),
    ],
  };
}

interface StateResult {
  kazeiVariant?: KazeiVariant;
  refusals: Refusal[];
}

function checkSubjectState(input: EligibilityInput): StateResult {
  if (input.certificate === 'inkan') {
    const state = input.subject.sealRegistration;
    if (state === 'active') return { refusals: [] };
    return {
      refusals: [
        state === 'abolished'
          ? refuse(
              'seal_abolished',
              'この印鑑登録は廃止されています。',
              'This seal registration has been abolished.',
              'subject.sealRegistration',
            )
          : refuse(
              'seal_not_registered',
              '印鑑登録がされていません。',
              'No seal is registered for this person.',
              'subject.sealRegistration',
            ),
      ],
    };
  }

  if (input.certificate === 'kazei') {
    const options = input.options;
    const year = options?.certificate === 'kazei' ? options.taxYear : undefined;
    const yearJa = year === undefined ? 'ご指定の年度' : `${formatEraYear(year)}度`;
    const yearEn = year === undefined ? 'the requested tax year' : `tax year ${year}`;
    switch (input.subject.taxStatus) {
      case 'assessed':
        return { kazeiVariant: 'kazei', refusals: [] };
      case 'exempt':
        return { kazeiVariant: 'hikazei', refusals: [] };
      case 'undeclared':
        return {
          refusals: [
            refuse(
              'tax_undeclared',
              `${yearJa}の所得の申告がされていないため、証明書を発行できません。住民税の申告をしていただくと発行できます。`,
              `No income was declared for ${yearEn}, so no certificate can be issued; file a resident-tax return first.`,
              'subject.taxStatus',
            ),
          ],
        };
      default:
        return {
          refusals: [
            refuse(
              'tax_record_missing',
              `${yearJa}の課税資料がありません（その年の1月1日に当市区町村にお住まいでなかった場合は、当時お住まいの市区町村で発行されます）。`,
              `There is no tax record for ${yearEn} here (the municipality of residence on 1 January of that year issues it).`,
              'subject.taxStatus',
            ),
          ],
        };
    }
  }
  return { refusals: [] };
}
