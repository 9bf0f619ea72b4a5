/**
 * Fuzzing the registry import (importRegistries), on both drivers. Starting
 * from the sample files that import cleanly (docs/samples), every input
 * damages one cell with a value certainly wrong for its column — wrong check
 * digits, impossible dates, 13th months and years past an era's end, control
 * and private-use characters, over-long text — or damages the file itself
 * (invalid UTF-8 and Shift_JIS, bare CRs, broken quotes, bad headers, huge
 * cells). Every one must be refused as a whole with a 4xx AppError whose
 * messages (and every line's) are Japanese and English, name the file and
 * never repeat the cell's value; and no record may change. Hostile text that
 * is valid (SQL in a 方書) is stored exactly as written.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { importRegistries } from '../../src/registry/import/import-registries.js';
import {
  IMPORT_KINDS,
  type ImportFile,
  type ImportKind,
} from '../../src/registry/import/read-import-files.js';
import { HTTP_STATUS, isAppError } from '../../src/shared/errors.js';
import { describeOnDrivers } from '../support/databases.js';
import { INJECTIONS } from './hostile.js';
import { changedTables, type Snapshot, snapshotRecords } from './snapshot.js';

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), '../../docs/samples');
const TOWN = '999997';
const TODAY = '2024-02-09';
const RUNS = Number(process.env.MADOGUCHI_FUZZ_RUNS ?? 2);
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (cell || record.length) records.push([...record, cell]);
  return records.filter((r) => r.some((c) => c !== ''));
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const toCsv = (records: string[][]) => `${records.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;

type ColumnKind =
  | 'date'
  | 'juminhyoCode'
  | 'myNumber'
  | 'municipalityCode'
  | 'text'
  | 'kana'
  | 'sex'
  | 'postal'
  | 'id'
  | 'amount'
  | 'choice';

/** The sample files' columns by their Japanese header, with the kind of value each holds. */
const COLUMN_KINDS: Partial<Record<ImportKind, Record<string, ColumnKind>>> = {
  residents: {
    宛名番号: 'id',
    世帯番号: 'id',
    続柄: 'text',
    住民票コード: 'juminhyoCode',
    個人番号: 'myNumber',
    氏: 'text',
    名: 'text',
    氏カナ: 'kana',
    名カナ: 'kana',
    生年月日: 'date',
    性別: 'sex',
    郵便番号: 'postal',
    住所: 'text',
    住民となった年月日: 'date',
    住所を定めた年月日: 'date',
    状態: 'choice',
  },
  tax: {
    宛名番号: 'id',
    課税区分: 'choice',
    給与収入: 'amount',
    合計所得金額: 'amount',
    市町村民税: 'amount',
  },
  'koseki-members': {
    戸籍番号: 'id',
    氏: 'text',
    名: 'text',
    生年月日: 'date',
    性別: 'sex',
    住民票コード: 'juminhyoCode',
  },
  municipality: { 団体コード: 'municipalityCode', 団体名: 'text', 郵便番号: 'postal' },
  koseki: {},
  seals: {},
};

const FALLBACK: Partial<Record<ColumnKind, string>> = {
  juminhyoCode: '87654000010',
  myNumber: '123456700017',
  municipalityCode: '999997',
  kana: 'テスト',
};

/** Kinds whose wrong values are personal data and distinctive enough to search the messages for. */
const LEAK_CHECKED = new Set<ColumnKind>(['date', 'juminhyoCode', 'myNumber', 'text', 'kana']);

const withWrongCheckDigit = (code: string, by: number) =>
  code.slice(0, -1) + String((Number(code.at(-1)) + by) % 10);

/** Values certainly wrong for a column of this kind (given the sample's own valid value). */
function wrongValues(kind: ColumnKind, sampleValue: string): fc.Arbitrary<string> {
  // An optional cell may be blank in the sample: damage a valid value of the kind instead.
  const valid = sampleValue.trim() !== '' ? sampleValue : (FALLBACK[kind] ?? 'テスト');
  switch (kind) {
    case 'date':
      return fc.constantFrom(
        '2024-02-30',
        '2023-02-29',
        '2024-13-01',
        '2024-00-10',
        '2024/2/30',
        '20240230',
        '令和6年13月1日',
        '令和6年2月30日',
        '令和0年1月1日',
        '平成32年1月1日',
        '平成31年5月1日',
        '昭和64年1月8日',
        '大正15年12月26日',
        '明治46年1月1日',
        'R6.13.1',
        'H31.5.1',
        'S65.1.1',
        'X6.1.1',
        '9999-99-99',
        '0000-00-00',
        '令和６年１３月１日',
        '昨日',
      );
    case 'juminhyoCode':
    case 'myNumber':
    case 'municipalityCode':
      return fc.constantFrom(
        withWrongCheckDigit(valid, 1),
        withWrongCheckDigit(valid, 5),
        valid.slice(0, -1),
        `${valid}0`,
        valid.replace(/\d/, 'A'),
        `${valid.slice(0, -1)}-`,
      );
    case 'text':
      return fc.constantFrom(
        `${valid}\u0001`,
        `\u0000${valid}`,
        `${valid}\ue000`,
        `${valid}\ufffd`,
        ` ${valid}`,
        `${valid}\t`,
        '𠮷'.repeat(401),
        'x'.repeat(2_000_000),
        `\u001b[31m${valid}`,
      );
    case 'kana':
      return fc.constantFrom('山田', 'YAMADA', `${valid}1`, `${valid}\u0007`, 'ﾔﾏﾀﾞ\ue000');
    case 'sex':
      return fc.constantFrom('3', 'X', 'おとこ', '男性?', '0');
    case 'postal':
      return fc.constantFrom('123-456', '12345678', 'ABC-DEFG', '〒', '999-99970');
    case 'id':
      return fc.constantFrom('-1', '1.5', '1234567890123456', 'abc', '１２a', '1e5');
    case 'amount':
      return fc.constantFrom('-1', '1.5', '1,2,3,,', 'abc', '99999999999999999999999', '¥1000');
    case 'choice':
      return fc.constantFrom('unknown', "'; drop table resident; --", '<b>課税</b>', 'NULL');
  }
}

interface Case {
  kind: ImportKind;
  bytes: Uint8Array;
  encoding: 'utf8' | 'sjis';
  /** The wrong value put in a cell, which no message may repeat. */
  secret?: string;
  label: string;
}

describeOnDrivers('import fuzzing', (ctx) => {
  const samples = {} as Record<ImportKind, string>;
  let before: Snapshot;
  let inputs = 0;
  const files = (kind: ImportKind, bytes: Uint8Array): Partial<Record<ImportKind, ImportFile>> => ({
    [kind]: { name: `${kind}.csv`, bytes, dir: SAMPLES },
  });

  beforeAll(async () => {
    for (const kind of IMPORT_KINDS)
      samples[kind] = readFileSync(join(SAMPLES, `${kind}.csv`), 'utf8').replace(/^\uFEFF/, '');
    const all: Partial<Record<ImportKind, ImportFile>> = {};
    for (const kind of IMPORT_KINDS)
      all[kind] = { name: `${kind}.csv`, bytes: new TextEncoder().encode(samples[kind]), dir: SAMPLES };
    await importRegistries(ctx.database.db, { municipalityCode: TOWN, files: all, today: TODAY });
    before = await snapshotRecords(ctx.database.db);
  }, 60_000);

  async function expectRefused(c: Case) {
    inputs++;
    const error = await importRegistries(ctx.database.db, {
      municipalityCode: TOWN,
      files: files(c.kind, c.bytes),
      encoding: c.encoding,
      today: TODAY,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const where = `${c.kind}: ${c.label}`;
    expect(error, `${where} was imported`).toBeDefined();
    expect(isAppError(error), `${where}: ${String(error)}`).toBe(true);
    if (!isAppError(error)) return;
    expect(HTTP_STATUS[error.kind], where).toBeGreaterThanOrEqual(400);
    expect(HTTP_STATUS[error.kind], where).toBeLessThan(500);
    expect(error.ja, where).toMatch(JAPANESE);
    expect(error.en.trim(), where).not.toBe('');
    for (const detail of error.details) {
      expect(detail.ja, where).toMatch(JAPANESE);
      expect(detail.en.trim(), where).not.toBe('');
      expect(detail.at ?? '', where).toContain(`${c.kind}.csv`);
    }
    if (c.secret && c.secret.trim().length >= 4) {
      const text = JSON.stringify([error.ja, error.en, error.details]);
      expect(text.includes(c.secret), `${where}: a message repeats the cell's value`).toBe(false);
    }
  }

  it('refuses every file with one cell certainly wrong for its column, and writes nothing', async () => {
    const cases: fc.Arbitrary<Case>[] = [];
    for (const [kind, columns] of Object.entries(COLUMN_KINDS) as [
      ImportKind,
      Record<string, ColumnKind>,
    ][]) {
      const records = parseCsv(samples[kind]);
      const header = records[0]!;
      for (const [column, columnKind] of Object.entries(columns)) {
        const at = header.indexOf(column);
        if (at < 0) throw new Error(`${kind}.csv has no column ${column}`);
        const rows = records.length - 1;
        cases.push(
          fc.tuple(fc.integer({ min: 1, max: rows }), fc.constant(null)).chain(([row]) =>
            wrongValues(columnKind, records[row]![at]!).map((value): Case => {
              const copy = records.map((r) => [...r]);
              copy[row]![at] = value;
              return {
                kind,
                bytes: new TextEncoder().encode(toCsv(copy)),
                encoding: 'utf8',
                // Short codes (性別, 郵便番号 …) may coincide with the format examples a message gives.
                ...(LEAK_CHECKED.has(columnKind) ? { secret: value } : {}),
                label: `${column} = ${JSON.stringify(value.slice(0, 40))} on row ${row}`,
              };
            }),
          ),
        );
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(...cases), async (c) => expectRefused(c)),
      { numRuns: Math.round(150 * RUNS), seed: 4242 },
    );
    expect(changedTables(before, await snapshotRecords(ctx.database.db))).toEqual([]);
  }, 120_000);

  it('refuses files damaged as files — encodings, line ends, quotes, headers, size — and writes nothing', async () => {
    const damage = fc.tuple(
      fc.constantFrom<ImportKind>('residents', 'tax', 'koseki-members', 'seals', 'koseki-events', 'fuhyo'),
      fc.nat(),
      fc.constantFrom(
        'invalid utf-8',
        'lone surrogate bytes',
        'bare CR',
        'open quote',
        'quote inside',
        'extra cell',
        'missing cell',
        'duplicate column',
        'unknown column',
        'no header',
        'missing required column',
        'NUL bytes',
        'huge cell',
        'binary',
        'shift_jis as utf-8',
        'invalid shift_jis',
      ),
    );
    await fc.assert(
      fc.asyncProperty(damage, async ([kind, pick, how]) => {
        const text = samples[kind];
        const lines = text.split(/\r?\n/).filter(Boolean);
        const header = lines[0]!;
        const row = 1 + (pick % (lines.length - 1));
        const encoder = new TextEncoder();
        let bytes: Uint8Array;
        let encoding: 'utf8' | 'sjis' = 'utf8';
        const replaceLine = (line: string) =>
          encoder.encode([...lines.slice(0, row), line, ...lines.slice(row + 1)].join('\n'));
        switch (how) {
          case 'invalid utf-8': {
            const line = encoder.encode(lines[row]!);
            const cut = 1 + (pick % Math.max(1, line.length - 1));
            bytes = encoder.encode(`${lines.slice(0, row).join('\n')}\n`);
            bytes = Buffer.concat([
              bytes,
              line.subarray(0, cut),
              Buffer.from([0xc3, 0x28, 0xff]),
              line.subarray(cut),
            ]);
            break;
          }
          case 'lone surrogate bytes':
            bytes = Buffer.concat([
              encoder.encode(`${header}\n`),
              Buffer.from([0xed, 0xa0, 0x80]),
              encoder.encode(`,${lines[row]}`),
            ]);
            break;
          case 'bare CR':
            bytes = encoder.encode(lines.join('\r'));
            break;
          case 'open quote':
            bytes = replaceLine(`"${lines[row]}`);
            break;
          case 'quote inside':
            bytes = replaceLine(lines[row]!.replace(',', ',ab"c'));
            break;
          case 'extra cell':
            bytes = replaceLine(`${lines[row]},extra`);
            break;
          case 'missing cell':
            bytes = replaceLine(lines[row]!.slice(0, lines[row]!.lastIndexOf(',')));
            break;
          case 'duplicate column':
            bytes = encoder.encode(
              [`${header},${header.split(',')[0]}`, ...lines.slice(1).map((l) => `${l},1`)].join('\n'),
            );
            break;
          case 'unknown column':
            bytes = encoder.encode(
              [`${header},'; drop table resident; --`, ...lines.slice(1).map((l) => `${l},x`)].join('\n'),
            );
            break;
          case 'no header':
            bytes = encoder.encode(lines.slice(1).join('\n'));
            break;
          case 'missing required column':
            bytes = encoder.encode(lines.map((l) => l.split(',').slice(1).join(',')).join('\n'));
            break;
          case 'NUL bytes':
            bytes = replaceLine(`${lines[row]}\u0000\u0000`);
            break;
          case 'huge cell':
            bytes = replaceLine(
              lines[row]!.replace(',', `,${'𠮷'.repeat(1_500_000)},`).replace(/,[^,]*$/, ''),
            );
            break;
          case 'binary':
            bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + pick) & 0xff));
            break;
          case 'shift_jis as utf-8':
            // 見本 in Shift_JIS, read as UTF-8.
            bytes = Buffer.concat([
              encoder.encode(`${header}\n`),
              Buffer.from([0x8c, 0xa9, 0x96, 0x7b]),
              encoder.encode(`,${lines[row]}`),
            ]);
            break;
          default:
            encoding = 'sjis';
            bytes = Buffer.concat([
              encoder.encode(`${header}\n`),
              Buffer.from([0x81, 0x20, 0xff, 0xfd]),
              encoder.encode(lines[row]!),
            ]);
        }
        await expectRefused({ kind, bytes, encoding, label: how });
      }),
      { numRuns: Math.round(100 * RUNS), seed: 4343 },
    );
    expect(changedTables(before, await snapshotRecords(ctx.database.db))).toEqual([]);
  }, 120_000);

  it('refuses a bad municipality code before reading anything', async () => {
    for (const code of ['999998', '99999', '', "999997' or '1'='1", '９９９９９８', '\u0000999997']) {
      inputs++;
      const error = await importRegistries(ctx.database.db, {
        municipalityCode: code,
        files: files('residents', new TextEncoder().encode(samples.residents)),
      }).catch((e: unknown) => e);
      expect(isAppError(error) && HTTP_STATUS[error.kind] === 400, code).toBe(true);
    }
    expect(changedTables(before, await snapshotRecords(ctx.database.db))).toEqual([]);
    console.log(`[fuzz ${ctx.kind}] ${inputs} hostile import files refused, nothing written`);
  });

  it('stores hostile but valid text exactly as written (SQL, HTML and odd Unicode in a 方書)', async () => {
    const records = parseCsv(samples.residents);
    const at = records[0]!.indexOf('方書');
    const id = records[1]![records[0]!.indexOf('宛名番号')]!;
    const valid = INJECTIONS.filter(
      (s) =>
        s.length <= 100 &&
        !/[\u0000-\u001f\u007f\ue000-\uf8ff\ufffd]/.test(s) &&
        s.trim() === s &&
        s !== '' &&
        !/^\s/.test(s),
    ).slice(0, 8);
    for (const value of valid) {
      const copy = records.map((r) => [...r]);
      copy[1]![at] = value;
      await importRegistries(ctx.database.db, {
        municipalityCode: TOWN,
        files: files('residents', new TextEncoder().encode(toCsv(copy))),
        today: TODAY,
      });
      const row = await sql<{ katagaki: string | null }>`
        select katagaki from resident where municipality_code = ${TOWN} and resident_id = ${Number(id)}`.execute(
        ctx.database.db,
      );
      expect(row.rows[0]?.katagaki).toBe(value);
    }
    const residents = await sql<{ n: number }>`select count(*)::int as n from resident`.execute(
      ctx.database.db,
    );
    expect(residents.rows[0]?.n).toBe(before.resident?.rows);
  }, 60_000);
});
