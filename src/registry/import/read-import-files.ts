import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { type FileSpec, type ImportIssue, issueAt, readTable, type TableRow } from './columns.js';
import { type CsvEncoding, readCsv } from './csv.js';
import { type FuhyoRow, fuhyoFile } from './fuhyo.schema.js';
import { type KosekiRow, kosekiFile } from './koseki.schema.js';
import { type KosekiEventRow, kosekiEventsFile } from './koseki-events.schema.js';
import { type KosekiMemberRow, kosekiMembersFile } from './koseki-members.schema.js';
import { type MunicipalityRow, municipalityFile } from './municipality.schema.js';
import { checkPng, MAX_SEAL_PNG_BYTES } from './png.js';
import { type ResidentEventRow, residentEventsFile } from './resident-events.schema.js';
import { type ResidentRow, residentsFile } from './residents.schema.js';
import { type SealRow, sealsFile } from './seals.schema.js';
import { type TaxRow, taxFile } from './tax.schema.js';

/** The file kinds, in the order they are written. */
export const IMPORT_KINDS = [
  'municipality',
  'residents',
  'resident-events',
  'koseki',
  'koseki-members',
  'koseki-events',
  'fuhyo',
  'seals',
  'tax',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const FILE_SPECS = {
  municipality: municipalityFile,
  residents: residentsFile,
  'resident-events': residentEventsFile,
  koseki: kosekiFile,
  'koseki-members': kosekiMembersFile,
  'koseki-events': kosekiEventsFile,
  fuhyo: fuhyoFile,
  seals: sealsFile,
  tax: taxFile,
} as const;

export interface ImportFile {
  /** How the file is named in error reports (the path the operator gave). */
  name: string;
  bytes: Uint8Array;
  /** Directory that relative 印影 paths are resolved against; without it only base64 印影 work. */
  dir?: string;
}

export type SealImportRow = Omit<SealRow, 'impression'> & { impression_png: Uint8Array };

export interface ParsedFile<Row> {
  name: string;
  rows: TableRow<Row>[];
  /** Raw cells of rows that failed: their keys still count as present, so one bad row is reported once. */
  rejected: { line: number; values: Record<string, string> }[];
}

export interface ParsedFiles {
  municipality?: ParsedFile<MunicipalityRow>;
  residents?: ParsedFile<ResidentRow>;
  'resident-events'?: ParsedFile<ResidentEventRow>;
  koseki?: ParsedFile<KosekiRow>;
  'koseki-members'?: ParsedFile<KosekiMemberRow>;
  'koseki-events'?: ParsedFile<KosekiEventRow>;
  fuhyo?: ParsedFile<FuhyoRow>;
  seals?: ParsedFile<SealImportRow>;
  tax?: ParsedFile<TaxRow>;
}

function parseOne<Row>(
  spec: FileSpec<Row>,
  file: ImportFile,
  encoding: CsvEncoding,
  issues: ImportIssue[],
): ParsedFile<Row> {
  const csv = readCsv(file.bytes, encoding);
  if (csv.problem) {
    // Past a structural error the records cannot be trusted; the file is reported once.
    issues.push({
      file: file.name,
      line: csv.problem.line,
      ja: `${file.name}: ${csv.problem.ja}`,
      en: `${file.name}: ${csv.problem.en}`,
    });
    return { name: file.name, rows: [], rejected: [] };
  }
  const table = readTable(spec, file.name, csv.records);
  issues.push(...table.issues);
  return { name: file.name, rows: table.rows, rejected: table.rejected };
}

/**
 * Reads every given file and validates every row on its own (no database).
 * Returns all the rows that passed and every problem found; nothing stops at
 * the first error.
 */
export async function readImportFiles(
  files: Partial<Record<ImportKind, ImportFile>>,
  encoding: CsvEncoding,
): Promise<{ parsed: ParsedFiles; issues: ImportIssue[] }> {
  const issues: ImportIssue[] = [];
  const parsed: ParsedFiles = {};
  for (const kind of IMPORT_KINDS) {
    const file = files[kind];
    if (!file) continue;
    if (kind === 'seals') {
      const seals = parseOne(sealsFile, file, encoding, issues);
      parsed.seals = await loadImpressions(seals, file, issues);
    } else {
      // Each kind pairs its own spec with its own slot; TypeScript cannot follow the pairing through the loop.
      (parsed as Record<string, unknown>)[kind] = parseOne(
        FILE_SPECS[kind] as FileSpec<unknown>,
        file,
        encoding,
        issues,
      );
    }
  }
  return { parsed, issues };
}

async function loadImpressions(
  seals: ParsedFile<SealRow>,
  file: ImportFile,
  issues: ImportIssue[],
): Promise<ParsedFile<SealImportRow>> {
  const rows: TableRow<SealImportRow>[] = [];
  const rejected = [...seals.rejected];
  for (const { line, row } of seals.rows) {
    const { impression, ...rest } = row;
    const fail = (ja: string, en: string) => {
      issues.push(issueAt(file.name, line, sealsFile.columns, 'impression', { ja, en }));
      rejected.push({ line, values: { registration_no: String(row.registration_no), card_no: row.card_no } });
    };
    let bytes: Uint8Array;
    if (impression.kind === 'base64') {
      bytes = impression.bytes;
    } else {
      if (!file.dir) {
        fail(
          '画像ファイルの場所が分からないため、印影は base64 で書いてください。',
          'no base directory here: give the seal image as base64.',
        );
        continue;
      }
      const path = resolve(file.dir, impression.path);
      const inside = relative(file.dir, path);
      if (isAbsolute(impression.path) || inside.startsWith('..') || isAbsolute(inside)) {
        fail(
          '印影のパスは CSV ファイルのあるフォルダの中を相対パスで指してください。',
          'a seal image path must be relative and stay inside the CSV file’s folder.',
        );
        continue;
      }
      try {
        bytes = await readImage(path);
      } catch (error) {
        if (error instanceof ImageTooLarge)
          fail('印影の画像が 2MB を超えています。', 'the seal image is larger than 2 MB.');
        else
          fail(
            '印影の画像ファイルを読めません（パスを確認してください）。',
            'cannot read the seal image file (check the path).',
          );
        continue;
      }
    }
    const problem = checkPng(bytes);
    if (problem) {
      fail(problem.ja, problem.en);
      continue;
    }
    rows.push({ line, row: { ...rest, impression_png: bytes } });
  }
  return { name: seals.name, rows, rejected };
}

class ImageTooLarge extends Error {}

async function readImage(path: string): Promise<Uint8Array> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error('not a file');
  if (info.size > MAX_SEAL_PNG_BYTES) throw new ImageTooLarge();
  return new Uint8Array(await readFile(path));
}
