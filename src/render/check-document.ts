/**
 * Checks a document before anything is laid out: every string must be printable
 * by the font chain and every date must be an ISO date. The error names the
 * field by its path and in words, and the code point — never the value itself,
 * which is personal data and may end up in logs.
 */
import { isIsoDate } from '../domain/japanese-era.js';
import { AppError } from '../shared/errors.js';
import type { FontChain } from './fonts.js';
import { CERTIFICATE_KINDS, type CertificateDocument } from './model.js';
import { firstUnprintable, unprintableCharacter } from './text.js';

const NAMES: Record<string, string> = {
  members: '世帯員',
  name: '氏名',
  family: '氏',
  given: '名',
  givenName: '名',
  kana: 'ふりがな',
  address: '住所',
  addresses: '住所履歴',
  katagaki: '方書',
  previousAddress: '前住所',
  honseki: '本籍',
  hittosha: '筆頭者',
  relationship: '続柄',
  certifier: '市区町村長',
  title: '表題',
  municipality: '市区町村',
  attestation: '認証文',
  issueNumber: '発行番号',
  verification: '検証情報',
  code: 'コード',
  url: 'URL',
  seal: '職印',
  text: '文字',
  foreign: '外国人住民の記載事項',
  alphabetName: 'アルファベット氏名',
  tsusho: '通称',
  nationality: '国籍・地域',
  residenceStatus: '在留資格',
  residencePeriod: '在留期間等',
  category: '区分',
  father: '父',
  mother: '母',
  adoptiveFather: '養父',
  adoptiveMother: '養母',
  spouse: '配偶者区分',
  entries: '身分事項',
  registerEntries: '戸籍事項',
  lines: '行',
  label: '項目名',
  value: '内容',
  removal: '消除事項',
  reason: '事由',
  destination: '転出先',
  residentSince: '住民となった年月日',
  addressSince: '住所を定めた年月日',
  history: '異動履歴',
  household: '世帯',
  head: '世帯主',
  person: '本人',
  incomes: '所得',
  deductions: '所得控除',
  taxes: '税額',
  remarks: '備考',
  statement: '証明文',
  submittedTo: '提出先',
  purpose: '使用目的',
  registrationNumber: '登録番号',
  juminhyoCode: '住民票コード',
  myNumber: '個人番号',
};

const DATE_KEYS = new Set(['birthDate', 'date', 'issuedOn', 'notifiedOn', 'since', 'residencePeriodEnd']);
/** Strings that are data, not print: the impression image and the kind tag. */
const NOT_PRINTED = new Set(['pngBase64', 'kind', 'issuedAt', 'sex', 'status', 'scope', 'items']);

type Segment = string | number;

function describe(path: Segment[]): { path: string; ja: string; en: string } {
  let dotted = '';
  const words: string[] = [];
  for (const seg of path) {
    if (typeof seg === 'number') {
      dotted += `[${seg}]`;
      if (words.length > 0) words[words.length - 1] += `（${seg + 1}番目）`;
    } else {
      dotted += dotted ? `.${seg}` : seg;
      words.push(NAMES[seg] ?? seg);
    }
  }
  return { path: dotted, ja: words.join('の'), en: dotted };
}

function invalid(path: Segment[], ja: string, en: string): AppError {
  const where = describe(path);
  return new AppError(
    'invalid',
    'invalid_certificate_document',
    { ja: `${where.ja}: ${ja}`, en: `${where.path}: ${en}` },
    { details: [{ at: where.path, ja, en }] },
  );
}

export function checkDocument(doc: CertificateDocument, chain: FontChain): void {
  if (!CERTIFICATE_KINDS.includes(doc.kind))
    throw invalid(['kind'], '証明書の種類が不明です。', 'unknown kind');
  const visit = (value: unknown, path: Segment[]): void => {
    const key = path[path.length - 1];
    if (typeof key === 'string' && NOT_PRINTED.has(key)) return;
    if (typeof value === 'number') {
      // Amounts are integer yen; a tax year must be one the era calendar can print.
      const ok =
        key === 'taxYear'
          ? Number.isInteger(value) && value >= 1874 && value <= 9999
          : Number.isSafeInteger(value);
      if (!ok) throw invalid(path, '数値が正しくありません。', 'not a valid number');
      return;
    }
    if (typeof value === 'string') {
      if (typeof key === 'string' && DATE_KEYS.has(key)) {
        if (!isIsoDate(value)) throw invalid(path, '日付が正しくありません。', 'not an ISO date');
        return;
      }
      const bad = firstUnprintable(value, chain);
      if (bad !== undefined) throw unprintableCharacter(bad, describe(path));
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], [...path, i]);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    }
  };
  visit(doc, []);
}
