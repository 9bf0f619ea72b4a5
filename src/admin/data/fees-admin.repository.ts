import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FeeCampaign, FeeRule } from '../../domain/fees.js';

/**
 * Writes of the fee administration. The past is never rewritten: a rule in
 * force is only closed (its valid_to set), new rules are added, and a campaign
 * is shortened or, before it ever applied, withdrawn.
 */
export async function closeFeeRule(
  trx: Kysely<DB>,
  municipalityCode: string,
  ruleId: string,
  validTo: string,
) {
  await trx
    .updateTable('fee_schedule')
    .set({ valid_to: validTo })
    .where('municipality_code', '=', municipalityCode)
    .where('rule_id', '=', ruleId)
    .execute();
}

export async function insertFeeRule(trx: Kysely<DB>, rule: FeeRule) {
  await trx
    .insertInto('fee_schedule')
    .values({
      municipality_code: rule.municipalityCode,
      rule_id: rule.id,
      certificate: rule.certificate,
      channel: rule.channel,
      kiosk_kind: rule.kioskKind ?? null,
      fee: rule.fee,
      basis: rule.basis ?? null,
      valid_from: rule.validFrom,
      valid_to: rule.validTo,
    })
    .execute();
}

/** Serialises fee administration per municipality: two administrators cannot interleave changes. */
export async function lockFeeAdministration(trx: Kysely<DB>, municipalityCode: string) {
  await trx
    .selectFrom('municipality')
    .select('code')
    .where('code', '=', municipalityCode)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertCampaign(trx: Kysely<DB>, campaign: FeeCampaign) {
  await trx
    .insertInto('fee_campaign')
    .values({
      municipality_code: campaign.municipalityCode,
      campaign_id: campaign.id,
      name: campaign.name,
      certificates: [...campaign.certificates],
      channels: [...campaign.channels],
      kiosk_kinds: campaign.kioskKinds ? [...campaign.kioskKinds] : null,
      fee: campaign.fee,
      valid_from: campaign.validFrom,
      valid_to: campaign.validTo,
    })
    .execute();
}

export async function shortenCampaign(
  trx: Kysely<DB>,
  municipalityCode: string,
  campaignId: string,
  validTo: string,
) {
  await trx
    .updateTable('fee_campaign')
    .set({ valid_to: validTo })
    .where('municipality_code', '=', municipalityCode)
    .where('campaign_id', '=', campaignId)
    .execute();
}

export async function deleteCampaign(trx: Kysely<DB>, municipalityCode: string, campaignId: string) {
  await trx
    .deleteFrom('fee_campaign')
    .where('municipality_code', '=', municipalityCode)
    .where('campaign_id', '=', campaignId)
    .execute();
}

/**
 * Issuances of certificates and channels at or after an instant: a fee that
 * already charged someone must not change under them.
 */
export async function countIssuancesSince(
  db: Kysely<DB>,
  municipalityCode: string,
  certificates: readonly string[],
  channels: readonly string[],
  since: Date,
) {
  const row = await db
    .selectFrom('issuance')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('municipality_code', '=', municipalityCode)
    .where('certificate', 'in', [...certificates])
    .where('channel', 'in', [...channels])
    .where('issued_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
