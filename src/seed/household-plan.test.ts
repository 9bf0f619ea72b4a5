import { describe, expect, it } from 'vitest';
import { AddressFactory } from './addresses.js';
import { addYears, dayFromIso, isoFromDay } from './dates.js';
import { type HouseholdPlan, HouseholdPlanner } from './household-plan.js';
import { PeopleFactory, type Person } from './people.js';
import { Random } from './random.js';
import { townProfile } from './town.js';

const TODAY = dayFromIso('2025-06-15');

function planner(seed: number) {
  const random = new Random(seed, 'test');
  return new HouseholdPlanner(
    random,
    new PeopleFactory(random, TODAY),
    new AddressFactory(random, townProfile('999997')),
    TODAY,
  );
}

/** Every way a planned household can contradict itself, as readable messages. */
function problems(plan: HouseholdPlan): string[] {
  const out: string[] = [];
  const say = (person: Person, what: string) =>
    out.push(
      `${plan.kind}: ${person.family.kanji}${person.given.kanji} (${isoFromDay(person.birth)}) ${what}`,
    );
  const active = plan.members.filter((p) => p.residence?.status === 'active');
  if (active.length > 0 && active.filter((p) => p.relationship === '世帯主').length !== 1) {
    out.push(`${plan.kind}: ${active.filter((p) => p.relationship === '世帯主').length} active heads`);
  }
  if (plan.createdOn > TODAY) out.push(`${plan.kind}: household created in the future`);
  for (const person of plan.members) {
    const residence = person.residence;
    if (!residence) {
      say(person, 'is a member without a residence');
      continue;
    }
    if (person.birth > TODAY) say(person, 'is born in the future');
    if (TODAY - person.birth > 110 * 366) say(person, 'is older than 110');
    if (residence.since > TODAY) say(person, 'became a resident in the future');
    if (!person.foreign && residence.since < person.birth) say(person, 'became a resident before birth');
    let last = person.birth;
    for (const event of [...residence.events].sort((a, b) => a.date - b.date)) {
      if (event.date > TODAY) say(person, `has a ${event.type} in the future`);
      if (event.date < person.birth) say(person, `has a ${event.type} before birth`);
      if (event.notified !== null && event.notified < event.date)
        say(person, `notified ${event.type} before it happened`);
      last = Math.max(last, event.date);
    }
    if (residence.status !== 'active') {
      if (residence.removedOn === null || residence.removedOn !== last)
        say(person, 'left without a last event');
    }
    const stays = person.addresses;
    for (let i = 1; i < stays.length; i++) {
      if (stays[i]!.since < stays[i - 1]!.since) say(person, 'has addresses out of order');
    }
    if (stays.at(-1)!.since > TODAY) say(person, 'moves in the future');
    if (!stays.some((s) => s.inTown)) say(person, 'never lived in the town');
    if (!person.foreign && (!person.honseki || !person.hittosha)) say(person, 'has no 本籍 or 筆頭者');
    if (person.foreign && person.honseki) say(person, 'is foreign with a 本籍');
  }
  for (const register of plan.registers) {
    if (register.compiledOn > TODAY) out.push(`${plan.kind}: register compiled in the future`);
    if (register.transfer && register.transfer.on > TODAY)
      out.push(`${plan.kind}: register transferred in the future`);
    if (register.members[0]?.person !== register.head)
      out.push(`${plan.kind}: 筆頭者 is not the first member`);
    for (const m of register.members) {
      const p = m.person;
      if (m.enteredOn < p.birth) say(p, 'entered a register before birth');
      if (m.enteredOn > TODAY) say(p, 'entered a register in the future');
      if (m.leftOn !== null && (m.leftOn < m.enteredOn || m.leftOn > TODAY))
        say(p, 'left a register at an impossible time');
      if (m.marriage && m.marriage.on < addYears(p.birth, 16)) say(p, 'married before 16');
      if (m.marriage && m.marriage.on > TODAY) say(p, 'married in the future');
      if (p.death !== null && p.death < p.birth) say(p, 'died before birth');
      if (p.addresses.length === 0 && register.inTown) say(p, 'has no address for the 附票');
    }
  }
  return out;
}

describe('HouseholdPlanner', () => {
  it.each([1, 2, 3])('plans households that never contradict themselves (seed %i)', (seed) => {
    const p = planner(seed);
    const found: string[] = [];
    for (let i = 0; i < 6000; i++) found.push(...problems(p.plan()));
    expect(found.slice(0, 20)).toEqual([]);
  });

  it.each([
    'single',
    'couple',
    'nuclear',
    'single_parent',
    'three_generation',
    'siblings',
    'non_relative',
    'large',
    'foreign_single',
    'foreign_family',
  ] as const)('plans %s households consistently', (kind) => {
    const p = planner(9);
    const found: string[] = [];
    for (let i = 0; i < 400; i++) found.push(...problems(p.plan({ kind })));
    expect(found.slice(0, 20)).toEqual([]);
  });

  it('makes the very large households 8 to 12 people', () => {
    const p = planner(4);
    for (let i = 0; i < 50; i++) {
      const size = p.plan({ kind: 'large' }).members.filter((m) => m.residence?.status === 'active').length;
      expect(size).toBeGreaterThanOrEqual(8);
      expect(size).toBeLessThanOrEqual(12);
    }
  });

  it('is deterministic for a seed', () => {
    const a = planner(5);
    const b = planner(5);
    for (let i = 0; i < 200; i++) {
      const [x, y] = [a.plan(), b.plan()];
      expect(
        x.members.map((m) => [m.family.kanji, m.given.kanji, m.birth, m.addresses.at(-1)?.address]),
      ).toEqual(y.members.map((m) => [m.family.kanji, m.given.kanji, m.birth, m.addresses.at(-1)?.address]));
    }
  });
});
