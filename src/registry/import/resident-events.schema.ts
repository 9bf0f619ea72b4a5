import type { z } from 'zod';
import { defineColumns, type FileSpec } from './columns.js';
import { choice, date, details, id, optionalDate, reject } from './fields.js';

/** 異動履歴: a resident's recorded changes. History is appended, never rewritten. */
const { columns, object } = defineColumns({
  resident_id: ['宛名番号', true, id()],
  event_type: [
    '異動事由',
    true,
    choice({
      tennyu: ['転入'],
      tenkyo: ['転居'],
      tenshutsu: ['転出'],
      shussei: ['出生'],
      shibou: ['死亡'],
      setai_henko: ['世帯変更'],
      shokken_shusei: ['職権修正'],
      kika: ['帰化'],
    }),
  ],
  event_date: ['異動日', true, date()],
  notified_on: ['届出日', false, optionalDate()],
  details: ['詳細', false, details()],
});

const schema = object.superRefine((row, ctx) => {
  if (row.notified_on !== null && row.notified_on < row.event_date && row.event_type === 'shussei') {
    reject(ctx, { ja: '出生の届出日が出生日より前です。', en: 'a birth is notified before it happened.' }, [
      'notified_on',
    ]);
  }
});

export type ResidentEventRow = z.output<typeof schema>;

export const residentEventsFile: FileSpec<ResidentEventRow> = { kind: 'resident-events', columns, schema };
