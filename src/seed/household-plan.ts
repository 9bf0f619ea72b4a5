import type { AddressFactory, TownAddress } from './addresses.js';
import { type Day, dayFromIso } from './dates.js';
import { NATIONALITIES, type Nationality, PERIOD_YEARS, PERMANENT_STATUSES } from './lists/foreign-names.js';
import type { NameEntry } from './lists/japanese-names.js';
import {
  type EventPlan,
  fullName,
  NAME_SEPARATOR,
  type PeopleFactory,
  type Person,
  type Sex,
} from './people.js';
import { type Random, WeightedTable } from './random.js';
import { member, type RegisterMember, type RegisterPlan } from './register-plan.js';

/**
 * Household stories. Each story draws a household of a kind Japan's 2020
 * census counts (単独, 夫婦のみ, 夫婦と子, ひとり親と子, 三世代, …), then lives
 * it forward: who was born here and who moved in, a move within the town, a
 * death or a move away, and the family registers (戸籍) behind it. Dates are
 * chained so that every record is consistent with every other: nobody moves
 * in before birth, marries at nine or is 除票'd before the last notification.
 */

export type HouseholdKind =
  | 'single'
  | 'couple'
  | 'nuclear'
  | 'single_parent'
  | 'three_generation'
  | 'siblings'
  | 'non_relative'
  | 'large'
  | 'foreign_single'
  | 'foreign_family'
  | 'emigrants';

export interface HouseholdPlan {
  kind: HouseholdKind;
  /** People with a 住民票 in this household (active or 除票), head first. */
  members: Person[];
  /** Every register these people (and their kin) are in; only `inTown` ones are stored. */
  registers: RegisterPlan[];
  createdOn: Day;
}

const YEAR = 365.2425;
/** The day foreign residents came into the 住民基本台帳 (改正住基法の施行日). */
export const FOREIGN_REGISTRATION_DAY = dayFromIso('2012-07-09');

// Ages of the 世帯主 by household kind, in five-year bins from 15–19 to 100–104.
const bins = (weights: number[]) => new WeightedTable(weights.map((w, i) => [15 + 5 * i, w] as const));
const SINGLE_AGES = bins([2, 11, 10, 6.5, 5.5, 5.5, 6.5, 5.5, 5, 5.5, 7.5, 10, 9.5, 9.5, 8.5, 5, 1.5, 0.2]);
const COUPLE_AGES = bins([0, 0.5, 3, 4, 3, 3, 3.5, 5, 7, 9, 13, 16, 14, 11, 6, 1.8, 0.3]);
const NUCLEAR_AGES = bins([0, 0, 1.5, 5, 9, 12, 15, 15, 12, 9, 7, 5, 3, 1.5, 0.4]);
const SINGLE_PARENT_AGES = bins([0, 0.3, 2, 6, 10, 13, 14, 11, 8, 7, 7, 7, 7, 5, 3, 0.5]);
const MIDDLE_GENERATION_AGES = bins([0, 0, 0, 1, 4, 9, 12, 12, 9, 5]);
const ELDER_GENERATION_AGES = bins([0, 0, 0, 0, 0, 0, 0, 0, 2, 6, 10, 10, 7, 4]);

const KINDS = new WeightedTable<HouseholdKind>([
  ['single', 37.2],
  ['couple', 20.6],
  ['nuclear', 24.0],
  ['single_parent', 8.9],
  ['three_generation', 4.6],
  ['siblings', 1.6],
  ['non_relative', 0.9],
  ['large', 0.035],
  ['foreign_single', 2.1],
  ['foreign_family', 0.85],
  ['emigrants', 5.5],
]);

const NATIONALITY_TABLE = new WeightedTable(NATIONALITIES.map((n) => [n, n.weight] as const));

type Arrival =
  | { how: 'birth' }
  | { how: 'tennyu'; from: string; fromSince: Day }
  | { how: 'native_tenkyo'; parentsHome: TownAddress }
  | { how: 'registered_2012'; from: string; fromSince: Day };

export class HouseholdPlanner {
  /** Forces the household's own register into the town (the showcase households). */
  private honsekiHere = false;

  constructor(
    private readonly r: Random,
    private readonly people: PeopleFactory,
    private readonly places: AddressFactory,
    private readonly today: Day,
  ) {}

  /** One household; `family` forces the family name (the showcase names), `kind` the story. */
  plan(
    options: { family?: NameEntry | undefined; kind?: HouseholdKind | undefined; honsekiHere?: boolean } = {},
  ): HouseholdPlan {
    const kind = options.kind ?? KINDS.sample(this.r);
    const family = options.family ?? this.people.familyName();
    this.honsekiHere = options.honsekiHere === true;
    switch (kind) {
      case 'single':
        return this.single(family);
      case 'couple':
        return this.couple(family);
      case 'nuclear':
        return this.nuclear(family);
      case 'single_parent':
        return this.singleParent(family);
      case 'three_generation':
        return this.r.chance(0.6) ? this.threeGenerationMiddle(family) : this.threeGenerationElder(family, 0);
      case 'siblings':
        return this.siblings(family);
      case 'non_relative':
        return this.nonRelative(family);
      case 'large':
        return this.threeGenerationElder(family, this.r.int(8, 12));
      case 'foreign_single':
        return this.foreignSingle();
      case 'foreign_family':
        return this.foreignFamily();
      case 'emigrants':
        return this.emigrants(family);
    }
  }

  // ------------------------------------------------------------------ helpers

  private yearsAfter(day: Day, years: number): Day {
    return Math.round(day + years * YEAR);
  }

  /**
   * A day in [from, to]. When the range is empty the upper bound wins: `to` is
   * always the hard limit (today, or a day that must come first), `from` a wish.
   */
  private between(from: Day, to: Day): Day {
    return to <= from ? to : this.r.int(from, to);
  }

  private ageOf(birth: Day, on = this.today): number {
    return (on - birth) / YEAR;
  }

  private notified(date: Day, minimum = 0): Day {
    return Math.min(this.today, date + this.r.int(minimum, 14));
  }

  private event(type: EventPlan['type'], date: Day, details: Record<string, string> = {}): EventPlan {
    // A record the office made by itself (職権) has no 届出日.
    const notified = type === 'shokken_shusei' ? null : this.notified(date, type === 'shussei' ? 3 : 0);
    return { type, date, notified, details };
  }

  private ageFrom(table: WeightedTable<number>): number {
    return table.sample(this.r) + this.r.int(0, 4);
  }

  /** The wife's age at marriage by the generation she was born in. */
  private marriageDay(husband: Person, wife: Person): Day {
    const born = 1970 + wife.birth / YEAR;
    const mean = born < 1950 ? 24 : born < 1970 ? 26 : 29.5;
    const age = Math.max(19, Math.min(42, this.r.normal(mean, 3)));
    let day = this.yearsAfter(wife.birth, age);
    day = Math.max(day, this.yearsAfter(husband.birth, 19));
    return Math.min(day, this.today - 30);
  }

  private wifeFor(husband: Person, family: NameEntry, gap = this.r.normal(2, 2.5)): Person {
    const birth = Math.min(
      this.today - Math.round(19 * YEAR),
      Math.round(husband.birth + Math.max(-8, gap) * YEAR),
    );
    const wife = this.people.japanese('F', birth, family, '妻');
    this.withParents(wife, this.people.familyName());
    return wife;
  }

  /** Names of the parents as the person's register lists them. */
  private withParents(person: Person, family: NameEntry) {
    person.fatherName = this.people.parentName('M', family, person.birth);
    person.motherName = this.people.parentName('F', family, person.birth);
    person.birthOrder = this.r.chance(0.55) ? 1 : this.r.int(2, 3);
  }

  /**
   * Children of a couple, oldest first: the first one to three years after the
   * marriage, then every one and a half to four and a half years, none after the
   * mother turns 44 or after today.
   */
  private childrenOf(
    father: Person | null,
    mother: Person,
    from: Day,
    count: number,
    family: NameEntry,
    spacing: readonly [number, number] = [1.5, 4.5],
  ): Person[] {
    const kids: Person[] = [];
    let next = this.yearsAfter(from, 0.4 + this.r.next() * 2.6);
    const limit = Math.min(this.today - 1, this.yearsAfter(mother.birth, 44));
    const orders = { M: 0, F: 0 };
    for (let i = 0; i < count && next <= limit; i++) {
      const sex: Sex = this.r.chance(0.512) ? 'M' : 'F';
      const child = this.people.japanese(sex, next, family, '子');
      orders[sex]++;
      child.birthOrder = orders[sex];
      child.fatherName = father ? fullName(father) : null;
      child.motherName = fullName(mother);
      kids.push(child);
      next = this.yearsAfter(next, spacing[0] + this.r.next() * (spacing[1] - spacing[0]));
    }
    return kids;
  }

  /** Birth order again after a birth day changed: 長男, 二男 … by sex. */
  private renumber(children: Person[]) {
    const orders = { M: 0, F: 0 };
    for (const child of [...children].sort((x, y) => x.birth - y.birth))
      child.birthOrder = ++orders[child.sex];
  }

  private childCount(): number {
    const x = this.r.next();
    return x < 0.35 ? 1 : x < 0.85 ? 2 : x < 0.98 ? 3 : 4;
  }

  /** Gives a person who never lived in the town a plausible address history (for the 附票). */
  private livesElsewhere(person: Person, since: Day) {
    person.addresses.push(this.places.stayElsewhere(Math.max(person.birth, since)));
    if (this.r.chance(0.4)) {
      const moved = this.between(person.addresses.at(-1)!.since + 200, this.today - 30);
      if (moved > person.addresses.at(-1)!.since) person.addresses.push(this.places.stayElsewhere(moved));
    }
  }

  /** A child who grew up at home in the town and left: the home, then somewhere else. */
  private grewUpHere(child: Person, home: TownAddress, homeSince: Day, leftOn: Day) {
    child.addresses.push(this.places.stayInTown(home, Math.max(child.birth, homeSince)));
    child.addresses.push(this.places.stayElsewhere(leftOn));
  }

  /**
   * Makes people residents: their events and addresses from how they arrived,
   * then the move within the town (転居) if there was one.
   */
  private settle(
    person: Person,
    join: Day,
    arrival: Arrival,
    home: TownAddress,
    move: { from: TownAddress; on: Day } | null,
  ) {
    if (join > this.today || join < person.birth)
      throw new Error(`household story error: joins on day ${join}`);
    const at = move && join < move.on ? move.from : home;
    const events: EventPlan[] = [];
    let since = join;
    switch (arrival.how) {
      case 'birth':
        since = person.birth;
        person.addresses.push(this.places.stayInTown(at, person.birth));
        events.push(this.event('shussei', person.birth));
        break;
      case 'native_tenkyo':
        since = person.birth;
        person.addresses.push(this.places.stayInTown(arrival.parentsHome, person.birth));
        person.addresses.push(this.places.stayInTown(at, join));
        events.push(this.event('shussei', person.birth));
        events.push(this.event('tenkyo', join, { from: arrival.parentsHome.address, to: at.address }));
        break;
      case 'tennyu':
        person.addresses.push({
          address: arrival.from,
          katagaki: null,
          postalCode: null,
          since: arrival.fromSince,
          inTown: false,
        });
        person.addresses.push(this.places.stayInTown(at, join));
        events.push(this.event('tennyu', join, { from: arrival.from }));
        break;
      case 'registered_2012':
        // Foreign residents already here in July 2012 became residents on that day by law;
        // 住所を定めた年月日 stays the day they actually settled.
        since = FOREIGN_REGISTRATION_DAY;
        person.addresses.push({
          address: arrival.from,
          katagaki: null,
          postalCode: null,
          since: arrival.fromSince,
          inTown: false,
        });
        person.addresses.push(this.places.stayInTown(at, join));
        events.push(
          this.event('shokken_shusei', FOREIGN_REGISTRATION_DAY, {
            reason: '改正住民基本台帳法の施行に伴う外国人住民票の作成',
          }),
        );
        break;
    }
    if (move && join < move.on && person.birth < move.on) {
      person.addresses.push(this.places.stayInTown(home, move.on));
      events.push(this.event('tenkyo', move.on, { from: move.from.address, to: home.address }));
    }
    person.residence = { since, events, status: 'active', removedOn: null, movedTo: null };
  }

  private lastEventDay(person: Person): Day {
    return Math.max(person.birth, ...(person.residence?.events.map((e) => e.date) ?? []));
  }

  /** Records a death or a move away, if a day after the last event is left; returns whether it happened. */
  private remove(
    person: Person,
    how: 'deceased' | 'moved_out',
    options: { earliest?: Day; on?: Day; to?: string } = {},
  ): boolean {
    const residence = person.residence;
    if (residence?.status !== 'active') return false;
    const from = Math.max(this.lastEventDay(person) + 1, options.earliest ?? this.today - 5 * 365);
    if (options.on === undefined && from >= this.today - 1) return false;
    if (options.on !== undefined && (options.on <= this.lastEventDay(person) || options.on >= this.today))
      return false;
    const day = options.on ?? this.between(from, this.today - 1);
    const to = options.to;
    residence.status = how;
    residence.removedOn = day;
    if (how === 'deceased') {
      person.death = day;
      residence.events.push(this.event('shibou', day));
    } else {
      const destination = to ?? this.places.elsewhere();
      residence.movedTo = destination;
      residence.events.push(this.event('tenshutsu', day, { to: destination }));
      person.addresses.push({
        address: destination,
        katagaki: null,
        postalCode: null,
        since: day,
        inTown: false,
      });
    }
    return true;
  }

  /** 世帯主の変更: everyone still here gets a 世帯変更 event with the old and new 続柄. */
  private changeHead(members: Person[], on: Day, relabel: (person: Person) => string, reason: string) {
    for (const person of members) {
      if (person.residence?.status !== 'active' || person.birth > on) continue;
      const before = person.relationship;
      const after = relabel(person);
      if (before === after) continue;
      person.residence.events.push(this.event('setai_henko', on, { reason, before, after }));
      person.relationship = after;
    }
  }

  private registerOf(
    head: Person,
    inTown: boolean,
    honseki: string,
    compiledOn: Day,
    reason: RegisterPlan['compiledReason'],
  ): RegisterPlan {
    return { inTown, honseki, head, compiledOn, compiledReason: reason, transfer: null, members: [] };
  }

  /** Sets 本籍/筆頭者 on everyone from the register they are in now. */
  private assignHonseki(registers: RegisterPlan[]) {
    // The register someone is in; for the dead, the one they died in (their 除票 still shows it).
    for (const pass of ['死亡', null] as const) {
      for (const register of registers) {
        for (const m of register.members) {
          if (m.leftReason !== pass || m.person.foreign) continue;
          m.person.honseki = register.honseki;
          m.person.hittosha = fullName(register.head);
        }
      }
    }
  }

  /**
   * A couple's register: compiled on the marriage (or moved here later by
   * 転籍), the 筆頭者, the spouse who married in, then the children.
   */
  private coupleRegister(
    head: Person,
    spouse: Person | null,
    marriedOn: Day,
    children: Person[],
    where: { inTown: boolean; honseki: string; transferOn?: Day | undefined },
  ): RegisterPlan {
    const register = this.registerOf(head, where.inTown, where.honseki, marriedOn, '婚姻');
    if (where.transferOn !== undefined && where.transferOn > marriedOn) {
      register.transfer = { on: where.transferOn, from: this.places.honsekiElsewhere() };
    }
    const headMember = member(head, marriedOn, 'compiled');
    register.members.push(headMember);
    if (spouse) {
      const spouseRole = spouse.sex === 'M' ? '夫' : '妻';
      headMember.marriage = {
        on: marriedOn,
        spouseName: fullName(spouse),
        role: head.sex === 'M' ? '夫' : '妻',
        fromHonseki: null,
        fromHittosha: null,
      };
      if (!spouse.foreign) {
        const spouseMember = member(spouse, marriedOn, 'marriage');
        spouseMember.marriage = {
          on: marriedOn,
          spouseName: fullName(head),
          role: spouseRole,
          fromHonseki: this.places.honsekiElsewhere(),
          fromHittosha: spouse.fatherName,
        };
        register.members.push(spouseMember);
      } else {
        headMember.marriage.spouseName = spouse.foreign.alphabetName;
      }
    }
    for (const child of children) register.members.push(member(child, child.birth, 'birth'));
    return register;
  }

  /** The register of someone's parents, with the person and their siblings as children. */
  private parentsRegister(
    children: Person[],
    family: NameEntry,
    where: { inTown: boolean; honseki: string },
    parentsAlive: { father: boolean; mother: boolean },
    motherAge: readonly [number, number] = [23, 32],
  ): { register: RegisterPlan; father: Person; mother: Person } {
    const eldest = children.reduce((a, b) => (a.birth < b.birth ? a : b));
    const motherGap = this.r.int(motherAge[0], motherAge[1]);
    const mother = this.people.japanese(
      'F',
      this.people.birthYearsBefore(eldest.birth, motherGap),
      family,
      '',
    );
    const father = this.people.japanese(
      'M',
      this.people.birthYearsBefore(eldest.birth, motherGap + this.r.int(0, 5)),
      family,
      '',
    );
    this.withParents(father, family);
    this.withParents(mother, this.people.familyName());
    const marriedOn = Math.max(
      eldest.birth - this.r.int(200, 1500),
      this.yearsAfter(father.birth, 20),
      this.yearsAfter(mother.birth, 19),
    );
    for (const child of children) {
      child.fatherName = fullName(father);
      child.motherName = fullName(mother);
    }
    const register = this.coupleRegister(father, mother, marriedOn, [], where);
    const orders = { M: 0, F: 0 };
    for (const child of [...children].sort((a, b) => a.birth - b.birth)) {
      orders[child.sex]++;
      child.birthOrder = orders[child.sex];
      register.members.push(member(child, child.birth, 'birth'));
    }
    for (const [parent, alive] of [
      [father, parentsAlive.father],
      [mother, parentsAlive.mother],
    ] as const) {
      const m = register.members.find((x) => x.person === parent)!;
      if (alive && this.ageOf(parent.birth) < 104) {
        this.livesElsewhere(parent, marriedOn);
      } else {
        const died = this.between(
          Math.max(marriedOn + 365, this.yearsAfter(parent.birth, 55)),
          this.today - 60,
        );
        parent.death = died;
        m.leftOn = died;
        m.leftReason = '死亡';
        this.livesElsewhere(parent, marriedOn);
      }
    }
    return { register, father, mother };
  }

  /**
   * The register a 世帯主 born in the town married out of: the late parents' one,
   * with brothers and sisters who stayed in it or married out too. When nobody
   * is left in it, it is a closed register (除籍).
   */
  private originRegister(
    person: Person,
    spouse: Person,
    marriedOn: Day,
    newRegister: RegisterPlan,
    family: NameEntry,
  ): RegisterPlan {
    const siblings = this.siblingsOf(person, family, this.r.int(0, 3));
    const { register } = this.parentsRegister(
      [person, ...siblings],
      family,
      { inTown: true, honseki: this.places.inTown().honseki },
      { father: false, mother: false },
    );
    const m = register.members.find((x) => x.person === person)!;
    m.leftOn = marriedOn;
    m.leftReason = '婚姻';
    m.marriage = {
      on: marriedOn,
      spouseName: fullName(spouse),
      role: person.sex === 'M' ? '夫' : '妻',
      fromHonseki: null,
      fromHittosha: null,
    };
    m.newRegister = { honseki: newRegister.honseki, hittosha: fullName(newRegister.head) };
    this.childrenAway(register, siblings, this.places.inTown(), register.compiledOn);
    return register;
  }

  /** Marks a member as married out of a register, to a new register elsewhere. */
  private marryOut(m: RegisterMember, on: Day) {
    const spouseFamily = this.people.familyName();
    const spouseSex: Sex = m.person.sex === 'M' ? 'F' : 'M';
    const spouseName = `${m.person.sex === 'M' ? m.person.family.kanji : spouseFamily.kanji}${NAME_SEPARATOR}${
      this.people.givenName(spouseSex, m.person.birth).kanji
    }`;
    m.leftOn = on;
    m.leftReason = '婚姻';
    m.marriage = {
      on,
      spouseName,
      role: m.person.sex === 'M' ? '夫' : '妻',
      fromHonseki: null,
      fromHittosha: null,
    };
    m.newRegister = {
      honseki: this.places.honsekiElsewhere(),
      hittosha: m.person.sex === 'M' ? fullName(m.person) : spouseName,
    };
  }

  /**
   * Children who are not in the household: married out of the register, or
   * unmarried and living elsewhere (本籍 here, address elsewhere).
   */
  private childrenAway(register: RegisterPlan, children: Person[], home: TownAddress | null, homeSince: Day) {
    for (const child of children) {
      const m = register.members.find((x) => x.person === child);
      if (!m || child.residence) continue;
      const age = this.ageOf(child.birth);
      if (age < 18) {
        // A minor lives with the parents, who live elsewhere.
        this.livesElsewhere(child, child.birth);
        continue;
      }
      const left = this.between(
        this.yearsAfter(child.birth, 18),
        Math.min(this.today - 30, this.yearsAfter(child.birth, 26)),
      );
      if (home && homeSince < left) this.grewUpHere(child, home, homeSince, left);
      else {
        child.addresses.push(this.places.stayElsewhere(child.birth));
        child.addresses.push(this.places.stayElsewhere(left));
      }
      const marriedShare = age < 25 ? 0.05 : age < 30 ? 0.35 : age < 40 ? 0.65 : 0.8;
      const earliest = Math.max(left, this.yearsAfter(child.birth, 22));
      const latest = Math.min(this.today - 30, this.yearsAfter(child.birth, 38));
      if (earliest <= latest && this.r.chance(marriedShare)) this.marryOut(m, this.between(earliest, latest));
    }
  }

  /** When did a household come: `origin` tells whether the 世帯主 was born in the town. */
  private formationDay(earliest: Day): Day {
    // Years at this address are long for older households; draw the share of the possible span.
    const span = this.today - earliest;
    return Math.min(this.today - 1, earliest + Math.round(span * this.r.next() ** 0.8));
  }

  private moveWithinTown(formation: Day): { from: TownAddress; on: Day } | null {
    if (!this.r.chance(0.18) || this.today - formation < 400) return null;
    return { from: this.places.inTown(), on: this.between(formation + 180, this.today - 1) };
  }

  private previousAddressSince(person: Person, join: Day): Day {
    return Math.max(person.birth, join - this.r.int(200, 12 * 365));
  }

  private arrivalFrom(person: Person, join: Day, shared?: { from: string; fromSince: Day }): Arrival {
    if (shared)
      return { how: 'tennyu', from: shared.from, fromSince: Math.max(person.birth, shared.fromSince) };
    return {
      how: 'tennyu',
      from: this.places.elsewhere(),
      fromSince: this.previousAddressSince(person, join),
    };
  }

  // ------------------------------------------------------------------ stories

  private single(family: NameEntry): HouseholdPlan {
    // Living alone starts at 18 (the first bin is 15–19).
    const age = Math.max(18, this.ageFrom(SINGLE_AGES));
    const sex: Sex = this.r.chance(age < 60 ? 0.58 : 0.32) ? 'M' : 'F';
    const person = this.people.japanese(sex, this.people.birthForAge(age), family, '世帯主');
    const native = this.r.chance(age >= 60 ? 0.45 : 0.2);
    const registers: RegisterPlan[] = [];
    const history = this.r.next();
    let formation: Day;
    const adult = this.yearsAfter(person.birth, 18);

    if (age < 40 || (age < 65 && history < 0.45) || (age >= 65 && history < 0.12)) {
      // Never married: still in the parents' register.
      formation =
        age < 40 ? Math.max(adult, this.today - this.r.int(30, 10 * 365)) : this.formationDay(adult);
      const siblings = this.siblingsOf(person, family, this.r.int(0, 2));
      const inTown = this.r.chance(native ? 0.8 : 0.3);
      const { register } = this.parentsRegister(
        [person, ...siblings],
        family,
        {
          inTown,
          honseki: inTown ? this.places.inTown().honseki : this.places.honsekiElsewhere(),
        },
        { father: age < 55 || this.r.chance(0.1), mother: age < 60 || this.r.chance(0.15) },
      );
      // The brothers and sisters grew up with the parents, who live elsewhere.
      this.childrenAway(register, siblings, null, register.compiledOn);
      registers.push(register);
    } else if (age >= 65 ? history < 0.82 : history < 0.6) {
      // Widowed: the couple's register, the spouse removed by death.
      const spouse =
        sex === 'M'
          ? this.wifeFor(person, family)
          : this.people.japanese(
              'M',
              this.people.birthYearsBefore(person.birth, this.r.int(0, 5)),
              family,
              '',
            );
      if (sex === 'M') this.withParents(person, family);
      else this.withParents(person, this.people.familyName());
      if (sex === 'F') this.withParents(spouse, family);
      const [husband, wife] = sex === 'M' ? [person, spouse] : [spouse, person];
      const marriedOn = this.marriageDay(husband, wife);
      const kids = this.childrenOf(
        husband,
        wife,
        marriedOn,
        this.r.chance(0.85) ? this.childCount() : 0,
        family,
      );
      formation = this.formationDay(Math.max(marriedOn, adult));
      const inTown = this.r.chance(native ? 0.85 : 0.35);
      const home = this.places.inTown();
      const register = this.coupleRegister(husband, wife, marriedOn, kids, {
        inTown,
        honseki: inTown ? home.honseki : this.places.honsekiElsewhere(),
        transferOn: native ? undefined : this.between(formation, this.today - 1),
      });
      const died = this.between(
        Math.max(marriedOn + 2 * 365, this.yearsAfter(spouse.birth, 50)),
        this.today - 30,
      );
      spouse.death = died;
      const spouseMember = register.members.find((m) => m.person === spouse)!;
      spouseMember.leftOn = died;
      spouseMember.leftReason = '死亡';
      this.livesElsewhere(spouse, marriedOn);
      this.childrenAway(register, kids, home, formation);
      registers.push(register);
      return this.finishSingle(person, formation, native, registers, home);
    } else {
      // Divorced: a man keeps his register, a woman returns to her own name in a new one.
      const spouseFamily = this.people.familyName();
      formation = this.formationDay(this.yearsAfter(person.birth, 25));
      const exSpouse = this.people.japanese(
        sex === 'M' ? 'F' : 'M',
        person.birth + this.r.int(-1500, 1500),
        sex === 'M' ? family : spouseFamily,
        '',
      );
      this.withParents(person, family);
      const [husband, wife] = sex === 'M' ? [person, exSpouse] : [exSpouse, person];
      const marriedOn = this.marriageDay(husband, wife);
      const divorcedOn = this.between(marriedOn + 365, Math.min(this.today - 60, marriedOn + 25 * 365));
      const inTown = this.r.chance(native ? 0.8 : 0.3);
      const honseki = inTown ? this.places.inTown().honseki : this.places.honsekiElsewhere();
      if (sex === 'M') {
        const register = this.coupleRegister(person, exSpouse, marriedOn, [], { inTown, honseki });
        const exMember = register.members.find((m) => m.person === exSpouse)!;
        exMember.leftOn = divorcedOn;
        exMember.leftReason = '離婚';
        exMember.divorce = { on: divorcedOn, spouseName: fullName(person) };
        register.members[0]!.divorce = { on: divorcedOn, spouseName: fullName(exSpouse) };
        this.livesElsewhere(exSpouse, marriedOn);
        registers.push(register);
      } else {
        const register = this.registerOf(person, inTown, honseki, divorcedOn, '離婚');
        const m = member(person, divorcedOn, 'compiled');
        m.divorce = { on: divorcedOn, spouseName: fullName(exSpouse) };
        register.members.push(m);
        registers.push(register);
      }
    }
    return this.finishSingle(person, formation, native, registers, this.places.inTown(age < 40 ? 0.35 : 0));
  }

  private finishSingle(
    person: Person,
    formation: Day,
    native: boolean,
    registers: RegisterPlan[],
    home: TownAddress,
  ): HouseholdPlan {
    const join = Math.max(formation, this.yearsAfter(person.birth, 15));
    const move = this.moveWithinTown(join);
    this.settle(
      person,
      join,
      native ? { how: 'native_tenkyo', parentsHome: this.places.inTown() } : this.arrivalFrom(person, join),
      home,
      move,
    );
    const age = this.ageOf(person.birth);
    if (age >= 75 && this.r.chance(0.04)) this.remove(person, 'deceased');
    else if (age < 40 && this.r.chance(0.05)) this.remove(person, 'moved_out');
    this.closeRegisterOnDeath(registers, person);
    this.assignHonseki(registers);
    return {
      kind: 'single',
      members: [person],
      registers,
      createdOn: person.addresses.find((a) => a.inTown)!.since,
    };
  }

  /** A resident who died leaves their register too. */
  private closeRegisterOnDeath(registers: RegisterPlan[], person: Person) {
    if (person.residence?.status !== 'deceased') return;
    for (const register of registers) {
      const m = register.members.find((x) => x.person === person && x.leftOn === null);
      if (m) {
        m.leftOn = person.residence.removedOn;
        m.leftReason = '死亡';
      }
    }
  }

  private siblingsOf(person: Person, family: NameEntry, count: number): Person[] {
    const out: Person[] = [];
    for (let i = 0; i < count; i++) {
      const birth = Math.min(
        this.today - 1,
        person.birth + Math.round((this.r.chance(0.5) ? -1 : 1) * this.r.int(500, 2500)),
      );
      out.push(this.people.japanese(this.r.chance(0.5) ? 'M' : 'F', birth, family, ''));
    }
    return out;
  }

  private couple(family: NameEntry): HouseholdPlan {
    const age = this.ageFrom(COUPLE_AGES);
    const husband = this.people.japanese('M', this.people.birthForAge(Math.max(20, age)), family, '世帯主');
    this.withParents(husband, family);
    const foreignWife = this.r.chance(0.015);
    const wife = foreignWife ? this.foreignSpouse(husband, family) : this.wifeFor(husband, family);
    const marriedOn = this.marriageDay(husband, wife);
    const hadChildren = age >= 50 ? this.r.chance(0.85) : age >= 45 ? this.r.chance(0.5) : false;
    const kids = hadChildren ? this.childrenOf(husband, wife, marriedOn, this.childCount(), family) : [];
    const native = this.r.chance(age >= 60 ? 0.45 : 0.3);
    const formation = this.formationDay(marriedOn);
    const home = this.places.inTown();
    const inTown = this.r.chance(native ? 0.85 : 0.3);
    const register = this.coupleRegister(husband, wife, marriedOn, kids, {
      inTown,
      honseki: inTown ? home.honseki : this.places.honsekiElsewhere(),
      transferOn: native ? undefined : this.between(formation, this.today - 1),
    });
    this.childrenAway(register, kids, home, formation);
    const move = this.moveWithinTown(formation);
    const shared = { from: this.places.elsewhere(), fromSince: formation - this.r.int(200, 3000) };
    this.settle(
      husband,
      formation,
      native
        ? { how: 'native_tenkyo', parentsHome: this.places.inTown() }
        : this.arrivalFrom(husband, formation, shared),
      home,
      move,
    );
    this.settle(
      wife,
      formation,
      native ? this.arrivalFrom(wife, formation) : this.arrivalFrom(wife, formation, shared),
      home,
      move,
    );
    if (foreignWife) this.foreignArrival(wife);

    const members = [husband, wife];
    if (age >= 70 && this.r.chance(0.1)) {
      const deceased = this.r.chance(0.65) ? husband : wife;
      if (this.remove(deceased, 'deceased', { earliest: this.today - 4 * 365 })) {
        this.markRegisterDeath(register, deceased);
        if (deceased === husband) {
          this.changeHead([wife], deceased.residence!.removedOn!, () => '世帯主', '世帯主死亡');
        }
      }
    } else if (age < 40 && this.r.chance(0.05)) {
      const day = this.between(
        Math.max(this.lastEventDay(husband), this.lastEventDay(wife)) + 1,
        this.today - 1,
      );
      // They move away together: one day, one destination.
      const destination = this.places.elsewhere();
      if (day < this.today - 1) {
        this.remove(husband, 'moved_out', { on: day, to: destination });
        this.remove(wife, 'moved_out', { on: day, to: destination });
      }
    }
    const registers = [register];
    if (native && age >= 50 && !foreignWife && this.r.chance(0.6)) {
      registers.push(this.originRegister(husband, wife, marriedOn, register, family));
    }
    this.assignHonseki(registers);
    return { kind: 'couple', members, registers, createdOn: formation };
  }

  private markRegisterDeath(register: RegisterPlan, person: Person) {
    const m = register.members.find((x) => x.person === person && x.leftOn === null);
    if (m && person.death !== null) {
      m.leftOn = person.death;
      m.leftReason = '死亡';
    }
  }

  /** Which of a couple's children still live at home. */
  private isAtHome(child: Person): boolean {
    const age = this.ageOf(child.birth);
    return this.r.chance(age < 18 ? 1 : age < 23 ? 0.85 : age < 30 ? 0.6 : age < 40 ? 0.35 : 0.12);
  }

  private nuclear(family: NameEntry): HouseholdPlan {
    const age = this.ageFrom(NUCLEAR_AGES);
    const husband = this.people.japanese('M', this.people.birthForAge(Math.max(22, age)), family, '世帯主');
    this.withParents(husband, family);
    const foreignWife = this.r.chance(0.012);
    const wife = foreignWife ? this.foreignSpouse(husband, family) : this.wifeFor(husband, family);
    const marriedOn = this.marriageDay(husband, wife);
    let kids = this.childrenOf(husband, wife, marriedOn, this.childCount(), family);
    if (kids.length === 0) {
      // Married late or recently: one baby so that the story stays 夫婦と子.
      const birth = this.between(Math.min(marriedOn + 200, this.today - 2), this.today - 1);
      kids = [this.people.japanese(this.r.chance(0.5) ? 'M' : 'F', birth, family, '子')];
      kids[0]!.birthOrder = 1;
      kids[0]!.fatherName = fullName(husband);
      kids[0]!.motherName = fullName(wife);
    }
    let atHome = kids.filter((kid) => this.isAtHome(kid));
    if (atHome.length === 0) atHome = [kids.at(-1)!];
    const native = this.r.chance(0.3);
    const formation = this.formationDay(marriedOn);
    const home = this.places.inTown();
    const inTown = this.r.chance(native ? 0.85 : 0.3) || this.honsekiHere;
    const register = this.coupleRegister(husband, wife, marriedOn, kids, {
      inTown,
      honseki: inTown ? home.honseki : this.places.honsekiElsewhere(),
      transferOn: native ? undefined : this.between(formation, this.today - 1),
    });
    const move = this.moveWithinTown(formation);
    const shared = { from: this.places.elsewhere(), fromSince: formation - this.r.int(200, 3000) };
    this.settle(
      husband,
      formation,
      native
        ? { how: 'native_tenkyo', parentsHome: this.places.inTown() }
        : this.arrivalFrom(husband, formation, shared),
      home,
      move,
    );
    this.settle(
      wife,
      formation,
      native ? this.arrivalFrom(wife, formation) : this.arrivalFrom(wife, formation, shared),
      home,
      move,
    );
    if (foreignWife) this.foreignArrival(wife);
    // One child recently gone to study or work elsewhere keeps a 除票 here.
    const leaver = kids.find(
      (kid) => !atHome.includes(kid) && this.ageOf(kid.birth) >= 18 && this.ageOf(kid.birth) < 30,
    );
    const residentKids = [...atHome];
    if (leaver && this.r.chance(0.45)) residentKids.push(leaver);
    for (const kid of residentKids.sort((a, b) => a.birth - b.birth)) {
      this.settle(
        kid,
        Math.max(formation, kid.birth),
        kid.birth >= formation ? { how: 'birth' } : this.arrivalFrom(kid, formation, shared),
        home,
        move,
      );
    }
    if (leaver && residentKids.includes(leaver)) {
      this.remove(leaver, 'moved_out', { earliest: this.yearsAfter(leaver.birth, 18) });
    }
    this.childrenAway(
      register,
      kids.filter((kid) => !residentKids.includes(kid)),
      home,
      formation,
    );
    const registers = [register];
    if (native && age >= 50 && !foreignWife && this.r.chance(0.6)) {
      registers.push(this.originRegister(husband, wife, marriedOn, register, family));
    }
    this.assignHonseki(registers);
    return { kind: 'nuclear', members: [husband, wife, ...residentKids], registers, createdOn: formation };
  }

  private singleParent(family: NameEntry): HouseholdPlan {
    const age = this.ageFrom(SINGLE_PARENT_AGES);
    const sex: Sex = this.r.chance(0.8) ? 'F' : 'M';
    const parent = this.people.japanese(sex, this.people.birthForAge(Math.max(22, age)), family, '世帯主');
    this.withParents(parent, family);
    const other = this.people.japanese(
      sex === 'F' ? 'M' : 'F',
      parent.birth + this.r.int(-1500, 1500),
      family,
      '',
    );
    this.withParents(other, this.people.familyName());
    const [husband, wife] = sex === 'F' ? [other, parent] : [parent, other];
    // Married at least two years ago: there was a marriage, children, and its end.
    const marriedOn = Math.max(
      Math.min(this.marriageDay(husband, wife), this.today - 730),
      this.yearsAfter(Math.max(husband.birth, wife.birth), 18),
    );
    const divorced = age < 60 && this.r.chance(0.75);
    const exFamily = divorced && sex === 'F' ? this.people.familyName() : family;
    // A divorced mother keeps her own name; the children join her register and take it.
    if (divorced && sex === 'F') {
      husband.family = exFamily;
    }
    let kids = this.childrenOf(husband, wife, marriedOn, age >= 60 ? 1 : this.r.chance(0.6) ? 1 : 2, family);
    if (kids.length === 0) {
      const birth = this.between(Math.min(marriedOn + 200, this.today - 2), this.today - 1);
      kids = [this.people.japanese(this.r.chance(0.5) ? 'M' : 'F', birth, family, '子')];
      kids[0]!.birthOrder = 1;
      kids[0]!.fatherName = fullName(husband);
      kids[0]!.motherName = fullName(wife);
    }
    const lastBirth = kids.at(-1)!.birth;
    // The marriage ended (divorce or death) after the last child was born, or shortly before;
    // a divorce that moved the children to their mother's register, while they were still minors.
    const endLimit =
      divorced && sex === 'F'
        ? Math.min(this.today - 30, this.yearsAfter(kids[0]!.birth, 18))
        : this.today - 30;
    const endOn = this.between(Math.max(marriedOn + 200, Math.min(lastBirth + 200, endLimit - 30)), endLimit);
    const native = this.r.chance(0.3);
    const home = this.places.inTown();
    const inTown = this.r.chance(native ? 0.8 : 0.3);
    const honseki = inTown ? home.honseki : this.places.honsekiElsewhere();
    const registers: RegisterPlan[] = [];
    if (divorced && sex === 'F') {
      const register = this.registerOf(parent, inTown, honseki, endOn, '離婚');
      const m = member(parent, endOn, 'compiled');
      m.divorce = { on: endOn, spouseName: fullName(husband) };
      register.members.push(m);
      for (const kid of kids) {
        const entered = Math.max(kid.birth + 14, endOn + this.r.int(20, 200));
        const km = member(kid, Math.min(this.today - 1, entered), 'nyuseki');
        register.members.push(km);
      }
      this.livesElsewhere(husband, marriedOn);
      registers.push(register);
    } else {
      const register = this.coupleRegister(husband, wife, marriedOn, kids, { inTown, honseki });
      const om = register.members.find((m) => m.person === other)!;
      om.leftOn = endOn;
      om.leftReason = divorced ? '離婚' : '死亡';
      if (divorced) {
        om.divorce = { on: endOn, spouseName: fullName(parent) };
        register.members[0]!.divorce = { on: endOn, spouseName: fullName(other) };
      } else {
        other.death = endOn;
      }
      this.livesElsewhere(other, marriedOn);
      registers.push(register);
    }
    const atHome =
      age >= 60 ? [kids[0]!] : kids.filter((kid) => this.ageOf(kid.birth) < 30 || this.r.chance(0.5));
    if (atHome.length === 0) atHome.push(kids.at(-1)!);
    const formation = this.formationDay(Math.max(marriedOn, this.yearsAfter(parent.birth, 20)));
    const move = this.moveWithinTown(formation);
    const shared = { from: this.places.elsewhere(), fromSince: formation - this.r.int(200, 3000) };
    this.settle(
      parent,
      formation,
      native
        ? { how: 'native_tenkyo', parentsHome: this.places.inTown() }
        : this.arrivalFrom(parent, formation, shared),
      home,
      move,
    );
    for (const kid of atHome) {
      this.settle(
        kid,
        Math.max(formation, kid.birth),
        kid.birth >= formation ? { how: 'birth' } : this.arrivalFrom(kid, formation, shared),
        home,
        move,
      );
    }
    for (const register of registers)
      this.childrenAway(
        register,
        kids.filter((k) => !atHome.includes(k)),
        home,
        formation,
      );
    this.assignHonseki(registers);
    return { kind: 'single_parent', members: [parent, ...atHome], registers, createdOn: formation };
  }

  /** 三世代: a middle-aged couple with children and one or both of the 世帯主's (or wife's) parents. */
  private threeGenerationMiddle(family: NameEntry): HouseholdPlan {
    const age = this.ageFrom(MIDDLE_GENERATION_AGES);
    const husband = this.people.japanese('M', this.people.birthForAge(age), family, '世帯主');
    const wife = this.wifeFor(husband, family);
    const marriedOn = this.marriageDay(husband, wife);
    let kids = this.childrenOf(husband, wife, marriedOn, this.childCount(), family);
    if (kids.length === 0) kids = this.childrenOf(husband, wife, marriedOn - 365, 1, family);
    let atHome = kids.filter((kid) => this.isAtHome(kid));
    if (atHome.length === 0 && kids.length > 0) atHome = [kids.at(-1)!];
    const wifesParents = this.r.chance(0.15);
    const elderChild = wifesParents ? wife : husband;
    const elderFamily = wifesParents ? this.people.familyName() : family;
    const native = !wifesParents && this.r.chance(0.6);
    const home = this.places.inTown();
    const siblings = this.siblingsOf(elderChild, elderFamily, this.r.int(0, 2));
    const parentsInTown = this.r.chance(native ? 0.85 : 0.4);
    const fatherAlive = this.r.chance(0.55);
    const {
      register: parentsRegister,
      father,
      mother,
    } = this.parentsRegister(
      [elderChild, ...siblings],
      elderFamily,
      { inTown: parentsInTown, honseki: parentsInTown ? home.honseki : this.places.honsekiElsewhere() },
      { father: fatherAlive, mother: !fatherAlive || this.r.chance(0.7) },
    );
    // The elder child married out of the parents' register.
    const childMember = parentsRegister.members.find((m) => m.person === elderChild)!;
    childMember.leftOn = marriedOn;
    childMember.leftReason = '婚姻';
    childMember.marriage = {
      on: marriedOn,
      spouseName: fullName(wifesParents ? husband : wife),
      role: wifesParents ? '妻' : '夫',
      fromHonseki: null,
      fromHittosha: null,
    };
    this.childrenAway(parentsRegister, siblings, home, parentsRegister.compiledOn);
    const inTown = this.r.chance(native ? 0.85 : 0.35);
    const register = this.coupleRegister(husband, wife, marriedOn, kids, {
      inTown,
      honseki: inTown ? home.honseki : this.places.honsekiElsewhere(),
    });
    childMember.newRegister = { honseki: register.honseki, hittosha: fullName(husband) };
    if (!wifesParents) {
      const wifeMember = register.members.find((m) => m.person === wife);
      if (wifeMember?.marriage) wifeMember.marriage.fromHittosha = wife.fatherName;
    } else {
      const wifeMember = register.members.find((m) => m.person === wife);
      if (wifeMember?.marriage) {
        wifeMember.marriage.fromHonseki = parentsRegister.honseki;
        wifeMember.marriage.fromHittosha = fullName(father);
      }
    }
    const elders = [father, mother].filter((p) => p.death === null);
    for (const elder of elders) {
      elder.addresses.length = 0;
      elder.relationship = wifesParents
        ? elder.sex === 'M'
          ? '妻の父'
          : '妻の母'
        : elder.sex === 'M'
          ? '父'
          : '母';
    }
    const formation = this.formationDay(marriedOn);
    const move = this.moveWithinTown(formation);
    const shared = { from: this.places.elsewhere(), fromSince: formation - this.r.int(200, 3000) };
    if (native) {
      // They always lived here: the parents' household became the son's by 世帯主変更.
      const parentsSince = Math.max(parentsRegister.compiledOn, this.yearsAfter(father.birth, 22));
      for (const elder of elders) elder.relationship = elder.sex === 'M' ? '世帯主' : '妻';
      husband.relationship = '子';
      wife.relationship = '子の妻';
      for (const elder of elders)
        this.settle(elder, parentsSince, this.arrivalFrom(elder, parentsSince), home, move);
      this.settle(husband, husband.birth, { how: 'birth' }, home, move);
      this.settle(wife, marriedOn, this.arrivalFrom(wife, marriedOn), home, move);
      for (const kid of atHome) {
        kid.relationship = '孫';
        this.settle(kid, kid.birth, { how: 'birth' }, home, move);
      }
      const handover = this.between(Math.max(marriedOn, this.yearsAfter(husband.birth, 35)), this.today - 1);
      const relabel = (p: Person) =>
        p === husband
          ? '世帯主'
          : p === wife
            ? '妻'
            : p.relationship === '孫'
              ? '子'
              : p.sex === 'M'
                ? '父'
                : '母';
      this.changeHead([...elders, husband, wife, ...atHome], handover, relabel, '世帯主変更');
    } else {
      this.settle(husband, formation, this.arrivalFrom(husband, formation, shared), home, move);
      this.settle(wife, formation, this.arrivalFrom(wife, formation, shared), home, move);
      for (const kid of atHome) {
        this.settle(
          kid,
          Math.max(formation, kid.birth),
          kid.birth >= formation ? { how: 'birth' } : this.arrivalFrom(kid, formation, shared),
          home,
          move,
        );
      }
      const joined = this.between(formation, this.today - 1);
      for (const elder of elders)
        this.settle(
          elder,
          joined,
          this.arrivalFrom(elder, joined),
          home,
          move && joined < move.on ? move : null,
        );
    }
    // Now and then the elder parent died recently and keeps a 除票 in the household.
    const frail = elders.find((e) => this.ageOf(e.birth) > 80);
    if (frail && this.r.chance(0.08) && this.remove(frail, 'deceased', { earliest: this.today - 4 * 365 })) {
      this.markRegisterDeath(parentsRegister, frail);
    }
    this.childrenAway(
      register,
      kids.filter((k) => !atHome.includes(k)),
      home,
      formation,
    );
    const registers = [register, parentsRegister];
    this.assignHonseki(registers);
    return {
      kind: 'three_generation',
      members: [husband, wife, ...atHome, ...elders],
      registers,
      createdOn: Math.min(...[husband, wife, ...elders].map((p) => p.residence!.since)),
    };
  }

  /**
   * 三世代 with the elder as 世帯主: the couple, their married son with his wife
   * and children. With `size` it is one of the rare very large households
   * (8–12 people, four generations).
   */
  private threeGenerationElder(family: NameEntry, size: number): HouseholdPlan {
    const large = size > 0;
    const age = large ? this.r.int(66, 74) : this.ageFrom(ELDER_GENERATION_AGES);
    const head = this.people.japanese('M', this.people.birthForAge(age), family, '世帯主');
    this.withParents(head, family);
    const wife = this.wifeFor(head, family);
    let marriedOn = this.marriageDay(head, wife);
    const kids = this.childrenOf(head, wife, marriedOn, this.r.int(1, 3), family);
    if (kids.length === 0) kids.push(...this.childrenOf(head, wife, marriedOn, 1, family));
    let son = kids.find((k) => k.sex === 'M' && this.ageOf(k.birth) >= 25);
    if (!son) {
      // The eldest becomes the son who stayed; old enough to have married and have children.
      son = kids[0]!;
      son.sex = 'M';
      const latest = this.today - Math.round(25 * YEAR);
      if (son.birth > latest) son.birth = latest - this.r.int(0, 3 * 365);
      if (son.birth <= marriedOn) marriedOn = son.birth - this.r.int(200, 1000);
      son.given = this.people.givenName('M', son.birth);
      this.renumber(kids);
    }
    son.relationship = '子';
    const daughterInLaw = this.wifeFor(son, family);
    daughterInLaw.relationship = '子の妻';
    // A very large family: married young, children close together.
    const sonMarriedOn = large
      ? Math.max(this.yearsAfter(son.birth, 22), this.yearsAfter(daughterInLaw.birth, 20))
      : Math.max(this.marriageDay(son, daughterInLaw), this.yearsAfter(son.birth, 20));
    const grandCount = large ? Math.max(3, size - 5) : this.childCount();
    const grandkids = this.childrenOf(
      son,
      daughterInLaw,
      sonMarriedOn,
      grandCount,
      family,
      large ? [1, 1.8] : undefined,
    );
    for (const g of grandkids) g.relationship = '孫';
    const native = large || this.r.chance(0.75);
    const home = this.places.inTown();
    const inTown = this.r.chance(native ? 0.85 : 0.35);
    const honseki = inTown ? home.honseki : this.places.honsekiElsewhere();
    const headRegister = this.coupleRegister(head, wife, marriedOn, kids, { inTown, honseki });
    const sonRegister = this.coupleRegister(son, daughterInLaw, sonMarriedOn, grandkids, { inTown, honseki });
    const sonMember = headRegister.members.find((m) => m.person === son)!;
    sonMember.leftOn = sonMarriedOn;
    sonMember.leftReason = '婚姻';
    sonMember.marriage = {
      on: sonMarriedOn,
      spouseName: fullName(daughterInLaw),
      role: '夫',
      fromHonseki: null,
      fromHittosha: null,
    };
    sonMember.newRegister = { honseki, hittosha: fullName(son) };
    const registers = [headRegister, sonRegister];

    const wifeAlive = large || this.r.chance(0.75);
    const elders: Person[] = [];
    if (large) {
      // The 世帯主's mother, in her late husband's register.
      const { register, mother } = this.parentsRegister(
        [head],
        family,
        { inTown, honseki },
        { father: false, mother: true },
        [20, 26],
      );
      mother.relationship = '母';
      mother.addresses.length = 0;
      const headMember = register.members.find((m) => m.person === head)!;
      headMember.leftOn = marriedOn;
      headMember.leftReason = '婚姻';
      headMember.marriage = {
        on: marriedOn,
        spouseName: fullName(wife),
        role: '夫',
        fromHonseki: null,
        fromHittosha: null,
      };
      headMember.newRegister = { honseki, hittosha: fullName(head) };
      elders.push(mother);
      registers.push(register);
    }
    const formation = this.formationDay(marriedOn);
    const move = this.moveWithinTown(Math.max(formation, sonMarriedOn));
    const settleJoin = (person: Person, join: Day) =>
      this.settle(
        person,
        join,
        native && join === person.birth ? { how: 'birth' } : this.arrivalFrom(person, join),
        home,
        move && join < move.on ? move : null,
      );
    const since = native ? Math.min(marriedOn, formation) : formation;
    settleJoin(head, native ? head.birth : since);
    for (const elder of elders) settleJoin(elder, since);
    if (wifeAlive) settleJoin(wife, since);
    settleJoin(son, Math.max(son.birth, since));
    settleJoin(daughterInLaw, Math.max(sonMarriedOn, since));
    for (const g of grandkids) settleJoin(g, Math.max(g.birth, since));
    const unmarried = large
      ? []
      : kids.filter((k) => k !== son && this.ageOf(k.birth) < 40 && this.r.chance(0.3));
    for (const k of unmarried) settleJoin(k, Math.max(k.birth, since));
    if (!wifeAlive) {
      const died = this.between(sonMarriedOn, this.today - 60);
      wife.death = died;
      this.livesElsewhere(wife, marriedOn);
      const m = headRegister.members.find((x) => x.person === wife)!;
      m.leftOn = died;
      m.leftReason = '死亡';
    }
    this.childrenAway(
      headRegister,
      kids.filter((k) => k !== son && !unmarried.includes(k)),
      home,
      formation,
    );
    if (!large && this.r.chance(0.04) && this.ageOf(head.birth) > 75 && wifeAlive) {
      // The 世帯主 died recently: the son took over the household.
      if (this.remove(head, 'deceased', { earliest: this.today - 3 * 365 })) {
        this.markRegisterDeath(headRegister, head);
        const on = head.residence!.removedOn!;
        const relabel = (p: Person) =>
          p === son
            ? '世帯主'
            : p === daughterInLaw
              ? '妻'
              : p === wife
                ? '母'
                : p.relationship === '孫'
                  ? '子'
                  : '兄弟姉妹';
        this.changeHead(
          [wife, son, daughterInLaw, ...grandkids, ...unmarried],
          on,
          (p) => {
            const label = relabel(p);
            return label === '兄弟姉妹'
              ? p.sex === 'M'
                ? p.birth < son.birth
                  ? '兄'
                  : '弟'
                : p.birth < son.birth
                  ? '姉'
                  : '妹'
              : label;
          },
          '世帯主死亡',
        );
      }
    }
    this.assignHonseki(registers);
    const members = [
      head,
      ...(wifeAlive ? [wife] : []),
      son,
      daughterInLaw,
      ...unmarried,
      ...grandkids,
      ...elders,
    ];
    return {
      kind: large ? 'large' : 'three_generation',
      members,
      registers,
      createdOn: Math.min(...members.map((p) => p.residence!.since)),
    };
  }

  private siblings(family: NameEntry): HouseholdPlan {
    const age = this.r.int(45, 82);
    const head = this.people.japanese(
      this.r.chance(0.5) ? 'M' : 'F',
      this.people.birthForAge(age),
      family,
      '世帯主',
    );
    const sibling = this.people.japanese(
      this.r.chance(0.5) ? 'M' : 'F',
      head.birth + this.r.int(-2500, 2500),
      family,
      '',
    );
    if (sibling.birth >= this.today) sibling.birth = head.birth + 800;
    sibling.relationship =
      sibling.sex === 'M'
        ? sibling.birth < head.birth
          ? '兄'
          : '弟'
        : sibling.birth < head.birth
          ? '姉'
          : '妹';
    const native = this.r.chance(0.7);
    const home = this.places.inTown();
    const inTown = this.r.chance(native ? 0.85 : 0.3);
    const { register } = this.parentsRegister(
      [head, sibling],
      family,
      { inTown, honseki: inTown ? home.honseki : this.places.honsekiElsewhere() },
      { father: false, mother: age < 60 },
    );
    const formation = native
      ? Math.min(head.birth, sibling.birth)
      : this.formationDay(this.yearsAfter(Math.max(head.birth, sibling.birth), 20));
    for (const p of [head, sibling]) {
      this.settle(
        p,
        native ? p.birth : formation,
        native ? { how: 'birth' } : this.arrivalFrom(p, formation),
        home,
        null,
      );
    }
    const registers = [register];
    this.assignHonseki(registers);
    return {
      kind: 'siblings',
      members: [head, sibling],
      registers,
      createdOn: Math.min(head.residence!.since, sibling.residence!.since),
    };
  }

  private nonRelative(family: NameEntry): HouseholdPlan {
    const young = this.r.chance(0.6);
    const age = young ? this.r.int(20, 34) : this.r.int(45, 80);
    const head = this.people.japanese(
      this.r.chance(0.5) ? 'M' : 'F',
      this.people.birthForAge(age),
      family,
      '世帯主',
    );
    const other = this.people.japanese(
      this.r.chance(0.5) ? 'M' : 'F',
      head.birth + this.r.int(-1800, 1800),
      this.people.familyName(),
      '同居人',
    );
    if (other.birth >= this.today - 18 * 365) other.birth = head.birth;
    const registers: RegisterPlan[] = [];
    for (const p of [head, other]) {
      const { register } = this.parentsRegister(
        [p],
        p.family,
        { inTown: false, honseki: this.places.honsekiElsewhere() },
        { father: true, mother: true },
      );
      registers.push(register);
    }
    const home = this.places.inTown(young ? 0.4 : 0);
    const formation = this.formationDay(this.yearsAfter(Math.max(head.birth, other.birth), 20));
    this.settle(head, formation, this.arrivalFrom(head, formation), home, null);
    const joined = this.between(formation, this.today - 1);
    this.settle(other, joined, this.arrivalFrom(other, joined), home, null);
    this.assignHonseki(registers);
    return { kind: 'non_relative', members: [head, other], registers, createdOn: formation };
  }

  /** A family whose 本籍 is in the town but who live elsewhere: register only, no 住民票. */
  private emigrants(family: NameEntry): HouseholdPlan {
    const husband = this.people.japanese('M', this.people.birthForAge(this.r.int(28, 80)), family, '');
    this.withParents(husband, family);
    const wife = this.wifeFor(husband, family);
    const marriedOn = this.marriageDay(husband, wife);
    const kids = this.childrenOf(
      husband,
      wife,
      marriedOn,
      this.r.chance(0.8) ? this.childCount() : 0,
      family,
    );
    const home = this.places.inTown();
    const register = this.coupleRegister(husband, wife, marriedOn, kids, {
      inTown: true,
      honseki: home.honseki,
    });
    // He grew up in the town and left for work; the family has lived elsewhere since.
    const left = this.yearsAfter(husband.birth, this.r.int(18, 24));
    husband.addresses.push(this.places.stayInTown(home, husband.birth));
    this.livesElsewhere(husband, Math.min(left, marriedOn));
    this.livesElsewhere(wife, marriedOn);
    // The children grew up with them elsewhere; some have since left home or married out.
    const grownUp = kids.filter((k) => this.ageOf(k.birth) >= 24 && this.r.chance(0.5));
    for (const kid of kids) {
      if (!grownUp.includes(kid)) kid.addresses.push({ ...husband.addresses.at(-1)!, since: kid.birth });
    }
    this.childrenAway(register, grownUp, null, marriedOn);
    if (this.ageOf(husband.birth) > 75 && this.r.chance(0.4)) {
      const died = this.between(this.yearsAfter(husband.birth, 70), this.today - 30);
      husband.death = died;
      register.members[0]!.leftOn = died;
      register.members[0]!.leftReason = '死亡';
      if (this.ageOf(wife.birth) > 80 && this.r.chance(0.5)) {
        const hers = this.between(died + 30, this.today - 10);
        if (hers > died) {
          wife.death = hers;
          register.members[1]!.leftOn = hers;
          register.members[1]!.leftReason = '死亡';
        }
      }
    }
    return { kind: 'emigrants', members: [], registers: [register], createdOn: marriedOn };
  }

  // ------------------------------------------------------------------ foreign residents

  private foreigner(
    nationality: Nationality,
    sex: Sex,
    birth: Day,
    relationship: string,
    status: string,
    familyIndex?: number,
  ): Person {
    const familyPart =
      familyIndex === undefined
        ? this.r.pick(nationality.familyNames)
        : nationality.familyNames[familyIndex]!;
    const givenPart = this.r.pick(nationality.givenNames[sex]);
    const person = this.people.japanese(
      sex,
      birth,
      { kanji: familyPart.kanji ?? familyPart.alphabet, kana: familyPart.kana },
      relationship,
    );
    person.given = { kanji: givenPart.kanji ?? givenPart.alphabet, kana: givenPart.kana };
    let tsusho: string | null = null;
    let tsushoKana: string | null = null;
    if (
      nationality.tsushoFamilyNames &&
      (status === '特別永住者' ? this.r.chance(0.65) : this.r.chance(0.05))
    ) {
      const t = this.r.pick(nationality.tsushoFamilyNames);
      const given = this.people.givenName(sex, birth);
      tsusho = `${t.kanji}${NAME_SEPARATOR}${given.kanji}`;
      tsushoKana = `${t.kana}${NAME_SEPARATOR}${given.kana}`;
    }
    person.foreign = {
      nationality,
      alphabetName: `${familyPart.alphabet} ${givenPart.alphabet}`,
      residenceStatus: status,
      periodEnd: this.periodEnd(status),
      tsusho,
      tsushoKana,
    };
    return person;
  }

  private periodEnd(status: string): Day | null {
    if (PERMANENT_STATUSES.has(status)) return null;
    const years = this.r.pick(PERIOD_YEARS[status] ?? [1, 3]);
    return this.today + this.r.int(20, Math.round(years * 365));
  }

  private foreignStatus(nationality: Nationality): string {
    return new WeightedTable(nationality.statuses).sample(this.r);
  }

  /** A foreign wife of a Japanese national (国際結婚): 日本人の配偶者等 or, after years, 永住者. */
  private foreignSpouse(husband: Person, _family: NameEntry): Person {
    const nationality = this.r.pick(
      NATIONALITIES.filter((n) =>
        ['中国', 'フィリピン', '韓国', 'ベトナム', 'ブラジル', '台湾'].includes(n.name),
      ),
    );
    const birth = Math.min(this.today - 20 * 365, husband.birth + this.r.int(0, 12 * 365));
    const wife = this.foreigner(
      nationality,
      'F',
      birth,
      '妻',
      this.r.chance(0.5) ? '日本人の配偶者等' : '永住者',
    );
    return wife;
  }

  /** Foreign spouses arrived before July 2012 became residents on the day of the law. */
  private foreignArrival(person: Person) {
    const residence = person.residence;
    if (!residence || !person.foreign || residence.since >= FOREIGN_REGISTRATION_DAY) return;
    residence.since = FOREIGN_REGISTRATION_DAY;
    const first = residence.events[0];
    if (first && first.type === 'tennyu') {
      residence.events[0] = this.event('shokken_shusei', FOREIGN_REGISTRATION_DAY, {
        reason: '改正住民基本台帳法の施行に伴う外国人住民票の作成',
      });
    }
  }

  private foreignArrivalFor(person: Person, join: Day, abroad: boolean): Arrival {
    const from = abroad ? person.foreign!.nationality.name : this.places.elsewhere();
    const fromSince = this.previousAddressSince(person, join);
    return join < FOREIGN_REGISTRATION_DAY
      ? { how: 'registered_2012', from, fromSince }
      : { how: 'tennyu', from, fromSince };
  }

  private foreignSingle(): HouseholdPlan {
    const nationality = NATIONALITY_TABLE.sample(this.r);
    const status = this.foreignStatus(nationality);
    const sex: Sex = this.r.chance(nationality.femaleShare) ? 'F' : 'M';
    const longTerm =
      status === '特別永住者' || status === '永住者' || status === '定住者' || status === '日本人の配偶者等';
    const age =
      status === '特別永住者' ? this.r.int(35, 90) : longTerm ? this.r.int(30, 70) : this.r.int(19, 36);
    const person = this.foreigner(nationality, sex, this.people.birthForAge(age), '世帯主', status);
    const home = this.places.inTown(0.6);
    if (status === '特別永住者') {
      // Born in Japan; registered as residents in 2012 from the alien registration.
      const since = this.between(this.yearsAfter(person.birth, 20), this.today - 400);
      this.settle(
        person,
        since,
        since < FOREIGN_REGISTRATION_DAY
          ? {
              how: 'registered_2012',
              from: this.places.elsewhere(),
              fromSince: this.previousAddressSince(person, since),
            }
          : {
              how: 'tennyu',
              from: this.places.elsewhere(),
              fromSince: this.previousAddressSince(person, since),
            },
        home,
        null,
      );
    } else {
      const join = longTerm
        ? this.between(this.yearsAfter(person.birth, 20), this.today - 30)
        : this.between(Math.max(this.yearsAfter(person.birth, 18), this.today - 5 * 365), this.today - 14);
      this.settle(
        person,
        join,
        this.foreignArrivalFor(person, join, !longTerm && this.r.chance(0.7)),
        home,
        null,
      );
      if (!longTerm && this.r.chance(0.04)) this.remove(person, 'moved_out', { to: nationality.name });
    }
    return {
      kind: 'foreign_single',
      members: [person],
      registers: [],
      createdOn: person.addresses.find((a) => a.inTown)!.since,
    };
  }

  private foreignFamily(): HouseholdPlan {
    const nationality = new WeightedTable(
      NATIONALITIES.map((n) => [n, n.weight * n.familyShare] as const),
    ).sample(this.r);
    let status = this.foreignStatus(nationality);
    if (status === '留学' || status === '技能実習' || status === '家族滞在')
      status = '技術・人文知識・国際業務';
    const age = this.r.int(27, 55);
    const familyIndex = this.r.int(0, nationality.familyNames.length - 1);
    const husband = this.foreigner(
      nationality,
      'M',
      this.people.birthForAge(age),
      '世帯主',
      status,
      familyIndex,
    );
    const wifeStatus = PERMANENT_STATUSES.has(status) || status === '定住者' ? status : '家族滞在';
    // Many nationalities keep their own family name on marriage; the register shows each as on the passport.
    const keepsName = ['中国', '韓国', '台湾', 'ベトナム'].includes(nationality.name);
    const wife = this.foreigner(
      nationality,
      'F',
      husband.birth + this.r.int(-800, 2500),
      '妻',
      wifeStatus,
      keepsName ? undefined : familyIndex,
    );
    const marriedOn = this.marriageDay(husband, wife);
    const childStatus = PERMANENT_STATUSES.has(status) || status === '定住者' ? status : '家族滞在';
    const kids: Person[] = [];
    let next = this.yearsAfter(marriedOn, 0.5 + this.r.next() * 2);
    for (let i = 0; i < this.r.int(0, 3) && next < this.today - 1; i++) {
      const kid = this.foreigner(
        nationality,
        this.r.chance(0.5) ? 'M' : 'F',
        next,
        '子',
        childStatus,
        familyIndex,
      );
      kids.push(kid);
      next = this.yearsAfter(next, 1.5 + this.r.next() * 3);
    }
    const join = this.between(Math.max(marriedOn, this.yearsAfter(husband.birth, 22)), this.today - 30);
    const home = this.places.inTown(0.4);
    // 特別永住者 were born in Japan; everyone else may come straight from abroad.
    const abroad = status !== '特別永住者' && this.r.chance(0.5);
    const arrival = this.foreignArrivalFor(husband, join, abroad);
    this.settle(husband, join, arrival, home, null);
    this.settle(
      wife,
      join,
      {
        ...arrival,
        fromSince: Math.max(wife.birth, 'fromSince' in arrival ? arrival.fromSince : join),
      } as Arrival,
      home,
      null,
    );
    for (const kid of kids) {
      if (kid.birth >= join) this.settle(kid, kid.birth, { how: 'birth' }, home, null);
      else
        this.settle(
          kid,
          join,
          {
            ...arrival,
            fromSince: Math.max(kid.birth, 'fromSince' in arrival ? arrival.fromSince : join),
          } as Arrival,
          home,
          null,
        );
    }
    return { kind: 'foreign_family', members: [husband, wife, ...kids], registers: [], createdOn: join };
  }
}
