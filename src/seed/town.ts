import { type Day, dayFromIso } from './dates.js';
import { FICTIONAL_TOWNS, PREFECTURES, TOWN_AREAS, type TownArea } from './lists/places.js';
import { hash32 } from './random.js';

/** The municipality being generated: its name, office and how its addresses are written. */
export interface TownProfile {
  code: string;
  name: string;
  nameKana: string;
  prefecture: string;
  mayorTitle: string;
  mayorName: string;
  officeAddress: string;
  postalCode: string;
  phone: string;
  /** 都道府県 + 市町村, the start of every address in the town. */
  prefix: string;
  areas: readonly (TownArea & { postalCode: string })[];
  /**
   * The day the town's 戸籍 went onto the computer (平成6年法務省令第51号附則第2条
   * による改製): registers older than this have a 改製原戸籍.
   */
  kaiseiDay: Day;
}

export const DEMO_TOWN_CODE = '999997';

export function townProfile(code: string): TownProfile {
  const h = hash32(code);
  const [name, nameKana] =
    code === DEMO_TOWN_CODE ? ['見本市', 'ミホンシ'] : FICTIONAL_TOWNS[h % FICTIONAL_TOWNS.length]!;
  const prefectureNo = Number(code.slice(0, 2));
  const prefecture = prefectureNo >= 1 && prefectureNo <= 47 ? PREFECTURES[prefectureNo - 1]! : '見本県';
  const prefix = `${prefecture}${name}`;
  // Postal codes starting 000 are not used by Japan Post, so they never collide with a real place.
  const postalBase = code === DEMO_TOWN_CODE ? '000' : `00${(h >>> 8) % 10}`;
  const areas = TOWN_AREAS.map((area, i) => ({
    ...area,
    postalCode: `${postalBase}${String(11 + i * 7).padStart(4, '0')}`,
  }));
  const mayors = ['見本　太郎', '見本　花子', '試験　一郎', '模範　春子'];
  return {
    code,
    name,
    nameKana,
    prefecture,
    mayorTitle: '市長',
    mayorName: code === DEMO_TOWN_CODE ? '見本　太郎' : mayors[(h >>> 4) % mayors.length]!,
    officeAddress: `${prefix}中央1丁目1番1号`,
    postalCode: `${postalBase}0001`,
    phone: '000-000-0000',
    prefix,
    areas,
    kaiseiDay:
      code === DEMO_TOWN_CODE ? dayFromIso('2004-03-06') : dayFromIso('1998-02-21') + ((h >>> 12) % 3650),
  };
}
