import { describe, expect, it } from 'vitest';
import { assessInhabitantTax, pensionIncome, salaryIncome, spouseDeduction } from './tax.js';

describe('salaryIncome (給与所得, 別表第五)', () => {
  it.each([
    [0, 0],
    [550_999, 0],
    [551_000, 1_000],
    [1_000_000, 450_000],
    [1_618_999, 1_068_999],
    [1_619_000, 1_069_000],
    [1_625_000, 1_074_000],
    [1_628_000, 1_076_800],
    [3_000_000, 2_020_000],
    [3_003_999, 2_020_000], // the 4,000-yen rounding
    [5_000_000, 3_560_000],
    [8_000_000, 6_100_000],
    [10_000_000, 8_050_000],
  ])('revenue %i → %i', (revenue, income) => {
    expect(salaryIncome(revenue)).toBe(income);
  });

  it('never decreases as revenue grows', () => {
    let last = 0;
    for (let revenue = 0; revenue <= 12_000_000; revenue += 1_000) {
      const income = salaryIncome(revenue);
      expect(income).toBeGreaterThanOrEqual(last);
      last = income;
    }
  });
});

describe('pensionIncome (公的年金等控除)', () => {
  it('takes 1.1 million off at 65 and 0.6 million before', () => {
    expect(pensionIncome(2_000_000, true)).toBe(900_000);
    expect(pensionIncome(1_000_000, false)).toBe(400_000);
    expect(pensionIncome(1_000_000, true)).toBe(0);
  });
  it('is continuous at the bracket edges', () => {
    for (const edge of [1_300_000, 3_300_000, 4_100_000, 7_700_000, 10_000_000]) {
      for (const aged of [true, false]) {
        expect(Math.abs(pensionIncome(edge + 1, aged) - pensionIncome(edge, aged))).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('spouseDeduction', () => {
  it('follows the 住民税 table', () => {
    expect(spouseDeduction(5_000_000, 0, false)).toBe(330_000);
    expect(spouseDeduction(5_000_000, 0, true)).toBe(380_000);
    expect(spouseDeduction(9_200_000, 0, true)).toBe(260_000);
    expect(spouseDeduction(5_000_000, 1_020_000, false)).toBe(310_000);
    expect(spouseDeduction(5_000_000, 1_400_000, false)).toBe(0);
    expect(spouseDeduction(11_000_000, 0, false)).toBe(0);
  });
});

describe('assessInhabitantTax', () => {
  const base = {
    taxYear: 2025,
    pensionRevenue: 0,
    age: 40,
    otherIncome: 0,
    lifeInsurance: 0,
    dependents: [],
  };

  it('assesses a single employee earning 3 million yen', () => {
    const result = assessInhabitantTax({ ...base, salaryRevenue: 3_000_000, socialInsurance: 432_000 });
    // 給与所得 2,020,000 − (432,000 + 430,000) = 1,158,000; 調整控除 2,500 split 1,500 / 1,000.
    expect(result).toMatchObject({
      status: 'assessed',
      salaryIncome: 2_020_000,
      totalIncome: 2_020_000,
      deductionsTotal: 862_000,
      taxableIncome: 1_158_000,
      municipalTax: 67_900 + 3_000,
      prefecturalTax: 45_300 + 1_000,
    });
  });

  it('charges the 復興特別税 per-capita levy before 2024', () => {
    const result = assessInhabitantTax({
      ...base,
      taxYear: 2023,
      salaryRevenue: 3_000_000,
      socialInsurance: 432_000,
    });
    expect(result.municipalTax).toBe(67_900 + 3_500);
    expect(result.prefecturalTax).toBe(45_300 + 1_500);
  });

  it('exempts low incomes, more with dependants', () => {
    expect(assessInhabitantTax({ ...base, salaryRevenue: 1_000_000, socialInsurance: 0 }).status).toBe(
      'exempt',
    );
    expect(assessInhabitantTax({ ...base, salaryRevenue: 1_100_000, socialInsurance: 0 }).status).toBe(
      'assessed',
    );
    const family = assessInhabitantTax({
      ...base,
      salaryRevenue: 1_600_000,
      socialInsurance: 0,
      spouse: { income: 0, age: 38 },
      dependents: ['young', 'young'],
    });
    expect(family.status).toBe('exempt');
    expect(family.dependents).toBe(2);
  });

  it('exempts a single parent up to 1.35 million yen of income', () => {
    const result = assessInhabitantTax({
      ...base,
      salaryRevenue: 1_900_000,
      socialInsurance: 0,
      singleParent: 'mother',
    });
    expect(result.totalIncome).toBeLessThanOrEqual(1_350_000);
    expect(result.status).toBe('exempt');
  });

  it('levies only the per-capita part between the two limits', () => {
    // With a spouse: 均等割 limit 35万×2+10万+21万 = 1,010,000; 所得割 limit 35万×2+10万+32万 = 1,120,000.
    const withSpouse = (salaryRevenue: number) =>
      assessInhabitantTax({ ...base, salaryRevenue, socialInsurance: 0, spouse: { income: 0, age: 40 } });
    expect(withSpouse(1_550_000)).toMatchObject({
      totalIncome: 1_000_000,
      status: 'exempt',
      municipalTax: 0,
    });
    expect(withSpouse(1_700_000)).toMatchObject({
      totalIncome: 1_120_000,
      status: 'assessed',
      municipalTax: 3_000,
      prefecturalTax: 1_000,
    });
    expect(withSpouse(1_750_000).municipalTax).toBeGreaterThan(3_000);
  });
});
