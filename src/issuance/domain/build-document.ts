import type { Selectable } from 'kysely';
import type { ResidentEventTable, ResidentTable } from '../../db/schema.js';
import { attestationFor, type CertificateOptions, type KazeiVariant } from '../../domain/certificates.js';
import { isIsoDate, toEraDate } from '../../domain/japanese-era.js';
import { tokyoDate, tokyoDateTime } from '../../domain/service-hours.js';
import {
  type CertificateDocument,
  type CertificateHeader,
  certifierTitle,
  type DatedEvent,
  DEFAULT_KISAI_STATEMENT,
  type Household,
  type JuminhyoItems,
  type JuminhyoMember,
  type KisaiItem,
  type KosekiEntry,
  type KosekiLine,
  type KosekiPerson,
} from '../../render/model.js';
import { AppError } from '../../shared/errors.js';
import type { IssuanceFacts, KosekiFacts } from '../use-cases/gather-facts.js';

/** What the engine decided before rendering: number, code, time. */
export interface IssueMeta {
  fiscalYear: number;
  issueNumber: number;
  verificationCode: string;
  verificationUrl: string;
  /** When the certificate is issued; printed as the Tokyo date. */
  issuedAt: Date;
  kazeiVariant?: KazeiVariant;
}

const EVENT_NAMES: Record<string, string> = {
  tennyu: '転入',
  tenkyo: '転居',
  tenshutsu: '転出',
  shussei: '出生',
  shibou: '死亡',
  setai_henko: '世帯変更',
  shokken_shusei: '職権修正',
  kika: '帰化',
};

const KOSEKI_EVENT_TITLES: Record<string, string> = {
  hensei: '戸籍編製',
  kaisei: '戸籍改製',
  shussei: '出生',
  konin: '婚姻',
  rikon: '離婚',
  yoshi_engumi: '養子縁組',
  rien: '養子離縁',
  shibou: '死亡',
  nyuseki: '入籍',
  joseki: '除籍',
  tenseki: '転籍',
  bunseki: '分籍',
  ninchi: '認知',
};

// Keys the registries use in event details, and how the register prints them.
const DETAIL_LABELS: Record<string, string> = {
  place: '場所',
  birthplace: '出生地',
  birthPlace: '出生地',
  deathPlace: '死亡地',
  notifier: '届出人',
  notifiedOn: '届出日',
  notified_on: '届出日',
  spouse: '配偶者氏名',
  spouseName: '配偶者氏名',
  from: '従前戸籍',
  previousRegister: '従前戸籍',
  to: '新本籍',
  newRegister: '入籍戸籍',
  reason: '事由',
  adoptiveParent: '養親氏名',
  child: '認知した子の氏名',
  received: '受理者',
  receivedBy: '受理者',
  from_hittosha: '従前戸籍の筆頭者',
  new_hittosha: '新戸籍の筆頭者',
};

export { tokyoDate };

/** 第R8-000123号: the era initial and year of the fiscal year, then the number. */
export function printedIssueNumber(fiscalYear: number, issueNumber: number): string {
  const { era, year } = toEraDate(`${fiscalYear}-04-01`);
  return `第${era.alphabet}${year}-${String(issueNumber).padStart(6, '0')}号`;
}

function header(facts: IssuanceFacts, options: CertificateOptions, meta: IssueMeta): CertificateHeader {
  const m = facts.municipality;
  const issuedOn = tokyoDate(meta.issuedAt);
  return {
    municipality: { code: m.code, name: m.name },
    certifier: { title: certifierTitle(m.name, m.mayor_title), name: m.mayor_name },
    attestation: attestationFor(options),
    issuedOn,
    issuedAt: tokyoDateTime(meta.issuedAt),
    issueNumber: printedIssueNumber(meta.fiscalYear, meta.issueNumber),
    verification: { code: meta.verificationCode, url: meta.verificationUrl },
  };
}

function datedEvent(date: string, events: Selectable<ResidentEventTable>[], types: string[]): DatedEvent {
  const match = [...events].reverse().find((e) => types.includes(e.event_type) && e.event_date === date);
  return {
    date,
    ...(match ? { reason: EVENT_NAMES[match.event_type] ?? match.event_type } : {}),
    ...(match?.notified_on ? { notifiedOn: match.notified_on } : {}),
  };
}

function juminhyoMember(
  r: Selectable<ResidentTable>,
  events: Selectable<ResidentEventTable>[],
  show: {
    relationship: boolean;
    honseki: boolean;
    juminhyoCode: boolean;
    myNumber: boolean;
    previousAddress: boolean;
    residentSince: boolean;
    history: boolean;
    addressSince: boolean;
  },
): JuminhyoMember {
  const member: JuminhyoMember = {
    name: { family: r.family_name, given: r.given_name },
    kana: { family: r.family_name_kana, given: r.given_name_kana },
    birthDate: r.birth_date,
    sex: r.sex,
    address: r.address,
    ...(r.katagaki ? { katagaki: r.katagaki } : {}),
  };
  if (show.relationship) member.relationship = r.relationship;
  if (show.residentSince)
    member.residentSince = datedEvent(r.resident_since, events, ['tennyu', 'shussei', 'kika']);
  if (show.addressSince)
    member.addressSince = datedEvent(r.address_since, events, ['tennyu', 'tenkyo', 'shussei']);
  if (show.previousAddress && r.previous_address) member.previousAddress = r.previous_address;
  if (show.honseki && r.honseki && r.hittosha) member.honseki = { address: r.honseki, hittosha: r.hittosha };
  if (show.juminhyoCode) member.juminhyoCode = r.juminhyo_code;
  if (show.myNumber && r.kojin_bango) member.myNumber = r.kojin_bango;
  if (r.is_foreign && r.nationality) {
    member.foreign = {
      nationality: r.nationality,
      alphabetName: r.name_alphabet ?? `${r.family_name} ${r.given_name}`,
      ...(r.tsusho ? { tsusho: r.tsusho } : {}),
      ...(r.residence_status ? { residenceStatus: r.residence_status } : {}),
      ...(r.residence_period_end ? { residencePeriodEnd: r.residence_period_end } : {}),
    };
  }
  if (r.status !== 'active' && r.removed_on) {
    const removedEvent = [...events]
      .reverse()
      .find((e) => e.event_type === 'tenshutsu' || e.event_type === 'shibou');
    member.removal = {
      date: r.removed_on,
      reason: r.removal_reason ?? (r.status === 'deceased' ? '死亡' : '転出'),
      ...(removedEvent?.notified_on ? { notifiedOn: removedEvent.notified_on } : {}),
      ...(r.moved_to_address ? { destination: r.moved_to_address } : {}),
    };
  }
  if (show.history)
    member.history = events.map((e) => ({
      date: e.event_date,
      reason: EVENT_NAMES[e.event_type] ?? e.event_type,
      ...(e.notified_on ? { notifiedOn: e.notified_on } : {}),
    }));
  return member;
}

function householdOf(members: Selectable<ResidentTable>[], subject: Selectable<ResidentTable>): Household {
  const head = members.find((m) => m.relationship === '世帯主');
  return {
    address: subject.address,
    ...(subject.katagaki ? { katagaki: subject.katagaki } : {}),
    ...(head ? { head: { family: head.family_name, given: head.given_name } } : {}),
  };
}

/** 本籍 and 筆頭者 of another register print as one item, as 【従前戸籍】本籍　筆頭者. */
const REGISTER_DETAILS: Record<string, { hittosha: string; label: string }> = {
  from_honseki: { hittosha: 'from_hittosha', label: '従前戸籍' },
  new_honseki: { hittosha: 'new_hittosha', label: '新本籍' },
};
/** Kept with the event but not printed: who was 夫 or 妻 shows as the person's 配偶者区分. */
const UNPRINTED_DETAILS = new Set(['role']);

function kosekiLines(details: unknown, eventDate: string, title: string): KosekiLine[] {
  const lines: KosekiLine[] = [{ label: `${title.replace(/^戸籍/, '')}日`, date: eventDate }];
  if (details && typeof details === 'object' && !Array.isArray(details)) {
    const all = details as Record<string, unknown>;
    // A 筆頭者 printed beside its 本籍 is not printed again on its own.
    const joined = new Set(
      Object.entries(REGISTER_DETAILS)
        .filter(([key]) => all[key])
        .map(([, register]) => register.hittosha),
    );
    for (const [key, value] of Object.entries(all)) {
      if (value === null || value === undefined || value === '' || UNPRINTED_DETAILS.has(key)) continue;
      if (joined.has(key)) continue;
      const register = REGISTER_DETAILS[key];
      if (register) {
        const hittosha = all[register.hittosha];
        lines.push({
          label: register.label,
          value: hittosha ? `${String(value)}　${String(hittosha)}` : String(value),
        });
        continue;
      }
      const label = DETAIL_LABELS[key] ?? key;
      const text = String(value);
      lines.push(isIsoDate(text) ? { label, date: text } : { label, value: text });
    }
  }
  return lines;
}

function kosekiEntries(events: KosekiFacts['events'], memberNo: number): KosekiEntry[] {
  return events
    .filter((e) => e.member_no === memberNo)
    .map((e) => {
      const title = KOSEKI_EVENT_TITLES[e.event_type] ?? e.event_type;
      return { title, lines: kosekiLines(e.details, e.event_date, title) };
    });
}

function splitName(full: string): { family: string; given: string } {
  const [family, ...rest] = full.split(/[\s\u3000]+/);
  return { family: family ?? full, given: rest.join('　') };
}

const unavailable = (ja: string, en: string) =>
  new AppError('unprocessable', 'record_unavailable', { ja, en });

const notInRegister = () =>
  unavailable('その方はこの戸籍に記録されていません。', 'That person is not recorded in this register.');

function kosekiPerson(m: KosekiFacts['members'][number], entries: KosekiEntry[]): KosekiPerson {
  return {
    givenName: m.given_name,
    birthDate: m.birth_date,
    ...(m.relationship === '夫' || m.relationship === '妻' ? { spouse: m.relationship } : {}),
    ...(m.father_name ? { father: m.father_name } : {}),
    ...(m.mother_name ? { mother: m.mother_name } : {}),
    relationship: m.relationship,
    ...(m.status === 'removed' ? { removed: true } : {}),
    entries,
  };
}

/**
 * A 改製原戸籍 always shows why and when it was closed (…による改製につき消除). Registers
 * imported without the 改製 as a 戸籍事項 carry it on the register itself (消除日, 事由).
 */
function withKaiseiRemark(entries: KosekiEntry[], koseki: KosekiFacts['koseki']): KosekiEntry[] {
  if (!koseki.closed_on || entries.some((e) => e.title === KOSEKI_EVENT_TITLES.kaisei)) return entries;
  const reason = koseki.closed_reason ?? '改製';
  return [
    ...entries,
    {
      title: KOSEKI_EVENT_TITLES.kaisei!,
      lines: [
        { label: '改製日', date: koseki.closed_on },
        { label: DETAIL_LABELS.reason!, value: reason.endsWith('消除') ? reason : `${reason}につき消除` },
      ],
    },
  ];
}

/**
 * Maps the registry facts to the document the renderer prints. Pure: the same
 * facts, options and meta always give the same document, which is stored as
 * the render input so the same bytes can be produced again.
 */
export function buildCertificateDocument(
  facts: IssuanceFacts,
  options: CertificateOptions,
  meta: IssueMeta,
): CertificateDocument {
  const head = header(facts, options, meta);
  switch (options.certificate) {
    case 'juminhyo':
    case 'juminhyo-johyo': {
      const subject = facts.subject!;
      const include = new Set<string>(options.include);
      const items: JuminhyoItems = {
        relationship: include.has('householdHead'),
        honseki: include.has('honseki'),
        juminhyoCode: include.has('juminhyoCode'),
        myNumber: include.has('myNumber'),
        previousAddress: include.has('previousAddress'),
        residentSince: include.has('residentSince'),
        history: include.has('history'),
      };
      const show = { ...items, addressSince: true };
      const members = facts.householdMembers.map((r) =>
        juminhyoMember(r, facts.eventsByResident.get(r.resident_id) ?? [], show),
      );
      const household = householdOf(facts.householdMembers, subject);
      if (options.certificate === 'juminhyo-johyo')
        return { ...head, kind: 'juminhyo-joheyo', items, household, members };
      return {
        ...head,
        kind: 'juminhyo',
        scope: options.scope === 'household' ? 'household' : 'partial',
        items,
        household,
        members,
      };
    }
    case 'juminhyo-kisai': {
      const subject = facts.subject!;
      const chosen = new Set<string>(options.items);
      const show = {
        relationship: chosen.has('householdHead'),
        honseki: chosen.has('honseki'),
        juminhyoCode: chosen.has('juminhyoCode'),
        myNumber: chosen.has('myNumber'),
        previousAddress: chosen.has('previousAddress'),
        residentSince: chosen.has('residentSince'),
        addressSince: chosen.has('addressSince'),
        history: false,
      };
      const itemMap: Record<string, KisaiItem> = {
        name: 'name',
        birthDate: 'birthDate',
        sex: 'sex',
        address: 'address',
        householdHead: 'relationship',
        honseki: 'honseki',
        residentSince: 'residentSince',
        addressSince: 'addressSince',
        previousAddress: 'previousAddress',
        juminhyoCode: 'juminhyoCode',
        myNumber: 'myNumber',
      };
      return {
        ...head,
        kind: 'juminhyo-kisai',
        items: options.items.map((i) => itemMap[i]!).filter(Boolean),
        household: householdOf(facts.householdMembers, subject),
        members: facts.householdMembers.map((r) =>
          juminhyoMember(r, facts.eventsByResident.get(r.resident_id) ?? [], show),
        ),
        statement: DEFAULT_KISAI_STATEMENT,
      };
    }
    case 'inkan': {
      const r = facts.subject!;
      const seal = facts.seal;
      if (!seal) throw unavailable('印鑑登録がありません。', 'There is no seal registration.');
      return {
        ...head,
        kind: 'inkan',
        name: { family: r.family_name, given: r.given_name },
        kana: { family: r.family_name_kana, given: r.given_name_kana },
        ...(r.is_foreign && r.name_alphabet ? { alphabetName: r.name_alphabet } : {}),
        ...(r.tsusho ? { tsusho: r.tsusho } : {}),
        birthDate: r.birth_date,
        sex: r.sex,
        address: r.address,
        ...(r.katagaki ? { katagaki: r.katagaki } : {}),
        registrationNumber: String(seal.registration_no),
        impression: { pngBase64: Buffer.from(seal.impression_png).toString('base64') },
      };
    }
    case 'koseki-zenbu':
    case 'koseki-kojin':
    case 'koseki-joseki': {
      const k = facts.koseki!;
      const wanted =
        options.certificate === 'koseki-kojin'
          ? [options.memberNo]
          : options.certificate === 'koseki-joseki' && options.scope === 'member'
            ? [options.memberNo!]
            : undefined;
      const members: KosekiPerson[] = k.members
        .filter((m) => !wanted || wanted.includes(m.member_no))
        .map((m) => kosekiPerson(m, kosekiEntries(k.events, m.member_no)));
      if (wanted && members.length === 0) throw notInRegister();
      const kind =
        options.certificate === 'koseki-zenbu'
          ? 'koseki-zenbu'
          : options.certificate === 'koseki-kojin' || wanted
            ? 'koseki-kojin'
            : 'koseki-joseki';
      return {
        ...head,
        kind,
        honseki: k.koseki.honseki,
        name: splitName(k.koseki.hittosha),
        registerEntries: kosekiEntries(k.events, 0),
        members,
      };
    }
    case 'koseki-kaiseigen': {
      // The register as it stood when the 改製 replaced it: everyone it held, with what was
      // recorded of them until that day; later events belong to the register that replaced it.
      const k = facts.koseki!;
      const closedOn = k.koseki.closed_on;
      const upToKaisei = closedOn ? k.events.filter((e) => e.event_date <= closedOn) : k.events;
      const wanted = options.scope === 'member' ? options.memberNo : undefined;
      const members = k.members
        .filter((m) => wanted === undefined || m.member_no === wanted)
        .map((m) => kosekiPerson(m, kosekiEntries(upToKaisei, m.member_no)));
      if (wanted !== undefined && members.length === 0) throw notInRegister();
      return {
        ...head,
        kind: 'koseki-kaiseigen',
        ...(wanted !== undefined ? { excerpt: true } : {}),
        honseki: k.koseki.honseki,
        name: splitName(k.koseki.hittosha),
        registerEntries: withKaiseiRemark(kosekiEntries(k.events, 0), k.koseki),
        members,
      };
    }
    case 'fuhyo': {
      const k = facts.koseki!;
      const wanted = options.scope === 'members' ? new Set(options.memberNos) : undefined;
      return {
        ...head,
        kind: 'fuhyo',
        honseki: k.koseki.honseki,
        name: splitName(k.koseki.hittosha),
        members: k.members
          .filter((m) => !wanted || wanted.has(m.member_no))
          .map((m) => ({
            name: { family: m.family_name, given: m.given_name },
            birthDate: m.birth_date,
            sex: m.sex,
            ...(m.status === 'removed' ? { removed: true } : {}),
            addresses: k.fuhyo
              .filter((f) => f.member_no === m.member_no)
              .map((f) => ({ address: f.address, since: f.address_since })),
          })),
      };
    }
    case 'kazei': {
      const r = facts.subject!;
      const t = facts.tax;
      if (!t || t.status === 'undeclared')
        throw unavailable(
          'この年度の課税記録から証明書を作成できません。',
          'No certificate can be made from this tax year’s record.',
        );
      const exempt = t.status === 'exempt' || meta.kazeiVariant === 'hikazei';
      return {
        ...head,
        kind: 'kazei',
        taxYear: t.tax_year,
        status: exempt ? 'exempt' : 'assessed',
        person: {
          name: { family: r.family_name, given: r.given_name },
          kana: { family: r.family_name_kana, given: r.given_name_kana },
          birthDate: r.birth_date,
          address: r.address,
        },
        incomes: [
          { label: '給与収入', amount: t.salary_income },
          { label: '給与所得', amount: t.salary_deduction_net },
          ...(t.other_income ? [{ label: 'その他の所得', amount: t.other_income }] : []),
        ],
        totalIncome: t.total_income,
        deductions: [{ label: '所得控除額合計', amount: t.deductions_total }],
        deductionsTotal: t.deductions_total,
        taxableIncome: t.taxable_income,
        taxes: exempt
          ? []
          : [
              { label: '市町村民税', amount: t.municipal_tax },
              { label: '道府県民税', amount: t.prefectural_tax },
              { label: '合計', amount: t.municipal_tax + t.prefectural_tax },
            ],
        dependents: t.dependents,
      };
    }
  }
}
