/**
 * The guided questionnaire of a moving notification, as stored in a draft.
 * One shape for 転入 (move in from another town), 転居 (move within the town) and
 * 転出 (move out): `from` is where the movers live now, `to` where they go.
 *
 * The schema checks the form of every answer the moment it is saved; whether a
 * draft is complete for its kind (and whether its dates are within the law's
 * periods) is a separate check, `draftProblems`, so a phone can save a
 * half-filled questionnaire step by step and learn what is still missing.
 */
import { z } from 'zod';
import { foldAddress } from '../../domain/text-fold.js';
import type { ErrorDetail } from '../../shared/errors.js';
import {
  domesticAddressProblem,
  isoDate,
  juminhyoCode,
  kanaText,
  myNumber,
  nameText,
  phoneNumber,
  postalCode,
  text,
} from './fields.js';
import { checkMoveDate } from './move-dates.js';

export const NOTIFICATION_KINDS = ['tennyu', 'tenkyo', 'tenshutsu'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const KIND_NAMES: Record<NotificationKind, { ja: string; en: string }> = {
  tennyu: { ja: '転入届', en: 'moving-in notification' },
  tenkyo: { ja: '転居届', en: 'change-of-address notification' },
  tenshutsu: { ja: '転出届', en: 'moving-out notification' },
};

/** 国民健康保険, 後期高齢者医療, 社会保険 (本人/被扶養者), 生活保護, なし・不明 */
export const INSURANCE_KINDS = ['kokuho', 'koki', 'shaho', 'shaho_dependent', 'seiho', 'none'] as const;
/** 国民年金 第1号/第2号(厚生年金)/第3号, 年金受給中, なし */
export const PENSION_KINDS = ['dai1', 'dai2', 'dai3', 'receiving', 'none'] as const;
/** 身体障害者手帳, 療育手帳, 精神障害者保健福祉手帳 */
export const DISABILITY_KINDS = ['physical', 'intellectual', 'mental'] as const;
/** Keep the household (same), set up a new one (new), join one that exists (join). */
export const HOUSEHOLD_ARRANGEMENTS = ['same', 'new', 'join'] as const;
export const MOVE_TYPES = ['domestic', 'abroad'] as const;
export const NOTIFIER_RELATIONS = ['self', 'household', 'agent'] as const;

export const HEAD = '世帯主';

const ja = (message: string) => ({ params: { ja: message } });

export const addressSchema = z.strictObject({
  /** Only for an address abroad (転入 from abroad, 転出 to abroad). */
  country: text(60).optional(),
  postalCode: postalCode().optional(),
  /** 都道府県から番地まで */
  address: text(200),
  /** 方書: building and room */
  katagaki: text(100).optional(),
});
export type Address = z.infer<typeof addressSchema>;

/** Someone the register knows, named in the draft: the head of a household to join, a new head. */
export const personRefSchema = z.strictObject({
  familyName: nameText(),
  givenName: nameText(),
  birthDate: isoDate(),
});
export type PersonRef = z.infer<typeof personRefSchema>;

export const moverSchema = z.strictObject({
  familyName: nameText(),
  /** Empty for a person who has one name only. */
  givenName: z.union([z.literal(''), nameText()]),
  familyNameKana: kanaText(),
  givenNameKana: z.union([z.literal(''), kanaText()]),
  birthDate: isoDate(),
  sex: z.enum(['M', 'F']),
  /** 続柄 in the household after the move: 世帯主, 妻, 子, 母 … */
  relationship: text(20),
  juminhyoCode: juminhyoCode().optional(),
  myNumber: myNumber().optional(),
  /** 国籍・地域: foreign residents only. */
  nationality: text(60).optional(),
  honseki: text(200).optional(),
  /** 筆頭者 as registered, 氏　名 */
  hittosha: nameText(60).optional(),
  insurance: z.enum(INSURANCE_KINDS).optional(),
  pension: z.enum(PENSION_KINDS).optional(),
  disabilities: z.array(z.enum(DISABILITY_KINDS)).max(3).optional(),
  /** 要介護・要支援認定を受けている */
  careCertified: z.boolean().optional(),
  /** Children at school: the school now, and whether they change school. */
  school: z.strictObject({ current: text(100).optional(), transfer: z.boolean() }).optional(),
  /** Holds a My Number card (its address must be updated: 継続利用). */
  myNumberCard: z.boolean().optional(),
});
export type Mover = z.infer<typeof moverSchema>;

export const draftContentSchema = z.strictObject({
  /** 異動日: the day of moving (転入・転居) or the planned day (転出予定日). */
  moveDate: isoDate().optional(),
  moveType: z.enum(MOVE_TYPES).optional(),
  /** Everyone of the household moves (転居・転出). */
  wholeHousehold: z.boolean().optional(),
  from: addressSchema.optional(),
  to: addressSchema.optional(),
  movers: z
    .array(moverSchema)
    .refine((movers) => movers.length <= 20, {
      message: 'at most 20 people',
      ...ja('一度に届け出られるのは20人までです。'),
    })
    .default([]),
  household: z
    .strictObject({
      arrangement: z.enum(HOUSEHOLD_ARRANGEMENTS),
      /** The head of the household the movers join. */
      joinHead: personRefSchema.optional(),
      /** The new head of those who stay, when the head moves and others do not. */
      remainingHead: personRefSchema.optional(),
    })
    .optional(),
  /** Dogs registered under 狂犬病予防法 that move with the household. */
  dogs: z.int().min(0).max(20).optional(),
  notifier: z
    .strictObject({
      familyName: nameText(),
      givenName: z.union([z.literal(''), nameText()]),
      relation: z.enum(NOTIFIER_RELATIONS),
    })
    .optional(),
  phone: phoneNumber().optional(),
  notes: text(500).optional(),
});
export type DraftContent = z.infer<typeof draftContentSchema>;
export type DraftContentInput = z.input<typeof draftContentSchema>;

export interface DraftCheckContext {
  kind: NotificationKind;
  /** Today on the Tokyo wall clock. */
  today: string;
  municipality: { prefecture: string; name: string };
  /** 'draft': the phone may prepare ahead; 'accept': the law's periods on the day of acceptance. */
  stage: 'draft' | 'accept';
  draftLifetimeDays: number;
}

const problem = (at: string, jaText: string, en: string): ErrorDetail => ({ at, ja: jaText, en });

/** Whether an address lies in the municipality (its name follows the prefecture, or starts it). */
export function isInMunicipality(
  address: string,
  municipality: { prefecture: string; name: string },
): boolean {
  const folded = foldAddress(address);
  return (
    folded.startsWith(foldAddress(municipality.prefecture + municipality.name)) ||
    folded.startsWith(foldAddress(municipality.name))
  );
}

function checkAddress(
  at: string,
  address: Address | undefined,
  options: {
    abroad: boolean;
    inTown: boolean;
    municipality: DraftCheckContext['municipality'];
    label: { ja: string; en: string };
  },
): ErrorDetail[] {
  if (!address)
    return [problem(at, `${options.label.ja}を入力してください。`, `Enter the ${options.label.en}.`)];
  const out: ErrorDetail[] = [];
  if (options.abroad) {
    if (!address.country)
      out.push(problem(`${at}.country`, '国名を入力してください。', 'Enter the country.'));
    return out;
  }
  if (address.country)
    out.push(
      problem(`${at}.country`, '国内の住所には国名を入力しません。', 'A Japanese address has no country.'),
    );
  const form = domesticAddressProblem(address.address);
  if (form) out.push(problem(`${at}.address`, form.ja, form.en));
  if (!address.postalCode)
    out.push(problem(`${at}.postalCode`, '郵便番号を入力してください。', 'Enter the postal code.'));
  if (options.inTown && !form && !isInMunicipality(address.address, options.municipality))
    out.push(
      problem(
        `${at}.address`,
        `${options.label.ja}が${options.municipality.name}の住所ではありません。`,
        `The ${options.label.en} is not in ${options.municipality.name}.`,
      ),
    );
  return out;
}

/**
 * What keeps a draft from being submitted or accepted, field by field. Empty when
 * the draft is complete and within the law's periods.
 */
export function draftProblems(content: DraftContent, ctx: DraftCheckContext): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const { kind } = ctx;
  const abroad = content.moveType === 'abroad';
  if (abroad && kind === 'tenkyo')
    out.push(problem('moveType', '転居届は市内での住所変更です。', 'A 転居 is a move within the town.'));

  if (!content.moveDate)
    out.push(problem('moveDate', '異動日を入力してください。', 'Enter the date of the move.'));
  else {
    const date = checkMoveDate(kind, content.moveDate, ctx.today, ctx.stage, ctx.draftLifetimeDays);
    if (date) out.push({ at: 'moveDate', ...date });
  }

  const fromLabel =
    kind === 'tennyu' ? { ja: '前住所', en: 'previous address' } : { ja: '現住所', en: 'current address' };
  const toLabel =
    kind === 'tenshutsu' ? { ja: '転出先', en: 'destination' } : { ja: '新住所', en: 'new address' };
  out.push(
    ...checkAddress('from', content.from, {
      abroad: abroad && kind === 'tennyu',
      inTown: kind !== 'tennyu',
      municipality: ctx.municipality,
      label: fromLabel,
    }),
    ...checkAddress('to', content.to, {
      abroad: abroad && kind === 'tenshutsu',
      inTown: kind !== 'tenshutsu',
      municipality: ctx.municipality,
      label: toLabel,
    }),
  );
  if (
    kind === 'tennyu' &&
    !abroad &&
    content.from &&
    isInMunicipality(content.from.address, ctx.municipality)
  )
    out.push(
      problem(
        'from.address',
        '市内での住所変更は転居届です。',
        'A move within the town is a 転居, not a 転入.',
      ),
    );
  if (kind === 'tenshutsu' && !abroad && content.to && isInMunicipality(content.to.address, ctx.municipality))
    out.push(
      problem(
        'to.address',
        '市内での住所変更は転居届です。',
        'A move within the town is a 転居, not a 転出.',
      ),
    );
  if (
    kind === 'tenkyo' &&
    content.from &&
    content.to &&
    foldAddress(content.from.address) === foldAddress(content.to.address) &&
    (content.from.katagaki ?? '') === (content.to.katagaki ?? '')
  )
    out.push(problem('to.address', '新住所が現住所と同じです。', 'The new address is the current one.'));

  if (content.movers.length === 0)
    out.push(problem('movers', '異動する方を入力してください。', 'Enter who moves.'));
  content.movers.forEach((mover, i) => {
    if (mover.birthDate > ctx.today)
      out.push(
        problem(`movers.${i}.birthDate`, '生年月日が未来の日付です。', 'The date of birth is in the future.'),
      );
    if (mover.birthDate < '1890-01-01')
      out.push(problem(`movers.${i}.birthDate`, '生年月日が古すぎます。', 'The date of birth is too early.'));
  });
  for (const key of ['myNumber', 'juminhyoCode'] as const) {
    const seen = new Map<string, number>();
    content.movers.forEach((mover, i) => {
      const value = mover[key];
      if (!value) return;
      if (seen.has(value))
        out.push(
          problem(
            `movers.${i}.${key}`,
            `${key === 'myNumber' ? '個人番号' : '住民票コード'}が${(seen.get(value) ?? 0) + 1}人目の方と同じです。`,
            `The ${key === 'myNumber' ? 'My Number' : 'juminhyo code'} is the same as person ${(seen.get(value) ?? 0) + 1}'s.`,
          ),
        );
      else seen.set(value, i);
    });
  }

  if (kind !== 'tennyu' && content.wholeHousehold === undefined)
    out.push(
      problem(
        'wholeHousehold',
        '世帯全員が異動するかどうかを選んでください。',
        'Say whether the whole household moves.',
      ),
    );
  out.push(...householdProblems(content, kind));
  return out;
}

function householdProblems(content: DraftContent, kind: NotificationKind): ErrorDetail[] {
  if (kind === 'tenshutsu') return [];
  const arrangement = content.household?.arrangement;
  if (!arrangement)
    return [
      problem(
        'household.arrangement',
        '世帯をどうするか（新しい世帯・既存の世帯に入る）を選んでください。',
        'Say whether the movers form a new household or join one.',
      ),
    ];
  const heads = content.movers.filter((m) => m.relationship === HEAD).length;
  const out: ErrorDetail[] = [];
  if (arrangement === 'same' && !(kind === 'tenkyo' && content.wholeHousehold))
    out.push(
      problem(
        'household.arrangement',
        '世帯をそのまま移せるのは、世帯全員が転居する場合だけです。',
        'Only a whole household moving within the town keeps its household.',
      ),
    );
  if (arrangement === 'new' && heads !== 1)
    out.push(
      problem(
        'movers',
        '新しい世帯では、異動する方のうち1人を世帯主にしてください。',
        'A new household needs exactly one of the movers as its head (世帯主).',
      ),
    );
  if (arrangement === 'join') {
    if (!content.household?.joinHead)
      out.push(
        problem(
          'household.joinHead',
          '入る世帯の世帯主を入力してください。',
          'Name the head of the household to join.',
        ),
      );
    if (heads > 0)
      out.push(
        problem(
          'movers',
          '既存の世帯に入る場合、異動する方は世帯主になりません。',
          'Movers joining a household cannot be its head.',
        ),
      );
  }
  return out;
}

/** Age of the person who files, for the statistics by age group (the first mover). */
export function firstMoverBirthDate(content: DraftContent): string | undefined {
  return content.movers[0]?.birthDate;
}
