import { z } from 'zod';

export const emptyBodySchema = z.strictObject({});

export const pinBodySchema = z.strictObject({
  pin: z.string().refine((pin) => /^[0-9]{4}$/.test(pin), {
    message: 'four digits',
    params: { ja: '暗証番号は数字4桁です。' },
  }),
});

const municipalityCode = z.string().regex(/^[0-9]{6}$/);

export const menuBodySchema = z.strictObject({ municipalityCode: municipalityCode.optional() });

export const orderBodySchema = z.strictObject({
  /** A 本籍地 other than the residence; the server checks the card's 利用者登録. */
  municipalityCode: municipalityCode.optional(),
  /** Checked by the server against the certificate catalogue. */
  options: z.record(z.string(), z.unknown()),
  copies: z.int().min(1).max(10),
});

/** 本籍 and 筆頭者 as typed; the server holds the rules (characters, lengths) and names the field. */
export const registrationBodySchema = z.strictObject({
  municipalityCode,
  honseki: z.string().max(400),
  hittosha: z.string().max(200),
});

export const sessionEndBodySchema = z.strictObject({
  reason: z.enum(['done', 'cancel', 'timeout']),
});

export const simulatedCardBodySchema = z.strictObject({ id: z.string().min(1).max(64) });

export const simulatedCashBodySchema = z.strictObject({ yen: z.int().min(1).max(10_000) });

export const simulatedPrinterBodySchema = z.strictObject({
  fail: z.enum(['paper_out', 'jam', 'offline']),
  times: z.int().min(1).max(5).default(1),
});
