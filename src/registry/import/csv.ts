import { AppError } from '../../shared/errors.js';

/**
 * RFC 4180 CSV for municipal exports: fields separated by commas, records by
 * CRLF or LF, fields optionally in double quotes with `""` for a quote and
 * commas and line breaks allowed inside. UTF-8 (with or without a BOM) or
 * Shift_JIS (Windows-31J, what most municipal systems still export).
 *
 * Line numbers are physical lines (what an editor shows), counted from 1; a
 * record that spans lines is reported at the line where it starts.
 */

export type CsvEncoding = 'utf8' | 'sjis';

export interface CsvRecord {
  /** Physical line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  ja: string;
  en: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  /** A structural error stops the parse: nothing after it can be trusted. */
  problem?: CsvProblem;
}

const ENCODING_NAMES: Record<string, CsvEncoding> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  sjis: 'sjis',
  shift_jis: 'sjis',
  'shift-jis': 'sjis',
  cp932: 'sjis',
  'windows-31j': 'sjis',
};

export function parseEncoding(name: string): CsvEncoding {
  const encoding = ENCODING_NAMES[name.trim().toLowerCase()];
  if (!encoding) {
    throw new AppError('invalid', 'import_unknown_encoding', {
      ja: '文字コードは utf8 または sjis を指定してください。',
      en: 'The encoding must be utf8 or sjis.',
    });
  }
  return encoding;
}

const LF = 0x0a;

/**
 * Decodes the bytes, refusing any malformed sequence. TextDecoder's fatal mode
 * does not say where it failed, so on failure each line is decoded on its own
 * to find the first bad one; that is sound because 0x0A is never part of a
 * multi-byte character in UTF-8 or in Shift_JIS (trail bytes are 0x40–0xFC).
 */
export function decodeCsv(
  bytes: Uint8Array,
  encoding: CsvEncoding,
): { text: string } | { problem: CsvProblem } {
  const label = encoding === 'utf8' ? 'utf-8' : 'shift_jis';
  // ignoreBOM false: a leading UTF-8 BOM is consumed, not returned.
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: false });
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    let start = 0;
    let line = 1;
    while (start <= bytes.length) {
      let end = bytes.indexOf(LF, start);
      if (end === -1) end = bytes.length;
      try {
        new TextDecoder(label, { fatal: true }).decode(bytes.subarray(start, end));
      } catch {
        break;
      }
      start = end + 1;
      line++;
    }
    const name = encoding === 'utf8' ? 'UTF-8' : 'Shift_JIS';
    return {
      problem: {
        line,
        ja: `${line}行目に ${name} として読めないバイト列があります（文字コードの指定を確認してください）。`,
        en: `line ${line} has bytes that are not valid ${name} (check the encoding option).`,
      },
    };
  }
}

const UNQUOTED_STOP = /[,\r\n"]/g;

export function parseCsv(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  const fail = (at: number, ja: string, en: string): CsvParseResult => ({
    records,
    problem: { line: at, ja: `${at}行目: ${ja}`, en: `line ${at}: ${en}` },
  });

  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let quotedAny = false;
    for (;;) {
      if (text.charCodeAt(i) === 0x22) {
        quotedAny = true;
        const openLine = line;
        i++;
        let value = '';
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) {
            return fail(
              openLine,
              '引用符（"）で始まる項目が閉じられていません。',
              'a field opened with a double quote is never closed.',
            );
          }
          const chunk = text.slice(i, close);
          value += chunk;
          line += countLineFeeds(chunk);
          if (text.charCodeAt(close + 1) === 0x22) {
            value += '"';
            i = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        fields.push(value);
        const next = text.charCodeAt(i);
        if (
          !(i >= n || next === 0x2c || next === 0x0a || (next === 0x0d && text.charCodeAt(i + 1) === 0x0a))
        ) {
          return fail(
            line,
            '閉じ引用符の直後に区切り（カンマか改行）以外の文字があります。',
            'a closing double quote is followed by something other than a comma or a line break.',
          );
        }
      } else {
        UNQUOTED_STOP.lastIndex = i;
        const match = UNQUOTED_STOP.exec(text);
        const stop = match ? match.index : n;
        if (match && match[0] === '"') {
          return fail(
            line,
            '引用符で囲まれていない項目に引用符（"）があります。引用符を含む項目は全体を "" で囲み、中の " は "" と書きます。',
            'a double quote inside an unquoted field; quote the whole field and double the quotes inside it.',
          );
        }
        if (match && match[0] === '\r' && text.charCodeAt(stop + 1) !== 0x0a) {
          return fail(
            line,
            '改行コードが CR だけになっています（CRLF か LF にしてください）。',
            'a bare CR line break; use CRLF or LF.',
          );
        }
        fields.push(text.slice(i, stop));
        i = stop;
      }
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        i++;
        continue;
      }
      // End of record: CRLF, LF or the end of the text.
      if (c === 0x0d || c === 0x0a) {
        i += c === 0x0d ? 2 : 1;
        line++;
      }
      break;
    }
    // An empty line is skipped rather than read as a record of one empty field.
    if (fields.length === 1 && fields[0] === '' && !quotedAny) continue;
    records.push({ line: recordLine, fields });
  }
  return { records };
}

function countLineFeeds(text: string): number {
  let count = 0;
  let at = text.indexOf('\n');
  while (at !== -1) {
    count++;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}

/** Decodes and parses in one step. */
export function readCsv(bytes: Uint8Array, encoding: CsvEncoding): CsvParseResult {
  const decoded = decodeCsv(bytes, encoding);
  if ('problem' in decoded) return { records: [], problem: decoded.problem };
  return parseCsv(decoded.text);
}

/** Writes one record (for samples, tests and error reports): quotes only when needed. */
export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
