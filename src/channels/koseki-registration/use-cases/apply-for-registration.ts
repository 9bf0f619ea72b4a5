import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../audit/domain/audit-hash.js';
import { nameKey } from '../../../domain/text-fold.js';
import { findMunicipality } from '../../../registry/data/records.repository.js';
import { findResident } from '../../../registry/data/resident.repository.js';
import { parseInput } from '../../../shared/validation.js';
import {
  findCardCertificateSerial,
  findOpenRegistration,
  findRegistrationByIdempotencyKey,
  IDEMPOTENCY_CONSTRAINT,
  insertRegistration,
  OPEN_APPLICATION_INDEX,
  type RegistrationRow,
} from '../data/koseki-registration.repository.js';
import { registrationErrors } from '../domain/registration-errors.js';
import { applicationInputSchema, registerKeys } from '../domain/typed-register.js';
import {
  appendAudits,
  type CardHolder,
  holderActor,
  isUniqueViolation,
  type KosekiRegistrationDeps,
  nowOf,
} from './registration-deps.js';
import { applicantView } from './registration-view.js';

export type ApplicationResult = ReturnType<typeof applicantView> & { replayed: boolean };

/**
 * Files a 利用者登録申請 for the card holder at the 本籍地 they chose. The
 * applicant's identity is what the card session and the residence
 * municipality's records say — card, certificate, name, kana, birth date, sex
 * and address are copied from there (an audited read in that municipality);
 * only 本籍 and 筆頭者 are typed. The row, the read and the application are
 * recorded in one transaction.
 */
export async function applyForKosekiRegistration(
  deps: KosekiRegistrationDeps,
  holder: CardHolder,
  input: unknown,
): Promise<ApplicationResult> {
  const typed = parseInput(applicationInputSchema, input, 'body');
  if (typed.municipalityCode === holder.municipalityCode) throw registrationErrors.residenceMunicipality();
  const idempotencyKey = `${holder.kioskId}:${typed.idempotencyKey}`;
  const requestHash = createHash('sha256')
    .update(
      canonicalJson({
        municipalityCode: typed.municipalityCode,
        applicant: [holder.municipalityCode, holder.residentId, holder.cardSerial],
        honseki: typed.honseki,
        hittosha: typed.hittosha,
      }),
    )
    .digest('hex');
  const now = nowOf(deps);

  const replayOf = async (db: typeof deps.db, row: RegistrationRow) => {
    if (row.request_hash !== requestHash) throw registrationErrors.idempotencyKeyReused();
    const municipality = await findMunicipality(db, row.municipality_code);
    return {
      ...applicantView(row, { code: row.municipality_code, name: municipality?.name ?? '' }),
      replayed: true,
    };
  };

  try {
    return await deps.db.transaction().execute(async (trx) => {
      // A retry of an application already made (possibly committed while this one waited) gets it back.
      const earlier = await findRegistrationByIdempotencyKey(trx, typed.municipalityCode, idempotencyKey);
      if (earlier) return replayOf(trx, earlier);
      const municipality = await findMunicipality(trx, typed.municipalityCode);
      if (!municipality) throw registrationErrors.municipalityNotServed();
      const certificateSerial = await findCardCertificateSerial(
        trx,
        holder.municipalityCode,
        holder.cardSerial,
      );
      const resident = await findResident(trx, holder.municipalityCode, holder.residentId);
      if (!resident || !certificateSerial || resident.status !== 'active')
        throw registrationErrors.residentNotFound();
      if (resident.is_foreign) throw registrationErrors.foreignResident();
      const open = await findOpenRegistration(trx, {
        municipalityCode: typed.municipalityCode,
        applicantMunicipalityCode: holder.municipalityCode,
        cardSerial: holder.cardSerial,
        certificateSerial,
      });
      // The open one may be this very request's, committed by its twin since the key was looked up.
      if (open?.idempotency_key === idempotencyKey) return replayOf(trx, open);
      if (open)
        throw open.status === 'approved'
          ? registrationErrors.alreadyApproved()
          : registrationErrors.alreadyPending();

      const registrationId = randomUUID();
      const keys = registerKeys(typed);
      const row = await insertRegistration(trx, {
        municipality_code: typed.municipalityCode,
        registration_id: registrationId,
        applicant_municipality_code: holder.municipalityCode,
        applicant_resident_id: holder.residentId,
        card_serial: holder.cardSerial,
        certificate_serial: certificateSerial,
        family_name: resident.family_name,
        given_name: resident.given_name,
        family_name_kana: resident.family_name_kana,
        given_name_kana: resident.given_name_kana,
        name_key: nameKey(resident.family_name, resident.given_name),
        birth_date: resident.birth_date,
        sex: resident.sex,
        postal_code: resident.postal_code,
        address: resident.address,
        katagaki: resident.katagaki,
        honseki: typed.honseki,
        honseki_key: keys.honsekiKey,
        hittosha: typed.hittosha,
        hittosha_key: keys.hittoshaKey,
        kiosk_id: holder.kioskId,
        idempotency_key: idempotencyKey,
        request_hash: requestHash,
        status: 'pending',
        applied_at: now,
      });
      await appendAudits(trx, [
        {
          // The snapshot is a read of the person's record where it is kept.
          municipalityCode: holder.municipalityCode,
          actor: { type: 'resident', id: String(holder.residentId), terminalId: holder.kioskId },
          action: 'resident.read',
          subjectType: 'resident',
          subjectId: String(holder.residentId),
          reason: 'koseki_registration.apply',
          details: { registrationId, honsekiMunicipality: typed.municipalityCode },
        },
        {
          municipalityCode: typed.municipalityCode,
          actor: holderActor(holder),
          action: 'koseki_registration.applied',
          subjectType: 'koseki_registration',
          subjectId: registrationId,
          details: { applicantMunicipality: holder.municipalityCode, cardSerial: holder.cardSerial },
        },
      ]);
      return { ...applicantView(row, municipality), replayed: false };
    });
  } catch (error) {
    // Two taps of one kiosk raced (either index may be the one that stopped the loser):
    // the loser answers with the winner's application.
    if (
      isUniqueViolation(error, IDEMPOTENCY_CONSTRAINT) ||
      isUniqueViolation(error, OPEN_APPLICATION_INDEX)
    ) {
      const winner = await findRegistrationByIdempotencyKey(deps.db, typed.municipalityCode, idempotencyKey);
      if (winner) return replayOf(deps.db, winner);
    }
    // Two kiosks raced for one card: the index lets only one application be open.
    if (isUniqueViolation(error, OPEN_APPLICATION_INDEX)) throw registrationErrors.alreadyPending();
    throw error;
  }
}
