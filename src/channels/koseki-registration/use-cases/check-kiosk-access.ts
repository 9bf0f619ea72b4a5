import { appendAudit } from '../../../audit/index.js';
import { findMunicipality } from '../../../registry/data/records.repository.js';
import {
  findCardCertificateSerial,
  listCardRegistrations,
  listRegisterMembers,
} from '../data/koseki-registration.repository.js';
import { standingOf, standingRefusal } from '../domain/kiosk-standing.js';
import { registrationErrors } from '../domain/registration-errors.js';
import { type CardHolder, holderActor, type KosekiRegistrationDeps, nowOf } from './registration-deps.js';

export interface UsableRegistration {
  municipality: { code: string; name: string; prefecture: string };
  registrationId: string;
  kosekiId: number;
  /** The card holder's own place in the register. */
  memberNo: number;
  usableFrom: Date;
  members?: {
    memberNo: number;
    familyName: string;
    givenName: string;
    relationship: string;
    self: boolean;
  }[];
}

/**
 * The server's own answer to "may this card holder print 戸籍 of the 本籍地
 * `municipalityCode` now?": an approved registration of the certificate the
 * card holds now, past its usable_from. Nothing the kiosk says is taken into
 * account. Every check — allowed or not — leaves an audit row in the 本籍地,
 * committed before a refusal is answered; asked `withMembers`, the register's
 * member list (for the 個人事項 choice) is read under the same row.
 */
export async function checkKosekiRegistrationAccess(
  deps: KosekiRegistrationDeps,
  holder: CardHolder,
  municipalityCode: string,
  options: { purpose: string; withMembers?: boolean },
): Promise<UsableRegistration> {
  const now = nowOf(deps);
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const municipality = await findMunicipality(trx, municipalityCode);
    if (!municipality) return { error: registrationErrors.municipalityNotServed() };
    const certificateSerial = await findCardCertificateSerial(
      trx,
      holder.municipalityCode,
      holder.cardSerial,
    );
    if (!certificateSerial) return { error: registrationErrors.residentNotFound() };
    const rows = await listCardRegistrations(trx, {
      municipalityCode,
      applicantMunicipalityCode: holder.municipalityCode,
      cardSerial: holder.cardSerial,
    });
    const standing = standingOf(rows, certificateSerial, now);
    const usable = standing.kind === 'usable' ? standing.registration : undefined;
    const members =
      usable && options.withMembers
        ? await listRegisterMembers(trx, municipalityCode, usable.koseki_id)
        : undefined;
    await appendAudit(trx, {
      municipalityCode,
      actor: holderActor(holder),
      action: 'koseki_registration.checked',
      subjectType: usable ? 'koseki' : 'koseki_registration',
      subjectId: usable ? String(usable.koseki_id) : (rows[0]?.registration_id ?? null),
      reason: options.purpose,
      details: {
        outcome: standing.kind,
        ...(usable ? { registrationId: usable.registration_id, membersRead: members !== undefined } : {}),
      },
    });
    if (standing.kind !== 'usable') return { error: standingRefusal(standing, municipality.name) };
    const registration = standing.registration;
    return {
      access: {
        municipality: {
          code: municipality.code,
          name: municipality.name,
          prefecture: municipality.prefecture,
        },
        registrationId: registration.registration_id,
        kosekiId: registration.koseki_id,
        memberNo: registration.member_no,
        usableFrom: registration.usable_from ?? now,
        ...(members
          ? {
              members: members.map((m) => ({
                memberNo: m.member_no,
                familyName: m.family_name,
                givenName: m.given_name,
                relationship: m.relationship,
                self: m.member_no === registration.member_no,
              })),
            }
          : {}),
      } satisfies UsableRegistration,
    };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.access;
}

/**
 * The 本籍地 municipalities where this card can print 戸籍 now, for the kiosk's
 * first screen (names only: which registers they are is read, and audited,
 * once the holder picks one).
 */
export async function listUsableHonsekiMunicipalities(deps: KosekiRegistrationDeps, holder: CardHolder) {
  const now = nowOf(deps);
  const certificateSerial = await findCardCertificateSerial(
    deps.db,
    holder.municipalityCode,
    holder.cardSerial,
  );
  if (!certificateSerial) return [];
  const rows = await listCardRegistrations(deps.db, {
    applicantMunicipalityCode: holder.municipalityCode,
    cardSerial: holder.cardSerial,
  });
  const codes = [
    ...new Set(
      rows
        .filter(
          (r) =>
            r.status === 'approved' &&
            r.certificate_serial === certificateSerial &&
            r.usable_from !== null &&
            new Date(r.usable_from).getTime() <= now.getTime(),
        )
        .map((r) => r.municipality_code),
    ),
  ].sort();
  const municipalities = [];
  for (const code of codes) {
    const municipality = await findMunicipality(deps.db, code);
    if (municipality)
      municipalities.push({
        code: municipality.code,
        name: municipality.name,
        prefecture: municipality.prefecture,
      });
  }
  return municipalities;
}
