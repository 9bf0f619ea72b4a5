/**
 * The kiosk screen checks 本籍 and 筆頭者 before sending them (so the problem
 * is named beside the field in the reader's language); the server's schema
 * stays the authority. Both must accept and refuse the same text.
 */
import { describe, expect, it } from 'vitest';
import { hittoshaText, honsekiText } from '../../src/channels/koseki-registration/domain/typed-register.js';
import { hittoshaProblem, honsekiProblem, typedFieldOf } from '../../web/kiosk/registration.js';

const IVS = '\u{E0100}';

const HONSEKI_SAMPLES = [
  '',
  '   ',
  '見本県',
  '見本県見',
  '見本県見本市本町1番地',
  '見本県見本市本町１番地の２',
  '見本県見本市本町二丁目3番地',
  '見本県見本市本町2-3',
  '見本県見本市本町2－3',
  '見本県見本市本町2―3',
  '見本県 見本市　本町1番地',
  `見本県見本市葛${IVS}飾1番地`,
  'みほんけんみほんし1',
  'ミホン・ホンチョウ',
  '1234',
  '１２３４',
  '本12-3',
  'Mihon 1-2',
  '見本県見本市本町1番地<b>',
  '見本県見本市本町1番地😀',
  '見本県見本市本町1番地\n',
  '見'.repeat(100),
  '見'.repeat(101),
  `${'見'.repeat(99)}葛${IVS}`,
  `${'見'.repeat(100)}${IVS}`,
  '見本県見本市本町1/2',
];

const HITTOSHA_SAMPLES = [
  '',
  '山',
  '山田',
  '山田　太郎',
  '山田 太郎',
  '髙橋　一郎',
  `葛${IVS}西　花子`,
  'やまだ　たろう',
  'ヤマダ　タロウ',
  '山田太郎1',
  'Yamada Taro',
  '山田・太郎',
  '山田ー太郎',
  '佐々木　々',
  '山'.repeat(40),
  '山'.repeat(41),
  ' 山田 ',
  '山田\t太郎',
];

describe('the kiosk screen checks 本籍 and 筆頭者 as the server does', () => {
  it.each(HONSEKI_SAMPLES)('本籍 %j', (sample) => {
    expect(honsekiProblem(sample) === null).toBe(honsekiText.safeParse(sample).success);
  });

  it.each(HITTOSHA_SAMPLES)('筆頭者 %j', (sample) => {
    expect(hittoshaProblem(sample) === null).toBe(hittoshaText.safeParse(sample).success);
  });

  it('names the problem a person can act on', () => {
    expect(honsekiProblem('  ')).toBe('honsekiRequired');
    expect(honsekiProblem('見本')).toBe('honsekiLength');
    expect(honsekiProblem('Mihon 1-2')).toBe('honsekiChars');
    expect(honsekiProblem('1234')).toBe('honsekiPlace');
    expect(hittoshaProblem('')).toBe('hittoshaRequired');
    expect(hittoshaProblem('山'.repeat(41))).toBe('hittoshaLength');
    expect(hittoshaProblem('Yamada')).toBe('hittoshaChars');
    expect(hittoshaProblem('山')).toBe('hittoshaName');
  });

  it('finds the typed field a server detail names', () => {
    expect(typedFieldOf('honseki')).toBe('honseki');
    expect(typedFieldOf('body.hittosha')).toBe('hittosha');
    expect(typedFieldOf('municipalityCode')).toBeNull();
    expect(typedFieldOf(undefined)).toBeNull();
  });
});
