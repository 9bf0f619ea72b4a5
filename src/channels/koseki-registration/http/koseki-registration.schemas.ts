import { z } from 'zod';
import { REJECTION_NOTE_MAX, REJECTION_REASONS } from '../domain/rejection-reasons.js';
import { applicationInputSchema } from '../domain/typed-register.js';

const sessionToken = z.string().min(10).max(200);

/** The kiosk's application: the card session plus what the applicant chose and typed. */
export const applyBodySchema = applicationInputSchema.extend({ sessionToken });

export const kioskSessionBodySchema = z.strictObject({ sessionToken });

export const registrationParamsSchema = z.strictObject({ registrationId: z.uuid() });

export const listQuerySchema = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(200),
});

export const approveBodySchema = z.strictObject({
  kosekiId: z.int().positive(),
  memberNo: z.int().positive().max(999),
  /** 即日: usable at once rather than from the fifth day after the application. */
  immediately: z.boolean().default(false),
});

export const rejectBodySchema = z
  .strictObject({
    reason: z.enum(REJECTION_REASONS),
    note: z.string().trim().max(REJECTION_NOTE_MAX).optional(),
  })
  .refine((body) => body.reason !== 'other' || Boolean(body.note), {
    path: ['note'],
    message: 'a note is required for "other"',
    params: { ja: '「その他」を選んだときは、理由を記入してください。' },
  });
