import type { CertificateType, Menu, MenuCertificate } from './agent';

/**
 * What the resident chose for one certificate, before it becomes the API's
 * options. One shape for every certificate keeps the options screen simple;
 * `orderOptions` keeps only what the certificate takes.
 */
export interface Draft {
  /** 住民票: the whole household or chosen members; 附票: the whole register or chosen members. */
  scope: 'whole' | 'members';
  residentIds: number[];
  memberNos: number[];
  /** 戸籍個人事項証明書: whose. */
  memberNo: number | null;
  /** Optional items printed on a 住民票 / 附票. */
  include: string[];
  /** Items a 記載事項証明書 certifies. */
  items: string[];
  taxYear: number | null;
  copies: number;
}

export const MAX_COPIES = 10;

/** 記載事項証明書: name and address are what most forms ask for. */
const DEFAULT_KISAI_ITEMS = ['name', 'address'];

/** The Tokyo calendar date of an instant (kiosks follow Japan's date wherever the browser thinks it is). */
export function tokyoDate(at: Date): { year: number; month: number; day: number } {
  const shifted = new Date(at.getTime() + 9 * 3600_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/**
 * The tax years a 課税証明書 can be asked for: a year's certificate exists
 * from June of that fiscal year (when the assessment is made), so before June
 * the newest is last year's. The three newest are offered.
 */
export function taxYears(now: Date): number[] {
  const { year, month } = tokyoDate(now);
  const newest = month >= 6 ? year : year - 1;
  return [newest, newest - 1, newest - 2];
}

export function defaultDraft(type: CertificateType, menu: Menu, now: Date): Draft {
  const self = menu.household.find((member) => member.self);
  const selfInRegister = menu.register?.members.find((member) => member.self);
  return {
    scope: 'whole',
    residentIds: type === 'juminhyo-kisai' && self ? [self.residentId] : [],
    memberNos: [],
    memberNo: selfInRegister?.memberNo ?? null,
    include: [],
    items: type === 'juminhyo-kisai' ? DEFAULT_KISAI_ITEMS : [],
    taxYear: type === 'kazei' ? (taxYears(now)[0] ?? null) : null,
    copies: 1,
  };
}

/** What is still missing; each entry is a text key under kiosk.options.problems. */
export type DraftProblem = 'members' | 'items' | 'member' | 'taxYear';

export function draftProblems(type: CertificateType, draft: Draft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (type === 'juminhyo' && draft.scope === 'members' && draft.residentIds.length === 0)
    problems.push('members');
  if (type === 'juminhyo-kisai') {
    if (draft.residentIds.length === 0) problems.push('members');
    if (draft.items.length === 0) problems.push('items');
  }
  if (type === 'fuhyo' && draft.scope === 'members' && draft.memberNos.length === 0) problems.push('members');
  if (type === 'koseki-kojin' && draft.memberNo === null) problems.push('member');
  if (type === 'kazei' && draft.taxYear === null) problems.push('taxYear');
  return problems;
}

/** The options the kiosk API takes for this certificate (src/domain/certificates.ts). */
export function orderOptions(type: CertificateType, draft: Draft): Record<string, unknown> {
  switch (type) {
    case 'juminhyo':
      return draft.scope === 'whole'
        ? { certificate: type, scope: 'household', include: draft.include }
        : { certificate: type, scope: 'members', residentIds: draft.residentIds, include: draft.include };
    case 'juminhyo-kisai':
      return { certificate: type, residentIds: draft.residentIds, items: draft.items };
    case 'inkan':
    case 'koseki-zenbu':
      return { certificate: type };
    case 'koseki-kojin':
      return { certificate: type, memberNo: draft.memberNo };
    case 'fuhyo':
      return draft.scope === 'whole'
        ? { certificate: type, scope: 'all', include: draft.include }
        : { certificate: type, scope: 'members', memberNos: draft.memberNos, include: draft.include };
    case 'kazei':
      return { certificate: type, taxYear: draft.taxYear };
  }
}

/** Whether the certificate can be chosen with what the server told us (個人事項 needs the register's members). */
export function choosable(certificate: MenuCertificate, menu: Menu): boolean {
  if (!certificate.open || certificate.notHere) return false;
  if (certificate.type === 'koseki-kojin') return (menu.register?.members.length ?? 0) > 0;
  return true;
}

/** Items of a 住民票 the resident may add at a kiosk, in the server's order (identifiers never among them). */
export function juminhyoItems(certificate: MenuCertificate): string[] {
  return certificate.items.filter((item) => item !== 'juminhyoCode' && item !== 'myNumber');
}

/** The 附票 may show 本籍・筆頭者 on request (left out by default since 2022). */
export const FUHYO_ITEMS = ['honseki'] as const;
