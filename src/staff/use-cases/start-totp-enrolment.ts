import { findStaff, updateStaff } from '../data/staff.repository.js';
import { staffError } from '../domain/staff-errors.js';
import { base32Encode, newTotpSecret, otpauthUri } from '../domain/totp.js';
import type { StaffPrincipal } from './resolve-staff-session.js';
import { type StaffDeps, totpContext } from './staff-deps.js';

/**
 * Starts enrolling an authenticator: a new secret is kept sealed as pending
 * and shown once as an otpauth:// URI (the console draws it as a QR code). It
 * becomes the account's second factor only when a code from it is confirmed.
 */
export async function startTotpEnrolment(
  deps: StaffDeps,
  staff: StaffPrincipal,
): Promise<{ otpauthUri: string; secret: string }> {
  const account = await findStaff(deps.db, staff.municipalityCode, staff.staffId);
  if (!account) throw staffError('staff.session_required');
  if (account.totp_secret_enc) throw staffError('staff.totp_already_enrolled');
  const secret = newTotpSecret();
  await updateStaff(deps.db, staff.municipalityCode, staff.staffId, {
    totp_pending_enc: deps.totpBox.seal(secret, totpContext(staff.municipalityCode, staff.staffId)),
    updated_at: deps.now(),
  });
  return {
    otpauthUri: otpauthUri(secret, `madoguchi ${staff.municipalityCode}`, account.login_name),
    secret: base32Encode(secret),
  };
}
