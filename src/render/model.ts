/**
 * What the renderer prints. The issuance engine maps registry rows into one of
 * these documents; the renderer never reads the database. Every value is plain
 * JSON (stored as issuance.render_input so the same bytes can be rendered again):
 * strings are printed exactly as given — names keep their variant kanji, non-BMP
 * characters and ideographic variation sequences — dates are ISO (YYYY-MM-DD) and
 * printed in the Japanese era by the renderer, amounts are integer yen.
 */

export const CERTIFICATE_KINDS = [
  'juminhyo',
  'juminhyo-joheyo',
  'juminhyo-kisai',
  'inkan',
  'koseki-zenbu',
  'koseki-kojin',
  'koseki-joseki',
  'koseki-kaiseigen',
  'fuhyo',
  'kazei',
] as const;

export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** ISO date, YYYY-MM-DD. */
export type IsoDate = string;

export interface PersonName {
  /** 氏, as registered. */
  family: string;
  /** 名, as registered. */
  given: string;
}

export type Sex = 'M' | 'F';

/** Fields every certificate carries. */
export interface CertificateHeader {
  municipality: {
    /** 地方公共団体コード (6 digits). */
    code: string;
    /** 見本市 */
    name: string;
  };
  /** Who certifies: title as printed (見本市長, see certifierTitle) and name (見本　太郎). */
  certifier: { title: string; name: string };
  /** 「この写しは、住民票の原本と相違ないことを証明する。」 (see DEFAULT_ATTESTATIONS). */
  attestation: string;
  issuedOn: IsoDate;
  /** Issue time (ISO 8601 with offset), used for the PDF's creation date; the date alone when absent. */
  issuedAt?: string;
  /** 発行番号 as printed, e.g. 第R6-000123号. */
  issueNumber: string;
  /** The code printed for verification and the URL the QR code carries. */
  verification: { code: string; url: string };
  /** 職印: the characters engraved in the official seal; `${certifier.title}之印` when absent. */
  seal?: { text: string };
}

/** 外国人住民 items of the 住民票. */
export interface ForeignResident {
  /** 国籍・地域 */
  nationality: string;
  /** The name in the alphabet as registered (printed as the 氏名). */
  alphabetName: string;
  /** 通称 */
  tsusho?: string;
  /** 在留資格 */
  residenceStatus?: string;
  /** 在留期間等 (e.g. 3年) */
  residencePeriod?: string;
  /** 在留期間等の満了の日 */
  residencePeriodEnd?: IsoDate;
  /** 住民基本台帳法第30条の45に規定する区分 (中長期在留者, 特別永住者 …) */
  category?: string;
}

/** A dated entry: 住民となった年月日, 住所を定めた年月日 … with the reason and the notification date. */
export interface DatedEvent {
  date: IsoDate;
  /** 転入, 出生, 転居 … */
  reason?: string;
  /** 届出日 */
  notifiedOn?: IsoDate;
}

export interface JuminhyoMember {
  name: PersonName;
  /** ふりがな */
  kana?: PersonName;
  birthDate: IsoDate;
  sex: Sex;
  /** 続柄 (世帯主, 妻, 子 …) */
  relationship?: string;
  /** The member's own address, printed when it differs from the household's (除票). */
  address?: string;
  katagaki?: string;
  /** 住民となった年月日 */
  residentSince?: DatedEvent;
  /** 住所を定めた年月日 */
  addressSince?: DatedEvent;
  /** 前住所 */
  previousAddress?: string;
  /** 本籍・筆頭者 (Japanese nationals). */
  honseki?: { address: string; hittosha: string };
  /** 住民票コード (11 digits) */
  juminhyoCode?: string;
  /** 個人番号 (12 digits) */
  myNumber?: string;
  foreign?: ForeignResident;
  /** 除票: the date and reason of removal (転出, 死亡 …) and, for a move, the destination. */
  removal?: { date: IsoDate; reason: string; notifiedOn?: IsoDate; destination?: string };
  /** 異動履歴 */
  history?: DatedEvent[];
}

/** Optional items of the 住民票 the requester chose (domain rules decide which are allowed). */
export interface JuminhyoItems {
  /** 世帯主・続柄 */
  relationship: boolean;
  /** 本籍・筆頭者 */
  honseki: boolean;
  juminhyoCode: boolean;
  myNumber: boolean;
  previousAddress: boolean;
  /** 住民となった年月日 */
  residentSince: boolean;
  /** 異動履歴 */
  history: boolean;
}

export interface Household {
  /** 住所 */
  address: string;
  /** 方書 */
  katagaki?: string;
  /** 世帯主 */
  head?: PersonName;
}

/** 住民票の写し */
export interface JuminhyoDocument extends CertificateHeader {
  kind: 'juminhyo';
  /** 世帯全員 or 世帯一部 */
  scope: 'household' | 'partial';
  items: JuminhyoItems;
  household: Household;
  members: JuminhyoMember[];
}

/** 住民票の除票の写し: every member carries `removal`. */
export interface JuminhyoJohyoDocument extends CertificateHeader {
  kind: 'juminhyo-joheyo';
  items: JuminhyoItems;
  household: Household;
  members: JuminhyoMember[];
}

export const KISAI_ITEMS = [
  'name',
  'kana',
  'birthDate',
  'sex',
  'relationship',
  'address',
  'residentSince',
  'addressSince',
  'previousAddress',
  'honseki',
  'juminhyoCode',
  'myNumber',
  'nationality',
  'residenceStatus',
] as const;
export type KisaiItem = (typeof KISAI_ITEMS)[number];

/** 住民票記載事項証明書: the chosen items of each person, and the statement certifying them. */
export interface JuminhyoKisaiDocument extends CertificateHeader {
  kind: 'juminhyo-kisai';
  items: KisaiItem[];
  household: Household;
  members: JuminhyoMember[];
  /** The statement under the items (see DEFAULT_KISAI_STATEMENT). */
  statement: string;
  /** 提出先 */
  submittedTo?: string;
  /** 使用目的 */
  purpose?: string;
}

/** 印鑑登録証明書 */
export interface InkanDocument extends CertificateHeader {
  kind: 'inkan';
  name: PersonName;
  kana?: PersonName;
  /** Foreign residents registered with their alphabet name or 通称. */
  alphabetName?: string;
  tsusho?: string;
  birthDate: IsoDate;
  sex?: Sex;
  address: string;
  katagaki?: string;
  /** 印鑑登録番号 */
  registrationNumber?: string;
  /** 印影: the registered impression, a PNG in base64. */
  impression: { pngBase64: string };
}

/** One line of a 戸籍 entry: 【label】value, or 【label】 and a date printed in the era. */
export interface KosekiLine {
  label: string;
  value?: string;
  date?: IsoDate;
}

/** A 戸籍事項 or 身分事項 entry: its title (出生, 婚姻, 戸籍編製 …) and lines. */
export interface KosekiEntry {
  title: string;
  lines: KosekiLine[];
}

/** 戸籍に記録されている者 */
export interface KosekiPerson {
  /** 【名】 */
  givenName: string;
  birthDate: IsoDate;
  /** 【配偶者区分】夫/妻 */
  spouse?: string;
  /** 【父】【母】 as registered */
  father?: string;
  mother?: string;
  /** 【養父】【養母】 */
  adoptiveFather?: string;
  adoptiveMother?: string;
  /** 【続柄】長男, 二女 … */
  relationship: string;
  /** Left the register: printed with the 除籍 mark. */
  removed?: boolean;
  /** 身分事項 */
  entries: KosekiEntry[];
}

/**
 * 戸籍全部事項証明 / 戸籍個人事項証明 / 除籍全部事項証明 / 改製原戸籍謄抄本 (horizontal
 * computerised register; a 改製原戸籍 is printed from its registered contents in the same form).
 */
export interface KosekiDocument extends CertificateHeader {
  kind: 'koseki-zenbu' | 'koseki-kojin' | 'koseki-joseki' | 'koseki-kaiseigen';
  /** 改製原戸籍 only: the 抄本 (the chosen person) rather than the 謄本 (everyone on the register). */
  excerpt?: boolean;
  /** 本籍 */
  honseki: string;
  /** 氏名: the 筆頭者 */
  name: PersonName;
  /** 戸籍事項 (編製, 転籍, 消除 …) */
  registerEntries: KosekiEntry[];
  /** Everyone in the register (zenbu, joseki) or the one person (kojin). */
  members: KosekiPerson[];
}

/** 戸籍の附票の写し */
export interface FuhyoDocument extends CertificateHeader {
  kind: 'fuhyo';
  honseki: string;
  /** 筆頭者 */
  name: PersonName;
  members: FuhyoMember[];
}

export interface FuhyoMember {
  name: PersonName;
  birthDate?: IsoDate;
  sex?: Sex;
  /** Left the register (消除). */
  removed?: boolean;
  /** Oldest first. */
  addresses: { address: string; since: IsoDate }[];
}

export interface Amount {
  label: string;
  /** Integer yen. */
  amount: number;
}

/** 課税(非課税)証明書 */
export interface KazeiDocument extends CertificateHeader {
  kind: 'kazei';
  /** 課税年度 (the income is of the previous calendar year). */
  taxYear: number;
  status: 'assessed' | 'exempt';
  person: { name: PersonName; kana?: PersonName; birthDate?: IsoDate; address: string };
  /** 給与収入, 給与所得, … */
  incomes: Amount[];
  /** 合計所得金額 */
  totalIncome: number;
  /** 社会保険料控除, 基礎控除, … */
  deductions: Amount[];
  /** 所得控除額合計 */
  deductionsTotal: number;
  /** 課税標準額 */
  taxableIncome: number;
  /** 市民税所得割額, 県民税均等割額, …; not printed when exempt. */
  taxes: Amount[];
  /** 扶養親族数 */
  dependents?: number;
  remarks?: string[];
}

export type CertificateDocument =
  | JuminhyoDocument
  | JuminhyoJohyoDocument
  | JuminhyoKisaiDocument
  | InkanDocument
  | KosekiDocument
  | FuhyoDocument
  | KazeiDocument;

/** The certifier's printed title: 見本市 + 市長 → 見本市長, 千代田区 + 区長 → 千代田区長. */
export function certifierTitle(municipalityName: string, mayorTitle: string): string {
  return mayorTitle.startsWith(municipalityName.slice(-1))
    ? municipalityName + mayorTitle.slice(1)
    : municipalityName + mayorTitle;
}

/** The seal text when the document names none: 見本市長之印. */
export function sealText(doc: CertificateHeader): string {
  return doc.seal?.text ?? `${doc.certifier.title}之印`;
}

/** The attestation sentences municipalities print, per certificate. */
export const DEFAULT_ATTESTATIONS: Record<CertificateKind, string> = {
  juminhyo: 'この写しは、住民票の原本と相違ないことを証明する。',
  'juminhyo-joheyo': 'この写しは、住民票の除票の原本と相違ないことを証明する。',
  'juminhyo-kisai': '上記のとおり証明する。',
  inkan: 'この写しは、登録されている印影と相違ないことを証明する。',
  'koseki-zenbu': 'これは、戸籍に記録されている事項の全部を証明した書面である。',
  'koseki-kojin': 'これは、戸籍中の一部の者について記録されている事項を証明した書面である。',
  'koseki-joseki': 'これは、除籍に記録されている事項の全部を証明した書面である。',
  // A paper-era register is certified as a copy of its original (認証), not as recorded items.
  'koseki-kaiseigen': 'この謄本は、改製原戸籍の原本と相違ないことを認証する。',
  fuhyo: 'この写しは、戸籍の附票の原本と相違ないことを証明する。',
  kazei: '上記のとおり証明する。',
};

/** The statement of the 記載事項証明書, certifying the chosen items. */
export const DEFAULT_KISAI_STATEMENT = '上記の事項は、住民基本台帳に記載されている事項と相違ありません。';

/** Titles printed at the top of each page. */
export const TITLES: Record<CertificateKind, string> = {
  juminhyo: '住民票の写し',
  'juminhyo-joheyo': '住民票の除票の写し',
  'juminhyo-kisai': '住民票記載事項証明書',
  inkan: '印鑑登録証明書',
  'koseki-zenbu': '全部事項証明',
  'koseki-kojin': '個人事項証明',
  'koseki-joseki': '全部事項証明',
  'koseki-kaiseigen': '改製原戸籍謄本',
  fuhyo: '戸籍の附票の写し',
  kazei: '課税（非課税）証明書',
};
