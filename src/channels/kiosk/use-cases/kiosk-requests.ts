import type { Kysely } from 'kysely';
import { appendAudit } from '../../../audit/index.js';
import type { DB } from '../../../db/schema.js';
import {
  CERTIFICATES,
  type CertificateOptionsInput,
  type CertificateType,
  certificateOptionsSchema,
} from '../../../domain/certificates.js';
import { certificatesAt, selectableItems } from '../../../domain/channel-rules.js';
import { priceIssuance } from '../../../domain/fees.js';
import { checkServiceHours, DEMO_SERVICE_HOURS } from '../../../domain/service-hours.js';
import { loadFeeCampaigns, loadFeeSchedule } from '../../../issuance/data/fees.repository.js';
import { tokyoDate } from '../../../issuance/domain/build-document.js';
import type { IssueRequestInput } from '../../../issuance/http/issuance.schemas.js';
import { findKosekiIdsOfResident, findMunicipality } from '../../../registry/data/records.repository.js';
import { findResident, listHouseholdMembers } from '../../../registry/data/resident.repository.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import type { AuthenticatedKiosk } from '../../../identity/index.js';

export interface KioskSessionPerson {
  municipalityCode: string;
  residentId: number;
}

const KOSEKI_FAMILY: readonly CertificateType[] = [
  'koseki-zenbu',
  'koseki-kojin',
  'koseki-joseki',
  'koseki-kaiseigen',
  'fuhyo',
];

/**
 * What the card holder can get at this kiosk now: the certificates, their
 * selectable items, today's fee at this kind of kiosk, whether each is open,
 * and the household members they may include. Showing the household is a
 * read of those people's records and is audited.
 */
export async function kioskMenu(
  db: Kysely<DB>,
  kiosk: AuthenticatedKiosk,
  person: KioskSessionPerson,
  at: Date,
) {
  const municipality = await findMunicipality(db, person.municipalityCode);
  const holder = await findResident(db, person.municipalityCode, person.residentId);
  if (!municipality || !holder)
    throw new AppError('not_found', 'resident_not_found', {
      ja: '住民記録が見つかりません。',
      en: 'No resident record was found.',
    });
  const schedule = await loadFeeSchedule(db, person.municipalityCode);
  const campaigns = await loadFeeCampaigns(db, person.municipalityCode);
  const today = tokyoDate(at);
  const certificates = certificatesAt('kiosk')
    .map((type) => {
      const hours = checkServiceHours({
        channel: 'kiosk',
        certificate: type,
        at,
        kioskKind: kiosk.kind,
        config: DEMO_SERVICE_HOURS,
      });
      let unitFee: number | null = null;
      try {
        unitFee = priceIssuance({
          schedule,
          campaigns,
          certificate: type,
          channel: 'kiosk',
          kioskKind: kiosk.kind,
          on: today,
          copies: 1,
        }).unitFee;
      } catch {
        unitFee = null; // no fee rule: this town does not offer it at kiosks
      }
      const info = CERTIFICATES[type];
      return {
        type,
        nameJa: info.nameJa,
        nameEn: info.nameEn,
        unitFee,
        open: hours.ok,
        ...(hours.ok
          ? {}
          : { reopensJa: hours.nextOpening?.ja ?? null, reopensEn: hours.nextOpening?.en ?? null }),
        items: type === 'juminhyo' || type === 'juminhyo-kisai' ? selectableItems(type, 'kiosk') : [],
      };
    })
    .filter((c) => c.unitFee !== null);
  return db.transaction().execute(async (trx) => {
    const members = await listHouseholdMembers(trx, person.municipalityCode, holder.household_id);
    await appendAudit(trx, {
      municipalityCode: person.municipalityCode,
      actor: { type: 'kiosk', id: kiosk.kioskId, terminalId: kiosk.kioskId },
      action: 'resident.read',
      subjectType: 'household',
      subjectId: String(holder.household_id),
      reason: 'kiosk menu for the card holder',
    });
    return {
      municipality: { code: municipality.code, name: municipality.name, prefecture: municipality.prefecture },
      kiosk: { kind: kiosk.kind, inCity: kiosk.inCity },
      certificates,
      household: members.map((m) => ({
        residentId: m.resident_id,
        familyName: m.family_name,
        givenName: m.given_name,
        relationship: m.relationship,
        self: m.resident_id === holder.resident_id,
      })),
    };
  });
}

export interface KioskOrder {
  options: CertificateOptionsInput;
  copies: number;
}

/** Turns a kiosk order into an engine request for the card holder: the kiosk never chooses whose record. */
export async function kioskIssueRequest(
  db: Kysely<DB>,
  kiosk: AuthenticatedKiosk,
  person: KioskSessionPerson,
  order: KioskOrder,
  idempotencyKey: string,
): Promise<IssueRequestInput> {
  const options = parseInput(certificateOptionsSchema, order.options, 'options');
  let subject: { residentId?: number; kosekiId?: number } = { residentId: person.residentId };
  if (KOSEKI_FAMILY.includes(options.certificate)) {
    const registers = await findKosekiIdsOfResident(db, person.municipalityCode, person.residentId);
    const current = registers.find((r) => r.status === 'in') ?? registers[0];
    if (!current)
      throw new AppError('unprocessable', 'koseki_not_here', {
        ja: 'この市区町村に、あなたの戸籍はありません。本籍地の市区町村を選んでください。',
        en: 'Your family register is not kept by this municipality. Choose the municipality of your 本籍.',
      });
    subject = { kosekiId: current.koseki_id };
  }
  const chosen = 'residentIds' in options && options.residentIds ? options.residentIds : [];
  const relation = chosen.some((id) => id !== person.residentId) ? 'same_household' : 'self';
  return {
    municipalityCode: person.municipalityCode,
    idempotencyKey,
    channel: 'kiosk',
    kioskKind: kiosk.kind,
    terminalId: kiosk.kioskId,
    subject,
    requester: {
      relation,
      residentId: person.residentId,
      identityVerified: true,
      presented: { myNumberCard: true },
      residesInMunicipality: true,
    },
    options,
    copies: order.copies,
    payment: 'cash',
  };
}
