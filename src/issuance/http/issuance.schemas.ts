import { z } from 'zod';
import { certificateOptionsSchema } from '../../domain/certificates.js';
import { CHANNELS, KIOSK_KINDS } from '../../domain/channel-rules.js';
import { isValidMunicipalityCode } from '../../domain/check-digits.js';
import { LAWFUL_REASONS, PROFESSIONS, REQUESTER_RELATIONS } from '../../domain/eligibility.js';
import { EXEMPTION_KINDS } from '../../domain/fees.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const requesterSchema = z.strictObject({
  relation: z.enum(REQUESTER_RELATIONS),
  /** The requester's own resident record, when the channel knows it (card holder at a kiosk). */
  residentId: z.int().positive().optional(),
  /** Name as written on the request (代理人・第三者); kept on the issuance record. */
  name: text(100).optional(),
  identityVerified: z.boolean(),
  /** Which document the clerk checked (運転免許証, マイナンバーカード …). */
  identityDocument: text(60).optional(),
  powerOfAttorney: z.boolean().optional(),
  lawfulReason: z
    .strictObject({
      kind: z.enum(LAWFUL_REASONS),
      detail: text(400),
      professional: z.strictObject({ profession: z.enum(PROFESSIONS), registrationNo: text(40) }).optional(),
      authority: text(100).optional(),
    })
    .optional(),
  presented: z
    .strictObject({ sealCard: z.boolean().optional(), myNumberCard: z.boolean().optional() })
    .optional(),
  inSameKoseki: z.boolean().optional(),
  residesInMunicipality: z.boolean().optional(),
  kosekiUserRegistration: z.enum(['none', 'pending', 'approved']).optional(),
});

export const issueRequestSchema = z.strictObject({
  municipalityCode: z.string().refine(isValidMunicipalityCode, {
    message: 'not a valid 地方公共団体コード',
    params: { ja: '地方公共団体コードが正しくありません。' },
  }),
  /** The same key never issues or charges twice: a retry gets the first result. */
  idempotencyKey: z.string().refine((key) => /^[A-Za-z0-9._:-]{8,128}$/.test(key), {
    message: '8–128 letters, digits or . _ : -',
    params: { ja: '冪等キーは英数字と . _ : - の8〜128文字です。' },
  }),
  channel: z.enum(CHANNELS),
  kioskKind: z.enum(KIOSK_KINDS).optional(),
  terminalId: text(64).optional(),
  clerkId: text(64).optional(),
  subject: z
    .strictObject({
      residentId: z.int().positive().optional(),
      kosekiId: z.int().positive().optional(),
    })
    .refine((s) => s.residentId !== undefined || s.kosekiId !== undefined, {
      message: 'name the person or the register',
      params: { ja: '証明の対象（住民または戸籍）を指定してください。' },
    }),
  requester: requesterSchema,
  options: certificateOptionsSchema,
  copies: z.int().min(1).max(20).default(1),
  payment: z.enum(['cash', 'cashless', 'card', 'postal_order']).optional(),
  exemption: z.strictObject({ kind: z.enum(EXEMPTION_KINDS), reason: text(200) }).optional(),
  override: z.strictObject({ reviewerId: text(64), reason: text(400) }).optional(),
});

export type IssueRequest = z.infer<typeof issueRequestSchema>;
export type IssueRequestInput = z.input<typeof issueRequestSchema>;
