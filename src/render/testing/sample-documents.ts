/**
 * Factories for certificate documents, for tests and benchmarks. Names include
 * the characters that break naive renderers: 𠮷 (outside the BMP), 葛󠄀 (an
 * ideographic variation sequence IPAmj lacks but Noto has), 辻󠄂 (an MJ variation
 * sequence of IPAmj), 髙, 﨑 and 邉.
 */
import { PNG } from 'pngjs';
import {
  type CertificateDocument,
  type CertificateHeader,
  type CertificateKind,
  DEFAULT_ATTESTATIONS,
  DEFAULT_KISAI_STATEMENT,
  type FuhyoDocument,
  type InkanDocument,
  type JuminhyoDocument,
  type JuminhyoItems,
  type JuminhyoJohyoDocument,
  type JuminhyoKisaiDocument,
  type JuminhyoMember,
  type KazeiDocument,
  type KosekiDocument,
  type KosekiPerson,
} from '../model.js';

export const IVS_KATSU = '葛\u{E0100}';
export const MJ_TSUJI = '辻\u{E0102}';

export const SAMPLE_ADDRESS = '見本県見本市本町一丁目2番3号';

export function sampleHeader(kind: CertificateKind, n = 1): CertificateHeader {
  return {
    municipality: { code: '999997', name: '見本市' },
    certifier: { title: '見本市長', name: '見本　太郎' },
    attestation: DEFAULT_ATTESTATIONS[kind],
    issuedOn: '2024-02-09',
    issuedAt: '2024-02-09T10:15:00+09:00',
    issueNumber: `第R6-${String(n).padStart(6, '0')}号`,
    verification: {
      code: `K7QF-${String(n).padStart(4, '0')}-M2XD`,
      url: `https://madoguchi.example.jp/verify/K7QF-${String(n).padStart(4, '0')}-M2XD`,
    },
  };
}

const GIVEN = [
  ['一郎', 'いちろう', 'M', '世帯主'],
  [`${IVS_KATSU}子`, 'かつこ', 'F', '妻'],
  ['髙志', 'たかし', 'M', '子'],
  ['美﨑', 'みさき', 'F', '子'],
  ['邉太', 'へんた', 'M', '子'],
  ['花子', 'はなこ', 'F', '母'],
  ['次郎', 'じろう', 'M', '子'],
  ['三郎', 'さぶろう', 'M', '子'],
  ['桜', 'さくら', 'F', '子'],
  ['大輔', 'だいすけ', 'M', '子'],
  ['陽菜', 'ひな', 'F', '孫'],
  ['蓮', 'れん', 'M', '孫'],
] as const;

export const ALL_ITEMS: JuminhyoItems = {
  relationship: true,
  honseki: true,
  juminhyoCode: true,
  myNumber: true,
  previousAddress: true,
  residentSince: true,
  history: false,
};

export const KIOSK_ITEMS: JuminhyoItems = {
  relationship: true,
  honseki: false,
  juminhyoCode: false,
  myNumber: false,
  previousAddress: false,
  residentSince: false,
  history: false,
};

export function sampleMember(i: number): JuminhyoMember {
  const [given, kana, sex, relationship] = GIVEN[i % GIVEN.length]!;
  const year = 1950 + ((i * 7) % 60);
  return {
    name: { family: '𠮷野', given: i >= GIVEN.length ? `${given}${i}` : given },
    kana: { family: 'よしの', given: kana },
    birthDate: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    sex,
    relationship,
    residentSince: { date: '2019-05-01', reason: '転入', notifiedOn: '2019-05-07' },
    addressSince: { date: '2019-05-01', notifiedOn: '2019-05-07' },
    previousAddress: '東京都千代田区平河町一丁目4番地',
    honseki: { address: '見本県見本市本町一丁目2番地', hittosha: '𠮷野　一郎' },
    juminhyoCode: String(12345678901 + i * 7).padStart(11, '0'),
    myNumber: String(123456789012 + i * 13).padStart(12, '0'),
  };
}

export function sampleForeignMember(): JuminhyoMember {
  return {
    name: { family: 'SMITH', given: 'JOHN' },
    birthDate: '1988-07-14',
    sex: 'M',
    relationship: '同居人',
    addressSince: { date: '2021-04-01', notifiedOn: '2021-04-02' },
    residentSince: { date: '2021-04-01', reason: '転入' },
    previousAddress: 'アメリカ合衆国',
    juminhyoCode: '98765432109',
    foreign: {
      nationality: '米国',
      alphabetName: 'SMITH JOHN',
      tsusho: '須見　丈',
      residenceStatus: '技術・人文知識・国際業務',
      residencePeriod: '3年',
      residencePeriodEnd: '2027-03-31',
      category: '中長期在留者',
    },
  };
}

export function sampleJuminhyo(members = 4, n = 1): JuminhyoDocument {
  return {
    ...sampleHeader('juminhyo', n),
    kind: 'juminhyo',
    scope: 'household',
    items: ALL_ITEMS,
    household: {
      address: SAMPLE_ADDRESS,
      katagaki: '見本ハイツ101号室',
      head: { family: '𠮷野', given: '一郎' },
    },
    members: Array.from({ length: members }, (_, i) => sampleMember(i)),
  };
}

export function sampleJohyo(): JuminhyoJohyoDocument {
  const member = sampleMember(2);
  return {
    ...sampleHeader('juminhyo-joheyo', 2),
    kind: 'juminhyo-joheyo',
    items: { ...ALL_ITEMS, myNumber: false },
    household: { address: SAMPLE_ADDRESS, head: { family: '𠮷野', given: '一郎' } },
    members: [
      {
        ...member,
        removal: {
          date: '2023-03-31',
          reason: '転出',
          notifiedOn: '2023-03-20',
          destination: '大阪府大阪市北区中之島一丁目3番20号',
        },
      },
    ],
  };
}

export function sampleKisai(): JuminhyoKisaiDocument {
  return {
    ...sampleHeader('juminhyo-kisai', 3),
    kind: 'juminhyo-kisai',
    items: ['name', 'kana', 'birthDate', 'sex', 'address', 'addressSince'],
    household: { address: SAMPLE_ADDRESS },
    members: [sampleMember(0), sampleMember(1)],
    statement: DEFAULT_KISAI_STATEMENT,
    submittedTo: '見本年金事務所',
    purpose: '年金の手続',
  };
}

/** A deterministic seal impression: a red ring with a cross, as a stand-in for a scanned 印影. */
export function sampleImpressionPng(size = 96): string {
  const png = new PNG({ width: size, height: size });
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c + 0.5, y - c + 0.5);
      const ink =
        (d > c * 0.82 && d < c * 0.95) || (d < c * 0.8 && (Math.abs(x - c) < 3 || Math.abs(y - c) < 3));
      const i = (y * size + x) * 4;
      png.data[i] = ink ? 200 : 255;
      png.data[i + 1] = ink ? 30 : 255;
      png.data[i + 2] = ink ? 30 : 255;
      png.data[i + 3] = ink ? 255 : 0;
    }
  }
  return PNG.sync.write(png).toString('base64');
}

export function sampleInkan(): InkanDocument {
  return {
    ...sampleHeader('inkan', 4),
    kind: 'inkan',
    name: { family: '𠮷野', given: `${IVS_KATSU}子` },
    kana: { family: 'よしの', given: 'かつこ' },
    birthDate: '1962-11-03',
    sex: 'F',
    address: SAMPLE_ADDRESS,
    katagaki: '見本ハイツ101号室',
    registrationNumber: '000123',
    impression: { pngBase64: sampleImpressionPng() },
  };
}

function kosekiPerson(i: number): KosekiPerson {
  const spouse = i === 1;
  const head = i === 0;
  const birth = `${1950 + i * 3}-0${(i % 9) + 1}-1${i % 10}`;
  return {
    givenName: head
      ? '一郎'
      : spouse
        ? `${IVS_KATSU}子`
        : ['髙志', '美﨑', '邉太', '次郎', '桜', '大輔', '陽菜', '蓮'][(i - 2) % 8]!,
    birthDate: birth,
    spouse: head ? '夫' : spouse ? '妻' : undefined,
    father: head ? '𠮷野幸雄' : spouse ? `${MJ_TSUJI}本正` : '𠮷野一郎',
    mother: head ? '𠮷野松子' : spouse ? `${MJ_TSUJI}本梅` : `𠮷野${IVS_KATSU}子`,
    relationship: head
      ? '長男'
      : spouse
        ? '二女'
        : ['長男', '長女', '二男', '三男', '二女', '四男', '三女', '五男'][(i - 2) % 8]!,
    removed: i === 3 || i === 6,
    entries: [
      {
        title: '出生',
        lines: [
          { label: '出生日', date: birth },
          { label: '出生地', value: '見本県見本市' },
          { label: '届出日', date: birth },
          { label: '届出人', value: '父' },
        ],
      },
      ...(head || spouse
        ? [
            {
              title: '婚姻',
              lines: [
                { label: '婚姻日', date: '1985-04-10' },
                { label: '配偶者氏名', value: head ? `${MJ_TSUJI}本${IVS_KATSU}子` : '𠮷野一郎' },
                ...(spouse
                  ? [{ label: '従前戸籍', value: `見本県見本市本町三丁目5番地　${MJ_TSUJI}本正` }]
                  : []),
              ],
            },
          ]
        : []),
      ...(i === 3 || i === 6
        ? [
            {
              title: '婚姻',
              lines: [
                { label: '婚姻日', date: '2015-06-20' },
                { label: '配偶者氏名', value: '佐藤健一' },
                { label: '送付を受けた日', date: '2015-06-25' },
                { label: '受理者', value: '東京都千代田区長' },
                { label: '新本籍', value: '東京都千代田区九段南一丁目2番地' },
                { label: '称する氏', value: '夫の氏' },
              ],
            },
          ]
        : []),
    ],
  };
}

export function sampleKoseki(members = 4, kind: KosekiDocument['kind'] = 'koseki-zenbu'): KosekiDocument {
  const people = Array.from({ length: members }, (_, i) => kosekiPerson(i));
  return {
    ...sampleHeader(kind, 5),
    kind,
    honseki: '見本県見本市本町一丁目2番地',
    name: { family: '𠮷野', given: '一郎' },
    registerEntries: [
      { title: '戸籍編製', lines: [{ label: '編製日', date: '1985-04-10' }] },
      ...(kind === 'koseki-joseki'
        ? [
            {
              title: '消除',
              lines: [
                { label: '消除日', date: '2020-01-15' },
                { label: '消除事項', value: '戸籍消除' },
              ],
            },
          ]
        : []),
      ...(kind === 'koseki-kaiseigen'
        ? [
            {
              title: '戸籍改製',
              lines: [
                { label: '改製日', date: '1996-03-01' },
                { label: '事由', value: '平成6年法務省令第51号附則第2条第1項による改製につき消除' },
              ],
            },
          ]
        : []),
    ],
    members: kind === 'koseki-kojin' ? [people[Math.min(1, people.length - 1)]!] : people,
  };
}

export function sampleFuhyo(members = 3): FuhyoDocument {
  return {
    ...sampleHeader('fuhyo', 6),
    kind: 'fuhyo',
    honseki: '見本県見本市本町一丁目2番地',
    name: { family: '𠮷野', given: '一郎' },
    members: Array.from({ length: members }, (_, i) => ({
      name: { family: '𠮷野', given: sampleMember(i).name.given },
      birthDate: sampleMember(i).birthDate,
      sex: sampleMember(i).sex,
      removed: i === 2,
      addresses: [
        { address: '東京都千代田区平河町一丁目4番地', since: '1985-04-10' },
        { address: SAMPLE_ADDRESS, since: '2019-05-01' },
      ],
    })),
  };
}

export function sampleKazei(status: KazeiDocument['status'] = 'assessed'): KazeiDocument {
  const exempt = status === 'exempt';
  return {
    ...sampleHeader('kazei', 7),
    kind: 'kazei',
    taxYear: 2024,
    status,
    person: {
      name: { family: '𠮷野', given: '一郎' },
      kana: { family: 'よしの', given: 'いちろう' },
      birthDate: '1960-04-01',
      address: SAMPLE_ADDRESS,
    },
    incomes: exempt
      ? [
          { label: '給与収入', amount: 900_000 },
          { label: '給与所得', amount: 350_000 },
        ]
      : [
          { label: '給与収入', amount: 5_200_000 },
          { label: '給与所得', amount: 3_700_000 },
          { label: '雑所得', amount: 120_000 },
        ],
    totalIncome: exempt ? 350_000 : 3_820_000,
    deductions: exempt
      ? [{ label: '基礎控除', amount: 430_000 }]
      : [
          { label: '社会保険料控除', amount: 780_000 },
          { label: '配偶者控除', amount: 330_000 },
          { label: '基礎控除', amount: 430_000 },
        ],
    deductionsTotal: exempt ? 430_000 : 1_540_000,
    taxableIncome: exempt ? 0 : 2_280_000,
    taxes: exempt
      ? []
      : [
          { label: '市民税所得割額', amount: 136_800 },
          { label: '市民税均等割額', amount: 3_500 },
          { label: '県民税所得割額', amount: 91_200 },
          { label: '県民税均等割額', amount: 2_500 },
        ],
    dependents: exempt ? 0 : 1,
    remarks: exempt ? ['令和6年度の市民税・県民税は課税されていません。'] : undefined,
  };
}

export function sampleDocuments(): Record<string, CertificateDocument> {
  return {
    juminhyo: sampleJuminhyo(3),
    'juminhyo-joheyo': sampleJohyo(),
    'juminhyo-kisai': sampleKisai(),
    inkan: sampleInkan(),
    'koseki-zenbu': sampleKoseki(3),
    'koseki-kojin': sampleKoseki(3, 'koseki-kojin'),
    'koseki-joseki': sampleKoseki(2, 'koseki-joseki'),
    'koseki-kaiseigen': sampleKoseki(2, 'koseki-kaiseigen'),
    fuhyo: sampleFuhyo(),
    kazei: sampleKazei(),
  };
}
