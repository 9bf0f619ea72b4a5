/**
 * The issue number (発行番号) is the one thing printed on a certificate that is
 * known only once the municipality's number counter is locked, and the lock is
 * held until the issuance commits. So the page is rendered before the lock with
 * the number's line in a small content stream of its own, uncompressed, whose
 * digits use CIDs every document reserves up front; `stampIssueNumber` then
 * writes the real digits into those bytes, in place, under the lock.
 *
 * Rendering a document with its real number and stamping that number into the
 * same document rendered with a placeholder give the same bytes: the CIDs do not
 * depend on the digits, and nothing else in the file (metadata, /ID, font tag)
 * mentions the number.
 */
import type { DocumentFonts } from './pdf-fonts.js';
import { fontResourceName } from './pdf-fonts.js';
import { num } from './pdf-number.js';
import { clusters } from './text.js';

export const ISSUE_NUMBER_DIGITS = '0123456789';

export interface IssueNumberStamp {
  /** The stamp stream as rendered: the whole line, label and number, in one text object. */
  operators: string;
  /** The number these operators show. */
  issueNumber: string;
  /** Where the four hex digits of each digit's CID start in `operators`, in the number's order. */
  digitOffsets: number[];
  /** The CID, as four hex digits, of each of 0–9. */
  digitCids: string[];
}

/** The number with every digit replaced by 0: what the page is rendered with before the number is taken. */
export function placeholderIssueNumber(issueNumber: string): string {
  return issueNumber.replace(/[0-9]/g, '0');
}

/**
 * The operators drawing `label` + `issueNumber` with the baseline at (x, y).
 * The digits must have been reserved (`fonts.reserve(ISSUE_NUMBER_DIGITS)`).
 */
export function issueNumberStamp(
  fonts: DocumentFonts,
  label: string,
  issueNumber: string,
  x: number,
  y: number,
  size: number,
): IssueNumberStamp {
  const line = `${label}${issueNumber}`;
  const cs = clusters(line);
  const runs = fonts.encode(line);
  const run = runs[0];
  if (!run || runs.length !== 1 || cs.length !== line.length)
    throw new Error('the issue number line must be one run of one-character clusters in one face');
  const digitCids = [...ISSUE_NUMBER_DIGITS].map((d) => {
    const [digit, ...rest] = fonts.encode(d);
    if (!digit || rest.length > 0 || digit.face !== run.face)
      throw new Error('the digits of the issue number must come from the face of its line');
    return digit.hex;
  });
  const operators = `BT /${fontResourceName(run.face)} ${num(size)} Tf ${num(x)} ${num(y)} Td <${run.hex}> Tj ET`;
  const hexStart = operators.indexOf('<') + 1;
  const digitOffsets: number[] = [];
  cs.forEach((cluster, i) => {
    if (/^[0-9]$/.test(cluster)) digitOffsets.push(hexStart + 4 * i);
  });
  return { operators, issueNumber, digitOffsets, digitCids };
}

/** Whether `issueNumber` can be stamped where `stamp` was rendered: the same text but for its digits. */
export function fitsStamp(stamp: IssueNumberStamp, issueNumber: string): boolean {
  return placeholderIssueNumber(issueNumber) === placeholderIssueNumber(stamp.issueNumber);
}

/** The stamp's operators showing another number of the same shape. */
export function stampOperators(stamp: IssueNumberStamp, issueNumber: string): string {
  if (!fitsStamp(stamp, issueNumber))
    throw new Error(`issue number ${issueNumber} does not fit the rendered ${stamp.issueNumber}`);
  const chars = stamp.operators.split('');
  const digits = [...issueNumber].filter((c) => /^[0-9]$/.test(c));
  stamp.digitOffsets.forEach((offset, i) => {
    const cid = stamp.digitCids[Number(digits[i])]!;
    for (let k = 0; k < 4; k++) chars[offset + k] = cid[k]!;
  });
  return chars.join('');
}

/**
 * Writes `issueNumber` into a saved PDF rendered with `stamp`, in place: every
 * page carries the line once, so exactly `pages` copies must be found.
 */
export function stampIssueNumber(pdf: Buffer, stamp: IssueNumberStamp, issueNumber: string, pages: number) {
  const from = Buffer.from(stamp.operators, 'latin1');
  const to = Buffer.from(stampOperators(stamp, issueNumber), 'latin1');
  const found: number[] = [];
  for (let at = pdf.indexOf(from); at >= 0; at = pdf.indexOf(from, at + from.length)) found.push(at);
  if (found.length !== pages)
    throw new Error(`expected the issue number line on ${pages} page(s), found it ${found.length} time(s)`);
  for (const at of found) to.copy(pdf, at);
}
