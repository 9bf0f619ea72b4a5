import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../../audit/index.js';
import { CERTIFICATE_TYPES } from '../../domain/certificates.js';
import { CHANNELS, KIOSK_KINDS } from '../../domain/channel-rules.js';
import type { FeeCampaign } from '../../domain/fees.js';
import { isIsoDate } from '../../domain/japanese-era.js';
import { loadFeeCampaigns, loadFeeSchedule } from '../../issuance/data/fees.repository.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import {
  deleteCampaign,
  insertCampaign,
  lockFeeAdministration,
  shortenCampaign,
} from '../data/fees-admin.repository.js';
import { type AdminDeps, type Administrator, actorOf, todayOf } from './admin-deps.js';
import { assertNotRetroactive, assertSchedule } from './fee-guards.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'YYYY-MM-DD', params: { ja: '日付はYYYY-MM-DDです。' } });
const unique = <T>(v: readonly T[]) => new Set(v).size === v.length;

export const campaignSchema = z
  .strictObject({
    name: text(100),
    certificates: z.array(z.enum(CERTIFICATE_TYPES)).min(1).refine(unique),
    channels: z.array(z.enum(CHANNELS)).min(1).refine(unique),
    kioskKinds: z.array(z.enum(KIOSK_KINDS)).min(1).refine(unique).optional(),
    fee: z.int().min(0).max(100_000),
    validFrom: isoDate,
    validTo: isoDate,
    reason: text(400),
  })
  .refine((c) => c.validFrom <= c.validTo, { message: 'validTo before validFrom', path: ['validTo'] });

export const campaignEndSchema = z.strictObject({ lastDay: isoDate, reason: text(400) });
export const campaignWithdrawSchema = z.strictObject({ reason: text(400) });

const campaignNotFound = () =>
  new AppError('not_found', 'fee_campaign_not_found', {
    ja: '該当する特例期間の設定がありません。',
    en: 'There is no such fee campaign.',
  });

/** A time-limited special fee (10円キャンペーン …); overlapping campaigns for one certificate and channel are refused. */
export async function addFeeCampaign(deps: AdminDeps, admin: Administrator, input: unknown) {
  const body = parseInput(campaignSchema, input, 'body');
  const code = admin.municipalityCode;
  const today = todayOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    await lockFeeAdministration(trx, code);
    await assertNotRetroactive(trx, code, body.validFrom, today, body);
    const campaign: FeeCampaign = {
      id: `${code}-campaign-${body.validFrom}-${randomUUID().slice(0, 8)}`,
      municipalityCode: code,
      name: body.name,
      certificates: body.certificates,
      channels: body.channels,
      ...(body.kioskKinds ? { kioskKinds: body.kioskKinds } : {}),
      fee: body.fee,
      validFrom: body.validFrom,
      validTo: body.validTo,
    };
    const schedule = await loadFeeSchedule(trx, code);
    assertSchedule(schedule, [...(await loadFeeCampaigns(trx, code)), campaign]);
    await insertCampaign(trx, campaign);
    await appendAudit(trx, {
      municipalityCode: code,
      actor: actorOf(admin),
      action: 'fees.campaign_added',
      subjectType: 'fee_campaign',
      subjectId: campaign.id,
      reason: body.reason,
      details: {
        name: campaign.name,
        certificates: campaign.certificates,
        channels: campaign.channels,
        kioskKinds: campaign.kioskKinds ?? null,
        fee: campaign.fee,
        validFrom: campaign.validFrom,
        validTo: campaign.validTo,
      },
    });
    return { campaignId: campaign.id, ...body };
  });
}

/**
 * Ends a campaign early (from today at the earliest: the days it applied stay
 * as they were), or withdraws one that has not started yet.
 */
export async function endFeeCampaign(
  deps: AdminDeps,
  admin: Administrator,
  campaignId: string,
  input: unknown,
  mode: 'end' | 'withdraw',
) {
  const body =
    mode === 'end'
      ? parseInput(campaignEndSchema, input, 'body')
      : { ...parseInput(campaignWithdrawSchema, input, 'body'), lastDay: undefined };
  const code = admin.municipalityCode;
  const today = todayOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    await lockFeeAdministration(trx, code);
    const campaign = (await loadFeeCampaigns(trx, code)).find((c) => c.id === campaignId);
    if (!campaign) throw campaignNotFound();
    if (mode === 'withdraw') {
      if (campaign.validFrom <= today)
        throw new AppError('conflict', 'fee_campaign_started', {
          ja: '始まった特例期間は取り下げられません。終了日を設定してください。',
          en: 'A campaign that has started cannot be withdrawn; end it instead.',
        });
      await deleteCampaign(trx, code, campaignId);
    } else {
      const lastDay = body.lastDay!;
      if (lastDay < today || lastDay < campaign.validFrom || lastDay >= campaign.validTo)
        throw new AppError(
          'unprocessable',
          'fee_campaign_end_invalid',
          {
            ja: '終了日は、本日以降で、特例期間の開始日から現在の終了日の前日までの日にしてください。',
            en: 'The last day must be today or later, within the campaign and before its current end.',
          },
          { extra: { today, validFrom: campaign.validFrom, validTo: campaign.validTo } },
        );
      await shortenCampaign(trx, code, campaignId, lastDay);
    }
    await appendAudit(trx, {
      municipalityCode: code,
      actor: actorOf(admin),
      action: mode === 'withdraw' ? 'fees.campaign_withdrawn' : 'fees.campaign_ended',
      subjectType: 'fee_campaign',
      subjectId: campaignId,
      reason: body.reason,
      details: { validFrom: campaign.validFrom, validTo: campaign.validTo, lastDay: body.lastDay ?? null },
    });
    return { campaignId, status: mode === 'withdraw' ? 'withdrawn' : 'ended', lastDay: body.lastDay ?? null };
  });
}
