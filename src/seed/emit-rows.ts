import type { Insertable } from 'kysely';
import type { DB } from '../db/schema.js';
import { withJuminhyoCheck, withMyNumberCheck } from '../domain/check-digits.js';
import { foldAddress, foldKanji, kanaKey, nameKey } from '../domain/text-fold.js';
import type { AddressFactory } from './addresses.js';
import type { CardCertificateIssuer } from './cards.js';
import { cardCertificateSerial, serialHex } from './cards.js';
import { addYears, ageOn, type Day, dayFromIso, dayFromYmd, isoFromDay } from './dates.js';
import type { HouseholdPlan } from './household-plan.js';
import {
  assessHousehold,
  type HouseholdMemberIncome,
  incomeInYear,
  incomeProfile,
  totalIncomeOf,
} from './incomes.js';
import { fullName, kosekiRelationship, type Person } from './people.js';
import type { Permutation } from './permutation.js';
import type { Random } from './random.js';
import type { RegisterMember, RegisterPlan } from './register-plan.js';
import type { SealRenderer } from './seal-image.js';
import type { TownProfile } from './town.js';

/**
 * Turns planned households into registry rows: 住民票 and 異動履歴, 戸籍 with
 * 改製原戸籍 and 附票, 印鑑登録 with 印影, 課税 for three years, and My Number
 * cards with their certificates. Rows collect in a batch that the caller
 * writes and empties between chunks.
 */

export type SeedTable =
  | 'household'
  | 'resident'
  | 'resident_event'
  | 'koseki'
  | 'koseki_member'
  | 'koseki_event'
  | 'fuhyo_entry'
  | 'seal_registration'
  | 'tax_record'
  | 'mynumber_card';

export type RowBatch = { [T in SeedTable]: Insertable<DB[T]>[] };

export function emptyBatch(): RowBatch {
  return {
    household: [],
    resident: [],
    resident_event: [],
    koseki: [],
    koseki_member: [],
    koseki_event: [],
    fuhyo_entry: [],
    seal_registration: [],
    tax_record: [],
    mynumber_card: [],
  };
}

export interface SeedCounts {
  residents: number;
  households: number;
  foreignResidents: number;
  removedResidents: number;
  koseki: number;
  kosekiMembers: number;
  honsekiOnlyPeople: number;
  seals: number;
  taxRecords: number;
  cards: number;
}

export interface EmitContext {
  town: TownProfile;
  today: Day;
  seed: number;
  random: Random;
  places: AddressFactory;
  juminhyoCodes: Permutation;
  myNumbers: Permutation;
  sealCardNumbers: Permutation;
  cardSerials: Permutation;
  seals: SealRenderer;
  cards: CardCertificateIssuer | null;
  taxYears: readonly number[];
}

const RELATIONSHIP_ORDER: Record<string, number> = {
  世帯主: 0,
  妻: 1,
  夫: 1,
  子: 2,
  子の妻: 3,
  子の夫: 3,
  孫: 4,
  父: 5,
  母: 5,
  妻の父: 5,
  妻の母: 5,
  兄: 6,
  姉: 6,
  弟: 6,
  妹: 6,
  同居人: 7,
};

/** A timestamp at 09:00 in Japan on a day: when the counter would have keyed the record in. */
const at9 = (day: Day) => new Date(`${isoFromDay(day)}T09:00:00+09:00`);

const CARD_PROGRAMME_START = dayFromIso('2016-01-04');

export class RowEmitter {
  readonly counts: SeedCounts = {
    residents: 0,
    households: 0,
    foreignResidents: 0,
    removedResidents: 0,
    koseki: 0,
    kosekiMembers: 0,
    honsekiOnlyPeople: 0,
    seals: 0,
    taxRecords: 0,
    cards: 0,
  };
  private nextResident = 1;
  private nextHousehold = 1;
  private nextKoseki = 1;
  private nextSeal = 1;
  private nextCard = 0;
  private nextPerson = 0;

  private rows: RowBatch = emptyBatch();

  constructor(private readonly ctx: EmitContext) {}

  /** The rows made since the last call; the emitter starts a new batch. */
  takeRows(): RowBatch {
    const rows = this.rows;
    this.rows = emptyBatch();
    return rows;
  }

  /** Residents made since the last takeRows(), to decide when a chunk is full. */
  get pendingResidents(): number {
    return this.rows.resident.length;
  }

  private get code() {
    return this.ctx.town.code;
  }

  emit(plan: HouseholdPlan) {
    if (plan.members.length > 0) this.emitHousehold(plan);
    for (const register of plan.registers) if (register.inTown) this.emitRegister(register);
  }

  // ------------------------------------------------------------------ 住民票

  private emitHousehold(plan: HouseholdPlan) {
    const householdId = this.nextHousehold++;
    const members = [...plan.members].sort((a, b) => {
      const ra = RELATIONSHIP_ORDER[a.relationship] ?? 8;
      const rb = RELATIONSHIP_ORDER[b.relationship] ?? 8;
      if (ra !== rb) return ra - rb;
      return a.birth - b.birth;
    });
    // The 世帯主 now: the active one; a household whose people all left keeps its last head.
    const head =
      members.find((p) => p.relationship === '世帯主' && p.residence?.status === 'active') ??
      members.find((p) => p.relationship === '世帯主') ??
      members[0]!;
    for (const person of members) this.emitResident(person, householdId);
    this.rows.household.push({
      municipality_code: this.code,
      household_id: householdId,
      head_resident_id: head.residentId,
      created_on: isoFromDay(Math.min(plan.createdOn, ...members.map((p) => p.residence!.since))),
    });
    this.counts.households++;
    this.emitTaxes(members);
  }

  private emitResident(person: Person, householdId: number) {
    const residence = person.residence!;
    const index = this.nextPerson++;
    const residentId = this.nextResident++;
    person.residentId = residentId;
    person.juminhyoCode = withJuminhyoCheck(String(this.ctx.juminhyoCodes.apply(index)).padStart(10, '0'));
    const kojinBango = withMyNumberCheck(String(this.ctx.myNumbers.apply(index)).padStart(11, '0'));
    const stays = person.addresses;
    let current = stays.length - 1;
    while (current > 0 && !stays[current]!.inTown) current--;
    const stay = stays[current]!;
    const previous = current > 0 ? stays[current - 1]!.address : null;
    // In date order: a 世帯主変更 can be recorded after a later move was planned.
    const events = [...residence.events].sort((x, y) => x.date - y.date);
    const lastEvent = events.at(-1)!;
    const foreign = person.foreign;
    const r = this.ctx.random;
    this.rows.resident.push({
      municipality_code: this.code,
      resident_id: residentId,
      juminhyo_code: person.juminhyoCode,
      kojin_bango: kojinBango,
      household_id: householdId,
      relationship: person.relationship,
      family_name: person.family.kanji,
      given_name: person.given.kanji,
      family_name_kana: person.family.kana,
      given_name_kana: person.given.kana,
      name_key: nameKey(person.family.kanji, person.given.kanji),
      kana_key: kanaKey(person.family.kana, person.given.kana),
      birth_date: isoFromDay(person.birth),
      sex: person.sex,
      postal_code: stay.postalCode ?? this.ctx.town.postalCode,
      address: stay.address,
      katagaki: stay.katagaki,
      address_key: foldAddress(stay.address),
      resident_since: isoFromDay(residence.since),
      address_since: isoFromDay(stay.since),
      notified_on: lastEvent.notified === null ? null : isoFromDay(lastEvent.notified),
      previous_address: previous,
      honseki: foreign ? null : person.honseki,
      hittosha: foreign ? null : person.hittosha,
      status: residence.status,
      removed_on: residence.removedOn === null ? null : isoFromDay(residence.removedOn),
      removal_reason:
        residence.status === 'deceased' ? '死亡' : residence.status === 'moved_out' ? '転出' : null,
      moved_to_address: residence.movedTo,
      is_foreign: foreign !== null,
      nationality: foreign?.nationality.name ?? null,
      residence_status: foreign?.residenceStatus ?? null,
      residence_period_end: foreign?.periodEnd == null ? null : isoFromDay(foreign.periodEnd),
      tsusho: foreign?.tsusho ?? null,
      name_alphabet: foreign?.alphabetName ?? null,
      // 支援措置 (DV and stalking victims) and 本人通知 registrations are rare.
      support_measure: r.chance(0.001),
      notify_on_third_party: ageOn(person.birth, this.ctx.today) >= 18 && r.chance(0.015),
      version: events.length,
      created_at: at9(residence.since),
      updated_at: at9(lastEvent.notified ?? lastEvent.date),
    });
    events.forEach((event, i) => {
      this.rows.resident_event.push({
        municipality_code: this.code,
        resident_id: residentId,
        seq: i + 1,
        event_type: event.type,
        event_date: isoFromDay(event.date),
        notified_on: event.notified === null ? null : isoFromDay(event.notified),
        details: JSON.stringify(event.details),
        recorded_at: at9(event.notified ?? event.date),
      });
    });
    if (residence.status === 'active') {
      this.counts.residents++;
      if (foreign) this.counts.foreignResidents++;
    } else {
      this.counts.removedResidents++;
    }
    this.emitSeals(person);
    this.emitCard(person);
  }

  // ------------------------------------------------------------------ 印鑑登録

  /** The name on the seal: the family name, a 通称, or a foreign name in katakana; some women use their given name. */
  private sealName(person: Person): string {
    const foreign = person.foreign;
    if (foreign?.tsusho) return foreign.tsusho.split('\u3000')[0]!;
    if (foreign && /^[A-Z]/.test(person.family.kanji)) return person.family.kana.split(' ')[0]!;
    if (person.sex === 'F' && this.ctx.random.chance(0.08)) return person.given.kanji;
    return person.family.kanji;
  }

  private emitSeals(person: Person) {
    const r = this.ctx.random;
    const residence = person.residence!;
    const adult = addYears(person.birth, 18);
    const end = residence.removedOn ?? this.ctx.today;
    const from = Math.max(residence.since, addYears(person.birth, 15));
    if (from >= end - 1 || !(adult <= end ? r.chance(0.4) : r.chance(0.02))) return;
    let registeredOn = this.randomDayBetween(from, end - 1);
    // Now and then a lost card or a new seal: the old registration abolished, a new one made.
    if (r.chance(0.03) && registeredOn + 60 < end - 1) {
      const renewed = this.randomDayBetween(registeredOn + 30, end - 1);
      this.pushSeal(person, registeredOn, renewed, r.chance(0.5) ? '亡失' : '登録者の申請による廃止');
      registeredOn = renewed;
    }
    const abolishedReason =
      residence.status === 'deceased' ? '死亡' : residence.status === 'moved_out' ? '転出' : null;
    this.pushSeal(person, registeredOn, residence.removedOn, abolishedReason);
  }

  private pushSeal(person: Person, registeredOn: Day, abolishedOn: Day | null, reason: string | null) {
    const registrationNo = this.nextSeal++;
    const sealRandom = this.ctx.random;
    this.rows.seal_registration.push({
      municipality_code: this.code,
      registration_no: registrationNo,
      resident_id: person.residentId!,
      card_no: String(this.ctx.sealCardNumbers.apply(registrationNo - 1)).padStart(8, '0'),
      impression_png: this.ctx.seals.render(this.sealName(person), sealRandom),
      registered_on: isoFromDay(registeredOn),
      status: abolishedOn === null ? 'active' : 'abolished',
      abolished_on: abolishedOn === null ? null : isoFromDay(abolishedOn),
      abolished_reason: abolishedOn === null ? null : reason,
    });
    if (abolishedOn === null) this.counts.seals++;
  }

  private randomDayBetween(from: Day, to: Day): Day {
    return to <= from ? from : this.ctx.random.int(from, to);
  }

  // ------------------------------------------------------------------ マイナンバーカード

  /** When people got their cards: slowly from 2016, in a rush with the 2022–23 point campaign. */
  private cardIssueDay(earliest: Day): Day {
    const r = this.ctx.random;
    const x = r.next();
    const [from, to] =
      x < 0.15
        ? [CARD_PROGRAMME_START, dayFromIso('2019-12-31')]
        : x < 0.35
          ? [dayFromIso('2020-01-01'), dayFromIso('2021-12-31')]
          : x < 0.8
            ? [dayFromIso('2022-01-01'), dayFromIso('2023-12-31')]
            : [dayFromIso('2024-01-01'), this.ctx.today - 14];
    return this.randomDayBetween(
      Math.max(from, earliest),
      Math.max(Math.max(from, earliest), Math.min(to, this.ctx.today - 14)),
    );
  }

  private emitCard(person: Person) {
    const r = this.ctx.random;
    const residence = person.residence!;
    if (residence.status !== 'active') return;
    const age = ageOn(person.birth, this.ctx.today);
    const share = person.foreign
      ? 0.55
      : age < 15
        ? 0.66
        : age < 20
          ? 0.62
          : age < 60
            ? 0.76
            : age < 80
              ? 0.84
              : 0.7;
    if (!r.chance(share)) return;
    const issuedOn = this.cardIssueDay(Math.max(CARD_PROGRAMME_START, person.birth + 30));
    if (issuedOn >= this.ctx.today) return;
    const cardSerial = String(this.ctx.cardSerials.apply(this.nextCard++)).padStart(12, '0');
    // The 利用者証明用 certificate lasts until the fifth birthday after issue; most renew it.
    let certFrom = issuedOn;
    let issue = 0;
    let certTo = fifthBirthdayAfter(person.birth, certFrom);
    let status: DB['mynumber_card']['status']['__insert__'] = 'active';
    while (certTo < this.ctx.today) {
      if (!r.chance(0.8)) {
        status = 'expired';
        break;
      }
      certFrom = Math.min(this.ctx.today - 1, certTo - this.randomDayBetween(0, 90));
      issue++;
      certTo = fifthBirthdayAfter(person.birth, certFrom);
    }
    if (status === 'active') {
      const x = r.next();
      status = x < 0.02 ? 'pin_locked' : x < 0.025 ? 'suspended' : x < 0.028 ? 'revoked' : 'active';
    }
    const notBefore = new Date(`${isoFromDay(certFrom)}T00:00:00+09:00`);
    const notAfter = new Date(`${isoFromDay(certTo)}T23:59:59+09:00`);
    const serial = cardCertificateSerial(this.ctx.seed, this.code, cardSerial, issue);
    const certificate = this.ctx.cards?.issue(cardSerial, serial, notBefore, notAfter);
    if (!certificate) return;
    this.rows.mynumber_card.push({
      municipality_code: this.code,
      card_serial: cardSerial,
      resident_id: person.residentId!,
      certificate_pem: certificate.pem,
      certificate_serial: serialHex(serial),
      not_before: notBefore,
      not_after: notAfter,
      status,
      issued_on: isoFromDay(issuedOn),
    });
    this.counts.cards++;
  }

  // ------------------------------------------------------------------ 課税

  private emitTaxes(members: Person[]) {
    const r = this.ctx.random;
    const profiles = new Map(members.map((p) => [p, incomeProfile(p, r, this.ctx.today)]));
    for (const taxYear of this.ctx.taxYears) {
      // Taxed here when living here on 1 January of the 課税年度.
      const january = dayFromYmd(taxYear, 1, 1);
      const present = members.filter((p) => {
        const residence = p.residence!;
        return residence.since <= january && (residence.removedOn === null || residence.removedOn > january);
      });
      const incomes: HouseholdMemberIncome[] = present.map((person) => {
        const income = incomeInYear(person, profiles.get(person)!, taxYear - 1);
        return { person, income, total: totalIncomeOf(income) };
      });
      const results = assessHousehold(taxYear, incomes, (p) => p.relationship);
      for (const { person, income } of incomes) {
        if (income.age < 16) continue;
        const result = results.get(person)!;
        // About 1 % filed nothing and nobody reported them: 未申告, no certificate until they file.
        const undeclared = r.chance(0.01) && result.salaryRevenue === 0;
        const row: Insertable<DB['tax_record']> = undeclared
          ? {
              municipality_code: this.code,
              resident_id: person.residentId!,
              tax_year: taxYear,
              status: 'undeclared',
              salary_income: 0,
              salary_deduction_net: 0,
              other_income: 0,
              total_income: 0,
              deductions_total: 0,
              taxable_income: 0,
              municipal_tax: 0,
              prefectural_tax: 0,
              dependents: 0,
            }
          : {
              municipality_code: this.code,
              resident_id: person.residentId!,
              tax_year: taxYear,
              status: result.status,
              salary_income: result.salaryRevenue,
              salary_deduction_net: result.salaryIncome,
              other_income: result.otherIncome,
              total_income: result.totalIncome,
              deductions_total: result.deductionsTotal,
              taxable_income: result.taxableIncome,
              municipal_tax: result.municipalTax,
              prefectural_tax: result.prefecturalTax,
              dependents: result.dependents,
            };
        this.rows.tax_record.push(row);
        this.counts.taxRecords++;
      }
    }
  }

  // ------------------------------------------------------------------ 戸籍

  private emitRegister(plan: RegisterPlan) {
    const start = plan.transfer?.on ?? plan.compiledOn;
    // Members who left before the register came to the town by 転籍 were not carried over.
    const carried = plan.members.filter(
      (m) => m.enteredOn <= this.ctx.today && (m.leftOn === null || m.leftOn >= start),
    );
    if (carried.length === 0) return;
    const kaisei = this.ctx.town.kaiseiDay;
    if (start < kaisei) {
      // The paper register before the computer: kept as 改製原戸籍 with everyone it held.
      const before = carried.filter((m) => m.enteredOn < kaisei);
      this.writeRegister(plan, before, { from: start, until: kaisei, kind: 'kaisei_gen' });
      const after = carried.filter((m) => m.leftOn === null || m.leftOn >= kaisei);
      if (after.length > 0) this.writeRegister(plan, after, { from: kaisei, until: null, kind: 'current' });
    } else {
      this.writeRegister(plan, carried, { from: start, until: null, kind: 'current' });
    }
  }

  private writeRegister(
    plan: RegisterPlan,
    members: RegisterMember[],
    span: { from: Day; until: Day | null; kind: 'kaisei_gen' | 'current' },
  ) {
    const kosekiId = this.nextKoseki++;
    const today = this.ctx.today;
    const within = (day: Day | null) =>
      day !== null && day <= today && (span.until === null || day < span.until);
    const hittosha = fullName(plan.head);
    const leftDays = members.map((m) => (within(m.leftOn) ? m.leftOn! : null));
    const allLeft = leftDays.every((d) => d !== null);
    const status = span.kind === 'kaisei_gen' ? 'kaisei_gen' : allLeft ? 'closed' : 'active';
    this.rows.koseki.push({
      municipality_code: this.code,
      koseki_id: kosekiId,
      honseki: plan.honseki,
      hittosha,
      honseki_key: foldAddress(plan.honseki),
      hittosha_key: foldKanji(hittosha),
      status,
      // A register that came by 転籍 was compiled here on the day of the transfer.
      compiled_on: isoFromDay(plan.transfer?.on ?? plan.compiledOn),
      closed_on:
        span.kind === 'kaisei_gen'
          ? isoFromDay(span.until!)
          : allLeft
            ? isoFromDay(Math.max(...(leftDays as Day[])))
            : null,
      closed_reason: span.kind === 'kaisei_gen' ? '改製' : allLeft ? '全員除籍' : null,
    });
    this.counts.koseki++;

    // 戸籍事項 (member 0): how the register came to be.
    const registerEvents: Insertable<DB['koseki_event']>[] = [];
    const pushRegisterEvent = (
      type: DB['koseki_event']['event_type'],
      day: Day,
      details: Record<string, string>,
    ) =>
      registerEvents.push({
        municipality_code: this.code,
        koseki_id: kosekiId,
        member_no: 0,
        seq: registerEvents.length + 1,
        event_type: type,
        event_date: isoFromDay(day),
        details: JSON.stringify(details),
      });
    if (plan.transfer) pushRegisterEvent('tenseki', plan.transfer.on, { from: plan.transfer.from });
    else pushRegisterEvent('hensei', plan.compiledOn, { reason: plan.compiledReason });
    if (span.kind === 'current' && span.from === this.ctx.town.kaiseiDay) {
      pushRegisterEvent('kaisei', span.from, { reason: '平成6年法務省令第51号附則第2条第1項による改製' });
    }
    if (span.kind === 'kaisei_gen') {
      pushRegisterEvent('kaisei', span.until!, {
        reason: '平成6年法務省令第51号附則第2条第1項による改製につき消除',
      });
    }
    this.rows.koseki_event.push(...registerEvents);

    members.forEach((m, i) => {
      const memberNo = i + 1;
      const person = m.person;
      const leftOn = within(m.leftOn) ? m.leftOn : null;
      const isMarriedIn = m.entry === 'marriage';
      const isHeadOrSpouse = person === plan.head || isMarriedIn;
      this.rows.koseki_member.push({
        municipality_code: this.code,
        koseki_id: kosekiId,
        member_no: memberNo,
        family_name: plan.head.family.kanji,
        given_name: person.given.kanji,
        birth_date: isoFromDay(person.birth),
        sex: person.sex,
        father_name: person.fatherName,
        mother_name: person.motherName,
        relationship:
          isHeadOrSpouse || person.birthOrder > 0
            ? kosekiRelationship(person)
            : kosekiRelationship({ sex: person.sex, birthOrder: 1 }),
        status: leftOn === null ? 'in' : 'removed',
        removed_reason: leftOn === null ? null : m.leftReason,
        resident_id: person.residentId,
        juminhyo_code: person.juminhyoCode,
      });
      this.counts.kosekiMembers++;
      if (span.kind === 'current' && leftOn === null && person.residentId === null && person.death === null) {
        this.counts.honsekiOnlyPeople++;
      }
      this.memberEvents(kosekiId, memberNo, m, span, leftOn);
      this.fuhyo(kosekiId, memberNo, m, span, leftOn);
    });
  }

  private memberEvents(
    kosekiId: number,
    memberNo: number,
    m: RegisterMember,
    span: { from: Day; until: Day | null },
    leftOn: Day | null,
  ) {
    const person = m.person;
    const events: { type: DB['koseki_event']['event_type']; day: Day; details: Record<string, string> }[] =
      [];
    const bornHere = person.addresses[0]?.inTown === true && person.addresses[0].since === person.birth;
    events.push({
      type: 'shussei',
      day: person.birth,
      details: {
        place: this.ctx.places.birthplace(bornHere),
        notifier: this.ctx.random.chance(0.8) ? '父' : '母',
      },
    });
    if (m.marriage) {
      const details: Record<string, string> = { spouse: m.marriage.spouseName, role: m.marriage.role };
      if (m.marriage.fromHonseki) details.from_honseki = m.marriage.fromHonseki;
      if (m.marriage.fromHittosha) details.from_hittosha = m.marriage.fromHittosha;
      if (m.newRegister) {
        details.new_honseki = m.newRegister.honseki;
        details.new_hittosha = m.newRegister.hittosha;
      }
      events.push({ type: 'konin', day: m.marriage.on, details });
    }
    if (m.entry === 'nyuseki') {
      events.push({
        type: 'nyuseki',
        day: m.enteredOn,
        details: { reason: '母の氏を称する入籍', from_hittosha: person.fatherName ?? '' },
      });
    }
    if (m.divorce && m.divorce.on <= this.ctx.today) {
      events.push({ type: 'rikon', day: m.divorce.on, details: { spouse: m.divorce.spouseName } });
    }
    if (leftOn !== null && m.leftReason === '死亡') {
      events.push({
        type: 'shibou',
        day: leftOn,
        details: { place: this.ctx.places.birthplace(this.ctx.random.chance(0.7)) },
      });
    }
    let seq = 0;
    for (const event of events.sort((a, b) => a.day - b.day)) {
      if (event.day > this.ctx.today || (span.until !== null && event.day >= span.until)) continue;
      this.rows.koseki_event.push({
        municipality_code: this.code,
        koseki_id: kosekiId,
        member_no: memberNo,
        seq: ++seq,
        event_type: event.type,
        event_date: isoFromDay(event.day),
        details: JSON.stringify(event.details),
      });
    }
  }

  /** 附票: the addresses the member had while in this register, from the one held on entry. */
  private fuhyo(
    kosekiId: number,
    memberNo: number,
    m: RegisterMember,
    span: { from: Day; until: Day | null },
    leftOn: Day | null,
  ) {
    const stays = m.person.addresses;
    if (stays.length === 0) return;
    const from = Math.max(m.enteredOn, span.from);
    const until = leftOn ?? span.until ?? this.ctx.today + 1;
    let first = 0;
    for (let i = 0; i < stays.length; i++) if (stays[i]!.since <= from) first = i;
    let seq = 0;
    for (let i = first; i < stays.length; i++) {
      const stay = stays[i]!;
      if (i > first && (stay.since >= until || stay.since > this.ctx.today)) break;
      this.rows.fuhyo_entry.push({
        municipality_code: this.code,
        koseki_id: kosekiId,
        member_no: memberNo,
        seq: ++seq,
        address: stay.address,
        address_since: isoFromDay(stay.since),
      });
    }
  }
}

function fifthBirthdayAfter(birth: Day, from: Day): Day {
  // The birthday on or after `from`, then four more.
  let years = ageOn(birth, from) + 1;
  if (addYears(birth, years) <= from) years++;
  return addYears(birth, years + 4);
}
