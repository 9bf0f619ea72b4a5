import type { z } from 'zod';
import { defineColumns, type FileSpec } from './columns.js';
import { date, id, text } from './fields.js';

/** 戸籍の附票: each register member's addresses, oldest first (順序). */
const { columns, object } = defineColumns({
  koseki_id: ['戸籍番号', true, id()],
  member_no: ['順位', true, id()],
  seq: ['順序', true, id()],
  address: ['住所', true, text({ max: 200 })],
  address_since: ['住所を定めた年月日', true, date()],
});

const schema = object;

export type FuhyoRow = z.output<typeof schema>;

export const fuhyoFile: FileSpec<FuhyoRow> = { kind: 'fuhyo', columns, schema };
