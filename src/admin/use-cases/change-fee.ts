import { z } from 'zod';
import { appendAudit } from '../../audit/index.js';
import { CERTIFICATE_TYPES } from '../../domain/certificates.js';
import { CHANNELS, KIOSK_KINDS } from '../../domain/channel-rules.js';
import { changeFee } from '../../domain/fees.js';
import { isIsoDate } from '../../domain/japanese-era.js';
import { loadFeeCampaigns, loadFeeSchedule } from '../../issuance/data/fees.repository.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { closeFeeRule, insertFeeRule, lockFeeAdministration } from '../data/fees-admin.repository.js';
import { type AdminDeps, type Administrator, actorOf, todayOf } from './admin-deps.js';
import { assertNotRetroactive, assertSchedule } from './fee-guards.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'YYYY-MM-DD', params: { ja: '日付はYYYY-MM-DDです。' } });

export const feeChangeSchema = z.strictObject({
  certificate: z.enum(CERTIFICATE_TYPES),
  channel: z.enum(CHANNELS),
  kioskKind: z.enum(KIOSK_KINDS).optional(),
  fee: z.int().min(0).max(100_000),
  /** 施行日: the first day of the new fee. */
  from: isoDate,
  /** The ordinance behind it (手数料条例 改正 令和8年条例第12号). */
  basis: text(200).optional(),
  /** Why, for the audit trail. */
  reason: text(400),
});

/**
 * A new fee from a date: the rule in force ends the day before and a new rule
 * starts, so every past issuance keeps the price it was charged. Validated
 * as a whole schedule (no two rules for one day) before anything is written.
 */
export async function changeFeeFrom(deps: AdminDeps, admin: Administrator, input: unknown) {
  const body = parseInput(feeChangeSchema, input, 'body');
  const code = admin.municipalityCode;
  const today = todayOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    await lockFeeAdministration(trx, code);
    await assertNotRetroactive(trx, code, body.from, today, {
      certificates: [body.certificate],
      channels: [body.channel],
    });
    const schedule = await loadFeeSchedule(trx, code);
    const campaigns = await loadFeeCampaigns(trx, code);
    const ruleId = `${code}-${body.certificate}-${body.channel}${body.kioskKind ? `-${body.kioskKind}` : ''}-${body.from}`;
    if (schedule.rules.some((r) => r.id === ruleId))
      throw new AppError('conflict', 'fee_rule_exists', {
        ja: 'この証明書・請求方法には、同じ日から始まる手数料が既にあります。',
        en: 'A fee for this certificate and channel already starts on that day.',
      });
    const next = changeFee(schedule, {
      id: ruleId,
      certificate: body.certificate,
      channel: body.channel,
      ...(body.kioskKind ? { kioskKind: body.kioskKind } : {}),
      fee: body.fee,
      from: body.from,
      ...(body.basis ? { basis: body.basis } : {}),
    });
    assertSchedule(next, campaigns);
    const closed: { ruleId: string; fee: number; validFrom: string; validTo: string }[] = [];
    for (const rule of next.rules) {
      const before = schedule.rules.find((r) => r.id === rule.id);
      if (!before) {
        await insertFeeRule(trx, rule);
      } else if (before.validTo !== rule.validTo && rule.validTo !== null) {
        await closeFeeRule(trx, code, rule.id, rule.validTo);
        closed.push({ ruleId: rule.id, fee: rule.fee, validFrom: rule.validFrom, validTo: rule.validTo });
      }
    }
    await appendAudit(trx, {
      municipalityCode: code,
      actor: actorOf(admin),
      action: 'fees.changed',
      subjectType: 'fee_rule',
      subjectId: ruleId,
      reason: body.reason,
      details: {
        certificate: body.certificate,
        channel: body.channel,
        kioskKind: body.kioskKind ?? null,
        fee: body.fee,
        from: body.from,
        basis: body.basis ?? null,
        closed,
      },
    });
    return { ruleId, fee: body.fee, validFrom: body.from, closed };
  });
}
