import type { Kysely } from 'kysely';
import { type AuditActor, appendAudit } from '../../audit/index.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import {
  findHousehold,
  findResident,
  listHouseholdMembers,
  listResidentEvents,
} from '../data/resident.repository.js';

/** A person's 住民票 record with household and history; every call leaves an audit row. */
export async function readResidentRecord(
  db: Kysely<DB>,
  actor: AuditActor,
  input: { municipalityCode: string; residentId: number; reason?: string },
) {
  return db.transaction().execute(async (trx) => {
    const resident = await findResident(trx, input.municipalityCode, input.residentId);
    if (!resident)
      throw new AppError('not_found', 'resident_not_found', {
        ja: '該当する住民の記録がありません。',
        en: 'There is no such resident record.',
      });
    const [household, members, events] = await Promise.all([
      findHousehold(trx, input.municipalityCode, resident.household_id),
      listHouseholdMembers(trx, input.municipalityCode, resident.household_id),
      listResidentEvents(trx, input.municipalityCode, resident.resident_id),
    ]);
    await appendAudit(trx, {
      municipalityCode: input.municipalityCode,
      actor,
      action: 'resident.read',
      subjectType: 'resident',
      subjectId: String(resident.resident_id),
      reason: input.reason ?? null,
    });
    return { resident, household, members, events };
  });
}
