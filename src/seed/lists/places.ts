/**
 * Places: the areas (町・字) of the generated town, apartment names for 方書,
 * and real municipalities elsewhere for 前住所, 転出先 and 本籍 outside the
 * town. Street numbers elsewhere are made up.
 */

export interface TownArea {
  /** 町名 or 大字名 as written in addresses. */
  readonly name: string;
  /** 丁目 count; 0 for an area addressed by 地番 (大字… 123番地). */
  readonly chome: number;
  /** Relative population. */
  readonly weight: number;
  /** Share of households in apartment buildings. */
  readonly apartments: number;
}

export const TOWN_AREAS: readonly TownArea[] = [
  { name: '中央', chome: 5, weight: 14, apartments: 0.7 },
  { name: '本町', chome: 4, weight: 9, apartments: 0.5 },
  { name: '駅前', chome: 3, weight: 8, apartments: 0.8 },
  { name: '栄町', chome: 3, weight: 7, apartments: 0.45 },
  { name: '緑が丘', chome: 6, weight: 10, apartments: 0.2 },
  { name: '桜台', chome: 4, weight: 8, apartments: 0.25 },
  { name: '旭町', chome: 3, weight: 6, apartments: 0.35 },
  { name: '若葉', chome: 5, weight: 8, apartments: 0.3 },
  { name: '港町', chome: 3, weight: 5, apartments: 0.4 },
  { name: '東町', chome: 3, weight: 4, apartments: 0.3 },
  { name: '西町', chome: 3, weight: 4, apartments: 0.3 },
  { name: '富士見', chome: 3, weight: 4, apartments: 0.3 },
  { name: '髙砂町', chome: 2, weight: 2, apartments: 0.3 },
  { name: '大字上野', chome: 0, weight: 4, apartments: 0.05 },
  { name: '大字下野', chome: 0, weight: 3, apartments: 0.05 },
  { name: '大字山田', chome: 0, weight: 3, apartments: 0.03 },
  { name: '大字𠮷川', chome: 0, weight: 1, apartments: 0.03 },
];

export const APARTMENT_NAMES: readonly string[] = [
  'メゾン{area}',
  'コーポ{area}',
  'ハイツ{area}',
  'グランドパレス{area}',
  'パークハウス{area}',
  'レジデンス{area}',
  'サンライズマンション',
  'エクセル{area}',
  'ライオンズマンション{area}',
  'シャトー{area}',
  'ヴィラ{area}第2',
  '{area}コーポラス',
  '{area}ハイツ',
  'クレール{area}',
];

/** Public housing: 団地 with 号棟 and 号室. */
export const DANCHI_NAMES: readonly string[] = ['{area}団地', '県営{area}住宅', '市営{area}アパート'];

/** Municipalities elsewhere: [prefecture + city (+ ward), towns in it]. */
export const OTHER_PLACES: readonly (readonly [string, readonly string[]])[] = [
  ['東京都世田谷区', ['太子堂', '三軒茶屋', '北沢', '用賀']],
  ['東京都練馬区', ['豊玉北', '石神井町', '光が丘']],
  ['東京都大田区', ['蒲田', '大森北', '田園調布']],
  ['東京都江戸川区', ['葛西', '小岩', '西葛西']],
  ['東京都葛飾区', ['立石', '亀有', '柴又']],
  ['東京都八王子市', ['元本郷町', '南大沢', '横山町']],
  ['東京都三鷹市', ['下連雀', '上連雀', '井の頭']],
  ['神奈川県横浜市港北区', ['日吉', '綱島西', '大倉山']],
  ['神奈川県川崎市中原区', ['小杉町', '新丸子町', '木月']],
  ['神奈川県相模原市中央区', ['中央', '相模原', '淵野辺']],
  ['埼玉県さいたま市浦和区', ['高砂', '常盤', '岸町']],
  ['埼玉県川口市', ['本町', '栄町', '川口']],
  ['千葉県市川市', ['八幡', '南八幡', '行徳駅前']],
  ['千葉県船橋市', ['本町', '湊町', '前原西']],
  ['茨城県つくば市', ['吾妻', '竹園', '研究学園']],
  ['茨城県龍ケ崎市', ['寺後', '佐貫町', '松葉']],
  ['大阪府大阪市北区', ['梅田', '天神橋', '中崎']],
  ['大阪府堺市堺区', ['南瓦町', '大町東', '中瓦町']],
  ['愛知県名古屋市中区', ['栄', '丸の内', '大須']],
  ['愛知県豊田市', ['西町', '小坂本町', '若宮町']],
  ['京都府京都市左京区', ['田中里ノ前町', '北白川', '下鴨']],
  ['兵庫県神戸市中央区', ['三宮町', '北長狭通', '元町通']],
  ['福岡県福岡市中央区', ['天神', '大名', '赤坂']],
  ['北海道札幌市中央区', ['北一条西', '南三条西', '大通西']],
  ['宮城県仙台市青葉区', ['一番町', '国分町', '上杉']],
  ['広島県広島市中区', ['紙屋町', '大手町', '八丁堀']],
  ['静岡県浜松市中央区', ['鍛冶町', '板屋町', '佐鳴台']],
  ['新潟県新潟市中央区', ['古町通', '東大通', '万代']],
  ['鹿児島県大島郡瀬戸内町', ['古仁屋', '嘉徳']],
  ['沖縄県那覇市', ['久茂地', '泉崎', '首里']],
  ['長野県松本市', ['中央', '大手', '深志']],
  ['岡山県岡山市北区', ['表町', '奉還町', '駅元町']],
];

export const PREFECTURES: readonly string[] = [
  '北海道',
  '青森県',
  '岩手県',
  '宮城県',
  '秋田県',
  '山形県',
  '福島県',
  '茨城県',
  '栃木県',
  '群馬県',
  '埼玉県',
  '千葉県',
  '東京都',
  '神奈川県',
  '新潟県',
  '富山県',
  '石川県',
  '福井県',
  '山梨県',
  '長野県',
  '岐阜県',
  '静岡県',
  '愛知県',
  '三重県',
  '滋賀県',
  '京都府',
  '大阪府',
  '兵庫県',
  '奈良県',
  '和歌山県',
  '鳥取県',
  '島根県',
  '岡山県',
  '広島県',
  '山口県',
  '徳島県',
  '香川県',
  '愛媛県',
  '高知県',
  '福岡県',
  '佐賀県',
  '長崎県',
  '熊本県',
  '大分県',
  '宮崎県',
  '鹿児島県',
  '沖縄県',
];

/** Fictional town names for municipality codes other than the demo town's. */
export const FICTIONAL_TOWNS: readonly (readonly [string, string])[] = [
  ['青葉市', 'アオバシ'],
  ['星見市', 'ホシミシ'],
  ['緑野市', 'ミドリノシ'],
  ['港原市', 'ミナトハラシ'],
  ['若松台市', 'ワカマツダイシ'],
  ['花見川市', 'ハナミガワシ'],
  ['朝日野市', 'アサヒノシ'],
  ['白鷺市', 'シラサギシ'],
];
