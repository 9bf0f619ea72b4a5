import { z } from 'zod';

export const mailListQuery = z.strictObject({
  status: z.enum(['received', 'checked', 'issued', 'posted', 'returned']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const returnBody = z.strictObject({
  /** Printed on the letter that goes back: 委任状が同封されていないため, …. */
  reason: z.string().trim().min(2).max(300),
});

export const reviewRequestBody = z.strictObject({ note: z.string().trim().min(1).max(400) });

export const letterListQuery = z.strictObject({
  status: z.enum(['queued', 'printed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const itemNoParam = z.coerce.number().int().min(1).max(10);
