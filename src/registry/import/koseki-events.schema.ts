import type { z } from 'zod';
import { defineColumns, type FileSpec } from './columns.js';
import { choice, date, details, id } from './fields.js';

/** 戸籍事項 (順位 0) and each member's 身分事項, in order (順序). */
const { columns, object } = defineColumns({
  koseki_id: ['戸籍番号', true, id()],
  member_no: ['順位', true, id({ min: 0 })],
  seq: ['順序', true, id()],
  event_type: [
    '事項',
    true,
    choice({
      hensei: ['編製'],
      kaisei: ['改製'],
      shussei: ['出生'],
      konin: ['婚姻'],
      rikon: ['離婚'],
      yoshi_engumi: ['養子縁組'],
      rien: ['離縁'],
      shibou: ['死亡'],
      nyuseki: ['入籍'],
      joseki: ['除籍'],
      tenseki: ['転籍'],
      bunseki: ['分籍'],
      ninchi: ['認知'],
    }),
  ],
  event_date: ['日付', true, date()],
  details: ['詳細', false, details()],
});

const schema = object;

export type KosekiEventRow = z.output<typeof schema>;

export const kosekiEventsFile: FileSpec<KosekiEventRow> = { kind: 'koseki-events', columns, schema };
