/**
 * 他課手続きのご案内: the sheet handed to the household after a notification —
 * each other department's procedure that applies, where to go, what to bring,
 * for whom. Plain A4 pages on the certificates' fonts (names print exactly as
 * registered); not a certificate, so no seal, no attestation, no signature.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { formatEraDate } from '../../domain/japanese-era.js';
import { Canvas } from '../../render/canvas.js';
import { defaultFontChain, type FontChain } from '../../render/fonts.js';
import { CONTENT_WIDTH, MARGIN_LEFT, PAGE_HEIGHT, PAGE_WIDTH } from '../../render/page.js';
import { DocumentFonts } from '../../render/pdf-fonts.js';
import { Typesetter } from '../../render/text.js';
import { checkPrintable } from './certificate-pdf.js';

export interface GuidanceSheet {
  municipalityName: string;
  /** 転入届 / 転居届 / 転出届 */
  kindName: string;
  moveDate?: string | undefined;
  /** Printed on the Tokyo date of making the sheet. */
  issuedOn: string;
  address?: string | undefined;
  household: string[];
  procedures: {
    title: string;
    department: string;
    place: string;
    persons: string[];
    bring: string[];
    notes?: string | undefined;
  }[];
}

interface Line {
  text: string;
  size: number;
  indent: number;
  gap: number;
  rule?: boolean;
}

const TOP = PAGE_HEIGHT - 60;
const BOTTOM = 70;

function linesOf(ts: Typesetter, sheet: GuidanceSheet): Line[] {
  const out: Line[] = [];
  const para = (text: string, size: number, indent = 0, gap = 0) => {
    for (const [i, line] of ts.wrap(text, size, CONTENT_WIDTH - indent).entries())
      out.push({ text: line, size, indent, gap: i === 0 ? gap : 0 });
  };
  para(`${sheet.kindName}に伴うお手続き`, 11, 0, 0);
  if (sheet.moveDate) para(`異動日　${formatEraDate(sheet.moveDate)}`, 10, 0, 4);
  if (sheet.address) para(`住所　${sheet.address}`, 10, 0, 2);
  if (sheet.household.length > 0) para(`届出の方　${sheet.household.join('、')}`, 10, 0, 2);
  if (sheet.procedures.length === 0) {
    para('この届出に伴って、ほかの課で必要な手続きはありません。', 10.5, 0, 18);
    return out;
  }
  para('次の手続きが必要です。各窓口へお越しください。', 10.5, 0, 14);
  sheet.procedures.forEach((p, i) => {
    out.push({ text: '', size: 4, indent: 0, gap: 10, rule: true });
    para(`${i + 1}．${p.title}`, 12, 0, 4);
    para(`担当　${p.department}　／　場所　${p.place}`, 9.5, 14, 4);
    if (p.persons.length > 0) para(`対象の方　${p.persons.join('、')}`, 9.5, 14, 2);
    if (p.bring.length > 0) {
      para('お持ちいただくもの', 9.5, 14, 3);
      for (const item of p.bring) para(`・${item}`, 9.5, 24, 1);
    }
    if (p.notes) para(p.notes, 9, 14, 3);
  });
  return out;
}

/** The sheet as PDF bytes; deterministic for the same content. */
export async function renderGuidanceSheet(
  sheet: GuidanceSheet,
  chain: FontChain = defaultFontChain(),
): Promise<Uint8Array> {
  checkPrintable(sheet, chain);
  const ts = new Typesetter(chain);
  const fonts = new DocumentFonts(chain);
  const pages: Canvas[] = [];
  let c = new Canvas(fonts, ts);
  let y = TOP;
  const startPage = () => {
    c = new Canvas(fonts, ts);
    pages.push(c);
    const title = '他課手続きのご案内';
    const size = pages.length === 1 ? 18 : 12;
    c.textIn(title, MARGIN_LEFT, CONTENT_WIDTH, TOP, size, 'center');
    y = TOP - size - 16;
  };
  startPage();
  for (const line of linesOf(ts, sheet)) {
    const height = line.gap + line.size * 1.45;
    if (y - height < BOTTOM) startPage();
    y -= line.gap;
    if (line.rule) {
      c.lineWidth(0.5)
        .strokeColor([0.5, 0.5, 0.5])
        .line(MARGIN_LEFT, y, MARGIN_LEFT + CONTENT_WIDTH, y);
      continue;
    }
    y -= line.size * 1.2;
    c.text(line.text, MARGIN_LEFT + line.indent, y, line.size);
    y -= line.size * 0.25;
  }
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const context = pdf.context;
  pages.forEach((page, i) => {
    page.textIn(
      `${sheet.municipalityName}　${formatEraDate(sheet.issuedOn)}作成　${i + 1}/${pages.length}`,
      MARGIN_LEFT,
      CONTENT_WIDTH,
      40,
      8,
      'center',
    );
  });
  const resources = context.register(context.obj({ Font: Object.fromEntries(fonts.embed(pdf)) }));
  for (const page of pages) {
    const p = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    p.node.set(PDFName.of('Resources'), resources);
    p.node.set(PDFName.of('Contents'), context.register(context.flateStream(page.toString())));
  }
  const at = new Date(`${sheet.issuedOn}T00:00:00+09:00`);
  pdf.setTitle('他課手続きのご案内');
  pdf.setAuthor(sheet.municipalityName);
  pdf.setCreator('madoguchi');
  pdf.setProducer('madoguchi notifications');
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  pdf.setLanguage('ja-JP');
  return pdf.save({ useObjectStreams: false });
}
