/**
 * What the console shares with the server, as plain data: the roles and
 * permissions, the certificates and their options, relations, reasons,
 * channels and opening hours. No imports, so that Node tests can hold these
 * copies against the server's own lists (tests/e2e/console-logic.test.ts).
 */

/** src/staff/domain/permissions.ts. */
export const ROLES = ['counter', 'review', 'admin', 'audit', 'stats'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'resident.read',
  'certificate.issue.counter',
  'mail.register',
  'override.approve',
  'registration.review',
  'refund.approve',
  'fees.manage',
  'calendars.manage',
  'kiosks.manage',
  'staff.manage',
  'audit.read',
  'stats.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Roles one account may not hold together; the server refuses them too. */
export const EXCLUSIVE_ROLES: readonly (readonly [Role, Role])[] = [['admin', 'audit']];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Why these roles cannot go together on one account, or undefined. */
export function roleConflict(roles: readonly string[]): readonly [Role, Role] | undefined {
  return EXCLUSIVE_ROLES.find(([a, b]) => roles.includes(a) && roles.includes(b));
}

/** src/domain/certificates.ts CERTIFICATE_TYPES */
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

/** src/domain/certificates.ts JUMINHYO_ITEMS, KISAI_ITEMS, FUHYO_ITEMS */
export const JUMINHYO_ITEMS = [
  'householdHead',
  'honseki',
  'juminhyoCode',
  'myNumber',
  'previousAddress',
  'residentSince',
  'history',
] as const;
export const KISAI_ITEMS = [
  'name',
  'birthDate',
  'sex',
  'address',
  'householdHead',
  'honseki',
  'residentSince',
  'addressSince',
  'previousAddress',
  'juminhyoCode',
  'myNumber',
] as const;
export type JuminhyoItem = (typeof JUMINHYO_ITEMS)[number];
export type KisaiItem = (typeof KISAI_ITEMS)[number];

/** src/domain/eligibility.ts */
export const RELATIONS = [
  'self',
  'same_household',
  'spouse',
  'lineal_ascendant',
  'lineal_descendant',
  'agent',
  'third_party',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const LAWFUL_REASONS = [
  'exercise_of_rights',
  'performance_of_duty',
  'submission_to_authority',
  'professional_duty',
  'official_request',
  'other_legitimate',
] as const;
export type LawfulReasonKind = (typeof LAWFUL_REASONS)[number];

export const PROFESSIONS = [
  'lawyer',
  'judicial_scrivener',
  'land_surveyor',
  'tax_accountant',
  'labor_consultant',
  'patent_attorney',
  'maritime_agent',
  'administrative_scrivener',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

/** src/domain/fees.ts EXEMPTION_KINDS */
export const EXEMPTION_KINDS = [
  'official_use',
  'public_assistance',
  'war_wounded',
  'pension_claim',
  'child_support_allowance',
  'ordinance_other',
] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

export interface LawfulReason {
  kind: LawfulReasonKind;
  detail: string;
  professional?: { profession: Profession; registrationNo: string };
  authority?: string;
}

export type CertificateOptions =
  | {
      certificate: 'juminhyo';
      scope: 'household' | 'members';
      residentIds?: number[];
      include: JuminhyoItem[];
    }
  | { certificate: 'juminhyo-kisai'; residentIds: number[]; items: KisaiItem[] }
  | { certificate: 'inkan' }
  | { certificate: 'koseki-zenbu' }
  | { certificate: 'koseki-kojin'; memberNo: number }
  | { certificate: 'fuhyo'; scope: 'all' | 'members'; memberNos?: number[]; include: 'honseki'[] }
  | { certificate: 'kazei'; taxYear: number }
  | { certificate: 'juminhyo-johyo'; residentIds: number[]; include: JuminhyoItem[] }
  | { certificate: 'koseki-joseki' | 'koseki-kaiseigen'; scope: 'all' | 'member'; memberNo?: number };

/** The body of POST …/lines: what the clerk saw for one certificate. */
export interface CertificateLine {
  subject: { residentId?: number; kosekiId?: number };
  relation: Relation;
  powerOfAttorney?: boolean;
  lawfulReason?: LawfulReason;
  sealCardPresented?: boolean;
  options: CertificateOptions;
  copies: number;
  exemption?: { kind: ExemptionKind; reason: string };
}

export interface ResidentHit {
  residentId: number;
  householdId: number;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: string;
  address: string;
  katagaki: string | null;
  status: string;
  warning?: { ja: string; en: string };
}

export interface PersonCard extends ResidentHit {
  postalCode: string | null;
  relationship: string | null;
  supportMeasure: boolean;
  household: {
    residentId: number;
    familyName: string;
    givenName: string;
    relationship: string | null;
    birthDate: string;
    supportMeasure: boolean;
  }[];
  registers: {
    kosekiId: number;
    memberNo: number;
    memberStatus: string;
    registerStatus: string;
    honseki: string;
    hittosha: string;
  }[];
  sealRegistered: boolean;
}

export interface ResidentQuery {
  name?: string;
  kana?: string;
  birthDate?: string;
  address?: string;
  juminhyoCode?: string;
  includeRemoved?: boolean;
}

/** src/domain/channel-rules.ts */
export const CHANNELS = ['counter', 'mail', 'kiosk', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];
export const KIOSK_KINDS = ['store', 'town_hall'] as const;
export type KioskKind = (typeof KIOSK_KINDS)[number];

/** src/domain/service-hours.ts ServiceHoursConfig, as the API carries it. */
export interface WeeklyWindow {
  days: number[];
  open: string;
  close: string;
  onHolidays: boolean;
}
export interface HoursPlan {
  windows: WeeklyWindow[];
  annualClosures?: { from: string; to: string; name: { ja: string; en: string } }[];
  outages?: { from: string; to: string; reason: { ja: string; en: string } }[];
  specialOpenings?: { date: string; open: string; close: string }[];
}
export const PLANS = ['counter', 'mail', 'kiosk', 'kioskTownHall', 'online'] as const;
export type PlanName = (typeof PLANS)[number];
export interface ServiceHoursConfig {
  counter: HoursPlan;
  mail: HoursPlan;
  kiosk: HoursPlan;
  kioskTownHall?: HoursPlan;
  online: HoursPlan;
  exceptions?: {
    certificates: CertificateType[];
    channels: Channel[];
    kioskKinds?: KioskKind[];
    windows: WeeklyWindow[];
  }[];
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  subject?: string;
  /** YYYY-MM-DD, a whole day in Japan. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
  reason?: string;
  page: number;
  pageSize: number;
}

/** The query string of a search: empty filters are left out, never sent as "". */
export function auditQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'subject', 'from', 'to', 'reason'] as const) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  params.set('page', String(filter.page));
  params.set('pageSize', String(filter.pageSize));
  return params.toString();
}
