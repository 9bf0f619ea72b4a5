import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors.js';
import { decodeCsv, formatCsvRecord, parseCsv, parseEncoding, readCsv } from './csv.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and counts physical lines', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines\nhere",z\r\n3,,""\r\n';
    const { records, problem } = parseCsv(text);
    expect(problem).toBeUndefined();
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'two\r\nlines\nhere', 'z'] },
      { line: 6, fields: ['3', '', ''] },
    ]);
  });

  it('accepts LF, a missing final line break, and skips blank lines', () => {
    expect(parseCsv('a,b\n\n1,2').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
    expect(parseCsv('').records).toEqual([]);
    expect(parseCsv('a,\n').records).toEqual([{ line: 1, fields: ['a', ''] }]);
  });

  it('names the line of an unterminated quote, a stray quote, text after a closing quote and a bare CR', () => {
    expect(parseCsv('a,b\n1,2\n3,"open\n\n').problem?.line).toBe(3);
    expect(parseCsv('a,b\n1,x"y\n').problem?.en).toMatch(/line 2: a double quote inside an unquoted field/);
    expect(parseCsv('a,b\n"1"x,2\n').problem?.en).toMatch(/line 2: a closing double quote/);
    expect(parseCsv('a,b\n1,2\r3,4\n').problem?.en).toMatch(/line 2: a bare CR/);
    // The line counts the breaks inside earlier quoted fields.
    expect(parseCsv('a\n"x\ny"\n"open').problem?.line).toBe(4);
  });

  it('round-trips any fields through formatCsvRecord', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', 'あ', '𠮷', '葛\u{E0100}'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { maxLength: 6 }), (rows) => {
        const text = rows.map((r) => `${formatCsvRecord(r)}\r\n`).join('');
        const { records, problem } = parseCsv(text);
        expect(problem).toBeUndefined();
        expect(records.map((r) => r.fields)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});

describe('decodeCsv', () => {
  it('drops a UTF-8 BOM and keeps characters outside the BMP and variation selectors', () => {
    const decoded = decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('𠮷,葛\u{E0100}\n')]), 'utf8');
    expect(decoded).toEqual({ text: '𠮷,葛\u{E0100}\n' });
  });

  it('rejects invalid UTF-8 and names the line', () => {
    const bytes = new Uint8Array([...utf8('a,b\n1,2\n'), 0x33, 0x2c, 0xe3, 0x81, 0x0a, ...utf8('4,5\n')]);
    const decoded = decodeCsv(bytes, 'utf8');
    expect(decoded).toHaveProperty('problem.line', 3);
    expect(readCsv(bytes, 'utf8').problem?.en).toMatch(/line 3 has bytes that are not valid UTF-8/);
  });

  it('reads Shift_JIS and rejects a broken Shift_JIS byte with its line', () => {
    // 「住民」 in Shift_JIS, then an incomplete lead byte on line 2.
    const sjis = new Uint8Array([0x8f, 0x5a, 0x96, 0xaf, 0x2c, 0x31, 0x0a, 0x81, 0x0a]);
    expect(decodeCsv(sjis.subarray(0, 7), 'sjis')).toEqual({ text: '住民,1\n' });
    expect(decodeCsv(sjis, 'sjis')).toHaveProperty('problem.line', 2);
  });

  it('knows the encoding names and refuses others with an AppError', () => {
    expect(parseEncoding('SJIS')).toBe('sjis');
    expect(parseEncoding('cp932')).toBe('sjis');
    expect(parseEncoding('utf-8')).toBe('utf8');
    try {
      parseEncoding('latin1');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error)).toBe(true);
    }
  });
});
