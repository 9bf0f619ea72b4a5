import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type CertificateType, certificateInfo } from '../../domain/certificates.js';
import { type Channel, KIOSK_KINDS, type KioskKind } from '../../domain/channel-rules.js';
import { priceIssuance, validateFeeSchedule } from '../../domain/fees.js';
import { loadFeeCampaigns, loadFeeSchedule } from '../../issuance/data/fees.repository.js';

/**
 * The whole fee history of the municipality (rules in force, closed and
 * future, and campaigns) with every problem the validator finds.
 */
export async function showFees(db: Kysely<DB>, municipalityCode: string) {
  const schedule = await loadFeeSchedule(db, municipalityCode);
  const campaigns = await loadFeeCampaigns(db, municipalityCode);
  const rules = [...schedule.rules].sort(
    (a, b) =>
      a.certificate.localeCompare(b.certificate) ||
      a.channel.localeCompare(b.channel) ||
      (a.kioskKind ?? '').localeCompare(b.kioskKind ?? '') ||
      a.validFrom.localeCompare(b.validFrom),
  );
  return {
    rules: rules.map((r) => ({
      ruleId: r.id,
      certificate: r.certificate,
      nameJa: certificateInfo(r.certificate).nameJa,
      channel: r.channel,
      kioskKind: r.kioskKind ?? null,
      fee: r.fee,
      validFrom: r.validFrom,
      validTo: r.validTo,
      basis: r.basis ?? null,
    })),
    campaigns: [...campaigns]
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
      .map((c) => ({
        campaignId: c.id,
        name: c.name,
        certificates: c.certificates,
        channels: c.channels,
        kioskKinds: c.kioskKinds ?? null,
        fee: c.fee,
        validFrom: c.validFrom,
        validTo: c.validTo,
      })),
    problems: validateFeeSchedule(schedule, campaigns),
  };
}

/** The price the engine would charge on a given day: how an administrator checks past and future fees. */
export async function priceOn(
  db: Kysely<DB>,
  municipalityCode: string,
  query: {
    certificate: CertificateType;
    channel: Channel;
    kioskKind?: KioskKind;
    on: string;
    copies: number;
  },
) {
  const price = priceIssuance({
    schedule: await loadFeeSchedule(db, municipalityCode),
    campaigns: await loadFeeCampaigns(db, municipalityCode),
    certificate: query.certificate,
    channel: query.channel,
    ...(query.kioskKind && (KIOSK_KINDS as readonly string[]).includes(query.kioskKind)
      ? { kioskKind: query.kioskKind }
      : {}),
    on: query.on,
    copies: query.copies,
  });
  return {
    on: query.on,
    certificate: query.certificate,
    channel: query.channel,
    unitFee: price.unitFee,
    copies: price.copies,
    total: price.total,
    ruleId: price.ruleId,
    standardUnitFee: price.standardUnitFee,
    campaignId: price.campaignId ?? null,
    operatorCharge: price.operatorCharge ?? null,
  };
}
