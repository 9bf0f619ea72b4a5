/**
 * Foreign residents (外国人住民) by nationality or region, in roughly the shares
 * of Japan's resident foreign population, with names as they are registered:
 * in the alphabet as on the passport, and — for people from the kanji-using
 * countries — also in 漢字. Readings are the usual katakana renderings.
 */

export interface ForeignNamePart {
  readonly alphabet: string;
  readonly kana: string;
  /** The name in 漢字, for Chinese, Korean and Taiwanese names. */
  readonly kanji?: string;
}

export interface Nationality {
  readonly name: string;
  readonly weight: number;
  readonly familyNames: readonly ForeignNamePart[];
  readonly givenNames: { readonly M: readonly ForeignNamePart[]; readonly F: readonly ForeignNamePart[] };
  /** 在留資格 with weights, for adults. */
  readonly statuses: readonly (readonly [string, number])[];
  /** Share of women among adults. */
  readonly femaleShare: number;
  /** Share of residents who live as families rather than alone. */
  readonly familyShare: number;
  /** 通称 family names used by some long-settled residents (mostly 特別永住者). */
  readonly tsushoFamilyNames?: readonly { kanji: string; kana: string }[];
}

const p = (alphabet: string, kana: string, kanji?: string): ForeignNamePart =>
  kanji === undefined ? { alphabet, kana } : { alphabet, kana, kanji };

export const NATIONALITIES: readonly Nationality[] = [
  {
    name: '中国',
    weight: 25,
    familyNames: [
      p('WANG', 'ワン', '王'),
      p('LI', 'リ', '李'),
      p('ZHANG', 'チャン', '張'),
      p('LIU', 'リュウ', '劉'),
      p('CHEN', 'チェン', '陳'),
      p('YANG', 'ヤン', '楊'),
      p('ZHAO', 'チャオ', '趙'),
      p('HUANG', 'ホアン', '黄'),
      p('ZHOU', 'チョウ', '周'),
      p('WU', 'ウー', '呉'),
    ],
    givenNames: {
      M: [
        p('WEI', 'ウェイ', '偉'),
        p('QIANG', 'チャン', '強'),
        p('LEI', 'レイ', '磊'),
        p('JIE', 'ジエ', '杰'),
        p('HAO', 'ハオ', '浩'),
        p('JUN', 'ジュン', '軍'),
      ],
      F: [
        p('FANG', 'ファン', '芳'),
        p('JING', 'ジン', '静'),
        p('MIN', 'ミン', '敏'),
        p('LI', 'リー', '麗'),
        p('NA', 'ナー', '娜'),
        p('YAN', 'イェン', '艶'),
      ],
    },
    statuses: [
      ['永住者', 30],
      ['技術・人文知識・国際業務', 20],
      ['留学', 18],
      ['家族滞在', 10],
      ['技能実習', 8],
      ['日本人の配偶者等', 6],
      ['特定技能', 5],
      ['経営・管理', 3],
    ],
    femaleShare: 0.57,
    familyShare: 0.45,
  },
  {
    name: 'ベトナム',
    weight: 17,
    familyNames: [
      p('NGUYEN', 'グエン'),
      p('TRAN', 'チャン'),
      p('LE', 'レ'),
      p('PHAM', 'ファム'),
      p('HOANG', 'ホアン'),
      p('HUYNH', 'フイン'),
      p('VU', 'ヴ'),
      p('DANG', 'ダン'),
    ],
    givenNames: {
      M: [
        p('VAN NAM', 'ヴァン ナム'),
        p('VAN HUNG', 'ヴァン フン'),
        p('DUC ANH', 'ドゥック アイン'),
        p('MINH TUAN', 'ミン トゥアン'),
        p('VAN BINH', 'ヴァン ビン'),
        p('QUANG HUY', 'クアン フイ'),
      ],
      F: [
        p('THI LAN', 'ティ ラン'),
        p('THI MAI', 'ティ マイ'),
        p('THI THAO', 'ティ タオ'),
        p('THI HOA', 'ティ ホア'),
        p('NGOC ANH', 'ゴック アイン'),
        p('THI PHUONG', 'ティ フオン'),
      ],
    },
    statuses: [
      ['技能実習', 40],
      ['特定技能', 25],
      ['留学', 14],
      ['技術・人文知識・国際業務', 15],
      ['家族滞在', 4],
      ['永住者', 2],
    ],
    femaleShare: 0.45,
    familyShare: 0.12,
  },
  {
    name: '韓国',
    weight: 13,
    familyNames: [
      p('KIM', 'キム', '金'),
      p('LEE', 'イ', '李'),
      p('PARK', 'パク', '朴'),
      p('CHOI', 'チェ', '崔'),
      p('JUNG', 'チョン', '鄭'),
      p('KANG', 'カン', '姜'),
    ],
    givenNames: {
      M: [
        p('MINJUN', 'ミンジュン', '民俊'),
        p('SUNGHO', 'ソンホ', '成浩'),
        p('JIHOON', 'ジフン', '志勲'),
        p('YOUNGSOO', 'ヨンス', '永洙'),
        p('DONGHYUN', 'ドンヒョン', '東賢'),
      ],
      F: [
        p('JIEUN', 'ジウン', '智恩'),
        p('MIYOUNG', 'ミヨン', '美英'),
        p('SOOHYUN', 'スヒョン', '秀賢'),
        p('YOUNGJA', 'ヨンジャ', '英子'),
        p('EUNJI', 'ウンジ', '恩智'),
      ],
    },
    statuses: [
      ['特別永住者', 45],
      ['永住者', 20],
      ['技術・人文知識・国際業務', 15],
      ['日本人の配偶者等', 10],
      ['留学', 10],
    ],
    femaleShare: 0.53,
    familyShare: 0.5,
    tsushoFamilyNames: [
      { kanji: '金本', kana: 'カネモト' },
      { kanji: '新井', kana: 'アライ' },
      { kanji: '松山', kana: 'マツヤマ' },
      { kanji: '木村', kana: 'キムラ' },
      { kanji: '岩本', kana: 'イワモト' },
      { kanji: '大山', kana: 'オオヤマ' },
    ],
  },
  {
    name: 'フィリピン',
    weight: 9,
    familyNames: [
      p('SANTOS', 'サントス'),
      p('REYES', 'レイエス'),
      p('CRUZ', 'クルス'),
      p('BAUTISTA', 'バウティスタ'),
      p('GARCIA', 'ガルシア'),
      p('MENDOZA', 'メンドーサ'),
      p('DELA CRUZ', 'デラクルス'),
    ],
    givenNames: {
      M: [
        p('JOSE', 'ホセ'),
        p('MARK', 'マーク'),
        p('JOHN PAUL', 'ジョン ポール'),
        p('RAMON', 'ラモン'),
        p('CARLO', 'カルロ'),
      ],
      F: [
        p('MARIA CRISTINA', 'マリア クリスティナ'),
        p('ANGELICA', 'アンジェリカ'),
        p('KRISTINE', 'クリスティン'),
        p('MARIBEL', 'マリベル'),
        p('JOY', 'ジョイ'),
      ],
    },
    statuses: [
      ['永住者', 45],
      ['日本人の配偶者等', 20],
      ['定住者', 15],
      ['特定技能', 10],
      ['技能実習', 10],
    ],
    femaleShare: 0.7,
    familyShare: 0.5,
  },
  {
    name: 'ブラジル',
    weight: 6,
    familyNames: [
      p('SILVA', 'シルバ'),
      p('SANTOS', 'サントス'),
      p('OLIVEIRA', 'オリベイラ'),
      p('SOUZA', 'ソウザ'),
      p('PEREIRA', 'ペレイラ'),
      p('NAKAMURA', 'ナカムラ'),
      p('HIGA', 'ヒガ'),
      p('COSTA', 'コスタ'),
    ],
    givenNames: {
      M: [
        p('LUCAS', 'ルーカス'),
        p('GABRIEL', 'ガブリエル'),
        p('RAFAEL', 'ハファエル'),
        p('EDSON MASSAO', 'エジソン マサオ'),
        p('PAULO', 'パウロ'),
      ],
      F: [
        p('ANA', 'アナ'),
        p('JULIANA', 'ジュリアナ'),
        p('MARIANA', 'マリアナ'),
        p('FERNANDA EMI', 'フェルナンダ エミ'),
        p('CAMILA', 'カミラ'),
      ],
    },
    statuses: [
      ['永住者', 50],
      ['定住者', 42],
      ['日本人の配偶者等', 8],
    ],
    femaleShare: 0.47,
    familyShare: 0.7,
  },
  {
    name: 'ネパール',
    weight: 5,
    familyNames: [
      p('GURUNG', 'グルン'),
      p('SHRESTHA', 'シュレスタ'),
      p('TAMANG', 'タマン'),
      p('RAI', 'ライ'),
      p('THAPA', 'タパ'),
      p('MAGAR', 'マガール'),
    ],
    givenNames: {
      M: [
        p('RAM', 'ラム'),
        p('BIKASH', 'ビカス'),
        p('SANJAY', 'サンジャイ'),
        p('PRAKASH', 'プラカシュ'),
        p('SURESH', 'スレス'),
      ],
      F: [
        p('SUNITA', 'スニタ'),
        p('ANITA', 'アニタ'),
        p('SITA', 'シタ'),
        p('PRATIMA', 'プラティマ'),
        p('SABINA', 'サビナ'),
      ],
    },
    statuses: [
      ['留学', 35],
      ['技能', 22],
      ['家族滞在', 25],
      ['技術・人文知識・国際業務', 18],
    ],
    femaleShare: 0.42,
    familyShare: 0.35,
  },
  {
    name: 'インドネシア',
    weight: 4,
    familyNames: [
      p('SAPUTRA', 'サプトラ'),
      p('WIJAYA', 'ウィジャヤ'),
      p('HIDAYAT', 'ヒダヤット'),
      p('KURNIAWAN', 'クルニアワン'),
      p('LESTARI', 'レスタリ'),
    ],
    givenNames: {
      M: [p('ANDI', 'アンディ'), p('BUDI', 'ブディ'), p('RIZKY', 'リズキ'), p('AGUS', 'アグス')],
      F: [p('DEWI', 'デウィ'), p('SITI', 'シティ'), p('RINA', 'リナ'), p('PUTRI', 'プトリ')],
    },
    statuses: [
      ['技能実習', 50],
      ['特定技能', 38],
      ['留学', 12],
    ],
    femaleShare: 0.35,
    familyShare: 0.05,
  },
  {
    name: '米国',
    weight: 2,
    familyNames: [
      p('SMITH', 'スミス'),
      p('JOHNSON', 'ジョンソン'),
      p('BROWN', 'ブラウン'),
      p('MILLER', 'ミラー'),
      p('DAVIS', 'デイビス'),
    ],
    givenNames: {
      M: [
        p('JAMES', 'ジェームズ'),
        p('MICHAEL', 'マイケル'),
        p('DAVID', 'デイビッド'),
        p('DANIEL', 'ダニエル'),
      ],
      F: [p('EMILY', 'エミリー'), p('SARAH', 'サラ'), p('JESSICA', 'ジェシカ'), p('ASHLEY', 'アシュリー')],
    },
    statuses: [
      ['教育', 30],
      ['永住者', 30],
      ['日本人の配偶者等', 25],
      ['技術・人文知識・国際業務', 15],
    ],
    femaleShare: 0.35,
    familyShare: 0.3,
  },
  {
    name: '台湾',
    weight: 2,
    familyNames: [
      p('CHEN', 'チェン', '陳'),
      p('LIN', 'リン', '林'),
      p('HUANG', 'ホアン', '黄'),
      p('TSAI', 'ツァイ', '蔡'),
    ],
    givenNames: {
      M: [
        p('CHIH-HAO', 'ジーハオ', '志豪'),
        p('CHIA-HAO', 'ジャーハオ', '家豪'),
        p('CHUN-HUNG', 'ジュンホン', '俊宏'),
      ],
      F: [
        p('YA-TING', 'ヤーティン', '雅婷'),
        p('YI-CHUN', 'イージュン', '怡君'),
        p('SHU-FEN', 'シューフェン', '淑芬'),
      ],
    },
    statuses: [
      ['永住者', 35],
      ['技術・人文知識・国際業務', 35],
      ['留学', 20],
      ['日本人の配偶者等', 10],
    ],
    femaleShare: 0.6,
    familyShare: 0.3,
  },
  {
    name: 'ミャンマー',
    weight: 2,
    familyNames: [p('AUNG', 'アウン'), p('KYAW', 'チョー'), p('HTUN', 'トゥン'), p('THAN', 'タン')],
    givenNames: {
      M: [p('ZAW MIN', 'ゾー ミン'), p('MYO WIN', 'ミョー ウィン'), p('HTET', 'テッ')],
      F: [p('THIDA', 'ティダ'), p('SU MON', 'スー モン'), p('NANDAR', 'ナンダー')],
    },
    statuses: [
      ['技能実習', 40],
      ['特定技能', 30],
      ['留学', 20],
      ['特定活動', 10],
    ],
    femaleShare: 0.5,
    familyShare: 0.05,
  },
];

/** Statuses with no period of stay (在留期間の満了の日 is blank). */
export const PERMANENT_STATUSES = new Set(['永住者', '特別永住者']);

/** Usual length of a grant of stay in years, for statuses that have one. */
export const PERIOD_YEARS: Record<string, readonly number[]> = {
  留学: [1, 2],
  技能実習: [1, 2],
  特定技能: [1],
  家族滞在: [1, 3],
  '技術・人文知識・国際業務': [1, 3, 5],
  技能: [1, 3],
  教育: [1, 3],
  定住者: [1, 3, 5],
  日本人の配偶者等: [1, 3],
  '経営・管理': [1, 3],
  特定活動: [1],
};
