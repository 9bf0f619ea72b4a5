import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isValidMunicipalityCode } from '../../domain/check-digits.js';
import { AppError } from '../../shared/errors.js';
import { checkReferences } from './check-references.js';
import type { ImportIssue } from './columns.js';
import type { CsvEncoding } from './csv.js';
import {
  insertRows,
  loadSnapshot,
  lockMunicipalityImport,
  updateFuhyo,
  updateHousehold,
  updateKoseki,
  updateKosekiEvent,
  updateKosekiMember,
  updateMunicipality,
  updateResident,
  updateSeal,
  updateTax,
} from './import.repository.js';
import { type ImportPlan, planImport, snapshotKeys } from './plan-import.js';
import { IMPORT_KINDS, type ImportFile, type ImportKind, readImportFiles } from './read-import-files.js';

export interface ImportRegistriesOptions {
  /** 地方公共団体コード of the municipality the files belong to. */
  municipalityCode: string;
  files: Partial<Record<ImportKind, ImportFile>>;
  encoding?: CsvEncoding;
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  /** ISO date recorded on the 職権修正 events of corrected residents; today in Japan by default. */
  today?: string;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export type ImportTable = keyof ImportPlan;

export interface ImportReport {
  municipalityCode: string;
  dryRun: boolean;
  /** Data rows read per file kind. */
  rows: Partial<Record<ImportKind, number>>;
  tables: Record<ImportTable, ImportCounts>;
}

export function todayInJapan(now = new Date()): string {
  // sv-SE formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(now);
}

/**
 * Imports municipal registry CSV files all or nothing: every row of every
 * file is validated (alone, then against the other files and the stored
 * registries); any problem means nothing is written and every problem is
 * reported. Otherwise everything is written in one transaction, leaving rows
 * that are already identical untouched, so running it twice changes nothing.
 */
export async function importRegistries(
  db: Kysely<DB>,
  options: ImportRegistriesOptions,
): Promise<ImportReport> {
  const code = options.municipalityCode.normalize('NFKC').trim();
  if (!isValidMunicipalityCode(code)) {
    throw new AppError('invalid', 'import_bad_municipality_code', {
      ja: '団体コードは検査数字を含む6桁の地方公共団体コードで指定してください。',
      en: 'the municipality must be a six-digit local government code with a valid check digit.',
    });
  }
  const given = IMPORT_KINDS.filter((kind) => options.files[kind]);
  if (given.length === 0) {
    throw new AppError('invalid', 'import_no_files', {
      ja: '取り込むファイルが指定されていません。',
      en: 'no file to import was given.',
    });
  }
  const today = options.today ?? todayInJapan();
  const { parsed, issues } = await readImportFiles(options.files, options.encoding ?? 'utf8');

  return db.transaction().execute(async (trx) => {
    await lockMunicipalityImport(trx, code);
    const snapshot = await loadSnapshot(trx, code, snapshotKeys(parsed));
    const all = [...issues, ...checkReferences({ municipalityCode: code, parsed, snapshot, today })];
    if (all.length > 0)
      throw rejected(
        all,
        given.map((kind) => options.files[kind]!.name),
      );

    const plan = planImport({ municipalityCode: code, parsed, snapshot, today });
    if (!options.dryRun) await writePlan(trx, plan);
    const rows: Partial<Record<ImportKind, number>> = {};
    for (const kind of given) rows[kind] = parsed[kind]?.rows.length ?? 0;
    const tables = Object.fromEntries(
      Object.entries(plan).map(([table, p]) => [
        table,
        { inserted: p.insert.length, updated: p.update.length, unchanged: p.unchanged },
      ]),
    ) as Record<ImportTable, ImportCounts>;
    return { municipalityCode: code, dryRun: options.dryRun ?? false, rows, tables };
  });
}

function rejected(issues: ImportIssue[], fileOrder: string[]): AppError {
  // Problems not tied to a given file (the municipality) come first (-1).
  const order = (file: string) => fileOrder.indexOf(file);
  const sorted = [...issues].sort((a, b) => order(a.file) - order(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return new AppError(
    'invalid',
    'import_rejected',
    {
      ja: `取り込むファイルに${sorted.length}件の誤りがあります。何も取り込んでいません。`,
      en: `The import files have ${sorted.length} problem(s); nothing was imported.`,
    },
    {
      details: sorted.map((issue) => ({
        at: `${issue.file}${issue.line === null ? '' : `:${issue.line}`}${issue.column ? `:${issue.column}` : ''}`,
        ja: issue.ja,
        en: issue.en,
      })),
      extra: { problems: sorted.length },
    },
  );
}

/**
 * Writes in dependency order; within a table updates go first, so a row that
 * gives up a unique value (a seal card number, an active registration) frees
 * it before a new row takes it.
 */
async function writePlan(trx: Transaction<DB>, plan: ImportPlan) {
  try {
    await insertRows(trx, 'municipality', plan.municipality.insert);
    for (const row of plan.municipality.update) await updateMunicipality(trx, row);
    await insertRows(trx, 'household', plan.household.insert);
    for (const row of plan.household.update) await updateHousehold(trx, row);
    for (const row of plan.resident.update) await updateResident(trx, row);
    await insertRows(trx, 'resident', plan.resident.insert);
    await insertRows(trx, 'resident_event', plan.resident_event.insert);
    for (const row of plan.koseki.update) await updateKoseki(trx, row);
    await insertRows(trx, 'koseki', plan.koseki.insert);
    for (const row of plan.koseki_member.update) await updateKosekiMember(trx, row);
    await insertRows(trx, 'koseki_member', plan.koseki_member.insert);
    for (const row of plan.koseki_event.update) await updateKosekiEvent(trx, row);
    await insertRows(trx, 'koseki_event', plan.koseki_event.insert);
    for (const row of plan.fuhyo_entry.update) await updateFuhyo(trx, row);
    await insertRows(trx, 'fuhyo_entry', plan.fuhyo_entry.insert);
    for (const row of plan.seal_registration.update) await updateSeal(trx, row);
    await insertRows(trx, 'seal_registration', plan.seal_registration.insert);
    for (const row of plan.tax_record.update) await updateTax(trx, row);
    await insertRows(trx, 'tax_record', plan.tax_record.insert);
  } catch (error) {
    // The checks above should make this unreachable (a swap of two unique codes
    // in one file is one way). The database's detail text quotes values, so
    // only the constraint name is passed on.
    const constraint = (error as { constraint?: string }).constraint;
    throw new AppError(
      'conflict',
      'import_write_failed',
      {
        ja: `データベースへの書き込みで制約違反が起きました${constraint ? `（${constraint}）` : ''}。何も取り込んでいません。`,
        en: `writing to the database broke a constraint${constraint ? ` (${constraint})` : ''}; nothing was imported.`,
      },
      { cause: error },
    );
  }
}
