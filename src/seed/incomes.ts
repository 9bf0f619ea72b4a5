import { ageOn, type Day, dayFromYmd } from './dates.js';
import type { Person } from './people.js';
import type { Random } from './random.js';
import { assessInhabitantTax, type DependentKind, dependentKind, type TaxResult } from './tax.js';

/**
 * Synthetic incomes for the 課税台帳: who works, how much, who draws a
 * pension, and who claims whom as 配偶者 or 扶養親族. Figures follow the shape
 * of the 民間給与実態統計調査 (salaries rising to the early fifties, women's
 * lower on average with many part-timers below the 1.03/1.3 million-yen lines)
 * without pretending to be a statistic.
 */

type Work = 'regular' | 'part' | 'self' | 'student' | 'none';

export interface IncomeProfile {
  work: Work;
  /** Median-relative level for this person (log-normal draw), stable across years. */
  level: number;
  pension: boolean;
  lifeInsurance: number;
  /** A year-to-year wobble seed. */
  wobble: number;
}

const MEN_SALARY: [number, number][] = [
  [20, 2_600_000],
  [25, 3_900_000],
  [30, 4_500_000],
  [35, 5_100_000],
  [40, 5_600_000],
  [45, 6_000_000],
  [50, 6_400_000],
  [55, 6_300_000],
  [60, 4_600_000],
  [65, 3_200_000],
  [70, 2_600_000],
];

function medianSalary(age: number, sex: 'M' | 'F'): number {
  let value = MEN_SALARY[0]![1];
  for (const [from, amount] of MEN_SALARY) if (age >= from) value = amount;
  return sex === 'M' ? value : value * 0.74;
}

const FOREIGN_WORKER_STATUSES = new Set(['技能実習', '特定技能', '技能']);

export function incomeProfile(person: Person, random: Random, today: Day): IncomeProfile {
  const age = ageOn(person.birth, today);
  const status = person.foreign?.residenceStatus;
  const x = random.next();
  let work: Work;
  if (status === '留学') work = x < 0.75 ? 'student' : 'none';
  else if (status && FOREIGN_WORKER_STATUSES.has(status)) work = 'regular';
  else if (status === '家族滞在') work = x < 0.4 ? 'part' : 'none';
  else if (age < 23) work = x < 0.55 ? 'student' : x < 0.85 ? 'regular' : 'none';
  else if (person.sex === 'M') {
    if (age < 60) work = x < 0.8 ? 'regular' : x < 0.88 ? 'self' : x < 0.94 ? 'part' : 'none';
    else if (age < 65) work = x < 0.5 ? 'regular' : x < 0.7 ? 'part' : x < 0.78 ? 'self' : 'none';
    else if (age < 75) work = x < 0.3 ? 'part' : x < 0.4 ? 'self' : 'none';
    else work = x < 0.05 ? 'self' : 'none';
  } else if (age < 60) work = x < 0.45 ? 'regular' : x < 0.8 ? 'part' : x < 0.84 ? 'self' : 'none';
  else if (age < 65) work = x < 0.2 ? 'regular' : x < 0.55 ? 'part' : 'none';
  else if (age < 75) work = x < 0.2 ? 'part' : 'none';
  else work = 'none';
  return {
    work,
    level: Math.exp(random.normal(0, 0.35)),
    pension: age >= 60 && random.chance(age >= 65 ? 0.96 : 0.2),
    lifeInsurance: random.chance(0.5) ? random.int(10, 70) * 1000 : 0,
    wobble: random.nextUint32(),
  };
}

export interface YearIncome {
  salaryRevenue: number;
  pensionRevenue: number;
  otherIncome: number;
  socialInsurance: number;
  lifeInsurance: number;
  /** Age on 31 December of the income year. */
  age: number;
}

/** Round to 1,000 yen, as payslips and 源泉徴収票 totals usually land. */
const yen1000 = (value: number) => Math.max(0, Math.round(value / 1000) * 1000);

/** What a person earned in a calendar year (the income behind 課税年度 year + 1). */
export function incomeInYear(person: Person, profile: IncomeProfile, year: number): YearIncome {
  const age = ageOn(person.birth, dayFromYmd(year, 12, 31));
  // ±4 % from year to year, the same for the same person and year on every run.
  const wobble = 1 + ((((profile.wobble ^ Math.imul(year, 0x9e3779b1)) >>> 0) % 801) - 400) / 10_000;
  let salaryRevenue = 0;
  let otherIncome = 0;
  let socialInsurance = 0;
  if (age >= 15) {
    switch (profile.work) {
      case 'regular':
        salaryRevenue = yen1000(medianSalary(age, person.sex) * profile.level * wobble);
        if (person.foreign && FOREIGN_WORKER_STATUSES.has(person.foreign.residenceStatus)) {
          salaryRevenue = yen1000(2_500_000 * Math.min(profile.level, 1.3) * wobble);
        }
        socialInsurance = Math.round(salaryRevenue * 0.15);
        break;
      case 'part':
        // Many stay under the 1.03 / 1.3 million-yen lines on purpose.
        salaryRevenue = yen1000(Math.min(1_290_000, 700_000 + 500_000 * profile.level) * wobble);
        socialInsurance = salaryRevenue >= 1_060_000 ? Math.round(salaryRevenue * 0.15) : 0;
        break;
      case 'student':
        salaryRevenue = yen1000(Math.min(1_020_000, 450_000 * profile.level) * wobble);
        break;
      case 'self':
        otherIncome = yen1000(2_800_000 * profile.level * wobble);
        socialInsurance = Math.round(otherIncome * 0.12 + 200_000);
        break;
      case 'none':
        break;
    }
  }
  let pensionRevenue = 0;
  if (profile.pension && age >= 60) {
    const base = person.sex === 'M' ? 1_900_000 : 1_050_000;
    pensionRevenue = yen1000(base * Math.min(1.8, profile.level) * (age >= 65 ? 1 : 0.6));
    socialInsurance += Math.round(pensionRevenue * 0.08);
  }
  return {
    salaryRevenue,
    pensionRevenue,
    otherIncome,
    socialInsurance,
    lifeInsurance: salaryRevenue + otherIncome > 1_500_000 ? profile.lifeInsurance : 0,
    age,
  };
}

export interface HouseholdMemberIncome {
  person: Person;
  income: YearIncome;
  /** 合計所得金額 before any claim, to decide who can be claimed. */
  total: number;
}

/**
 * Assesses a household for one 課税年度: the highest earner claims the spouse
 * and every other member with at most 480,000 yen of 合計所得 as 扶養親族; a
 * 世帯主 raising children alone gets ひとり親控除.
 */
export function assessHousehold(
  taxYear: number,
  members: HouseholdMemberIncome[],
  relationOf: (person: Person) => string,
): Map<Person, TaxResult> {
  const results = new Map<Person, TaxResult>();
  if (members.length === 0) return results;
  const main = members.reduce((a, b) => (b.total > a.total ? b : a));
  const mainRelation = relationOf(main.person);
  const spouse = members.find((m) => {
    if (m === main) return false;
    const relation = relationOf(m.person);
    if (mainRelation === '世帯主') return relation === '妻' || relation === '夫';
    if (relation === '世帯主') return mainRelation === '妻' || mainRelation === '夫';
    return false;
  });
  const dependents: DependentKind[] = [];
  const claimed = new Set<HouseholdMemberIncome>();
  for (const m of members) {
    if (m === main || m === spouse || m.total > 480_000) continue;
    const relation = relationOf(m.person);
    const parent = ['父', '母', '妻の父', '妻の母'].includes(relation);
    dependents.push(dependentKind(m.income.age, parent));
    claimed.add(m);
  }
  const hasChildDependent = members.some(
    (m) => claimed.has(m) && (relationOf(m.person) === '子' || relationOf(m.person) === '孫'),
  );
  for (const m of members) {
    const isMain = m === main;
    const input = {
      taxYear,
      ...m.income,
      spouse:
        isMain && spouse && spouse.total <= 1_330_000
          ? { income: spouse.total, age: spouse.income.age }
          : undefined,
      dependents: isMain ? dependents : [],
      singleParent:
        isMain && !spouse && hasChildDependent && relationOf(m.person) === '世帯主'
          ? m.person.sex === 'F'
            ? ('mother' as const)
            : ('father' as const)
          : undefined,
    };
    results.set(m.person, assessInhabitantTax(input));
  }
  return results;
}

/** 合計所得金額 of a year's income, before deductions (for deciding who can be claimed). */
export function totalIncomeOf(income: YearIncome): number {
  return assessInhabitantTax({ taxYear: 2025, ...income, dependents: [] }).totalIncome;
}
