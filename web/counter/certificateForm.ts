/**
 * The counter's certificate form as data: what the clerk ticked, and the line
 * the API takes. Only the shape is checked here (a member chosen, a register
 * picked, copies 1–20); whether the requester may have it is the engine's
 * decision, and its refusal is what the clerk reads.
 */
import type {
  CertificateLine,
  CertificateOptions,
  CertificateType,
  ExemptionKind,
  JuminhyoItem,
  KisaiItem,
  LawfulReason,
  PersonCard,
  Relation,
} from './domain.js';

/** Which certificates read the family register (the person's 戸籍) rather than the resident record. */
export const REGISTER_CERTIFICATES: readonly CertificateType[] = [
  'koseki-zenbu',
  'koseki-kojin',
  'fuhyo',
  'koseki-joseki',
  'koseki-kaiseigen',
];

export interface LineForm {
  certificate: CertificateType | '';
  relation: Relation;
  /** juminhyo: household | members; fuhyo: all | members; 除籍・改製原: all | member. */
  scope: string;
  /** Resident ids (住民票 members, 記載事項, 除票). */
  memberIds: number[];
  /** 住民票・除票 optional items, or 'honseki' for the 附票. */
  include: string[];
  /** 記載事項証明書: the items certified. */
  items: string[];
  kosekiId: number | undefined;
  taxYear: string;
  copies: string;
  sealCardPresented: boolean;
  exempt: boolean;
  exemptionKind: ExemptionKind | '';
  exemptionReason: string;
}

export type LineProblem =
  | 'certificate'
  | 'members'
  | 'items'
  | 'register'
  | 'taxYear'
  | 'copies'
  | 'exemptionKind'
  | 'exemptionReason';

export function emptyLineForm(relation: Relation, person?: PersonCard): LineForm {
  return {
    certificate: '',
    relation,
    scope: '',
    memberIds: person ? [person.residentId] : [],
    include: [],
    items: [],
    kosekiId:
      person?.registers.find((r) => r.registerStatus === 'active')?.kosekiId ??
      person?.registers[0]?.kosekiId,
    taxYear: '',
    copies: '1',
    sealCardPresented: false,
    exempt: false,
    exemptionKind: '',
    exemptionReason: '',
  };
}

/** The scope a certificate starts with when chosen. */
export function defaultScope(certificate: CertificateType | ''): string {
  switch (certificate) {
    case 'juminhyo':
      return 'household';
    case 'fuhyo':
    case 'koseki-joseki':
    case 'koseki-kaiseigen':
      return 'all';
    default:
      return '';
  }
}

/** The 年度 a 課税証明書 usually asked for: this fiscal year's assessment until June, when the new one is made. */
export function defaultTaxYear(today: string): number {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return month >= 6 ? year : year - 1;
}

function toInt(text: string): number | undefined {
  const normalized = text.normalize('NFKC').trim();
  return /^\d{1,5}$/.test(normalized) ? Number(normalized) : undefined;
}

/**
 * The API line of a filled form, or the problems that keep it from being one.
 * `facts` carries what the visit already knows: the 委任状 and the stated reason.
 */
export function lineOf(
  form: LineForm,
  person: PersonCard,
  facts: { powerOfAttorney?: boolean; lawfulReason?: LawfulReason },
): { line: CertificateLine } | { problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const copies = toInt(form.copies);
  if (copies === undefined || copies < 1 || copies > 20) problems.push('copies');
  if (form.exempt && !form.exemptionKind) problems.push('exemptionKind');
  if (form.exempt && [...form.exemptionReason.trim()].length < 2) problems.push('exemptionReason');
  const register = person.registers.find((r) => r.kosekiId === form.kosekiId);
  let options: CertificateOptions | undefined;
  switch (form.certificate) {
    case '':
      problems.push('certificate');
      break;
    case 'juminhyo':
      if (form.scope === 'members' && form.memberIds.length === 0) problems.push('members');
      options = {
        certificate: 'juminhyo',
        scope: form.scope === 'members' ? 'members' : 'household',
        ...(form.scope === 'members' ? { residentIds: form.memberIds } : {}),
        include: form.include as JuminhyoItem[],
      };
      break;
    case 'juminhyo-kisai':
      if (form.memberIds.length === 0) problems.push('members');
      if (form.items.length === 0) problems.push('items');
      options = {
        certificate: 'juminhyo-kisai',
        residentIds: form.memberIds,
        items: form.items as KisaiItem[],
      };
      break;
    case 'juminhyo-johyo':
      if (form.memberIds.length === 0) problems.push('members');
      options = {
        certificate: 'juminhyo-johyo',
        residentIds: form.memberIds,
        include: form.include as JuminhyoItem[],
      };
      break;
    case 'inkan':
      options = { certificate: 'inkan' };
      break;
    case 'kazei': {
      const year = toInt(form.taxYear);
      if (year === undefined || year < 1990 || year > 2100) problems.push('taxYear');
      options = { certificate: 'kazei', taxYear: year ?? 0 };
      break;
    }
    case 'koseki-zenbu':
      if (!register) problems.push('register');
      options = { certificate: 'koseki-zenbu' };
      break;
    case 'koseki-kojin':
      if (!register) problems.push('register');
      options = { certificate: 'koseki-kojin', memberNo: register?.memberNo ?? 0 };
      break;
    case 'fuhyo':
      if (!register) problems.push('register');
      options = {
        certificate: 'fuhyo',
        scope: form.scope === 'members' ? 'members' : 'all',
        ...(form.scope === 'members' && register ? { memberNos: [register.memberNo] } : {}),
        include: form.include.includes('honseki') ? ['honseki'] : [],
      };
      break;
    case 'koseki-joseki':
    case 'koseki-kaiseigen':
      if (!register) problems.push('register');
      options = {
        certificate: form.certificate,
        scope: form.scope === 'member' ? 'member' : 'all',
        ...(form.scope === 'member' && register ? { memberNo: register.memberNo } : {}),
      };
      break;
  }
  if (problems.length > 0 || !options) return { problems };
  const onRegister = REGISTER_CERTIFICATES.includes(options.certificate);
  const line: CertificateLine = {
    subject: onRegister && register ? { kosekiId: register.kosekiId } : { residentId: person.residentId },
    relation: form.relation,
    options,
    copies: copies ?? 1,
    ...(form.relation === 'agent' ? { powerOfAttorney: facts.powerOfAttorney === true } : {}),
    ...(form.relation === 'third_party' && facts.lawfulReason ? { lawfulReason: facts.lawfulReason } : {}),
    ...(options.certificate === 'inkan' && form.sealCardPresented ? { sealCardPresented: true } : {}),
    ...(form.exempt && form.exemptionKind
      ? { exemption: { kind: form.exemptionKind, reason: form.exemptionReason.trim() } }
      : {}),
  };
  return { line };
}

/** Cash handed over and the change, in whole yen; undefined when the amount is not a number. */
export function changeOf(tendered: string, total: number): number | undefined {
  const amount = toInt(tendered.replace(/[,，円¥￥]/g, ''));
  if (amount === undefined) return undefined;
  return amount - total;
}

export function parseYen(text: string): number | undefined {
  return toInt(text.replace(/[,，円¥￥\s]/g, ''));
}
