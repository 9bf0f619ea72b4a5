/**
 * 個人住民税 (municipal and prefectural inhabitant tax) as a municipality
 * assesses it, for income earned in 2020 or later (課税年度 2021–). Pure
 * functions: the generator feeds them synthetic incomes, and the figures on a
 * 課税証明書 come out the way a resident would check them against a 源泉徴収票.
 *
 * Simplifications, on purpose: no 障害者控除, no 医療費控除, no 寄附金税額控除
 * (ふるさと納税), no 配当/住宅ローン控除, and the town is in 1級地 for the
 * 非課税限度額.
 */

const floorTo = (value: number, unit: number) => Math.floor(value / unit) * unit;

/**
 * 給与所得 (salary income after 給与所得控除) from 給与等の収入金額, per
 * 所得税法 別表第五 as amended for 令和2年分: below 6.6 million yen the revenue
 * is first rounded down to a multiple of 4,000 yen, which is why the formula
 * has its small table near 1.62 million.
 */
export function salaryIncome(revenue: number): number {
  if (revenue < 551_000) return 0;
  if (revenue < 1_619_000) return revenue - 550_000;
  if (revenue < 1_620_000) return 1_069_000;
  if (revenue < 1_622_000) return 1_070_000;
  if (revenue < 1_624_000) return 1_072_000;
  if (revenue < 1_628_000) return 1_074_000;
  // A = revenue ÷ 4, rounded down to 1,000 yen; kept in thousands so the products stay exact integers.
  const k = Math.floor(revenue / 4000);
  if (revenue < 1_800_000) return k * 2400 + 100_000;
  if (revenue < 3_600_000) return k * 2800 - 80_000;
  if (revenue < 6_600_000) return k * 3200 - 440_000;
  if (revenue < 8_500_000) return Math.floor(revenue * 0.9) - 1_100_000;
  return revenue - 1_950_000;
}

/** 給与所得控除額: what the formula above took off. */
export function salaryDeduction(revenue: number): number {
  return revenue - salaryIncome(revenue);
}

/**
 * 公的年金等に係る雑所得 for a person whose other income is at most 10 million
 * yen (公的年金等控除, 令和2年分以降). `aged65` is the age on 31 December.
 */
export function pensionIncome(revenue: number, aged65: boolean): number {
  let deduction: number;
  if (aged65 && revenue <= 3_300_000) deduction = 1_100_000;
  else if (!aged65 && revenue <= 1_300_000) deduction = 600_000;
  else if (revenue <= 4_100_000) deduction = Math.floor(revenue * 0.25) + 275_000;
  else if (revenue <= 7_700_000) deduction = Math.floor(revenue * 0.15) + 685_000;
  else if (revenue <= 10_000_000) deduction = Math.floor(revenue * 0.05) + 1_455_000;
  else deduction = 1_955_000;
  return Math.max(0, revenue - deduction);
}

/** 基礎控除 (住民税), reduced above 24 million yen of 合計所得金額. */
export function basicDeduction(totalIncome: number): number {
  if (totalIncome <= 24_000_000) return 430_000;
  if (totalIncome <= 24_500_000) return 290_000;
  if (totalIncome <= 25_000_000) return 150_000;
  return 0;
}

export type DependentKind = 'young' | 'general' | 'specific' | 'elderly' | 'elderly_parent';

/** The kind of 扶養親族 by age on 31 December of the income year. */
export function dependentKind(ageAtYearEnd: number, livesWithTaxpayerAsParent: boolean): DependentKind {
  if (ageAtYearEnd < 16) return 'young'; // 年少扶養親族: no deduction since 2012
  if (ageAtYearEnd >= 19 && ageAtYearEnd <= 22) return 'specific';
  if (ageAtYearEnd >= 70) return livesWithTaxpayerAsParent ? 'elderly_parent' : 'elderly';
  return 'general';
}

// 扶養控除 of the 住民税, and the 人的控除額の差 used for 調整控除.
const DEPENDENT_DEDUCTION: Record<DependentKind, number> = {
  young: 0,
  general: 330_000,
  specific: 450_000,
  elderly: 380_000,
  elderly_parent: 450_000,
};
const DEPENDENT_DIFFERENCE: Record<DependentKind, number> = {
  young: 0,
  general: 50_000,
  specific: 180_000,
  elderly: 100_000,
  elderly_parent: 130_000,
};

/** 配偶者控除 / 配偶者特別控除 of the 住民税 for a taxpayer's and a spouse's 合計所得金額. */
export function spouseDeduction(taxpayerIncome: number, spouseIncome: number, spouseAged70: boolean): number {
  if (taxpayerIncome > 10_000_000 || spouseIncome > 1_330_000) return 0;
  // Column by the taxpayer's income: up to 9, 9.5 and 10 million yen.
  const column = taxpayerIncome <= 9_000_000 ? 0 : taxpayerIncome <= 9_500_000 ? 1 : 2;
  if (spouseIncome <= 480_000)
    return (spouseAged70 ? [380_000, 260_000, 130_000] : [330_000, 220_000, 110_000])[column]!;
  for (const [limit, ...amounts] of SPOUSE_SPECIAL) {
    if (spouseIncome <= limit) return amounts[column]!;
  }
  return 0;
}

// 配偶者特別控除 (住民税): the spouse's income ceiling, then the amount per column.
const SPOUSE_SPECIAL: readonly (readonly [number, number, number, number])[] = [
  [1_000_000, 330_000, 220_000, 110_000],
  [1_050_000, 310_000, 210_000, 110_000],
  [1_100_000, 260_000, 180_000, 90_000],
  [1_150_000, 210_000, 140_000, 70_000],
  [1_200_000, 160_000, 110_000, 60_000],
  [1_250_000, 110_000, 80_000, 40_000],
  [1_300_000, 60_000, 40_000, 20_000],
  [1_330_000, 30_000, 20_000, 10_000],
];

export interface TaxInput {
  /** 課税年度 (the income is of the previous calendar year). */
  taxYear: number;
  salaryRevenue: number;
  pensionRevenue: number;
  /** Age on 31 December of the income year. */
  age: number;
  /** 事業所得 and other income already net of expenses. */
  otherIncome: number;
  socialInsurance: number;
  lifeInsurance: number;
  /** The spouse's 合計所得金額 and age, when the taxpayer claims the spouse. */
  spouse?: { income: number; age: number } | undefined;
  dependents: DependentKind[];
  singleParent?: 'mother' | 'father' | undefined;
  widow?: boolean | undefined;
}

export interface TaxResult {
  status: 'assessed' | 'exempt';
  salaryRevenue: number;
  /** 給与所得, after 所得金額調整控除. */
  salaryIncome: number;
  otherIncome: number;
  totalIncome: number;
  deductionsTotal: number;
  taxableIncome: number;
  municipalTax: number;
  prefecturalTax: number;
  dependents: number;
}

/** 均等割 per year: 3,500 + 1,500 yen with the 復興特別税 of 2014–2023, 3,000 + 1,000 yen after. */
export function perCapitaLevy(taxYear: number): { municipal: number; prefectural: number } {
  return taxYear >= 2014 && taxYear <= 2023
    ? { municipal: 3_500, prefectural: 1_500 }
    : { municipal: 3_000, prefectural: 1_000 };
}

export function assessInhabitantTax(input: TaxInput): TaxResult {
  let salary = salaryIncome(input.salaryRevenue);
  const pension = pensionIncome(input.pensionRevenue, input.age >= 65);
  // 所得金額調整控除 for people with both salary and public pension income.
  if (salary > 0 && pension > 0) {
    salary = Math.max(
      0,
      salary - Math.max(0, Math.min(salary, 100_000) + Math.min(pension, 100_000) - 100_000),
    );
  }
  // … and for high salaries with a dependant under 23 (the ceiling is the revenue of 10 million yen).
  if (input.salaryRevenue > 8_500_000 && input.dependents.some((d) => d === 'young' || d === 'specific')) {
    salary = Math.max(0, salary - Math.floor((Math.min(input.salaryRevenue, 10_000_000) - 8_500_000) / 10));
  }
  const otherIncome = pension + input.otherIncome;
  const totalIncome = salary + otherIncome;
  const householdSize =
    1 + (input.spouse && input.spouse.income <= 480_000 ? 1 : 0) + input.dependents.length;
  const dependents = input.dependents.length;

  const base = {
    salaryRevenue: input.salaryRevenue,
    salaryIncome: salary,
    otherIncome,
    totalIncome,
    dependents,
  };

  // 非課税: 均等割 under the 1級地 limit, or ひとり親・寡婦 with at most 1.35 million yen.
  const perCapitaLimit = householdSize === 1 ? 450_000 : 350_000 * householdSize + 100_000 + 210_000;
  const protectedPerson =
    (input.singleParent !== undefined || input.widow === true) && totalIncome <= 1_350_000;
  if (totalIncome <= perCapitaLimit || protectedPerson) {
    return {
      ...base,
      status: 'exempt',
      deductionsTotal: 0,
      taxableIncome: 0,
      municipalTax: 0,
      prefecturalTax: 0,
    };
  }

  let deductions =
    input.socialInsurance + Math.min(input.lifeInsurance, 70_000) + basicDeduction(totalIncome);
  let difference = 50_000; // 基礎控除の差
  if (input.spouse) {
    const amount = spouseDeduction(totalIncome, input.spouse.income, input.spouse.age >= 70);
    deductions += amount;
    if (amount > 0 && input.spouse.income <= 480_000) difference += input.spouse.age >= 70 ? 100_000 : 50_000;
    else if (amount > 0 && input.spouse.income < 500_000) difference += 50_000;
    else if (amount > 0 && input.spouse.income < 550_000) difference += 30_000;
  }
  for (const kind of input.dependents) {
    deductions += DEPENDENT_DEDUCTION[kind];
    difference += DEPENDENT_DIFFERENCE[kind];
  }
  if (input.singleParent && totalIncome <= 5_000_000) {
    deductions += 300_000;
    difference += input.singleParent === 'mother' ? 50_000 : 10_000;
  } else if (input.widow && totalIncome <= 5_000_000) {
    deductions += 260_000;
    difference += 10_000;
  }
  deductions = Math.min(deductions, totalIncome);
  const taxable = floorTo(Math.max(0, totalIncome - deductions), 1_000);

  // 所得割 is not levied under the (higher) 所得割 limit.
  const incomeLevyLimit = householdSize === 1 ? 450_000 : 350_000 * householdSize + 100_000 + 320_000;
  let municipalIncomeLevy = 0;
  let prefecturalIncomeLevy = 0;
  if (totalIncome > incomeLevyLimit) {
    let adjustment = 0; // 調整控除, before the 3:2 split
    if (totalIncome <= 25_000_000) {
      adjustment =
        taxable <= 2_000_000
          ? Math.min(difference, taxable) * 0.05
          : Math.max((difference - (taxable - 2_000_000)) * 0.05, 2_500);
    }
    municipalIncomeLevy = floorTo(Math.max(0, taxable * 0.06 - adjustment * 0.6), 100);
    prefecturalIncomeLevy = floorTo(Math.max(0, taxable * 0.04 - adjustment * 0.4), 100);
  }
  const levy = perCapitaLevy(input.taxYear);
  return {
    ...base,
    status: 'assessed',
    deductionsTotal: deductions,
    taxableIncome: taxable,
    municipalTax: municipalIncomeLevy + levy.municipal,
    prefecturalTax: prefecturalIncomeLevy + levy.prefectural,
  };
}
