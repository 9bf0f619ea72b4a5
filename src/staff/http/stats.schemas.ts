import { z } from 'zod';

/** A calendar date that exists (2026-02-30 does not). */
const date = z
  .string()
  .max(10)
  .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text), {
    message: 'YYYY-MM-DD',
    params: { ja: '日付は YYYY-MM-DD の形で指定してください。' },
  })
  .refine(
    (text) =>
      !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
      new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text,
    {
      message: 'not a real date',
      params: { ja: '存在しない日付です。' },
    },
  );

export const statsQuery = z.strictObject({
  from: date,
  to: date,
  period: z.enum(['day', 'month']).default('day'),
});
