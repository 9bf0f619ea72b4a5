import type { z } from 'zod';
import { defineColumns, type FileSpec } from './columns.js';
import { choice, date, id, optionalDate, optionalText, reject, text } from './fields.js';

/** 戸籍: one row per register (現在戸籍, 除籍 or 改製原戸籍). */
const { columns, object } = defineColumns({
  koseki_id: ['戸籍番号', true, id()],
  honseki: ['本籍', true, text({ max: 200 })],
  hittosha: ['筆頭者', true, text({ max: 100 })],
  status: [
    '状態',
    false,
    choice(
      { active: ['現在戸籍', '現在'], closed: ['除籍'], kaisei_gen: ['改製原戸籍', '改製原'] },
      { default: 'active' },
    ),
  ],
  compiled_on: ['編製日', true, date()],
  closed_on: ['消除日', false, optionalDate()],
  closed_reason: ['消除事由', false, optionalText({ max: 200, multiline: true })],
});

const schema = object.superRefine((row, ctx) => {
  if (row.status === 'active' && row.closed_on !== null) {
    reject(ctx, { ja: '現在戸籍に消除日があります。', en: 'an active register has a closing date.' }, [
      'closed_on',
    ]);
  }
  if (row.status !== 'active' && row.closed_on === null) {
    reject(
      ctx,
      {
        ja: '除籍・改製原戸籍には消除日が必要です。',
        en: 'a closed or superseded register needs a closing date.',
      },
      ['closed_on'],
    );
  }
  if (row.closed_on !== null && row.closed_on < row.compiled_on) {
    reject(ctx, { ja: '編製日より前の日付です。', en: 'the date is before the compilation date.' }, [
      'closed_on',
    ]);
  }
});

export type KosekiRow = z.output<typeof schema>;

export const kosekiFile: FileSpec<KosekiRow> = { kind: 'koseki', columns, schema };
