import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CertificateType } from '../../domain/certificates.js';
import type { Channel, KioskKind } from '../../domain/channel-rules.js';
import type { FeeCampaign, FeeSchedule } from '../../domain/fees.js';

export async function loadFeeSchedule(db: Kysely<DB>, municipalityCode: string): Promise<FeeSchedule> {
  const rows = await db
    .selectFrom('fee_schedule')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .execute();
  return {
    municipalityCode,
    rules: rows.map((r) => ({
      id: r.rule_id,
      municipalityCode,
      certificate: r.certificate as CertificateType,
      channel: r.channel as Channel,
      kioskKind: (r.kiosk_kind as KioskKind | null) ?? null,
      fee: r.fee,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      ...(r.basis ? { basis: r.basis } : {}),
    })),
  };
}

export async function loadFeeCampaigns(db: Kysely<DB>, municipalityCode: string): Promise<FeeCampaign[]> {
  const rows = await db
    .selectFrom('fee_campaign')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .execute();
  return rows.map((r) => ({
    id: r.campaign_id,
    municipalityCode,
    name: r.name,
    certificates: r.certificates as CertificateType[],
    channels: r.channels as Channel[],
    ...(r.kiosk_kinds ? { kioskKinds: r.kiosk_kinds as KioskKind[] } : {}),
    fee: r.fee,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

/** Replaces a municipality's schedule in one go (the admin screen validates it first). */
export async function saveFeeSchedule(db: Kysely<DB>, schedule: FeeSchedule) {
  await db.deleteFrom('fee_schedule').where('municipality_code', '=', schedule.municipalityCode).execute();
  if (schedule.rules.length === 0) return;
  await db
    .insertInto('fee_schedule')
    .values(
      schedule.rules.map((r) => ({
        municipality_code: schedule.municipalityCode,
        rule_id: r.id,
        certificate: r.certificate,
        channel: r.channel,
        kiosk_kind: r.kioskKind ?? null,
        fee: r.fee,
        basis: r.basis ?? null,
        valid_from: r.validFrom,
        valid_to: r.validTo,
      })),
    )
    .execute();
}

export async function saveFeeCampaign(db: Kysely<DB>, campaign: FeeCampaign) {
  await db
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
