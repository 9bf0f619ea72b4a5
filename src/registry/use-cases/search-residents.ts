import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type AuditActor, appendAudit } from '../../audit/index.js';
import type { DB } from '../../db/schema.js';
import { isValidJuminhyoCode } from '../../domain/check-digits.js';
import { isIsoDate } from '../../domain/japanese-era.js';
import { foldAddress, foldKana, foldKanji } from '../../domain/text-fold.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { searchResidents as searchResidentRows } from '../data/resident.repository.js';

export const residentSearchSchema = z
  .object({
    municipalityCode: z.string().regex(/^\d{6}$/),
    name: z.string().trim().min(1).max(60).optional(),
    kana: z.string().trim().min(1).max(60).optional(),
    birthDate: z
      .string()
      .refine(isIsoDate, {
        message: 'not a date (YYYY-MM-DD)',
        params: { ja: '日付（YYYY-MM-DD）ではありません。' },
      })
      .optional(),
    address: z.string().trim().min(1).max(120).optional(),
    juminhyoCode: z
      .string()
      .refine(isValidJuminhyoCode, {
        message: 'not a valid 住民票コード (check digit)',
        params: { ja: '住民票コードが正しくありません（検査数字）。' },
      })
      .optional(),
    includeRemoved: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export type ResidentSearchInput = z.input<typeof residentSearchSchema>;

/**
 * Finds residents the way a clerk asks: by kana, by kanji regardless of
 * variant forms (高橋 finds 髙橋), by birth date, by address or by 住民票コード.
 * The search itself is audited: its criteria and how many people it showed.
 */
export async function searchResidents(db: Kysely<DB>, actor: AuditActor, input: ResidentSearchInput) {
  const criteria = parseInput(residentSearchSchema, input);
  const nameKey = criteria.name ? foldKanji(criteria.name) : undefined;
  const kanaKey = criteria.kana ? foldKana(criteria.kana) : undefined;
  const addressKey = criteria.address ? foldAddress(criteria.address) : undefined;
  if (!nameKey && !kanaKey && !criteria.birthDate && !addressKey && !criteria.juminhyoCode) {
    throw new AppError('invalid', 'search_criteria_missing', {
      ja: '氏名、ふりがな、生年月日、住所、住民票コードのいずれかを入力してください。',
      en: 'Give a name, kana, birth date, address or 住民票コード to search by.',
    });
  }
  return db.transaction().execute(async (trx) => {
    const rows = await searchResidentRows(trx, {
      municipalityCode: criteria.municipalityCode,
      nameKey,
      kanaKey,
      birthDate: criteria.birthDate,
      addressKey,
      juminhyoCode: criteria.juminhyoCode,
      includeRemoved: criteria.includeRemoved,
      limit: criteria.limit,
    });
    await appendAudit(trx, {
      municipalityCode: criteria.municipalityCode,
      actor,
      action: 'resident.search',
      subjectType: 'resident',
      details: {
        criteria: {
          name: criteria.name,
          kana: criteria.kana,
          birthDate: criteria.birthDate,
          address: criteria.address,
          juminhyoCode: criteria.juminhyoCode,
        },
        shown: rows.map((r) => r.resident_id),
      },
    });
    return rows;
  });
}
