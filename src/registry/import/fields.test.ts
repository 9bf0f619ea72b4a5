import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { withJuminhyoCheck, withMyNumberCheck } from '../../domain/check-digits.js';
import { readTable } from './columns.js';
import { parseCsv } from './csv.js';
import {
  amount,
  date,
  flag,
  juminhyoCode,
  kana,
  myNumber,
  optionalText,
  postalCode,
  sex,
  taxYear,
  text,
  toIsoDate,
} from './fields.js';
import { residentsFile } from './residents.schema.js';
import { taxFile } from './tax.schema.js';

const ok = <T>(schema: z.ZodType<T, string>, raw: string) => schema.parse(raw);
const why = (schema: z.ZodType<unknown, string>, raw: string) => {
  const result = schema.safeParse(raw);
  if (result.success) throw new Error('expected a problem');
  const issue = result.error.issues[0]!;
  return { en: issue.message, ja: (issue as { params?: { ja?: string } }).params?.ja };
};

describe('field parsers', () => {
  it('reads ISO, slashed, compact and Japanese era dates, and refuses dates that do not exist', () => {
    expect(toIsoDate('2024-02-09')).toBe('2024-02-09');
    expect(toIsoDate('2024/2/9')).toBe('2024-02-09');
    expect(toIsoDate('２０２４／２／９')).toBe('2024-02-09');
    expect(toIsoDate('20240209')).toBe('2024-02-09');
    expect(toIsoDate('令和6年2月9日')).toBe('2024-02-09');
    expect(toIsoDate('令和元年5月1日')).toBe('2019-05-01');
    expect(toIsoDate('R6.2.9')).toBe('2024-02-09');
    expect(toIsoDate('S55.4.1')).toBe('1980-04-01');
    expect(toIsoDate('2023-02-29')).toBeNull();
    expect(toIsoDate('平成31年5月1日')).toBeNull(); // 令和 had begun
    expect(toIsoDate('R6.13.1')).toBeNull();
    expect(why(date(), '1860-01-01').en).toMatch(/out of range/);
    expect(why(date(), '').en).toMatch(/required/);
  });

  it('keeps stored text exactly, variant kanji and IVS included, and refuses what cannot be stored faithfully', () => {
    expect(ok(text({ max: 3 }), '葛\u{E0100}西')).toBe('葛\u{E0100}西');
    expect(ok(text({ max: 2 }), '𠮷田')).toBe('𠮷田'); // two code points, four UTF-16 units
    expect(why(text({ max: 2 }), '𠮷田一').en).toMatch(/longer than 2/);
    expect(why(text({ max: 9 }), ' 山田').en).toMatch(/leading or trailing/);
    expect(why(text({ max: 9 }), '山田\u3000').en).toMatch(/leading or trailing/);
    expect(why(text({ max: 9 }), '山\t田').en).toMatch(/control character/);
    expect(why(text({ max: 9 }), '山\n田').en).toMatch(/line break/);
    expect(ok(optionalText({ max: 9, multiline: true }), '死亡\n届出')).toBe('死亡\n届出');
    expect(why(text({ max: 9 }), '山\uE001').ja).toMatch(/外字/);
    expect(why(text({ max: 9 }), '山\uFFFD').en).toMatch(/U\+FFFD/);
    expect(ok(optionalText({ max: 9 }), '  ')).toBeNull();
  });

  it('accepts katakana, hiragana and half-width kana only', () => {
    expect(ok(kana({ max: 20 }), 'ヨシダ')).toBe('ヨシダ');
    expect(ok(kana({ max: 20 }), 'よしだ')).toBe('よしだ');
    expect(ok(kana({ max: 20 }), 'ﾖｼﾀﾞ')).toBe('ﾖｼﾀﾞ');
    expect(ok(kana({ max: 20 }), 'スミス　ジョン')).toBe('スミス　ジョン');
    expect(why(kana({ max: 20 }), '吉田').en).toMatch(/katakana/);
    expect(why(kana({ max: 20 }), 'YOSHIDA').en).toMatch(/katakana/);
  });

  it('checks identifiers by their check digit', () => {
    const code = withJuminhyoCheck('8765400001');
    expect(ok(juminhyoCode(), code)).toBe(code);
    const wrong = code.slice(0, 10) + ((Number(code[10]) + 1) % 10);
    expect(why(juminhyoCode(), wrong).en).toMatch(/check digit/);
    expect(why(juminhyoCode(), '123').en).toMatch(/11 digits/);
    const number = withMyNumberCheck('12345670001');
    expect(ok(myNumber(), number)).toBe(number);
    expect(ok(myNumber(), '')).toBeNull();
    expect(why(myNumber(), `${number.slice(0, 11)}${(Number(number[11]) + 1) % 10}`).ja).toMatch(
      /個人番号の検査数字/,
    );
  });

  it('reads postal codes, sex, yes/no, amounts and tax years in their usual spellings', () => {
    expect(ok(postalCode(), '〒123-4567')).toBe('1234567');
    expect(ok(postalCode(), '１２３－４５６７')).toBe('1234567');
    expect(() => postalCode().parse('1234-567')).toThrow();
    expect([ok(sex(), '男'), ok(sex(), 'f'), ok(sex(), '2')]).toEqual(['M', 'F', 'F']);
    expect([ok(flag(), ''), ok(flag(), 'はい'), ok(flag(), '0')]).toEqual([false, true, false]);
    expect(why(flag(), 'maybe').en).toMatch(/1 or 0/);
    expect([ok(amount(), '1,234,000'), ok(amount(), ''), ok(amount(), '０')]).toEqual([1_234_000, 0, 0]);
    expect(() => amount().parse('1,23,4')).toThrow();
    expect(() => amount().parse('-5')).toThrow();
    expect([
      ok(taxYear(), '令和6年度'),
      ok(taxYear(), 'R元'),
      ok(taxYear(), '2024'),
      ok(taxYear(), 'H31'),
    ]).toEqual([2024, 2019, 2024, 2019]);
  });
});

describe('row schemas', () => {
  const resident = {
    resident_id: '1',
    household_id: '1',
    relationship: '世帯主',
    juminhyo_code: withJuminhyoCheck('8765400001'),
    family_name: '山田',
    given_name: '花子',
    family_name_kana: 'ヤマダ',
    given_name_kana: 'ハナコ',
    birth_date: '1990-01-01',
    sex: '女',
    postal_code: '9999990',
    address: '見本県見本市1番地',
    resident_since: '1990-01-01',
    address_since: '1990-01-01',
  };
  const table = (rows: Record<string, string>[]) => {
    const header = Object.keys(rows[0]!);
    const csv = [header.join(','), ...rows.map((r) => header.map((k) => r[k] ?? '').join(','))].join('\n');
    return readTable(residentsFile, 'r.csv', parseCsv(csv).records);
  };

  it('applies the cross-column rules of a resident row', () => {
    expect(table([resident]).issues).toEqual([]);
    const foreign = table([{ ...resident, is_foreign: '1', honseki: '東京都', hittosha: '山田太郎' }]);
    expect(foreign.issues.map((i) => i.column)).toEqual(['nationality', 'honseki']);
    const removed = table([{ ...resident, status: '転出', moved_to_address: '東京都' }]);
    expect(removed.issues.map((i) => i.column)).toEqual(['removed_on']);
    const early = table([{ ...resident, resident_since: '1989-12-31', tsusho: '花' }]);
    expect(early.issues.map((i) => i.column)).toEqual(['tsusho', 'resident_since']);
    expect(early.issues[0]!.ja).toBe('r.csv 2行目「通称」: この項目は外国人住民（外国人=1）にだけ書けます。');
  });

  it('reports header problems once and rows with the wrong number of fields', () => {
    const csv = 'resident_id,宛名番号,nickname\n1,2,3\n';
    const result = readTable(residentsFile, 'r.csv', parseCsv(csv).records);
    expect(result.rows).toEqual([]);
    expect(result.issues.map((i) => i.en)).toEqual([
      'r.csv line 1, column resident_id: the column appears twice in the header.',
      'r.csv line 1: header column 3 is not a column of this kind of file.',
      ...[
        'household_id',
        'relationship',
        'juminhyo_code',
        'family_name',
        'given_name',
        'family_name_kana',
        'given_name_kana',
        'birth_date',
        'sex',
        'postal_code',
        'address',
        'resident_since',
        'address_since',
      ].map((c) => `r.csv line 1, column ${c}: a required column is missing from the header.`),
    ]);
    const short = readTable(taxFile, 't.csv', parseCsv('宛名番号,課税年度,課税区分\n1,2024\n').records);
    expect(short.issues[0]!.en).toBe('t.csv line 2: the row has 2 fields but the header has 3.');
    const rules = readTable(
      taxFile,
      't.csv',
      parseCsv('宛名番号,課税年度,課税区分,市町村民税\n1,2024,未申告,100\n').records,
    );
    expect(rules.issues.map((i) => i.column)).toEqual(['municipal_tax']);
  });
});
