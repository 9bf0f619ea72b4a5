/**
 * Field-by-field comparison of what the resident wrote with what the register
 * (or the former town's transfer record) says. The clerk sees every field with
 * its status; names are compared exactly, and a difference only in variant kanji
 * (髙/高, 﨑/崎) is told apart from a real one, because the register's form wins
 * and the clerk should say so to the resident rather than "correct" it.
 */
import { foldAddress, foldKana, foldKanji } from '../../domain/text-fold.js';

export type FieldStatus = 'same' | 'variant' | 'different' | 'not_given';

export interface FieldComparison {
  field: string;
  label: { ja: string; en: string };
  /** What the resident (or the clerk) wrote. */
  draft: string | null;
  /** What the register or record holds. */
  register: string | null;
  status: FieldStatus;
}

export interface ComparablePerson {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: string;
  relationship?: string | undefined;
  juminhyoCode?: string | null | undefined;
  address?: string | null | undefined;
  katagaki?: string | null | undefined;
  honseki?: string | null | undefined;
  hittosha?: string | null | undefined;
}

type Fold = 'name' | 'kana' | 'address' | 'exact';

const FIELDS: { field: keyof ComparablePerson; label: { ja: string; en: string }; fold: Fold }[] = [
  { field: 'familyName', label: { ja: '氏', en: 'family name' }, fold: 'name' },
  { field: 'givenName', label: { ja: '名', en: 'given name' }, fold: 'name' },
  { field: 'familyNameKana', label: { ja: '氏（ふりがな）', en: 'family name (kana)' }, fold: 'kana' },
  { field: 'givenNameKana', label: { ja: '名（ふりがな）', en: 'given name (kana)' }, fold: 'kana' },
  { field: 'birthDate', label: { ja: '生年月日', en: 'date of birth' }, fold: 'exact' },
  { field: 'sex', label: { ja: '性別', en: 'sex' }, fold: 'exact' },
  { field: 'relationship', label: { ja: '続柄', en: 'relationship' }, fold: 'exact' },
  { field: 'juminhyoCode', label: { ja: '住民票コード', en: 'juminhyo code' }, fold: 'exact' },
  { field: 'address', label: { ja: '住所', en: 'address' }, fold: 'address' },
  { field: 'katagaki', label: { ja: '方書', en: 'building / room' }, fold: 'name' },
  { field: 'honseki', label: { ja: '本籍', en: 'registered domicile' }, fold: 'address' },
  { field: 'hittosha', label: { ja: '筆頭者', en: 'head of the family register' }, fold: 'name' },
];

function folded(value: string, fold: Fold): string {
  switch (fold) {
    case 'name':
      return foldKanji(value);
    case 'kana':
      return foldKana(value);
    case 'address':
      return foldAddress(value);
    case 'exact':
      return value;
  }
}

export function compareValue(draft: string | null, register: string | null, fold: Fold): FieldStatus {
  if (draft === null || draft === '') return register === null || register === '' ? 'same' : 'not_given';
  if (draft === register) return 'same';
  if (register !== null && folded(draft, fold) === folded(register, fold)) return 'variant';
  return 'different';
}

/** Compares every field both sides can hold; a field the draft leaves out is `not_given`, never a difference. */
export function comparePerson(draft: ComparablePerson, register: ComparablePerson): FieldComparison[] {
  const out: FieldComparison[] = [];
  for (const { field, label, fold } of FIELDS) {
    if (!(field in register) || register[field] === undefined) continue;
    const d = (draft[field] ?? null) as string | null;
    const r = (register[field] ?? null) as string | null;
    out.push({ field, label, draft: d, register: r, status: compareValue(d, r, fold) });
  }
  return out;
}

export function hasDifferences(comparisons: readonly FieldComparison[]): boolean {
  return comparisons.some((c) => c.status === 'different');
}
