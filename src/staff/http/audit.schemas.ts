import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A bound of the search: a date is a day in Japan (JST), a date-time must carry
 * its offset. `to` as a date includes that whole day.
 */
const bound = (edge: 'from' | 'to') =>
  z
    .string()
    .max(40)
    .refine(
      (text) => DATE.test(text) || (/[zZ]|[+-]\d{2}:\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))),
      {
        message: 'YYYY-MM-DD or an ISO date-time with offset',
        params: { ja: '日付は YYYY-MM-DD、または時差付きの日時で指定してください。' },
      },
    )
    .transform((text) => {
      if (!DATE.test(text)) return new Date(text);
      const start = new Date(`${text}T00:00:00+09:00`);
      return edge === 'from' ? start : new Date(start.getTime() + 24 * 3600 * 1000);
    })
    .refine((date) => !Number.isNaN(date.getTime()), { message: 'not a real date' });

export const auditSearchQuery = z.strictObject({
  actor: z.string().min(1).max(100).optional(),
  action: z
    .string()
    .regex(/^[a-z0-9._-]+\*?$/)
    .max(100)
    .optional(),
  subject: z.string().min(1).max(120).optional(),
  from: bound('from').optional(),
  to: bound('to').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  reason: z.string().trim().min(1).max(400).optional(),
});
