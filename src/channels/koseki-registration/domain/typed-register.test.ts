import { describe, expect, it } from 'vitest';
import { foldAddress, foldKanji } from '../../../domain/text-fold.js';
import {
  applicationInputSchema,
  characterCount,
  hittoshaText,
  honsekiText,
  registerKeys,
} from './typed-register.js';

const ok = (schema: typeof honsekiText, text: string) => schema.safeParse(text).success;

describe('typed 本籍 and 筆頭者', () => {
  it('accepts real addresses and names, variant kanji and variation sequences included', () => {
    for (const honseki of [
      '東京都千代田区千代田1番',
      '見本県見本市本町二丁目3番地',
      '茨城県龍ケ崎市３７１０番地の１',
      '北海道札幌市中央区北1条西2丁目1-2',
      '葛\u{E0100}飾区金町一丁目',
      'さいたま市浦和区高砂三丁目15番地1',
    ])
      expect([honseki, ok(honsekiText, honseki)]).toEqual([honseki, true]);
    for (const name of [
      '見本　一郎',
      '髙橋 太郎',
      '𠮷田　﨑美',
      '佐々木　ゆかり',
      '林　一',
      '葛\u{E0100}城　花子',
    ])
      expect([name, ok(hittoshaText, name)]).toEqual([name, true]);
  });

  it('refuses other characters, empty or too long text', () => {
    for (const honseki of [
      '',
      '   ',
      '東京',
      '1-2-3',
      'Tokyo 1-1',
      '東京都<script>',
      '東京都千代田区\u0000',
      '東'.repeat(101),
    ])
      expect([honseki, ok(honsekiText, honseki)]).toEqual([honseki, false]);
    for (const name of ['', '林', 'Yamada Taro', '山田 太郎1', '山田\t太郎', '山田（太郎）', '山'.repeat(41)])
      expect([name, ok(hittoshaText, name)]).toEqual([name, false]);
  });

  it('counts a character with its variation selector as one', () => {
    expect(characterCount('葛\u{E0100}')).toBe(1);
    expect(characterCount('𠮷田')).toBe(2);
    expect(ok(hittoshaText, `${'葛\u{E0100}'.repeat(40)}`)).toBe(true);
  });

  it('keeps the text as typed (trimmed only) and folds only the keys like the registers do', () => {
    const parsed = applicationInputSchema.parse({
      municipalityCode: '999997',
      honseki: '  見本県見本市本町２丁目３番地 ',
      hittosha: '髙橋　太郎',
      idempotencyKey: 'apply-0001',
    });
    expect(parsed.honseki).toBe('見本県見本市本町２丁目３番地');
    expect(parsed.hittosha).toBe('髙橋　太郎');
    const keys = registerKeys(parsed);
    expect(keys.honsekiKey).toBe(foldAddress('見本県見本市本町二丁目3番地'));
    expect(keys.hittoshaKey).toBe(foldKanji('高橋太郎'));
  });

  it('refuses unknown fields and a bad municipality code', () => {
    const base = {
      municipalityCode: '999997',
      honseki: '見本県見本市本町1番',
      hittosha: '見本　一郎',
      idempotencyKey: 'apply-0002',
    };
    expect(applicationInputSchema.safeParse(base).success).toBe(true);
    expect(applicationInputSchema.safeParse({ ...base, residentId: 1 }).success).toBe(false);
    expect(applicationInputSchema.safeParse({ ...base, municipalityCode: '999990' }).success).toBe(false);
  });
});
