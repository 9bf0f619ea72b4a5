/**
 * Finding whose certificate is asked for: the resident search (variant-
 * insensitive, audited by the registry), the person's card with their
 * household, registers and the 支援措置 warning (a read of their record,
 * audited with the clerk's reason), and the 戸籍 search by 本籍 and 筆頭者.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../../../audit/index.js';
import type { DB } from '../../../db/schema.js';
import { foldAddress, foldKanji } from '../../../domain/text-fold.js';
import {
  findActiveSeal,
  findKoseki,
  findKosekiIdsOfResident,
  type ResidentSearchInput,
  readResidentRecord,
  searchResidents,
} from '../../../registry/index.js';
import { AppError } from '../../../shared/errors.js';
import { searchRegisters } from '../data/register-search.repository.js';
import { type ActingStaff, staffActor } from './counter-deps.js';

export const SUPPORT_MEASURE_WARNING = {
  ja: 'この方には支援措置（DV・ストーカー等）が設定されています。本人・同一世帯以外からの請求は、審査担当の承認なしに交付できません。',
  en: 'This person is under a support measure (DV, stalking …). Requests by anyone but the person or their household need a reviewer’s approval.',
};

export async function searchPeople(
  db: Kysely<DB>,
  staff: ActingStaff,
  criteria: Omit<ResidentSearchInput, 'municipalityCode'>,
) {
  const rows = await searchResidents(db, staffActor(staff), {
    ...criteria,
    municipalityCode: staff.municipalityCode,
  });
  return rows.map((r) => ({
    residentId: r.resident_id,
    householdId: r.household_id,
    familyName: r.family_name,
    givenName: r.given_name,
    familyNameKana: r.family_name_kana,
    givenNameKana: r.given_name_kana,
    birthDate: r.birth_date,
    sex: r.sex,
    address: r.address,
    katagaki: r.katagaki,
    status: r.status,
    ...(r.support_measure ? { warning: SUPPORT_MEASURE_WARNING } : {}),
  }));
}

/** The person's card for the counter: what the clerk needs to fill the certificate lines. */
export async function viewPerson(db: Kysely<DB>, staff: ActingStaff, residentId: number, reason?: string) {
  const record = await readResidentRecord(db, staffActor(staff), {
    municipalityCode: staff.municipalityCode,
    residentId,
    ...(reason ? { reason } : {}),
  });
  const r = record.resident;
  const memberships = await findKosekiIdsOfResident(db, staff.municipalityCode, residentId);
  const registers = [];
  for (const m of memberships) {
    const koseki = await findKoseki(db, staff.municipalityCode, m.koseki_id);
    if (!koseki) continue;
    registers.push({
      kosekiId: m.koseki_id,
      memberNo: m.member_no,
      memberStatus: m.status,
      registerStatus: m.koseki_status,
      honseki: koseki.koseki.honseki,
      hittosha: koseki.koseki.hittosha,
    });
  }
  const seal = await findActiveSeal(db, staff.municipalityCode, residentId);
  return {
    residentId: r.resident_id,
    householdId: r.household_id,
    familyName: r.family_name,
    givenName: r.given_name,
    familyNameKana: r.family_name_kana,
    givenNameKana: r.given_name_kana,
    birthDate: r.birth_date,
    sex: r.sex,
    postalCode: r.postal_code,
    address: r.address,
    katagaki: r.katagaki,
    status: r.status,
    relationship: r.relationship,
    supportMeasure: r.support_measure,
    ...(r.support_measure ? { warning: SUPPORT_MEASURE_WARNING } : {}),
    household: record.members.map((m) => ({
      residentId: m.resident_id,
      familyName: m.family_name,
      givenName: m.given_name,
      relationship: m.relationship,
      birthDate: m.birth_date,
      supportMeasure: m.support_measure,
    })),
    registers,
    sealRegistered: seal !== undefined,
  };
}

export async function searchFamilyRegisters(
  db: Kysely<DB>,
  staff: ActingStaff,
  criteria: { honseki?: string | undefined; hittosha?: string | undefined; limit: number },
) {
  const honsekiKey = criteria.honseki ? foldAddress(criteria.honseki) : undefined;
  const hittoshaKey = criteria.hittosha ? foldKanji(criteria.hittosha.replace(/[\s　]/g, '')) : undefined;
  if (!honsekiKey && !hittoshaKey)
    throw new AppError('invalid', 'search_criteria_missing', {
      ja: '本籍または筆頭者を入力してください。',
      en: 'Give the 本籍 or the head of the register to search by.',
    });
  return db.transaction().execute(async (trx) => {
    const rows = await searchRegisters(trx, staff.municipalityCode, {
      honsekiKey,
      hittoshaKey,
      limit: criteria.limit,
    });
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staffActor(staff),
      action: 'koseki.search',
      subjectType: 'koseki',
      details: {
        criteria: { honseki: criteria.honseki, hittosha: criteria.hittosha },
        shown: rows.map((r) => r.koseki_id),
      },
    });
    return rows.map((r) => ({
      kosekiId: r.koseki_id,
      honseki: r.honseki,
      hittosha: r.hittosha,
      status: r.status,
      compiledOn: r.compiled_on,
      closedOn: r.closed_on,
    }));
  });
}
