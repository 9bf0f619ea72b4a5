/**
 * 印鑑登録証明書: the registered impression (印影) in a framed box on the left,
 * the person's name, birth date and address beside it.
 */
import type { Canvas } from '../canvas.js';
import type { InkanDocument } from '../model.js';
import { TITLES } from '../model.js';
import type { CertificateLayout, Row } from '../page.js';
import { num } from '../pdf-number.js';
import { gridRow, label, sexLabel, value } from '../table.js';
import type { Typesetter } from '../text.js';
import { era, fullName, gregorian, LABEL_WIDTH } from './common.js';

export interface PlacedImage {
  /** XObject resource name. */
  name: string;
  width: number;
  height: number;
}

const IMPRESSION_BOX = 150;

export function inkanLayout(ts: Typesetter, doc: InkanDocument, impression: PlacedImage): CertificateLayout {
  const right = 505.28 - IMPRESSION_BOX;
  const foreign = doc.alphabetName !== undefined;
  const date = foreign ? gregorian : era;
  const nameLines = [fullName(doc.name)];
  if (doc.alphabetName && doc.alphabetName.replace(/\s/g, '') !== fullName(doc.name).replace(/[\s　]/g, '')) {
    nameLines.unshift(doc.alphabetName);
  }
  const rows: Row[] = [
    gridRow(
      ts,
      [
        label('氏名', LABEL_WIDTH),
        {
          width: 0,
          lines: nameLines,
          ruby: doc.kana ? fullName(doc.kana) : undefined,
          noWrap: true,
          size: 12,
        },
      ],
      { width: right, minHeight: 40 },
    ),
  ];
  if (doc.tsusho)
    rows.push(
      gridRow(ts, [label('通称', LABEL_WIDTH), value(doc.tsusho, 0, { noWrap: true })], { width: right }),
    );
  rows.push(
    gridRow(
      ts,
      [
        label('生年月日', LABEL_WIDTH),
        value(date(doc.birthDate)),
        label('性別', 40),
        value(sexLabel(doc.sex), 40),
      ],
      {
        width: right,
        minHeight: 26,
      },
    ),
  );
  const registration = doc.registrationNumber
    ? [
        gridRow(ts, [label('登録番号', LABEL_WIDTH), value(doc.registrationNumber, 0, { noWrap: true })], {
          width: right,
        }),
      ]
    : [];
  const addressRow = (minHeight: number) =>
    gridRow(
      ts,
      [
        label('住所', LABEL_WIDTH),
        { width: 0, lines: doc.katagaki ? [doc.address, doc.katagaki] : [doc.address] },
      ],
      { width: right, minHeight },
    );
  const others = [...rows, ...registration].reduce((sum, r) => sum + r.height, 0);
  // The address row takes up what the impression box needs beyond the other rows.
  const natural = addressRow(40);
  const height = Math.max(others + natural.height, IMPRESSION_BOX + 18);
  rows.push(addressRow(height - others), ...registration);

  const block: Row = {
    height,
    draw(c: Canvas, x: number, top: number, width: number) {
      // 印影 box: a caption strip and the impression centred, scaled to fit, never enlarged past 2x.
      c.strokeRect(x, top - height, IMPRESSION_BOX, height);
      c.textIn('印影', x, IMPRESSION_BOX, top - 12, 8, 'center');
      c.line(x, top - 17, x + IMPRESSION_BOX, top - 17);
      const room = Math.min(IMPRESSION_BOX - 24, height - 17 - 24);
      const scale = Math.min(room / impression.width, room / impression.height, 2);
      const w = impression.width * scale;
      const h = impression.height * scale;
      const cx = x + IMPRESSION_BOX / 2;
      const cy = top - 17 - (height - 17) / 2;
      c.raw(`q ${num(w)} 0 0 ${num(h)} ${num(cx - w / 2)} ${num(cy - h / 2)} cm /${impression.name} Do Q`);
      let y = top;
      for (const row of rows) {
        row.draw(c, x + IMPRESSION_BOX, y, width - IMPRESSION_BOX);
        y -= row.height;
      }
    },
  };
  return { title: TITLES[doc.kind], header: [], blocks: [{ rows: [block] }] };
}
