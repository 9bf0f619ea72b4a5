import { z } from 'zod';
import { MIN_REASON_LENGTH } from '../../../domain/eligibility.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const residentSearchQuery = z.strictObject({
  name: text(60).optional(),
  kana: text(60).optional(),
  birthDate: z.string().optional(),
  address: text(120).optional(),
  juminhyoCode: z.string().optional(),
  includeRemoved: flag.optional(),
  limit: limit(200, 50),
});

export const personQuery = z.strictObject({
  /** Why the clerk opens the record (kept in the audit row): 窓口請求, 郵送請求 …. */
  reason: text(200).optional(),
});

export const registerSearchQuery = z.strictObject({
  honseki: text(120).optional(),
  hittosha: text(60).optional(),
  limit: limit(100, 30),
});

export const transactionListQuery = z.strictObject({
  status: z.enum(['open', 'paying', 'paid', 'cancelled']).optional(),
  /** Only the visits this clerk opened (default), or the whole office. */
  mine: flag.default(true),
  limit: limit(200, 50),
});

export const reasonBody = z.strictObject({ reason: text(400) });

export const reviewRequestBody = z.strictObject({
  /** What the clerk wants the reviewer to know (who is asking, what they showed). */
  note: text(400),
});

export const reviewDecisionBody = z.strictObject({
  /** Recorded with the issuance: why this one request may be granted (or is refused). */
  reason: z
    .string()
    .trim()
    .min(MIN_REASON_LENGTH, { message: `at least ${MIN_REASON_LENGTH} characters` })
    .max(400),
});

export const reviewListQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  limit: limit(200, 50),
});

export const letterListQuery = z.strictObject({
  status: z.enum(['queued', 'printed']).optional(),
  limit: limit(500, 100),
});

export const uuidParam = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
export const lineNoParam = z.coerce.number().int().min(1).max(1000);
export const residentIdParam = z.coerce.number().int().positive();
