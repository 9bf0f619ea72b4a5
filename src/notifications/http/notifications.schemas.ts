/** The request shapes of the notification API, one schema per boundary. */
import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../domain/draft-content.js';

export const EDIT_SECRET_HEADER = 'x-edit-secret';

const kind = z.enum(NOTIFICATION_KINDS);
const contentVersion = z.int().min(1);
/** A reference as typed, or the whole text of the QR code. */
const reference = z.string().min(1).max(100);

export const municipalityParams = z.strictObject({
  code: z
    .string()
    .refine((c) => /^\d{6}$/.test(c), { message: 'six digits', params: { ja: '6桁の数字です。' } }),
});
export const draftParams = municipalityParams.extend({ reference });
export const referenceParams = z.strictObject({ reference });
export const ruleParams = z.strictObject({ ruleId: z.string().min(1).max(40) });
export const certificateParams = z.strictObject({ code: z.string().min(1).max(40) });

export const createDraftBody = z.strictObject({ kind, content: z.unknown().optional() });
export const updateDraftBody = z.strictObject({
  content: z.unknown(),
  contentVersion: contentVersion.optional(),
});
export const openBody = z.strictObject({
  movers: z
    .array(z.strictObject({ index: z.int().min(0).max(19), residentId: z.int().positive() }))
    .max(20)
    .optional(),
});
export const correctBody = z.strictObject({ content: z.unknown(), contentVersion });
export const transferRecordBody = z.strictObject({ record: z.unknown() });
export const confirmBody = z.strictObject({
  contentVersion,
  signature: z.unknown().optional(),
  onPaper: z.boolean().optional(),
});
export const acceptBody = z.strictObject({ contentVersion, identityDocument: z.unknown() });
export const rejectBody = z.strictObject({ reason: z.string().max(1000) });
