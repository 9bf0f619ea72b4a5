import { findMunicipality } from '../../../registry/data/records.repository.js';
import { listCardRegistrations } from '../data/koseki-registration.repository.js';
import {
  appendAudits,
  type CardHolder,
  holderActor,
  type KosekiRegistrationDeps,
} from './registration-deps.js';
import { applicantView } from './registration-view.js';

/**
 * The card holder's own applications, every 本籍地, newest first: what the
 * kiosk shows under "利用者登録の状況". Each 本籍地 whose rows were read records
 * the read in its audit chain.
 */
export async function listOwnKosekiRegistrations(deps: KosekiRegistrationDeps, holder: CardHolder) {
  return deps.db.transaction().execute(async (trx) => {
    const rows = await listCardRegistrations(trx, {
      applicantMunicipalityCode: holder.municipalityCode,
      cardSerial: holder.cardSerial,
    });
    const names = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.municipality_code)))
      names.set(code, (await findMunicipality(trx, code))?.name ?? '');
    await appendAudits(
      trx,
      [...names.keys()].map((code) => ({
        municipalityCode: code,
        actor: holderActor(holder),
        action: 'koseki_registration.read',
        subjectType: 'koseki_registration',
        subjectId: null,
        reason: 'kiosk status of own applications',
        details: {
          registrationIds: rows.filter((r) => r.municipality_code === code).map((r) => r.registration_id),
        },
      })),
    );
    return {
      registrations: rows.map((r) =>
        applicantView(r, { code: r.municipality_code, name: names.get(r.municipality_code) ?? '' }),
      ),
    };
  });
}
