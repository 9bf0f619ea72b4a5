/**
 * 戸籍の附票の写し: the register's 本籍 and 筆頭者 on every page, then for each
 * member their name and the history of their addresses with 住所を定めた年月日.
 */
import type { FuhyoDocument, FuhyoMember } from '../model.js';
import { TITLES } from '../model.js';
import type { Block, CertificateLayout, Row } from '../page.js';
import { gridRow, label, sexLabel, value } from '../table.js';
import type { Typesetter } from '../text.js';
import { era, fullName, LABEL_WIDTH } from './common.js';

const DATE_WIDTH = 140;

export function fuhyoLayout(ts: Typesetter, doc: FuhyoDocument): CertificateLayout {
  const header: Row[] = [
    gridRow(ts, [label('本籍', LABEL_WIDTH), value(doc.honseki)]),
    gridRow(ts, [label('筆頭者', LABEL_WIDTH), value(fullName(doc.name), 0, { noWrap: true })]),
  ];
  const blocks: Block[] = doc.members.map((m) => ({ rows: memberRows(ts, m), keep: 3 }));
  return { title: TITLES[doc.kind], header, blocks };
}

function memberRows(ts: Typesetter, m: FuhyoMember): Row[] {
  const nameCells = [
    label('氏名', LABEL_WIDTH),
    value(fullName(m.name), 0, { noWrap: true, size: 11 }),
    label('生年月日', 60),
    value(era(m.birthDate), 110),
    label('性別', 34),
    value(sexLabel(m.sex), 30, { align: 'center' }),
  ];
  if (m.removed) nameCells.push(value('消除', 36, { align: 'center', size: 9 }));
  const rows: Row[] = [gridRow(ts, nameCells, { minHeight: 24 })];
  rows.push(
    gridRow(ts, [label('住所', 0, { align: 'center' }), label('住所を定めた年月日', DATE_WIDTH)], {
      minHeight: 16,
    }),
  );
  for (const entry of m.addresses) {
    rows.push(gridRow(ts, [value(entry.address), value(era(entry.since), DATE_WIDTH)]));
  }
  return rows;
}
