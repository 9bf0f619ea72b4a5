import type { z } from 'zod';
import { defineColumns, type FileSpec } from './columns.js';
import { amount, choice, id, reject, taxYear } from './fields.js';

/** 住民税課税台帳: one row per person and tax year; amounts in yen, blank is 0. */
const { columns, object } = defineColumns({
  resident_id: ['宛名番号', true, id()],
  tax_year: ['課税年度', true, taxYear()],
  status: ['課税区分', true, choice({ assessed: ['課税'], exempt: ['非課税'], undeclared: ['未申告'] })],
  salary_income: ['給与収入', false, amount()],
  salary_deduction_net: ['給与所得', false, amount()],
  other_income: ['その他の所得', false, amount()],
  total_income: ['合計所得金額', false, amount()],
  deductions_total: ['所得控除合計', false, amount()],
  taxable_income: ['課税標準額', false, amount()],
  municipal_tax: ['市町村民税', false, amount()],
  prefectural_tax: ['道府県民税', false, amount()],
  dependents: ['扶養人数', false, amount({ max: 99 })],
});

const schema = object.superRefine((row, ctx) => {
  if (row.status !== 'assessed') {
    // No tax is levied on 非課税 or 未申告 rows; 未申告 has no income figures either.
    for (const key of ['municipal_tax', 'prefectural_tax'] as const) {
      if (row[key] !== 0) {
        reject(
          ctx,
          { ja: '課税区分が課税でない行の税額は0です。', en: 'a row that is not assessed has no tax.' },
          [key],
        );
      }
    }
    if (row.status === 'undeclared' && row.total_income !== 0) {
      reject(ctx, { ja: '未申告の行に所得額があります。', en: 'an undeclared row has an income figure.' }, [
        'total_income',
      ]);
    }
  }
  if (row.taxable_income > row.total_income) {
    reject(
      ctx,
      { ja: '課税標準額が合計所得金額を超えています。', en: 'the taxable income exceeds the total income.' },
      ['taxable_income'],
    );
  }
});

export type TaxRow = z.output<typeof schema>;

export const taxFile: FileSpec<TaxRow> = { kind: 'tax', columns, schema };
