/**
 * The moving questionnaire (転入・転居・転出) as the browser holds it, and the
 * checks the browser can make before asking the server. The server
 * (src/notifications/domain/draft-content.ts) checks everything again and is
 * the authority; these checks only spare the resident a round trip and speak
 * every language of the screens. No imports: Node tests use this file as it is.
 */

export const MOVE_KINDS = ['tennyu', 'tenkyo', 'tenshutsu'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

export const INSURANCE_KINDS = ['kokuho', 'koki', 'shaho', 'shaho_dependent', 'seiho', 'none'] as const;
export type InsuranceKind = (typeof INSURANCE_KINDS)[number];
export const PENSION_KINDS = ['dai1', 'dai2', 'dai3', 'receiving', 'none'] as const;
export type PensionKind = (typeof PENSION_KINDS)[number];
export const DISABILITY_KINDS = ['physical', 'intellectual', 'mental'] as const;
export type DisabilityKind = (typeof DISABILITY_KINDS)[number];
export const NOTIFIER_RELATIONS = ['self', 'household', 'agent'] as const;
export type NotifierRelation = (typeof NOTIFIER_RELATIONS)[number];
export const HOUSEHOLD_ARRANGEMENTS = ['same', 'new', 'join'] as const;
export type HouseholdArrangement = (typeof HOUSEHOLD_ARRANGEMENTS)[number];

/** 続柄 offered in the list; anything else is typed (「その他」). */
export const COMMON_RELATIONSHIPS = [
  '世帯主',
  '妻',
  '夫',
  '子',
  '父',
  '母',
  '孫',
  '祖父',
  '祖母',
  '兄',
  '姉',
  '弟',
  '妹',
  '子の妻',
  '子の夫',
  '妻の父',
  '妻の母',
  '夫の父',
  '夫の母',
  '同居人',
] as const;

export const HEAD = '世帯主';

export interface Address {
  country?: string;
  postalCode?: string;
  address: string;
  katagaki?: string;
}

export interface PersonRef {
  familyName: string;
  givenName: string;
  birthDate: string;
}

export interface Mover {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: 'M' | 'F';
  relationship: string;
  juminhyoCode?: string;
  myNumber?: string;
  nationality?: string;
  honseki?: string;
  hittosha?: string;
  insurance?: InsuranceKind;
  pension?: PensionKind;
  disabilities?: DisabilityKind[];
  careCertified?: boolean;
  school?: { current?: string; transfer: boolean };
  myNumberCard?: boolean;
}

export interface DraftContent {
  moveDate?: string;
  moveType?: 'domestic' | 'abroad';
  wholeHousehold?: boolean;
  from?: Address;
  to?: Address;
  movers: Mover[];
  household?: {
    arrangement: HouseholdArrangement;
    joinHead?: PersonRef;
    remainingHead?: PersonRef;
  };
  dogs?: number;
  notifier?: { familyName: string; givenName: string; relation: NotifierRelation };
  phone?: string;
  notes?: string;
}

/** A problem as the server words it (`errors[]`, `problems[]`): `at` is a path into the content. */
export type ContentProblem = {
  at?: string;
  ja: string;
  en: string;
};

/** The steps of the questionnaire, in order. Which of them apply depends on the kind and the answers. */
export const STEP_IDS = ['when', 'addresses', 'people', 'household', 'life', 'contact', 'review'] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * Only what applies is asked: a 転出 has no household to set up here unless
 * the head leaves others behind.
 */
export function stepsFor(kind: MoveKind, content: DraftContent): StepId[] {
  return STEP_IDS.filter((step) => step !== 'household' || needsHouseholdStep(kind, content));
}

export function needsHouseholdStep(kind: MoveKind, content: DraftContent): boolean {
  return kind !== 'tenshutsu' || needsRemainingHead(kind, content);
}

/** The head moves and others stay: those who stay need a new head (転居・転出, part of a household). */
export function needsRemainingHead(kind: MoveKind, content: DraftContent): boolean {
  return (
    kind !== 'tennyu' &&
    content.wholeHousehold === false &&
    content.movers.some((m) => m.relationship === HEAD)
  );
}

/** The step that shows the field a server path points at (`movers.0.familyNameKana` → people). */
export function stepOfPath(path: string | undefined): StepId {
  const head = (path ?? '').split('.')[0] ?? '';
  switch (head) {
    case 'moveDate':
    case 'moveType':
      return 'when';
    case 'from':
    case 'to':
      return 'addresses';
    case 'household':
      return 'household';
    case 'dogs':
      return 'life';
    case 'notifier':
    case 'phone':
    case 'notes':
      return 'contact';
    case 'movers':
    case 'wholeHousehold':
      return /^movers\.\d+\.(insurance|pension|disabilities|careCertified|school|myNumberCard)/.test(
        path ?? '',
      )
        ? 'life'
        : 'people';
    default:
      return 'review';
  }
}

// ---------------------------------------------------------------- dates

/** A real calendar date in ISO form (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Today on the Tokyo wall clock, which is the day the law's periods count from. */
export function tokyoToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole years on a date (a birthday on 29 February counts on 1 March in common years). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/**
 * 学年 on a date: 1–6 小学校, 7–9 中学校; ≤ 0 before school. Children born
 * from 2 April to 1 April of the next year are one cohort (早生まれ included).
 */
export function schoolGradeOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m] = on.split('-').map(Number) as [number, number];
  const schoolYear = m >= 4 ? y : y - 1;
  const cohort = bm > 4 || (bm === 4 && bd >= 2) ? by : by - 1;
  return schoolYear - cohort - 6;
}

/** The period the law gives (転入・転居 within 14 days after; 転出 from 14 days before), widened for a phone draft. */
export function moveDateWindow(
  kind: MoveKind,
  today: string,
  draftLifetimeDays: number,
): { earliest: string; latest: string } {
  const ahead = kind === 'tenshutsu' ? 14 : 0;
  return { earliest: addDays(today, -14), latest: addDays(today, ahead + draftLifetimeDays) };
}

// ---------------------------------------------------------------- text

// Control characters never belong in a form field.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const KANA = /^[\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FC-\u30FE\u30FB\uFF66-\uFF9F・ー 　]+$/;
const PREFECTURE = /^(北海道|東京都|京都府|大阪府|[^\s\d０-９]{1,3}県)/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** Hiragana, katakana (full or half width), ー, ・ and inner spaces. */
export function isKana(value: string): boolean {
  return KANA.test(value) && /[^ 　・]/.test(value);
}

/** 〒123-4567, １２３４５６７ … → 1234567 */
export function normalizePostalCode(value: string): string | undefined {
  const m = /^〒?\s*([0-9]{3})[-‐ー−]?([0-9]{4})$/.exec(value.normalize('NFKC').trim());
  return m ? `${m[1]}${m[2]}` : undefined;
}

/** 1234567 → 123-4567, for reading. */
export function formatPostalCode(value: string | undefined): string {
  if (!value) return '';
  const digits = normalizePostalCode(value);
  return digits ? `〒${digits.slice(0, 3)}-${digits.slice(3)}` : value;
}

export type AddressFormProblem = 'prefecture' | 'municipality' | 'number';

/** The shape of a Japanese address: prefecture, then city/ward/town/village (or county), then a number. */
export function addressFormProblem(address: string): AddressFormProblem | undefined {
  const prefecture = PREFECTURE.exec(address);
  if (!prefecture) return 'prefecture';
  const rest = address.slice(prefecture[0].length);
  if (!/[市区町村郡]/.test(rest)) return 'municipality';
  if (!/[0-9０-９一二三四五六七八九十]/.test(rest)) return 'number';
  return undefined;
}

export function isPhoneNumber(value: string): boolean {
  return /^[0-9(+][0-9\-() ]{8,18}[0-9]$/.test(value.normalize('NFKC').trim());
}

export function fullName(person: { familyName: string; givenName: string }): string {
  return person.givenName ? `${person.familyName}　${person.givenName}` : person.familyName;
}

/** Names as typed, compared without the spaces people put between family and given name. */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/[\s　]/g, '');
  return fold(a) === fold(b);
}

/** Reading a reference aloud: 26 characters in groups of four or five. */
export function groupedReference(reference: string): string {
  return reference.match(/.{1,4}/g)?.join(' ') ?? reference;
}

/** The reference in a scanned or typed text: the whole QR text (MDGN1:code:ref) or the reference itself. */
export function referenceFromScan(text: string): string {
  const trimmed = text.trim();
  const m = /^MDGN1:(\d{6}):([0-9A-Za-z]{26})$/.exec(trimmed);
  return m ? trimmed : trimmed.replace(/[\s-]/g, '');
}

/** A draft as the questionnaire starts it: one person to fill in (the head, when moving in). */
export function withFirstMover(kind: MoveKind, content: DraftContent): DraftContent {
  if (content.movers.length > 0) return content;
  const first = emptyMover();
  if (kind === 'tennyu') first.relationship = HEAD;
  return { ...content, movers: [first] };
}

export function emptyMover(): Mover {
  return {
    familyName: '',
    givenName: '',
    familyNameKana: '',
    givenNameKana: '',
    birthDate: '',
    sex: 'M',
    relationship: '',
  };
}

/**
 * What is sent to the server: empty optional answers are left out (the server
 * refuses an empty string where it expects a value), everything else as typed.
 */
export function cleanContent(content: DraftContent): DraftContent {
  const address = (a: Address | undefined): Address | undefined => {
    if (!a) return undefined;
    const out: Address = { address: a.address };
    if (a.country?.trim()) out.country = a.country;
    if (a.postalCode?.trim()) out.postalCode = a.postalCode;
    if (a.katagaki?.trim()) out.katagaki = a.katagaki;
    if (!out.address.trim() && !out.country && !out.postalCode && !out.katagaki) return undefined;
    return out;
  };
  // A person not yet written at all (the empty form the people step starts with) is not sent.
  const written = content.movers.filter(
    (m) => m.familyName || m.givenName || m.familyNameKana || m.givenNameKana || m.birthDate,
  );
  const movers = written.map((m) => {
    const out: Mover = {
      familyName: m.familyName,
      givenName: m.givenName,
      familyNameKana: m.familyNameKana,
      givenNameKana: m.givenNameKana,
      birthDate: m.birthDate,
      sex: m.sex,
      relationship: m.relationship,
    };
    for (const key of ['juminhyoCode', 'myNumber', 'nationality', 'honseki', 'hittosha'] as const) {
      const value = m[key];
      if (value?.trim()) out[key] = value;
    }
    if (m.insurance) out.insurance = m.insurance;
    if (m.pension) out.pension = m.pension;
    if (m.disabilities?.length) out.disabilities = m.disabilities;
    if (m.careCertified !== undefined) out.careCertified = m.careCertified;
    if (m.myNumberCard !== undefined) out.myNumberCard = m.myNumberCard;
    if (m.school) {
      out.school = { transfer: m.school.transfer };
      if (m.school.current?.trim()) out.school.current = m.school.current;
    }
    return out;
  });
  const out: DraftContent = { movers };
  if (content.moveDate) out.moveDate = content.moveDate;
  if (content.moveType) out.moveType = content.moveType;
  if (content.wholeHousehold !== undefined) out.wholeHousehold = content.wholeHousehold;
  const from = address(content.from);
  const to = address(content.to);
  if (from) out.from = from;
  if (to) out.to = to;
  if (content.household) {
    const h: NonNullable<DraftContent['household']> = { arrangement: content.household.arrangement };
    if (content.household.arrangement === 'join' && content.household.joinHead)
      h.joinHead = content.household.joinHead;
    if (content.household.remainingHead) h.remainingHead = content.household.remainingHead;
    out.household = h;
  }
  if (content.dogs !== undefined && content.dogs > 0) out.dogs = content.dogs;
  if (content.notifier?.familyName) out.notifier = content.notifier;
  if (content.phone?.trim()) out.phone = content.phone;
  if (content.notes?.trim()) out.notes = content.notes;
  return out;
}
