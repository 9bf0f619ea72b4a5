/**
 * Office paper that is not a certificate: receipts (領収書) and letters
 * (本人通知, 郵送請求のお知らせ). They carry no attestation, no official seal
 * and no anti-forgery background — a receipt that looked like a certificate
 * would be worse than none — but they are printed with the same fonts (names
 * exactly as registered), are deterministic, and are signed with the
 * municipality's document key so a reader can tell a genuine one.
 *
 * Built from the renderer's public building blocks (fonts, typesetter, table
 * rows); the certificate frame of src/render/page.ts is deliberately not used.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { formatEraDate } from '../../../domain/japanese-era.js';
import { type Align, Canvas } from '../../../render/canvas.js';
import { defaultFontChain, type FontChain } from '../../../render/fonts.js';
import type { Row } from '../../../render/page.js';
import { DocumentFonts } from '../../../render/pdf-fonts.js';
import { gridRow, label, value } from '../../../render/table.js';
import { firstUnprintable, Typesetter, unprintableCharacter } from '../../../render/text.js';
import type { LoadedSigningIdentity } from '../../../signing/keys.js';
import { preparePdfForSigning, signPreparedPdf } from '../../../signing/pades.js';

export const PAPER_WIDTH = 595.28;
export const PAPER_HEIGHT = 841.89;
const MARGIN_X = 56;
export const PAPER_CONTENT_WIDTH = PAPER_WIDTH - MARGIN_X * 2;
const TOP = PAPER_HEIGHT - 50;
const BOTTOM = 70;
const TEXT_SIZE = 10.5;
const LEADING = 1.6;

/** Where a letter goes: laid out for a window envelope (長形3号), as municipal mail is. */
export interface PaperAddressee {
  postalCode?: string;
  address: string;
  /** Apartment, 方書. */
  addressLine2?: string;
  name: string;
  /** 様 by default. */
  honorific?: string;
}

export type PaperBlock =
  | { type: 'text'; text: string; size?: number; align?: Exclude<Align, 'distribute'>; gapBefore?: number }
  | {
      type: 'fields';
      rows: ReadonlyArray<readonly [string, string]>;
      labelWidth?: number;
      gapBefore?: number;
    }
  | {
      type: 'table';
      columns: ReadonlyArray<{ label: string; width: number; align?: Exclude<Align, 'distribute'> }>;
      rows: ReadonlyArray<readonly string[]>;
      gapBefore?: number;
    };

export interface PaperDocument {
  /** 領収書, 証明書の交付についてのお知らせ … (no personal data: it becomes the PDF's title). */
  title: string;
  municipality: { code: string; name: string };
  /** 領収第R8-000001号: printed top right and in every footer. */
  number: string;
  issuedOn: string;
  /** ISO date-time with offset: the PDF's creation date and the signing time. */
  issuedAt: string;
  addressee?: PaperAddressee;
  /** The sending office, printed under the date: 見本市 市民課, 電話 …. */
  sender: readonly string[];
  blocks: readonly PaperBlock[];
}

/** Refuses a document with a character no font can print, naming the field (never the value). */
function checkPrintable(value: unknown, chain: FontChain, path: string): void {
  if (typeof value === 'string') {
    const bad = firstUnprintable(value, chain);
    if (bad !== undefined) throw unprintableCharacter(bad, { path, ja: path, en: path });
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkPrintable(v, chain, `${path}[${i}]`);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) checkPrintable(v, chain, path ? `${path}.${k}` : k);
}

function textRows(ts: Typesetter, block: Extract<PaperBlock, { type: 'text' }>): Row[] {
  const size = block.size ?? TEXT_SIZE;
  const lines = ts.wrap(block.text, size, PAPER_CONTENT_WIDTH);
  const height = size * LEADING;
  return lines.map((line) => ({
    height,
    draw(c: Canvas, x: number, top: number, width: number) {
      c.textIn(line, x, width, top - size * 1.15, size, block.align ?? 'left');
    },
  }));
}

function blockRows(ts: Typesetter, block: PaperBlock): Row[] {
  const width = PAPER_CONTENT_WIDTH;
  switch (block.type) {
    case 'text':
      return textRows(ts, block);
    case 'fields':
      return block.rows.map(([name, text]) =>
        gridRow(ts, [label(name, block.labelWidth ?? 110), value(text)], { width, minHeight: 22 }),
      );
    case 'table': {
      const head = gridRow(
        ts,
        block.columns.map((col) => label(col.label, col.width, { align: 'center' })),
        { width, minHeight: 20 },
      );
      const body = block.rows.map((cells) =>
        gridRow(
          ts,
          block.columns.map((col, i) => value(cells[i] ?? '', col.width, { align: col.align ?? 'left' })),
          { width, minHeight: 22 },
        ),
      );
      return [head, ...body];
    }
  }
}

function drawHeading(c: Canvas, doc: PaperDocument, ts: Typesetter): number {
  const right = MARGIN_X + PAPER_CONTENT_WIDTH;
  c.textIn(doc.number, MARGIN_X, PAPER_CONTENT_WIDTH, TOP, 9.5, 'right');
  c.textIn(formatEraDate(doc.issuedOn), MARGIN_X, PAPER_CONTENT_WIDTH, TOP - 15, 9.5, 'right');
  let y = TOP - 8;
  if (doc.addressee) {
    const a = doc.addressee;
    const boxWidth = 250;
    if (a.postalCode) {
      c.text(`〒${a.postalCode.replace(/^(\d{3})(\d{4})$/, '$1-$2')}`, MARGIN_X, y, 10);
      y -= 16;
    }
    for (const line of [a.address, ...(a.addressLine2 ? [a.addressLine2] : [])]) {
      for (const part of ts.wrap(line, 10.5, boxWidth)) {
        c.text(part, MARGIN_X, y, 10.5);
        y -= 15;
      }
    }
    y -= 6;
    const name = `${a.name}　${a.honorific ?? '様'}`;
    c.text(name, MARGIN_X + 10, y, ts.fit(name, 13, boxWidth - 10));
    y -= 22;
  }
  let senderY = TOP - 40;
  for (const line of doc.sender) {
    c.textIn(line, right - 220, 220, senderY, 9.5, 'right');
    senderY -= 14;
  }
  y = Math.min(y, senderY) - 18;
  const titleSize = 16;
  c.textIn(doc.title, MARGIN_X, PAPER_CONTENT_WIDTH, y - titleSize, titleSize, 'center', {
    charSpacing: 2,
  });
  return y - titleSize - 22;
}

function drawFooter(c: Canvas, doc: PaperDocument, page: number, pages: number) {
  c.lineWidth(0.4).line(MARGIN_X, BOTTOM - 12, MARGIN_X + PAPER_CONTENT_WIDTH, BOTTOM - 12);
  c.text(`${doc.municipality.name}（${doc.municipality.code}）　${doc.number}`, MARGIN_X, BOTTOM - 26, 7.5);
  c.textIn(`${page}/${pages}`, MARGIN_X, PAPER_CONTENT_WIDTH, BOTTOM - 26, 7.5, 'right');
  c.textIn('この書面には電子署名が付されています。', MARGIN_X, PAPER_CONTENT_WIDTH, BOTTOM - 38, 7, 'right');
}

/**
 * Lays out and assembles the PDF; not saved, so the signer can add its field.
 * Rows flow down the page; a row that does not fit starts the next page, whose
 * top repeats the number and title with 「（続き）」.
 */
export async function renderPaper(
  doc: PaperDocument,
  chain: FontChain = defaultFontChain(),
): Promise<{ pdf: PDFDocument; pages: number }> {
  checkPrintable(doc, chain, '');
  const ts = new Typesetter(chain);
  const fonts = new DocumentFonts(chain);
  const rows: { row: Row; gapBefore: number }[] = [];
  for (const block of doc.blocks) {
    blockRows(ts, block).forEach((row, i) => {
      rows.push({ row, gapBefore: i === 0 ? (block.gapBefore ?? 10) : 0 });
    });
  }

  const pages: Canvas[] = [];
  let canvas = new Canvas(fonts, ts);
  canvas.lineWidth(0.6).strokeColor([0, 0, 0]);
  let cursor = drawHeading(canvas, doc, ts);
  pages.push(canvas);
  for (const { row, gapBefore } of rows) {
    if (cursor - gapBefore - row.height < BOTTOM) {
      canvas = new Canvas(fonts, ts);
      canvas.lineWidth(0.6).strokeColor([0, 0, 0]);
      canvas.textIn(`${doc.title}（続き）`, MARGIN_X, PAPER_CONTENT_WIDTH, TOP - 12, 11, 'left');
      canvas.textIn(doc.number, MARGIN_X, PAPER_CONTENT_WIDTH, TOP - 12, 9.5, 'right');
      cursor = TOP - 36;
      pages.push(canvas);
    } else {
      cursor -= gapBefore;
    }
    row.draw(canvas, MARGIN_X, cursor, PAPER_CONTENT_WIDTH);
    cursor -= row.height;
  }
  for (const [i, page] of pages.entries()) drawFooter(page, doc, i + 1, pages.length);

  const pdf = await PDFDocument.create({ updateMetadata: false });
  const context = pdf.context;
  const resources = context.register(context.obj({ Font: Object.fromEntries(fonts.embed(pdf)) }));
  for (const page of pages) {
    const p = pdf.addPage([PAPER_WIDTH, PAPER_HEIGHT]);
    p.node.set(PDFName.of('Resources'), resources);
    p.node.set(PDFName.of('Contents'), context.register(context.flateStream(page.toString())));
  }
  const issued = new Date(doc.issuedAt);
  if (Number.isNaN(issued.getTime())) throw new RangeError('issuedAt is not a date-time');
  // Metadata names the kind of paper and the office, never the person.
  pdf.setTitle(`${doc.title}（${doc.number}）`);
  pdf.setAuthor(doc.municipality.name);
  pdf.setCreator('madoguchi');
  pdf.setProducer('madoguchi office paper');
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  pdf.setLanguage('ja-JP');
  const id = createHash('sha256')
    .update(`${doc.municipality.code}\0${doc.number}\0${doc.issuedAt}`)
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return { pdf, pages: pages.length };
}

export interface SignedPaper {
  pdf: Uint8Array;
  pages: number;
  sha256: string;
}

/** Renders and signs with the municipality's document key (PAdES, as certificates are). */
export async function renderSignedPaper(
  doc: PaperDocument,
  identity: LoadedSigningIdentity,
  signer: { name: string; reason: string },
): Promise<SignedPaper> {
  const { pdf, pages } = await renderPaper(doc);
  preparePdfForSigning(pdf, {
    signingTime: new Date(doc.issuedAt),
    name: signer.name,
    reason: signer.reason,
    location: doc.municipality.name,
  });
  const prepared = await pdf.save({ useObjectStreams: false });
  const signed = signPreparedPdf(prepared, identity);
  return { pdf: signed, pages, sha256: createHash('sha256').update(signed).digest('hex') };
}

/** Tokyo wall-clock ISO with offset, e.g. 2026-11-24T10:00:00+09:00: what paper prints and hashes. */
export function tokyoIso(at: Date): string {
  const shifted = new Date(at.getTime() + 9 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+09:00`;
}
