/**
 * One certificate asked for at the counter or by mail, as the clerk records
 * it, and how it becomes a request to the issuance engine. The engine decides
 * everything (eligibility, options per channel, fee); this only carries what
 * the clerk saw: who asks in what relation, the 委任状, the stated reason, the
 * seal card, the ID document.
 */
import { z } from 'zod';
import { certificateOptionsSchema } from '../../../domain/certificates.js';
import { REQUESTER_RELATIONS, type RequesterRelation } from '../../../domain/eligibility.js';
import { EXEMPTION_KINDS } from '../../../domain/fees.js';
import { type IssueRequestInput, requesterSchema } from '../../../issuance/http/issuance.schemas.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const certificateLineSchema = z.strictObject({
  subject: z
    .strictObject({
      residentId: z.int().positive().optional(),
      kosekiId: z.int().positive().optional(),
    })
    .refine((s) => s.residentId !== undefined || s.kosekiId !== undefined, {
      message: 'name the person or the register',
      params: { ja: '証明の対象（住民または戸籍）を指定してください。' },
    }),
  relation: z.enum(REQUESTER_RELATIONS),
  /** 代理人: the 委任状 was presented (counter) or enclosed (mail). */
  powerOfAttorney: z.boolean().optional(),
  /** 第三者: the reason as written on the request form. */
  lawfulReason: requesterSchema.shape.lawfulReason,
  /** 印鑑登録証 presented at the counter (needed for every 印鑑登録証明書). */
  sealCardPresented: z.boolean().optional(),
  options: certificateOptionsSchema,
  copies: z.int().min(1).max(20).default(1),
  exemption: z.strictObject({ kind: z.enum(EXEMPTION_KINDS), reason: text(200) }).optional(),
});

export type CertificateLine = z.infer<typeof certificateLineSchema>;
export type CertificateLineInput = z.input<typeof certificateLineSchema>;

/** The person standing at the counter (or who wrote the letter), as the clerk identified them. */
export interface RequesterOnFile {
  /** As written on the request form; required for agents and third parties. */
  name?: string;
  /** Their own resident record, when they are a resident the clerk found. */
  residentId?: number;
  /** The document the clerk checked: 運転免許証, マイナンバーカード, or its copy by mail. */
  identityDocument: string;
}

/** Relations whose requester the law requires to be named on the record (請求者の氏名). */
export const NAMED_RELATIONS: readonly RequesterRelation[] = ['agent', 'third_party'];

export interface EngineRequestContext {
  municipalityCode: string;
  channel: 'counter' | 'mail';
  idempotencyKey: string;
  clerkId: string;
  terminalId?: string | null;
  payment?: 'cash' | 'cashless' | 'postal_order';
  override?: { reviewerId: string; reason: string };
}

/** The engine request of a line: the same facts always give the same request (its hash guards replays). */
export function engineRequestOf(
  line: CertificateLine,
  requester: RequesterOnFile,
  context: EngineRequestContext,
): IssueRequestInput {
  return {
    municipalityCode: context.municipalityCode,
    idempotencyKey: context.idempotencyKey,
    channel: context.channel,
    ...(context.terminalId ? { terminalId: context.terminalId } : {}),
    clerkId: context.clerkId,
    subject: line.subject,
    requester: {
      relation: line.relation,
      ...(requester.residentId !== undefined ? { residentId: requester.residentId } : {}),
      ...(requester.name ? { name: requester.name } : {}),
      identityVerified: true,
      identityDocument: requester.identityDocument,
      ...(line.powerOfAttorney !== undefined ? { powerOfAttorney: line.powerOfAttorney } : {}),
      ...(line.lawfulReason ? { lawfulReason: line.lawfulReason } : {}),
      ...(line.sealCardPresented ? { presented: { sealCard: true } } : {}),
    },
    options: line.options,
    copies: line.copies,
    ...(context.payment ? { payment: context.payment } : {}),
    ...(line.exemption ? { exemption: line.exemption } : {}),
    ...(context.override ? { override: context.override } : {}),
  };
}

/** 支援措置: the one refusal a reviewer can lift. Any other refusal must be fixed by the clerk first. */
export function onlyNeedsReview(codes: readonly string[]): boolean {
  return codes.length > 0 && codes.every((code) => code === 'support_measure_review');
}
