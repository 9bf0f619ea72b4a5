import { z } from 'zod';
import { isValidMunicipalityCode } from '../../../domain/check-digits.js';

const sessionToken = z.string().min(10).max(200);
const idempotencyKey = z.string().refine((key) => /^[A-Za-z0-9._:-]{8,128}$/.test(key), {
  message: '8–128 letters, digits or . _ : -',
  params: { ja: '受付番号は英数字と . _ : - の8〜128文字です。' },
});

/** The municipality whose certificates the holder wants: their residence (default) or a 本籍地 they registered for. */
const municipalityCode = z.string().refine(isValidMunicipalityCode, {
  message: 'not a valid 地方公共団体コード',
  params: { ja: '地方公共団体コードが正しくありません。' },
});

export const menuBodySchema = z.strictObject({ sessionToken, municipalityCode: municipalityCode.optional() });

export const orderBodySchema = z.strictObject({
  sessionToken,
  municipalityCode: municipalityCode.optional(),
  /** Validated by the certificate catalogue's own schema. */
  options: z.record(z.string(), z.unknown()),
  copies: z.int().min(1).max(10).default(1),
});

export const issueBodySchema = orderBodySchema.extend({
  idempotencyKey,
  /** Cash already taken by the kiosk's payment unit for this amount. */
  paidAmount: z.int().min(0).max(100_000),
});

export const printFailedBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(200) });
export const refundBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(200) });
