import type { z } from 'zod';
import { defineColumns, type FileSpec } from './columns.js';
import {
  choice,
  date,
  flag,
  id,
  juminhyoCode,
  kana,
  myNumber,
  optionalDate,
  optionalText,
  postalCode,
  reject,
  sex,
  text,
} from './fields.js';

/** 住民票 (住民基本台帳の個人): one row per person, active or 除票. Households come from 世帯番号. */
const { columns, object } = defineColumns({
  resident_id: ['宛名番号', true, id()],
  household_id: ['世帯番号', true, id()],
  relationship: ['続柄', true, text({ max: 20 })],
  juminhyo_code: ['住民票コード', true, juminhyoCode()],
  kojin_bango: ['個人番号', false, myNumber()],
  family_name: ['氏', true, text({ max: 50 })],
  given_name: ['名', true, text({ max: 50 })],
  family_name_kana: ['氏カナ', true, kana({ max: 100 })],
  given_name_kana: ['名カナ', true, kana({ max: 100 })],
  birth_date: ['生年月日', true, date()],
  sex: ['性別', true, sex()],
  postal_code: ['郵便番号', true, postalCode()],
  address: ['住所', true, text({ max: 200 })],
  katagaki: ['方書', false, optionalText({ max: 100 })],
  resident_since: ['住民となった年月日', true, date()],
  address_since: ['住所を定めた年月日', true, date()],
  notified_on: ['届出日', false, optionalDate()],
  previous_address: ['前住所', false, optionalText({ max: 200 })],
  honseki: ['本籍', false, optionalText({ max: 200 })],
  hittosha: ['筆頭者', false, optionalText({ max: 100 })],
  status: [
    '状態',
    false,
    choice({ active: ['住民', '在住'], moved_out: ['転出'], deceased: ['死亡'] }, { default: 'active' }),
  ],
  removed_on: ['消除日', false, optionalDate()],
  removal_reason: ['消除事由', false, optionalText({ max: 200, multiline: true })],
  moved_to_address: ['転出先', false, optionalText({ max: 200 })],
  is_foreign: ['外国人', false, flag()],
  nationality: ['国籍・地域', false, optionalText({ max: 50 })],
  residence_status: ['在留資格', false, optionalText({ max: 50 })],
  residence_period_end: ['在留期間満了日', false, optionalDate()],
  tsusho: ['通称', false, optionalText({ max: 100 })],
  name_alphabet: ['英字氏名', false, optionalText({ max: 200 })],
  support_measure: ['支援措置', false, flag()],
  notify_on_third_party: ['本人通知', false, flag()],
  household_since: ['世帯編成日', false, optionalDate()],
});

export const HEAD_OF_HOUSEHOLD = '世帯主';

const schema = object.superRefine((row, ctx) => {
  if (row.status === 'active' && row.removed_on !== null) {
    reject(
      ctx,
      { ja: '住民（在住）の行に消除日があります。', en: 'an active resident has a removal date.' },
      ['removed_on'],
    );
  }
  if (row.status !== 'active' && row.removed_on === null) {
    reject(
      ctx,
      {
        ja: '転出・死亡の行（除票）には消除日が必要です。',
        en: 'a moved-out or deceased row needs a removal date.',
      },
      ['removed_on'],
    );
  }
  if (row.moved_to_address !== null && row.status !== 'moved_out') {
    reject(
      ctx,
      { ja: '転出先は転出の行にだけ書けます。', en: 'a forwarding address belongs only to a moved-out row.' },
      ['moved_to_address'],
    );
  }
  if (row.is_foreign) {
    if (row.nationality === null) {
      reject(
        ctx,
        { ja: '外国人住民には国籍・地域が必要です。', en: 'a foreign resident needs a nationality.' },
        ['nationality'],
      );
    }
    if (row.honseki !== null || row.hittosha !== null) {
      reject(
        ctx,
        {
          ja: '外国人住民には本籍・筆頭者がありません。',
          en: 'a foreign resident has no honseki or hittosha.',
        },
        [row.honseki !== null ? 'honseki' : 'hittosha'],
      );
    }
  } else {
    for (const key of ['nationality', 'residence_status', 'residence_period_end', 'tsusho'] as const) {
      if (row[key] !== null) {
        reject(
          ctx,
          {
            ja: 'この項目は外国人住民（外国人=1）にだけ書けます。',
            en: 'only a foreign resident (is_foreign=1) has this.',
          },
          [key],
        );
      }
    }
    if ((row.honseki === null) !== (row.hittosha === null)) {
      reject(
        ctx,
        {
          ja: '本籍と筆頭者は両方書くか、両方空欄にしてください。',
          en: 'give both honseki and hittosha, or neither.',
        },
        [row.honseki === null ? 'honseki' : 'hittosha'],
      );
    }
  }
  for (const key of ['resident_since', 'address_since'] as const) {
    if (row[key] < row.birth_date) {
      reject(ctx, { ja: '生年月日より前の日付です。', en: 'the date is before the date of birth.' }, [key]);
    }
  }
  if (row.removed_on !== null && row.removed_on < row.resident_since) {
    reject(
      ctx,
      { ja: '住民となった年月日より前の日付です。', en: 'the date is before the resident_since date.' },
      ['removed_on'],
    );
  }
});

export type ResidentRow = z.output<typeof schema>;

export const residentsFile: FileSpec<ResidentRow> = { kind: 'residents', columns, schema };
