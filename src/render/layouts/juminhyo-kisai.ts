/**
 * 住民票記載事項証明書: for each person, only the items that were asked for, in a
 * two-column table, then the statement that certifies them (with the 提出先 and
 * 使用目的 when given).
 */
import type { Canvas } from '../canvas.js';
import type { JuminhyoKisaiDocument, JuminhyoMember, KisaiItem } from '../model.js';
import { TITLES } from '../model.js';
import type { Block, CertificateLayout, Row } from '../page.js';
import { type Cell, gridRow, label, sexLabel, value } from '../table.js';
import type { Typesetter } from '../text.js';
import { datedEvent, era, fullName, gregorian } from './common.js';
import { nameCell } from './juminhyo.js';

const KISAI_LABEL_WIDTH = 120;

const ITEM_LABELS: Record<KisaiItem, string> = {
  name: '氏名',
  kana: 'ふりがな',
  birthDate: '生年月日',
  sex: '性別',
  relationship: '続柄',
  address: '住所',
  residentSince: '住民となった年月日',
  addressSince: '住所を定めた年月日',
  previousAddress: '前住所',
  honseki: '本籍・筆頭者',
  juminhyoCode: '住民票コード',
  myNumber: '個人番号',
  nationality: '国籍・地域',
  residenceStatus: '在留資格',
};

export function juminhyoKisaiLayout(ts: Typesetter, doc: JuminhyoKisaiDocument): CertificateLayout {
  const blocks: Block[] = doc.members.map((m) => ({
    rows: doc.items
      .filter((item) => item !== 'kana' || !doc.items.includes('name'))
      .map((item) => gridRow(ts, [label(ITEM_LABELS[item], KISAI_LABEL_WIDTH), itemCell(doc, m, item)])),
  }));
  return { title: TITLES[doc.kind], header: [], blocks, closing: [statementRow(ts, doc)] };
}

function itemCell(doc: JuminhyoKisaiDocument, m: JuminhyoMember, item: KisaiItem): Cell {
  const date = m.foreign ? gregorian : era;
  switch (item) {
    case 'name':
      return { ...nameCell(doc.items.includes('kana') ? m : { ...m, kana: undefined }, 0) };
    case 'kana':
      return value(m.kana ? fullName(m.kana) : '', 0, { noWrap: true });
    case 'birthDate':
      return value(date(m.birthDate));
    case 'sex':
      return value(sexLabel(m.sex));
    case 'relationship':
      return value(m.relationship);
    case 'address': {
      const address = m.address ?? doc.household.address;
      const katagaki = m.address ? m.katagaki : doc.household.katagaki;
      return { width: 0, lines: katagaki ? [address, katagaki] : [address] };
    }
    case 'residentSince':
      return value(m.foreign ? gregorian(m.residentSince?.date) : datedEvent(m.residentSince));
    case 'addressSince':
      return value(m.foreign ? gregorian(m.addressSince?.date) : datedEvent(m.addressSince));
    case 'previousAddress':
      return value(m.previousAddress);
    case 'honseki':
      return { width: 0, lines: m.honseki ? [m.honseki.address, `筆頭者　${m.honseki.hittosha}`] : [''] };
    case 'juminhyoCode':
      return value(m.juminhyoCode, 0, { noWrap: true });
    case 'myNumber':
      return value(m.myNumber, 0, { noWrap: true });
    case 'nationality':
      return value(m.foreign?.nationality);
    case 'residenceStatus':
      return value(m.foreign?.residenceStatus);
  }
}

const STATEMENT_SIZE = 10.5;

/** The statement in a box, with the submission details under it. */
function statementRow(ts: Typesetter, doc: JuminhyoKisaiDocument): Row {
  const inner = 505.28 - 24;
  const lines = ts.wrap(doc.statement, STATEMENT_SIZE, inner);
  const extra: string[] = [];
  if (doc.submittedTo) extra.push(`提出先　${doc.submittedTo}`);
  if (doc.purpose) extra.push(`使用目的　${doc.purpose}`);
  const extraLines = extra.flatMap((e) => ts.wrap(e, 9, inner));
  const height = 16 + lines.length * 16 + (extraLines.length > 0 ? 6 + extraLines.length * 13 : 0);
  return {
    height,
    draw(c: Canvas, x: number, top: number, width: number) {
      c.lineWidth(0.8)
        .strokeRect(x, top - height, width, height)
        .lineWidth(0.6);
      let y = top - 8 - STATEMENT_SIZE * 0.88;
      for (const line of lines) {
        c.text(line, x + 12, y, STATEMENT_SIZE);
        y -= 16;
      }
      y -= 6;
      for (const line of extraLines) {
        c.text(line, x + 12, y + 3, 9);
        y -= 13;
      }
    },
  };
}
