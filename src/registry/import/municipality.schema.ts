import type { z } from 'zod';
import { defineColumns, type FileSpec } from './columns.js';
import { kana, municipalityCode, phone, postalCode, text } from './fields.js';

/** 団体情報: the one municipality row, needed when the database does not have it yet. */
const { columns, object } = defineColumns({
  code: ['団体コード', true, municipalityCode()],
  name: ['団体名', true, text({ max: 50 })],
  name_kana: ['団体名カナ', true, kana({ max: 100 })],
  prefecture: ['都道府県', true, text({ max: 10 })],
  mayor_title: ['首長職名', true, text({ max: 20 })],
  mayor_name: ['首長氏名', true, text({ max: 50 })],
  office_address: ['庁舎所在地', true, text({ max: 200 })],
  postal_code: ['郵便番号', true, postalCode()],
  phone: ['電話番号', true, phone()],
});

const schema = object;

export type MunicipalityRow = z.output<typeof schema>;

export const municipalityFile: FileSpec<MunicipalityRow> = { kind: 'municipality', columns, schema };
