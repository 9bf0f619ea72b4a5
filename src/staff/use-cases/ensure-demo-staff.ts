import { randomUUID } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendAudit } from '../../audit/index.js';
import { findStaffByLogin, insertStaff } from '../data/staff.repository.js';
import { hashPassword } from '../domain/password.js';
import { ROLE_LABELS, ROLES, type Role } from '../domain/permissions.js';
import { base32Encode, newTotpSecret, otpauthUri } from '../domain/totp.js';
import { newTemporaryPassword } from './create-staff.js';
import { type StaffDeps, totpContext } from './staff-deps.js';

export interface DemoStaffCredential {
  role: Role;
  staffId: string;
  loginName: string;
  password: string;
  /** Base32, as typed into an authenticator app. */
  totpSecret: string;
  otpauthUri: string;
}

export const demoLoginName = (role: Role) => `demo-${role}`;

/**
 * One ready-to-use account per role for the demo town and for tests: password
 * and authenticator already set, nothing to change at first login. Passwords
 * and TOTP secrets are random per installation; they go to a 0600 file (never
 * to the log) and are returned to the caller. Accounts that exist are left as
 * they are, so running it at every start is harmless.
 */
export async function ensureDemoStaff(
  deps: StaffDeps,
  municipalityCode: string,
  options: { secretsFile?: string } = {},
): Promise<DemoStaffCredential[]> {
  const created: DemoStaffCredential[] = [];
  for (const role of ROLES) {
    const loginName = demoLoginName(role);
    if (await findStaffByLogin(deps.db, municipalityCode, loginName)) continue;
    const password = newTemporaryPassword(loginName);
    const hashed = await hashPassword(password);
    const secret = newTotpSecret();
    const staffId = randomUUID();
    const inserted = await deps.db.transaction().execute(async (trx) => {
      const ok = await insertStaff(trx, {
        municipality_code: municipalityCode,
        staff_id: staffId,
        login_name: loginName,
        display_name: `見本 ${ROLE_LABELS[role].ja}係`,
        password_hash: hashed.hash,
        password_salt: hashed.salt,
        password_params: hashed.params,
        totp_secret_enc: deps.totpBox.seal(secret, totpContext(municipalityCode, staffId)),
        roles: [role],
        must_change_password: false,
        now: deps.now(),
      });
      if (!ok) return false; // another process made it meanwhile
      await appendAudit(trx, {
        municipalityCode,
        actor: { type: 'system', id: 'demo-setup' },
        action: 'staff.created',
        subjectType: 'staff',
        subjectId: staffId,
        reason: 'demo account',
        details: { loginName, roles: [role] },
      });
      return true;
    });
    if (!inserted) continue;
    created.push({
      role,
      staffId,
      loginName,
      password,
      totpSecret: base32Encode(secret),
      otpauthUri: otpauthUri(secret, `madoguchi ${municipalityCode}`, loginName),
    });
  }
  if (options.secretsFile && created.length > 0)
    writeDemoSecrets(options.secretsFile, municipalityCode, created);
  return created;
}

function writeDemoSecrets(file: string, municipalityCode: string, credentials: DemoStaffCredential[]) {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const lines = credentials.map(
    (c) =>
      `${municipalityCode}\t${c.role}\t${ROLE_LABELS[c.role].ja}\t${c.loginName}\t${c.password}\t${c.totpSecret}\t${c.otpauthUri}`,
  );
  appendFileSync(
    file,
    `# madoguchi demo staff (municipality, role, 役割, login, password, TOTP secret, otpauth URI)\n${lines.join('\n')}\n`,
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
}
