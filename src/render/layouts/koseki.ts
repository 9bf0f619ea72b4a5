/**
 * 戸籍全部事項証明 / 個人事項証明 / 除籍 / 改製原戸籍: the horizontal layout of the computerised
 * register. A left column names the section (戸籍事項, 戸籍に記録されている者,
 * 身分事項); entries have their title (出生, 婚姻 …) in a second column and their
 * lines as 【項目】内容. People who left the register carry the 除籍 mark. Dates
 * are printed in the era with full-width digits, as register extracts are.
 */
import { formatEraDate } from '../../domain/japanese-era.js';
import type { Canvas } from '../canvas.js';
import type { KosekiDocument, KosekiEntry, KosekiLine, KosekiPerson } from '../model.js';
import { TITLES } from '../model.js';
import type { Block, CertificateLayout, Row } from '../page.js';
import { gridRow, label, value } from '../table.js';
import type { Typesetter } from '../text.js';
import { fullName } from './common.js';

const SECTION_WIDTH = 110;
const ENTRY_TITLE_WIDTH = 72;
const SIZE = 10;
const SECTION_SIZE = 8.5;
const LINE = 16;

interface KosekiRowSpec {
  section?: string;
  mark?: boolean;
  entryTitle?: string;
  text: string;
  /** Person lines start right after the section column; entry lines after the title column. */
  person?: boolean;
  rule?: 'section' | 'entry';
}

function kosekiRow(spec: KosekiRowSpec): Row {
  return {
    height: LINE,
    draw(c: Canvas, x: number, top: number, width: number) {
      const bottom = top - LINE;
      c.line(x, top, x, bottom);
      c.line(x + SECTION_WIDTH, top, x + SECTION_WIDTH, bottom);
      c.line(x + width, top, x + width, bottom);
      if (spec.rule === 'section') c.line(x, top, x + width, top);
      if (spec.rule === 'entry')
        c.lineWidth(0.3)
          .line(x + SECTION_WIDTH, top, x + width, top)
          .lineWidth(0.6);
      const baseline = top - LINE + (LINE - SIZE) / 2 + SIZE * 0.14;
      if (spec.section)
        c.text(spec.section, x + 6, top - LINE + (LINE - SECTION_SIZE) / 2 + 1.6, SECTION_SIZE);
      if (spec.mark) {
        // 除籍 mark: a small box under the section name.
        c.strokeRect(x + 8, bottom + 1.5, 40, LINE - 3);
        c.textIn('除籍', x + 12, 32, bottom + 4.5, 9, 'distribute');
      }
      if (spec.entryTitle) {
        const spread = Math.min(ENTRY_TITLE_WIDTH - 16, [...spec.entryTitle].length * SIZE * 1.7);
        c.textIn(spec.entryTitle, x + SECTION_WIDTH + 8, spread, baseline, SIZE, 'distribute');
      }
      const textX = x + SECTION_WIDTH + (spec.person ? 8 : ENTRY_TITLE_WIDTH);
      c.text(spec.text, textX, baseline, SIZE);
    },
  };
}

function kosekiDate(iso: string): string {
  return formatEraDate(iso, { fullWidth: true });
}

function lineText(line: KosekiLine): string {
  return `【${line.label}】${line.value ?? (line.date ? kosekiDate(line.date) : '')}`;
}

const ENTRY_TEXT_WIDTH = 505.28 - SECTION_WIDTH - ENTRY_TITLE_WIDTH - 6;
const PERSON_TEXT_WIDTH = 505.28 - SECTION_WIDTH - 14;

/** The rows of a list of entries under one section label. */
function entryRows(ts: Typesetter, section: string, entries: KosekiEntry[]): Row[] {
  const rows: Row[] = [];
  entries.forEach((entry, e) => {
    const texts = entry.lines.flatMap((line) => ts.wrap(lineText(line), SIZE, ENTRY_TEXT_WIDTH));
    if (texts.length === 0) texts.push('');
    texts.forEach((text, i) => {
      rows.push(
        kosekiRow({
          section: e === 0 && i === 0 ? section : undefined,
          entryTitle: i === 0 ? entry.title : undefined,
          text,
          rule: i === 0 ? (e === 0 ? 'section' : 'entry') : undefined,
        }),
      );
    });
  });
  return rows;
}

function personRows(ts: Typesetter, person: KosekiPerson): Row[] {
  const lines: string[] = [`【名】${person.givenName}`];
  let birth = `【生年月日】${kosekiDate(person.birthDate)}`;
  if (person.spouse) birth += `　【配偶者区分】${person.spouse}`;
  lines.push(birth);
  if (person.father !== undefined) lines.push(`【父】${person.father}`);
  if (person.mother !== undefined) lines.push(`【母】${person.mother}`);
  if (person.adoptiveFather !== undefined) lines.push(`【養父】${person.adoptiveFather}`);
  if (person.adoptiveMother !== undefined) lines.push(`【養母】${person.adoptiveMother}`);
  lines.push(`【続柄】${person.relationship}`);
  const texts = lines.flatMap((l) => ts.wrap(l, SIZE, PERSON_TEXT_WIDTH));
  return texts.map((text, i) =>
    kosekiRow({
      section: i === 0 ? '戸籍に記録されている者' : undefined,
      mark: i === 1 && person.removed === true,
      text,
      person: true,
      rule: i === 0 ? 'section' : undefined,
    }),
  );
}

export function kosekiLayout(ts: Typesetter, doc: KosekiDocument): CertificateLayout {
  const header: Row[] = [
    gridRow(ts, [label('本籍', SECTION_WIDTH), value(doc.honseki)]),
    gridRow(ts, [label('氏名', SECTION_WIDTH), value(fullName(doc.name), 0, { noWrap: true })]),
  ];
  const blocks: Block[] = [];
  if (doc.registerEntries.length > 0) {
    blocks.push({ rows: entryRows(ts, '戸籍事項', doc.registerEntries), framed: true, gapBefore: 0 });
  }
  for (const person of doc.members) {
    const base = personRows(ts, person);
    const events = entryRows(ts, '身分事項', person.entries);
    // The person's lines and the start of their 身分事項 stay on one page.
    blocks.push({
      rows: [...base, ...events],
      framed: true,
      gapBefore: 0,
      keep: base.length + Math.min(events.length, 3),
    });
  }
  return {
    // A 改製原戸籍 is a copy of the whole register (謄本) or of one person (抄本).
    title: doc.kind === 'koseki-kaiseigen' && doc.excerpt ? '改製原戸籍抄本' : TITLES[doc.kind],
    titleSpacing: 8,
    titleNote: doc.kind === 'koseki-joseki' ? '除　籍' : undefined,
    header,
    blocks,
  };
}
