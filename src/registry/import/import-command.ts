import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { connect } from '../../db/connect.js';
import { migrate } from '../../db/migrate.js';
import { isAppError } from '../../shared/errors.js';
import { parseEncoding } from './csv.js';
import { type ImportReport, importRegistries } from './import-registries.js';
import { IMPORT_KINDS, type ImportFile, type ImportKind } from './read-import-files.js';

export const IMPORT_USAGE = `usage: madoguchi import --municipality CODE [files] [--encoding utf8|sjis] [--dry-run] [--json]

  --municipality CODE        地方公共団体コード (6 digits with its check digit), e.g. 999997
  --dir DIR                  take every file below that exists in DIR under its standard name
  --municipality-file F      団体情報 (needed when the municipality is not in the database yet)  municipality.csv
  --residents F              住民票 (世帯 are derived from 世帯番号)                              residents.csv
  --resident-events F        異動履歴                                                            resident-events.csv
  --koseki F                 戸籍                                                                koseki.csv
  --koseki-members F         戸籍の個人                                                          koseki-members.csv
  --koseki-events F          戸籍事項・身分事項                                                  koseki-events.csv
  --fuhyo F                  戸籍の附票                                                          fuhyo.csv
  --seals F                  印鑑登録 (印影: PNG path relative to the CSV, or base64)           seals.csv
  --tax F                    住民税課税台帳                                                      tax.csv
  --encoding utf8|sjis       the files' encoding (default utf8; sjis = Shift_JIS/Windows-31J)
  --dry-run                  validate everything and count, write nothing
  --json                     print the report as JSON

All files are validated first; if any row is wrong nothing is imported and every
problem is listed (exit code 1). Column layouts: docs/import-format.md.`;

/** Option name and standard file name of each kind. */
const FILE_OPTIONS: Record<ImportKind, { option: string; standard: string }> = {
  municipality: { option: 'municipality-file', standard: 'municipality.csv' },
  residents: { option: 'residents', standard: 'residents.csv' },
  'resident-events': { option: 'resident-events', standard: 'resident-events.csv' },
  koseki: { option: 'koseki', standard: 'koseki.csv' },
  'koseki-members': { option: 'koseki-members', standard: 'koseki-members.csv' },
  'koseki-events': { option: 'koseki-events', standard: 'koseki-events.csv' },
  fuhyo: { option: 'fuhyo', standard: 'fuhyo.csv' },
  seals: { option: 'seals', standard: 'seals.csv' },
  tax: { option: 'tax', standard: 'tax.csv' },
};

export async function runImportCommand(args: string[], config: Config): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        municipality: { type: 'string' },
        dir: { type: 'string' },
        ...Object.fromEntries(
          Object.values(FILE_OPTIONS).map(({ option }) => [option, { type: 'string' as const }]),
        ),
        encoding: { type: 'string', default: 'utf8' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(IMPORT_USAGE);
    return 0;
  }
  if (typeof values.municipality !== 'string') {
    console.error(`--municipality is required\n\n${IMPORT_USAGE}`);
    return 2;
  }

  const paths: Partial<Record<ImportKind, string>> = {};
  if (typeof values.dir === 'string') {
    for (const kind of IMPORT_KINDS) {
      const path = join(values.dir, FILE_OPTIONS[kind].standard);
      if (existsSync(path)) paths[kind] = path;
    }
  }
  for (const kind of IMPORT_KINDS) {
    const given = values[FILE_OPTIONS[kind].option];
    if (typeof given === 'string') paths[kind] = given;
  }

  const files: Partial<Record<ImportKind, ImportFile>> = {};
  const unreadable: string[] = [];
  for (const kind of IMPORT_KINDS) {
    const path = paths[kind];
    if (!path) continue;
    try {
      files[kind] = { name: path, bytes: new Uint8Array(await readFile(path)), dir: dirname(resolve(path)) };
    } catch {
      unreadable.push(path);
    }
  }
  if (unreadable.length > 0) {
    for (const path of unreadable) console.error(`ファイルを読めません / cannot read the file: ${path}`);
    return 1;
  }

  let database: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    const encoding = parseEncoding(String(values.encoding));
    database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
    await migrate(database.db);
    const started = performance.now();
    const report = await importRegistries(database.db, {
      municipalityCode: values.municipality,
      files,
      encoding,
      dryRun: values['dry-run'] === true,
    });
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(
      values.json ? JSON.stringify({ ...report, seconds }, null, 2) : formatReport(report, seconds),
    );
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.error(`${error.ja}\n${error.en}`);
    for (const detail of error.details) console.error(`  ${detail.ja}\n    ${detail.en}`);
    return 1;
  } finally {
    await database?.close();
  }
}

export function formatReport(report: ImportReport, seconds?: number): string {
  const head = report.dryRun
    ? `${report.municipalityCode}: 検証のみ（何も書き込んでいません） / dry run, nothing was written`
    : `${report.municipalityCode}: 取り込みました / imported`;
  const rows = Object.entries(report.rows)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const lines = [
    head,
    `rows read: ${rows}`,
    `${'table'.padEnd(18)}${'inserted'.padStart(10)}${'updated'.padStart(10)}${'unchanged'.padStart(11)}`,
  ];
  for (const [table, c] of Object.entries(report.tables)) {
    if (c.inserted + c.updated + c.unchanged === 0) continue;
    lines.push(
      `${table.padEnd(18)}${String(c.inserted).padStart(10)}${String(c.updated).padStart(10)}${String(c.unchanged).padStart(11)}`,
    );
  }
  if (seconds !== undefined) lines.push(`${seconds} s`);
  return lines.join('\n');
}
