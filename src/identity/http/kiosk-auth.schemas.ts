import { z } from 'zod';

const base64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/);

/** The card certificate as base64 of the DER, or PEM. */
const certificate = z.union([
  base64(16_384),
  z.string().max(24_000).startsWith('-----BEGIN CERTIFICATE-----'),
]);

export const challengeBodySchema = z
  .object({
    municipalityCode: z
      .string()
      .regex(/^[0-9]{6}$/)
      .optional(),
    certificate: certificate.optional(),
  })
  .strict();

export const completeBodySchema = z
  .object({
    challengeId: z.uuid(),
    certificate,
    /** The card's signature, base64. */
    signature: base64(1_024),
  })
  .strict();

export const cardLockedBodySchema = z.object({ certificate }).strict();

export const sessionEndBodySchema = z.object({ sessionToken: z.string().min(1).max(100) }).strict();
