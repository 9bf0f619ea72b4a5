import type { z } from 'zod';
import { defineColumns, type FileSpec } from './columns.js';
import {
  choice,
  date,
  id,
  optionalId,
  optionalJuminhyoCode,
  optionalText,
  reject,
  sex,
  text,
} from './fields.js';

/** 戸籍の個人: the people of a register in order; 順位 1 is the 筆頭者. */
const { columns, object } = defineColumns({
  koseki_id: ['戸籍番号', true, id()],
  member_no: ['順位', true, id()],
  family_name: ['氏', true, text({ max: 50 })],
  given_name: ['名', true, text({ max: 50 })],
  birth_date: ['生年月日', true, date()],
  sex: ['性別', true, sex()],
  father_name: ['父', false, optionalText({ max: 100 })],
  mother_name: ['母', false, optionalText({ max: 100 })],
  relationship: ['続柄', true, text({ max: 20 })],
  status: ['状態', false, choice({ in: ['在籍'], removed: ['除籍', '除かれた者'] }, { default: 'in' })],
  removed_reason: ['除籍事由', false, optionalText({ max: 200, multiline: true })],
  resident_id: ['宛名番号', false, optionalId()],
  juminhyo_code: ['住民票コード', false, optionalJuminhyoCode()],
});

const schema = object.superRefine((row, ctx) => {
  if (row.status === 'in' && row.removed_reason !== null) {
    reject(
      ctx,
      { ja: '在籍者に除籍事由があります。', en: 'a member still in the register has a removal reason.' },
      ['removed_reason'],
    );
  }
});

export type KosekiMemberRow = z.output<typeof schema>;

export const kosekiMembersFile: FileSpec<KosekiMemberRow> = { kind: 'koseki-members', columns, schema };
