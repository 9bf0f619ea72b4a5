import { type ColumnSpec, type ImportIssue, issueAt } from './columns.js';
import type { Reason } from './fields.js';
import { fuhyoFile } from './fuhyo.schema.js';
import { memberKey, type Snapshot } from './import.repository.js';
import { kosekiFile } from './koseki.schema.js';
import { kosekiEventsFile } from './koseki-events.schema.js';
import { kosekiMembersFile } from './koseki-members.schema.js';
import type { ParsedFile, ParsedFiles } from './read-import-files.js';
import { residentEventsFile } from './resident-events.schema.js';
import { HEAD_OF_HOUSEHOLD, residentsFile } from './residents.schema.js';
import { sealsFile } from './seals.schema.js';
import { taxFile } from './tax.schema.js';

/**
 * Checks that need more than one row: duplicates inside a file, references
 * between files and to what is already stored, and the household rule
 * (exactly one 世帯主 among a household's active members). The state checked
 * is the one after the import: stored rows overridden by the file's rows.
 *
 * Rows that failed their own validation still claim their keys, so a bad
 * resident row is reported once, not again by every row that refers to it.
 */

/** A resident as it will be after the import. */
export interface ResidentState {
  resident_id: number;
  household_id: number;
  relationship: string;
  status: string;
  juminhyo_code: string;
  kojin_bango: string | null;
  /** Line in the residents file, or null when the row is only stored. */
  line: number | null;
}

export function residentStates(parsed: ParsedFiles, snapshot: Snapshot): Map<number, ResidentState> {
  const states = new Map<number, ResidentState>();
  for (const r of snapshot.residents.values()) states.set(r.resident_id, { ...pick(r), line: null });
  for (const { line, row } of parsed.residents?.rows ?? [])
    states.set(row.resident_id, { ...pick(row), line });
  return states;
}

function pick(r: Omit<ResidentState, 'line'>): Omit<ResidentState, 'line'> {
  return {
    resident_id: r.resident_id,
    household_id: r.household_id,
    relationship: r.relationship,
    status: r.status,
    juminhyo_code: r.juminhyo_code,
    kojin_bango: r.kojin_bango,
  };
}

/** Key columns of rejected rows, read leniently: only to suppress knock-on errors. */
function claimed(file: ParsedFile<unknown> | undefined, ...columns: string[]): Set<string> {
  const keys = new Set<string>();
  for (const { values } of file?.rejected ?? []) {
    keys.add(
      columns
        .map((c) =>
          (values[c] ?? '')
            .normalize('NFKC')
            .trim()
            .replace(/^0+(?=\d)/, ''),
        )
        .join(':'),
    );
  }
  return keys;
}

export interface ReferenceCheckInput {
  municipalityCode: string;
  parsed: ParsedFiles;
  snapshot: Snapshot;
  /** ISO date the import runs on: nobody is born after it. */
  today: string;
}

export function checkReferences({
  municipalityCode,
  parsed,
  snapshot,
  today,
}: ReferenceCheckInput): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const at = (
    file: ParsedFile<unknown>,
    columns: readonly ColumnSpec[],
    line: number,
    column: string,
    reason: Reason,
  ) => issues.push(issueAt(file.name, line, columns, column, reason));

  // Finds the first line holding each key; every later line with it is a duplicate.
  const duplicates = <Row>(
    file: ParsedFile<Row> | undefined,
    columns: readonly ColumnSpec[],
    column: string,
    keyOf: (row: Row) => string | null,
    what: Reason,
  ) => {
    if (!file) return;
    const first = new Map<string, number>();
    for (const { line, row } of file.rows) {
      const key = keyOf(row);
      if (key === null) continue;
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, line);
      else {
        at(file, columns, line, column, {
          ja: `${what.ja}が${earlier}行目と重複しています。`,
          en: `the same ${what.en} as line ${earlier}.`,
        });
      }
    }
  };

  checkMunicipality(municipalityCode, parsed, snapshot, issues);

  const states = residentStates(parsed, snapshot);
  const residents = parsed.residents;
  const claimedResidents = claimed(residents, 'resident_id');
  const residentKnown = (id: number) => states.has(id) || claimedResidents.has(String(id));
  const residentMissing: Reason = {
    ja: '宛名番号の住民が、住民ファイルにもデータベースにもありません。',
    en: 'no resident with this resident_id in the residents file or the database.',
  };

  // 住民
  if (residents) {
    const cols = residentsFile.columns;
    duplicates(residents, cols, 'resident_id', (r) => String(r.resident_id), {
      ja: '宛名番号',
      en: 'resident_id',
    });
    duplicates(residents, cols, 'juminhyo_code', (r) => r.juminhyo_code, {
      ja: '住民票コード',
      en: 'juminhyo_code',
    });
    duplicates(residents, cols, 'kojin_bango', (r) => r.kojin_bango, { ja: '個人番号', en: 'kojin_bango' });
    const inFile = new Set(residents.rows.map((r) => r.row.resident_id));
    const storedByCode = new Map<string, number>();
    const storedByNumber = new Map<string, number>();
    // A stored resident keeps its codes unless the file rewrites that resident.
    for (const r of snapshot.residents.values()) {
      if (inFile.has(r.resident_id)) continue;
      storedByCode.set(r.juminhyo_code, r.resident_id);
      if (r.kojin_bango) storedByNumber.set(r.kojin_bango, r.resident_id);
    }
    const householdSince = new Map<number, { date: string; line: number }>();
    for (const { line, row } of residents.rows) {
      const holder = storedByCode.get(row.juminhyo_code);
      if (holder !== undefined) {
        at(residents, cols, line, 'juminhyo_code', {
          ja: `この住民票コードはデータベースの別の住民（宛名番号 ${holder}）のものです。`,
          en: `this juminhyo code belongs to another stored resident (resident_id ${holder}).`,
        });
      }
      const numberHolder = row.kojin_bango === null ? undefined : storedByNumber.get(row.kojin_bango);
      if (numberHolder !== undefined) {
        at(residents, cols, line, 'kojin_bango', {
          ja: `この個人番号はデータベースの別の住民（宛名番号 ${numberHolder}）のものです。`,
          en: `this My Number belongs to another stored resident (resident_id ${numberHolder}).`,
        });
      }
      if (row.birth_date > today) {
        at(residents, cols, line, 'birth_date', {
          ja: '生年月日が未来の日付です。',
          en: 'the date of birth is in the future.',
        });
      }
      if (row.household_since !== null) {
        const earlier = householdSince.get(row.household_id);
        if (earlier && earlier.date !== row.household_since) {
          at(residents, cols, line, 'household_since', {
            ja: `同じ世帯の${earlier.line}行目と世帯編成日が違います。`,
            en: `a different household_since from line ${earlier.line} of the same household.`,
          });
        } else if (!earlier) {
          householdSince.set(row.household_id, { date: row.household_since, line });
        }
      }
    }
    checkHouseholds(residents, snapshot, states, issues);
  }

  // 異動履歴
  const events = parsed['resident-events'];
  if (events) {
    const cols = residentEventsFile.columns;
    duplicates(
      events,
      cols,
      'event_type',
      (r) =>
        JSON.stringify([r.resident_id, r.event_type, r.event_date, r.notified_on, canonicalJson(r.details)]),
      {
        ja: '同じ内容の異動',
        en: 'event',
      },
    );
    for (const { line, row } of events.rows) {
      if (!residentKnown(row.resident_id)) at(events, cols, line, 'resident_id', residentMissing);
    }
  }

  // 戸籍, 戸籍の個人, 戸籍事項, 附票
  const koseki = parsed.koseki;
  const members = parsed['koseki-members'];
  const claimedKoseki = claimed(koseki, 'koseki_id');
  const kosekiIdsInFile = new Set(koseki?.rows.map((r) => r.row.koseki_id) ?? []);
  const kosekiKnown = (id: number) =>
    kosekiIdsInFile.has(id) || snapshot.koseki.has(id) || claimedKoseki.has(String(id));
  const memberKeys = new Set(snapshot.kosekiMembers.keys());
  for (const { row } of members?.rows ?? []) memberKeys.add(memberKey(row.koseki_id, row.member_no));
  const claimedMembers = claimed(members, 'koseki_id', 'member_no');
  const memberKnown = (kosekiId: number, memberNo: number) =>
    memberKeys.has(memberKey(kosekiId, memberNo)) || claimedMembers.has(memberKey(kosekiId, memberNo));
  const kosekiMissing: Reason = {
    ja: 'この戸籍番号の戸籍が、戸籍ファイルにもデータベースにもありません。',
    en: 'no register with this koseki_id in the koseki file or the database.',
  };
  const memberMissing: Reason = {
    ja: 'この戸籍番号・順位の人が、戸籍の個人ファイルにもデータベースにもいません。',
    en: 'no register member with this koseki_id and member_no in the koseki-members file or the database.',
  };

  if (koseki) {
    duplicates(koseki, kosekiFile.columns, 'koseki_id', (r) => String(r.koseki_id), {
      ja: '戸籍番号',
      en: 'koseki_id',
    });
  }
  if (members) {
    const cols = kosekiMembersFile.columns;
    duplicates(members, cols, 'member_no', (r) => memberKey(r.koseki_id, r.member_no), {
      ja: '戸籍番号・順位',
      en: 'koseki_id and member_no',
    });
    for (const { line, row } of members.rows) {
      if (!kosekiKnown(row.koseki_id)) at(members, cols, line, 'koseki_id', kosekiMissing);
      if (row.resident_id !== null) {
        const resident = states.get(row.resident_id);
        if (!resident && !claimedResidents.has(String(row.resident_id))) {
          at(members, cols, line, 'resident_id', residentMissing);
        } else if (resident && row.juminhyo_code !== null && resident.juminhyo_code !== row.juminhyo_code) {
          at(members, cols, line, 'juminhyo_code', {
            ja: '宛名番号の住民の住民票コードと一致しません。',
            en: 'does not match the juminhyo code of the resident with this resident_id.',
          });
        }
      }
    }
  }
  // Every register written by this import has its 筆頭者 (順位 1).
  const needsHead = new Map<
    number,
    { file: ParsedFile<unknown>; columns: readonly ColumnSpec[]; line: number }
  >();
  for (const { line, row } of koseki?.rows ?? []) {
    if (koseki) needsHead.set(row.koseki_id, { file: koseki, columns: kosekiFile.columns, line });
  }
  for (const { line, row } of members?.rows ?? []) {
    if (members && !needsHead.has(row.koseki_id)) {
      needsHead.set(row.koseki_id, { file: members, columns: kosekiMembersFile.columns, line });
    }
  }
  for (const [kosekiId, where] of needsHead) {
    if (!memberKnown(kosekiId, 1) && kosekiKnown(kosekiId)) {
      at(where.file, where.columns, where.line, 'koseki_id', {
        ja: `戸籍番号 ${kosekiId} に順位1（筆頭者）の人がいません。`,
        en: `register ${kosekiId} has no member_no 1 (the hittosha).`,
      });
    }
  }
  const kosekiEvents = parsed['koseki-events'];
  if (kosekiEvents) {
    const cols = kosekiEventsFile.columns;
    duplicates(kosekiEvents, cols, 'seq', (r) => `${r.koseki_id}:${r.member_no}:${r.seq}`, {
      ja: '戸籍番号・順位・順序',
      en: 'koseki_id, member_no and seq',
    });
    for (const { line, row } of kosekiEvents.rows) {
      if (!kosekiKnown(row.koseki_id)) at(kosekiEvents, cols, line, 'koseki_id', kosekiMissing);
      else if (row.member_no !== 0 && !memberKnown(row.koseki_id, row.member_no)) {
        at(kosekiEvents, cols, line, 'member_no', memberMissing);
      }
    }
  }
  const fuhyo = parsed.fuhyo;
  if (fuhyo) {
    const cols = fuhyoFile.columns;
    duplicates(fuhyo, cols, 'seq', (r) => `${r.koseki_id}:${r.member_no}:${r.seq}`, {
      ja: '戸籍番号・順位・順序',
      en: 'koseki_id, member_no and seq',
    });
    for (const { line, row } of fuhyo.rows) {
      if (!kosekiKnown(row.koseki_id)) at(fuhyo, cols, line, 'koseki_id', kosekiMissing);
      else if (!memberKnown(row.koseki_id, row.member_no)) at(fuhyo, cols, line, 'member_no', memberMissing);
    }
  }

  // 印鑑登録
  const seals = parsed.seals;
  if (seals) {
    const cols = sealsFile.columns;
    duplicates(seals, cols, 'registration_no', (r) => String(r.registration_no), {
      ja: '登録番号',
      en: 'registration_no',
    });
    duplicates(seals, cols, 'card_no', (r) => r.card_no, { ja: '登録証番号', en: 'card_no' });
    const inFile = new Set(seals.rows.map((r) => r.row.registration_no));
    for (const { values } of seals.rejected)
      inFile.add(Number((values.registration_no ?? '').normalize('NFKC').trim()));
    const storedCards = new Map<string, number>();
    const storedActive = new Map<number, number>();
    for (const s of snapshot.seals.values()) {
      if (inFile.has(s.registration_no)) continue;
      storedCards.set(s.card_no, s.registration_no);
      if (s.status === 'active') storedActive.set(s.resident_id, s.registration_no);
    }
    const activeInFile = new Map<number, number>();
    for (const { line, row } of seals.rows) {
      const cardHolder = storedCards.get(row.card_no);
      if (cardHolder !== undefined) {
        at(seals, cols, line, 'card_no', {
          ja: `この登録証番号はデータベースの別の登録（登録番号 ${cardHolder}）で使われています。`,
          en: `this card number is used by another stored registration (registration_no ${cardHolder}).`,
        });
      }
      const resident = states.get(row.resident_id);
      if (!resident) {
        if (!claimedResidents.has(String(row.resident_id)))
          at(seals, cols, line, 'resident_id', residentMissing);
        continue;
      }
      if (row.status !== 'active') continue;
      if (resident.status !== 'active') {
        at(seals, cols, line, 'status', {
          ja: '転出・死亡した住民（除票）の印鑑登録は有効にできません。',
          en: 'a moved-out or deceased resident cannot have an active seal registration.',
        });
      }
      const stored = storedActive.get(row.resident_id);
      const earlier = activeInFile.get(row.resident_id);
      if (stored !== undefined || earlier !== undefined) {
        at(seals, cols, line, 'resident_id', {
          ja:
            stored !== undefined
              ? `この住民にはデータベースに有効な印鑑登録（登録番号 ${stored}）があります。一人一つまでです。`
              : `この住民の有効な印鑑登録が${earlier}行目にもあります。一人一つまでです。`,
          en:
            stored !== undefined
              ? `this resident already has an active stored registration (registration_no ${stored}); one per person.`
              : `this resident has another active registration on line ${earlier}; one per person.`,
        });
      } else {
        activeInFile.set(row.resident_id, line);
      }
    }
  }

  // A 転出 or 死亡 ends the seal registration: one stored as active must be abolished in the same import.
  if (residents) {
    const sealStatusInFile = new Map(seals?.rows.map((r) => [r.row.registration_no, r.row.status]) ?? []);
    for (const s of snapshot.seals.values()) {
      const resident = states.get(s.resident_id);
      if (resident?.line == null || resident.status === 'active') continue;
      if ((sealStatusInFile.get(s.registration_no) ?? s.status) !== 'active') continue;
      at(residents, residentsFile.columns, resident.line, 'status', {
        ja: `この住民には有効な印鑑登録（登録番号 ${s.registration_no}）があります。転出・死亡とするときは、印鑑登録ファイルで廃止にしてください。`,
        en: `this resident has an active seal registration (registration_no ${s.registration_no}); abolish it in the seals file when the resident moves out or dies.`,
      });
    }
  }

  // 課税
  const tax = parsed.tax;
  if (tax) {
    const cols = taxFile.columns;
    duplicates(tax, cols, 'tax_year', (r) => `${r.resident_id}:${r.tax_year}`, {
      ja: '宛名番号・課税年度',
      en: 'resident_id and tax_year',
    });
    for (const { line, row } of tax.rows) {
      if (!residentKnown(row.resident_id)) at(tax, cols, line, 'resident_id', residentMissing);
    }
  }
  return issues;
}

function checkMunicipality(code: string, parsed: ParsedFiles, snapshot: Snapshot, issues: ImportIssue[]) {
  const file = parsed.municipality;
  if (!file) {
    if (!snapshot.municipality) {
      issues.push({
        file: '--municipality',
        line: null,
        ja: `団体コード ${code} の団体がデータベースにありません。--municipality-file で団体情報を取り込むか、先に madoguchi seed を実行してください。`,
        en: `municipality ${code} is not in the database; import it with --municipality-file or run madoguchi seed first.`,
      });
    }
    return;
  }
  if (file.rows.length + file.rejected.length === 0) {
    issues.push({
      file: file.name,
      line: null,
      ja: `${file.name}: 団体情報の行がありません。`,
      en: `${file.name}: there is no municipality row.`,
    });
  }
  file.rows.forEach(({ line, row }, index) => {
    if (index > 0 || file.rejected.length > 0) {
      issues.push(
        issueAt(file.name, line, [], undefined, {
          ja: '団体情報は1行だけ書いてください。',
          en: 'give exactly one municipality row.',
        }),
      );
    } else if (row.code !== code) {
      issues.push(
        issueAt(file.name, line, [], undefined, {
          ja: `団体コードが --municipality（${code}）と違います。`,
          en: `the code differs from --municipality (${code}).`,
        }),
      );
    }
  });
}

/**
 * Exactly one 世帯主 among the active members of every household the import
 * touches: the households of the file's rows, and the ones its rows leave.
 */
function checkHouseholds(
  residents: NonNullable<ParsedFiles['residents']>,
  snapshot: Snapshot,
  states: Map<number, ResidentState>,
  issues: ImportIssue[],
) {
  const cols = residentsFile.columns;
  const firstLine = new Map<number, number>();
  const touched = new Set<number>();
  for (const { line, row } of residents.rows) {
    touched.add(row.household_id);
    if (!firstLine.has(row.household_id)) firstLine.set(row.household_id, line);
    const stored = snapshot.residents.get(row.resident_id);
    if (stored && stored.household_id !== row.household_id) {
      touched.add(stored.household_id);
      if (!firstLine.has(stored.household_id)) firstLine.set(stored.household_id, line);
    }
  }
  // A household with a row that failed validation is not judged: that row may be its head.
  const unsure = new Set<number>();
  for (const { values } of residents.rejected) {
    unsure.add(Number((values.household_id ?? '').normalize('NFKC').trim()));
    const stored = snapshot.residents.get(Number((values.resident_id ?? '').normalize('NFKC').trim()));
    if (stored) unsure.add(stored.household_id);
  }
  const membersOf = new Map<number, ResidentState[]>();
  for (const state of states.values()) {
    if (!touched.has(state.household_id)) continue;
    const list = membersOf.get(state.household_id) ?? [];
    list.push(state);
    membersOf.set(state.household_id, list);
  }
  for (const householdId of touched) {
    if (unsure.has(householdId)) continue;
    const active = (membersOf.get(householdId) ?? []).filter((m) => m.status === 'active');
    if (active.length === 0) continue;
    const heads = active.filter((m) => m.relationship === HEAD_OF_HOUSEHOLD);
    const line = firstLine.get(householdId)!;
    if (heads.length === 0) {
      issues.push(
        issueAt(residents.name, line, cols, 'relationship', {
          ja: `世帯番号 ${householdId} の世帯に、続柄が「世帯主」の住民がいません。`,
          en: `household ${householdId} has no active member whose relationship is 世帯主 (head of household).`,
        }),
      );
    } else if (heads.length > 1) {
      const inFile = heads.flatMap((h) => (h.line === null ? [] : [h.line]));
      for (const headLine of inFile.length > 0 ? inFile : [line]) {
        issues.push(
          issueAt(residents.name, headLine, cols, 'relationship', {
            ja: `世帯番号 ${householdId} の世帯に「世帯主」が${heads.length}人います（一人だけにしてください）。`,
            en: `household ${householdId} has ${heads.length} heads of household (世帯主); there must be exactly one.`,
          }),
        );
      }
    }
  }
}

/** JSON with keys sorted, so that equal objects compare equal whatever their key order (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
