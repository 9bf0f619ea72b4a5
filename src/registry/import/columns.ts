import { z } from 'zod';
import type { CsvRecord } from './csv.js';

/**
 * One problem found in an import file. `line` is the physical line of the
 * record (null for a problem with the file as a whole); `column` the English
 * column key. Messages never quote a cell's value: the files hold personal data.
 */
export interface ImportIssue {
  file: string;
  line: number | null;
  column?: string;
  ja: string;
  en: string;
}

export interface ColumnSpec {
  /** The English name, also the row object's key. */
  key: string;
  /** The Japanese name; a header may use either. */
  ja: string;
  required: boolean;
}

/** A file kind: its columns and the zod schema of one row (`.strict()`, keys = column keys). */
export interface FileSpec<Row> {
  kind: string;
  columns: readonly ColumnSpec[];
  schema: z.ZodType<Row, Record<string, string>>;
}

export interface TableRow<Row> {
  line: number;
  row: Row;
}

export interface TableResult<Row> {
  rows: TableRow<Row>[];
  /** Raw cells of rows that failed, keyed by column: later checks use their keys to avoid knock-on errors. */
  rejected: { line: number; values: Record<string, string> }[];
  issues: ImportIssue[];
}

export function columnLabel(
  spec: readonly ColumnSpec[],
  key: string | undefined,
): { ja: string; en: string } {
  const column = key === undefined ? undefined : spec.find((c) => c.key === key);
  return column ? { ja: `「${column.ja}」`, en: column.key } : { ja: '', en: '' };
}

/** Builds an issue with the line and column in front of the reason. */
export function issueAt(
  file: string,
  line: number | null,
  columns: readonly ColumnSpec[],
  column: string | undefined,
  reason: { ja: string; en: string },
): ImportIssue {
  const label = columnLabel(columns, column);
  const whereJa = `${file}${line === null ? '' : ` ${line}行目`}${label.ja}`;
  const whereEn = `${file}${line === null ? '' : ` line ${line}`}${label.en ? `, column ${label.en}` : ''}`;
  return {
    file,
    line,
    ...(column === undefined ? {} : { column }),
    ja: `${whereJa}: ${reason.ja}`,
    en: `${whereEn}: ${reason.en}`,
  };
}

function matchHeader(columns: readonly ColumnSpec[], cell: string): ColumnSpec | undefined {
  const name = cell.trim();
  const lower = name.toLowerCase();
  return columns.find((c) => c.ja === name || c.key === lower);
}

/**
 * Maps the header to columns (Japanese or English names, any order; optional
 * columns may be left out), then validates every record with the row schema.
 * Never stops at the first bad row.
 */
export function readTable<Row>(
  spec: FileSpec<Row>,
  file: string,
  records: readonly CsvRecord[],
): TableResult<Row> {
  const issues: ImportIssue[] = [];
  const rows: TableRow<Row>[] = [];
  const rejected: TableResult<Row>['rejected'] = [];
  const [header, ...body] = records;
  if (!header) {
    issues.push(
      issueAt(file, null, spec.columns, undefined, {
        ja: 'ファイルが空です（見出し行が必要です）。',
        en: 'the file is empty (a header row is required).',
      }),
    );
    return { rows, rejected, issues };
  }
  const order: (ColumnSpec | undefined)[] = [];
  const seen = new Set<string>();
  header.fields.forEach((cell, index) => {
    const column = matchHeader(spec.columns, cell);
    if (!column) {
      issues.push(
        issueAt(file, header.line, spec.columns, undefined, {
          ja: `見出しの${index + 1}列目は、この種類のファイルにない項目名です。`,
          en: `header column ${index + 1} is not a column of this kind of file.`,
        }),
      );
    } else if (seen.has(column.key)) {
      issues.push(
        issueAt(file, header.line, spec.columns, column.key, {
          ja: '見出しに同じ項目が二度あります。',
          en: 'the column appears twice in the header.',
        }),
      );
    } else {
      seen.add(column.key);
    }
    order.push(column);
  });
  for (const column of spec.columns) {
    if (column.required && !seen.has(column.key)) {
      issues.push(
        issueAt(file, header.line, spec.columns, column.key, {
          ja: '必須の項目が見出しにありません。',
          en: 'a required column is missing from the header.',
        }),
      );
    }
  }
  // With a broken header every row would fail for the same reason: one report is enough.
  if (issues.length > 0) return { rows, rejected, issues };

  for (const record of body) {
    const values: Record<string, string> = {};
    for (const column of spec.columns) values[column.key] = '';
    record.fields.forEach((cell, index) => {
      const column = order[index];
      if (column) values[column.key] = cell;
    });
    if (record.fields.length !== header.fields.length) {
      issues.push(
        issueAt(file, record.line, spec.columns, undefined, {
          ja: `項目の数が見出しと違います（見出し ${header.fields.length}、この行 ${record.fields.length}）。`,
          en: `the row has ${record.fields.length} fields but the header has ${header.fields.length}.`,
        }),
      );
      rejected.push({ line: record.line, values });
      continue;
    }
    const result = spec.schema.safeParse(values);
    if (result.success) {
      rows.push({ line: record.line, row: result.data });
      continue;
    }
    rejected.push({ line: record.line, values });
    for (const issue of result.error.issues) {
      const key = issue.path[0] === undefined ? undefined : String(issue.path[0]);
      issues.push(issueAt(file, record.line, spec.columns, key, reasonOf(issue)));
    }
  }
  return { rows, rejected, issues };
}

/** Our field checks carry their own Japanese text in params.ja; zod's built-in issues get a generic one. */
function reasonOf(issue: z.core.$ZodIssue): { ja: string; en: string } {
  const ja = (issue as { params?: { ja?: string } }).params?.ja;
  if (ja) return { ja, en: issue.message };
  switch (issue.code) {
    case 'unrecognized_keys':
      return { ja: `不明な項目があります（${issue.keys.join(', ')}）。`, en: issue.message };
    case 'invalid_type':
      return { ja: '形式が正しくありません。', en: issue.message };
    default:
      return { ja: '値が正しくありません。', en: issue.message };
  }
}

type FieldDef = readonly [ja: string, required: boolean, field: z.ZodType<unknown, string>];

/**
 * Declares a file kind from one table of columns — Japanese name, whether the
 * header must have it, and the cell's parser — so the header names, the row
 * schema and the documentation cannot drift apart.
 */
export function defineColumns<S extends Record<string, FieldDef>>(fields: S) {
  const columns: ColumnSpec[] = Object.entries(fields).map(([key, [ja, required]]) => ({
    key,
    ja,
    required,
  }));
  const shape = Object.fromEntries(Object.entries(fields).map(([key, [, , field]]) => [key, field])) as {
    [K in keyof S]: S[K][2];
  };
  return { columns, object: z.object(shape).strict() };
}
