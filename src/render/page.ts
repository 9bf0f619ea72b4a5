/**
 * The page frame every certificate shares — A4 portrait, the title and the
 * layout's header repeated on each page, the content split into pages, 「以下余白」
 * right after the content, and on the last page the attestation, the era issue
 * date and the certifier's name under the official seal. Every page carries the
 * issue number, the verification code and its QR code, and the page number when
 * there is more than one page.
 */
import { formatEraDate } from '../domain/japanese-era.js';
import { Canvas } from './canvas.js';
import { ISSUE_NUMBER_DIGITS, type IssueNumberStamp, issueNumberStamp } from './issue-number-stamp.js';
import type { CertificateHeader } from './model.js';
import type { DocumentFonts } from './pdf-fonts.js';
import { num } from './pdf-number.js';
import { QR_QUIET_ZONE, qrMatrix, qrOperators } from './qr.js';
import { SEAL_XOBJECT } from './seal.js';
import { backgroundOperators } from './security-print.js';
import type { Typesetter } from './text.js';

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN_LEFT = 45;
export const MARGIN_RIGHT = 45;
export const CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
export const GUILLOCHE_INSET = 18;
/** Side of the official seal on the certificate, in points. */
export const SEAL_SIZE = 60;
/** Side of the official seal on the certificate, in points. */
export const TITLE_SIZE = 20;
const TITLE_BASELINE = PAGE_HEIGHT - 46 - TITLE_SIZE * 0.88;
const HEADER_TOP = PAGE_HEIGHT - 84;
const FOOTER_RULE = 114;
const BODY_BOTTOM = FOOTER_RULE + 8;
const BLOCK_GAP = 8;

/** One horizontal slice of content; `top` is the y of its upper edge. */
export interface Row {
  height: number;
  draw(c: Canvas, x: number, top: number, width: number): void;
}

export interface Block {
  rows: Row[];
  /** Space above the block unless it starts a page (default 8 pt). */
  gapBefore?: number;
  /** How many leading rows must stay on one page (default: all of them when they fit a page). */
  keep?: number;
  /** Draw a full-width rule above and below the part of the block on each page (framed sections). */
  framed?: boolean;
}

export interface CertificateLayout {
  title: string;
  /** Extra space between the title's characters, in points. */
  titleSpacing?: number;
  /** A small note right of the title (世帯全員, 除籍 …). */
  titleNote?: string;
  /** Rows repeated under the title on every page. */
  header: Row[];
  blocks: Block[];
  /** Rows after 「以下余白」, kept on the page of the attestation (the 記載事項証明書's statement). */
  closing?: Row[];
}

export interface PageSetup {
  ts: Typesetter;
  fonts: DocumentFonts;
}

interface Placed {
  row: Row;
  top: number;
  block: number;
}

interface PageContent {
  placed: Placed[];
  closing: Placed[];
  continues: boolean;
  endsContent: boolean;
  blankLineTop?: number;
  certificationTop?: number;
}

export interface ComposedPages {
  /** One content stream per page, its graphics state saved and restored. */
  contents: string[];
  /** The issue number's line, drawn by a second content stream on every page (see issue-number-stamp.ts). */
  issueNumber: IssueNumberStamp;
}

/** Lays out and draws all pages. */
export function composePages(
  layout: CertificateLayout,
  doc: CertificateHeader,
  setup: PageSetup,
): ComposedPages {
  setup.fonts.reserve(ISSUE_NUMBER_DIGITS);
  const headerHeight = layout.header.reduce((sum, r) => sum + r.height, 0);
  const bodyTop = HEADER_TOP - headerHeight - (layout.header.length > 0 ? 10 : 0);
  const certificationHeight = measureCertification(doc, setup.ts);
  const pages: PageContent[] = [{ placed: [], closing: [], continues: false, endsContent: false }];
  let cursor = bodyTop;
  let page = pages[0]!;
  const newPage = () => {
    page.continues = true;
    page = { placed: [], closing: [], continues: false, endsContent: false };
    pages.push(page);
    cursor = bodyTop;
  };
  const fits = (height: number) => cursor - height >= BODY_BOTTOM - 0.01;
  const pageHeight = bodyTop - BODY_BOTTOM;

  layout.blocks.forEach((block, index) => {
    if (block.rows.length === 0) return;
    const gap = page.placed.length > 0 ? (block.gapBefore ?? BLOCK_GAP) : 0;
    const total = block.rows.reduce((sum, r) => sum + r.height, 0);
    const keepCount = Math.min(block.keep ?? block.rows.length, block.rows.length);
    const keepHeight = block.rows.slice(0, keepCount).reduce((sum, r) => sum + r.height, 0);
    if (fits(gap + total)) {
      cursor -= gap;
    } else if (page.placed.length > 0 && (total <= pageHeight || !fits(gap + keepHeight))) {
      newPage();
    } else {
      cursor -= gap;
    }
    for (const row of block.rows) {
      if (!fits(row.height) && page.placed.length > 0) newPage();
      // A row taller than a whole page is drawn anyway and overflows into the footer band: never lost.
      page.placed.push({ row, top: cursor, block: index });
      cursor -= row.height;
    }
  });

  const blankLine = 16;
  if (!fits(blankLine)) newPage();
  page.endsContent = true;
  page.blankLineTop = cursor;
  cursor -= blankLine;
  const closing = layout.closing ?? [];
  const closingHeight = closing.reduce((sum, r) => sum + r.height, 0) + (closing.length > 0 ? 8 : 0);
  if (!fits(closingHeight + certificationHeight + 6)) newPage();
  cursor -= closing.length > 0 ? 8 : 0;
  for (const row of closing) {
    page.closing.push({ row, top: cursor, block: -1 });
    cursor -= row.height;
  }
  page.certificationTop = cursor - 6;

  const total = pages.length;
  // The footer is the same on every page but for the page number: build the QR code once.
  const qr = footerQr(doc.verification.url);
  const contents = pages.map((p, i) => drawPage(layout, doc, setup, p, i + 1, total, qr));
  const issueNumber = issueNumberStamp(
    setup.fonts,
    '発行番号　',
    doc.issueNumber,
    MARGIN_LEFT,
    FOOTER_RULE - 14,
    9,
  );
  return { contents, issueNumber };
}

function drawPage(
  layout: CertificateLayout,
  doc: CertificateHeader,
  setup: PageSetup,
  page: PageContent,
  number: number,
  total: number,
  qr: FooterQr,
): string {
  const c = new Canvas(setup.fonts, setup.ts);
  c.raw(backgroundOperators(PAGE_WIDTH, PAGE_HEIGHT, GUILLOCHE_INSET));
  c.lineWidth(0.6).strokeColor([0, 0, 0]);

  // Title, centred on the page.
  const spacing = layout.titleSpacing ?? TITLE_SIZE * 0.3;
  const titleWidth = setup.ts.width(layout.title, TITLE_SIZE, spacing);
  c.text(layout.title, (PAGE_WIDTH - titleWidth) / 2, TITLE_BASELINE, TITLE_SIZE, { charSpacing: spacing });
  if (layout.titleNote) {
    c.textIn(layout.titleNote, MARGIN_LEFT, CONTENT_WIDTH, TITLE_BASELINE, 9, 'right');
  }

  let top = HEADER_TOP;
  for (const row of layout.header) {
    row.draw(c, MARGIN_LEFT, top, CONTENT_WIDTH);
    top -= row.height;
  }

  for (const placed of page.placed) placed.row.draw(c, MARGIN_LEFT, placed.top, CONTENT_WIDTH);
  drawFrames(c, page.placed, layout);

  if (page.continues && !page.endsContent) {
    c.textIn('（次頁へ続く）', MARGIN_LEFT, CONTENT_WIDTH, BODY_BOTTOM - 2, 8, 'right');
  }
  if (page.blankLineTop !== undefined) {
    c.textIn('以下余白', MARGIN_LEFT, CONTENT_WIDTH, page.blankLineTop - 13, 9.5, 'center');
  }
  for (const placed of page.closing) placed.row.draw(c, MARGIN_LEFT, placed.top, CONTENT_WIDTH);
  if (page.certificationTop !== undefined) drawCertification(c, doc, setup, page.certificationTop);
  drawFooter(c, doc, number, total, qr);
  // Saved and restored, so the issue number's stream that follows starts from the initial state.
  return `q\n${c.toString()}\nQ`;
}

/** Closes framed blocks with a rule at their top and bottom on each page. */
function drawFrames(c: Canvas, placed: Placed[], layout: CertificateLayout): void {
  let i = 0;
  while (i < placed.length) {
    const block = placed[i]!.block;
    let j = i;
    while (j + 1 < placed.length && placed[j + 1]!.block === block) j++;
    if (layout.blocks[block]!.framed) {
      const first = placed[i]!;
      const last = placed[j]!;
      c.lineWidth(0.8);
      c.line(MARGIN_LEFT, first.top, MARGIN_LEFT + CONTENT_WIDTH, first.top);
      c.line(
        MARGIN_LEFT,
        last.top - last.row.height,
        MARGIN_LEFT + CONTENT_WIDTH,
        last.top - last.row.height,
      );
      c.lineWidth(0.6);
    }
    i = j + 1;
  }
}

const ATTESTATION_SIZE = 10.5;
const ATTESTATION_LEADING = 16;
const CERTIFIER_SIZE = 13;

function attestationLines(doc: CertificateHeader, ts: Typesetter): string[] {
  return ts.wrap(doc.attestation, ATTESTATION_SIZE, CONTENT_WIDTH - 30);
}

function measureCertification(doc: CertificateHeader, ts: Typesetter): number {
  return (
    attestationLines(doc, ts).length * ATTESTATION_LEADING + 8 + ATTESTATION_LEADING + 14 + SEAL_SIZE / 2
  );
}

function drawCertification(c: Canvas, doc: CertificateHeader, setup: PageSetup, top: number): void {
  let y = top - ATTESTATION_SIZE;
  for (const line of attestationLines(doc, setup.ts)) {
    c.text(line, MARGIN_LEFT + 15, y, ATTESTATION_SIZE);
    y -= ATTESTATION_LEADING;
  }
  y -= 8;
  c.text(formatEraDate(doc.issuedOn), MARGIN_LEFT + 30, y, ATTESTATION_SIZE);
  y -= ATTESTATION_LEADING + 14;
  const line = `${doc.certifier.title}　${doc.certifier.name}`;
  const width = setup.ts.width(line, CERTIFIER_SIZE);
  // The seal is stamped over the last character of the name, as on paper.
  const overlap = CERTIFIER_SIZE * 0.5;
  const right = MARGIN_LEFT + CONTENT_WIDTH - SEAL_SIZE + overlap;
  c.text(line, right - width, y, CERTIFIER_SIZE);
  const sealX = right - overlap + SEAL_SIZE / 2;
  c.raw(`q 1 0 0 1 ${num(sealX)} ${num(y + CERTIFIER_SIZE * 0.35)} cm /${SEAL_XOBJECT} Do Q`);
}

const QR_TARGET = 62;

interface FooterQr {
  operators: string;
  /** Left edge of the drawn modules and the width of its quiet zone. */
  left: number;
  quiet: number;
}

function footerQr(url: string): FooterQr {
  const matrix = qrMatrix(url);
  const module = Math.max(1.8, QR_TARGET / matrix.size);
  const right = MARGIN_LEFT + CONTENT_WIDTH;
  const left = right - matrix.size * module;
  const top = FOOTER_RULE - 6 - QR_QUIET_ZONE * module * 0.5;
  return { operators: qrOperators(matrix, left, top, module), left, quiet: QR_QUIET_ZONE * module };
}

function drawFooter(c: Canvas, doc: CertificateHeader, number: number, total: number, qr: FooterQr): void {
  const left = MARGIN_LEFT;
  const right = MARGIN_LEFT + CONTENT_WIDTH;
  c.lineWidth(0.5).line(left, FOOTER_RULE, right, FOOTER_RULE);
  c.raw(qr.operators);
  const textWidth = qr.left - qr.quiet - left - 6;
  // The issue number's line (FOOTER_RULE - 14) is its own content stream: see composePages.
  c.text(`検証コード　${doc.verification.code}`, left, FOOTER_RULE - 27, 9);
  c.textIn(
    'この証明書の発行内容は、右のQRコード又は次のアドレスで確認できます。',
    left,
    textWidth,
    FOOTER_RULE - 40,
    7,
    'left',
  );
  const urlSize = c.ts.fit(doc.verification.url, 7, textWidth);
  c.text(doc.verification.url, left, FOOTER_RULE - 50, urlSize);
  c.text(`${doc.municipality.name}（${doc.municipality.code}）`, left, FOOTER_RULE - 62, 7);
  if (total > 1) c.textIn(`${number}/${total}`, left, CONTENT_WIDTH, 34, 9, 'center');
}
