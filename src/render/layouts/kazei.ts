/**
 * 課税（非課税）証明書: the tax year, the person, the income of the previous year
 * line by line beside the deductions, the taxable income and the taxes. When the
 * person is not taxed the tax lines say 非課税 instead of amounts.
 */
import { formatEraYear } from '../../domain/japanese-era.js';
import type { Amount, KazeiDocument } from '../model.js';
import { TITLES } from '../model.js';
import type { Block, CertificateLayout, Row } from '../page.js';
import { type Cell, gridRow, label, value, yen } from '../table.js';
import type { Typesetter } from '../text.js';
import { era, fullName, LABEL_WIDTH } from './common.js';

const AMOUNT_WIDTH = 100;
const ITEM_WIDTH = 252.64 - AMOUNT_WIDTH;

export function kazeiLayout(ts: Typesetter, doc: KazeiDocument): CertificateLayout {
  const exempt = doc.status === 'exempt';
  const header: Row[] = [
    gridRow(ts, [
      label('課税年度', LABEL_WIDTH),
      value(`${formatEraYear(doc.taxYear)}度（${formatEraYear(doc.taxYear - 1)}中の所得）`),
    ]),
  ];
  const person: Row[] = [
    gridRow(ts, [label('住所', LABEL_WIDTH), value(doc.person.address)]),
    gridRow(
      ts,
      [
        label('氏名', LABEL_WIDTH),
        value(fullName(doc.person.name), 174.64, {
          noWrap: true,
          size: 11,
          ruby: doc.person.kana ? fullName(doc.person.kana) : undefined,
        }),
        label('生年月日', LABEL_WIDTH),
        value(era(doc.person.birthDate)),
      ],
      { minHeight: 30 },
    ),
  ];

  const amountCell = (a: Amount | undefined): Cell =>
    value(a ? yen(a.amount) : '', AMOUNT_WIDTH, { align: 'right', noWrap: true });
  const itemCell = (a: Amount | undefined): Cell => value(a?.label ?? '', ITEM_WIDTH);
  const income: Row[] = [
    gridRow(
      ts,
      [
        label('所得の種類', ITEM_WIDTH, { align: 'center' }),
        label('金額', AMOUNT_WIDTH),
        label('所得控除の種類', ITEM_WIDTH, { align: 'center' }),
        label('金額', AMOUNT_WIDTH),
      ],
      {
        minHeight: 16,
      },
    ),
  ];
  const count = Math.max(doc.incomes.length, doc.deductions.length);
  for (let i = 0; i < count; i++) {
    const inc = doc.incomes[i];
    const ded = doc.deductions[i];
    income.push(
      gridRow(ts, [itemCell(inc), amountCell(inc), itemCell(ded), amountCell(ded)], { minHeight: 18 }),
    );
  }
  income.push(
    gridRow(ts, [
      label('合計所得金額', ITEM_WIDTH, { align: 'center' }),
      amountCell({ label: '', amount: doc.totalIncome }),
      label('所得控除額合計', ITEM_WIDTH, { align: 'center' }),
      amountCell({ label: '', amount: doc.deductionsTotal }),
    ]),
  );
  income.push(
    gridRow(ts, [
      label('課税標準額', ITEM_WIDTH, { align: 'center' }),
      amountCell({ label: '', amount: doc.taxableIncome }),
      label('扶養親族数', ITEM_WIDTH, { align: 'center' }),
      value(doc.dependents === undefined ? '' : `${doc.dependents}人`, AMOUNT_WIDTH, { align: 'right' }),
    ]),
  );

  const taxes: Row[] = [];
  if (exempt) {
    taxes.push(
      gridRow(ts, [label('税額', LABEL_WIDTH), value('非課税', 0, { size: 14, align: 'center' })], {
        minHeight: 30,
      }),
    );
  } else {
    taxes.push(
      gridRow(
        ts,
        [
          label('税目', ITEM_WIDTH, { align: 'center' }),
          label('税額', AMOUNT_WIDTH),
          label('税目', ITEM_WIDTH, { align: 'center' }),
          label('税額', AMOUNT_WIDTH),
        ],
        { minHeight: 16 },
      ),
    );
    for (let i = 0; i < doc.taxes.length; i += 2) {
      taxes.push(
        gridRow(
          ts,
          [
            itemCell(doc.taxes[i]),
            amountCell(doc.taxes[i]),
            itemCell(doc.taxes[i + 1]),
            amountCell(doc.taxes[i + 1]),
          ],
          { minHeight: 18 },
        ),
      );
    }
    const total = doc.taxes.reduce((sum, t) => sum + t.amount, 0);
    taxes.push(
      gridRow(ts, [label('税額合計', 0, { align: 'center' }), amountCell({ label: '', amount: total })]),
    );
  }
  const blocks: Block[] = [{ rows: person }, { rows: income }, { rows: taxes }];
  if (doc.remarks && doc.remarks.length > 0) {
    blocks.push({ rows: [gridRow(ts, [label('備考', LABEL_WIDTH), { width: 0, lines: doc.remarks }])] });
  }
  return { title: TITLES[doc.kind], titleNote: exempt ? '非課税' : undefined, header, blocks };
}
