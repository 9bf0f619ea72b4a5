import type { Kysely } from 'kysely';
import type { AuditActor } from '../../audit/index.js';
import type { DB } from '../../db/schema.js';
import { loadOrCreateSecret } from '../../shared/secrets.js';
import { type StaffLimits, staffLimits } from '../domain/login-limits.js';
import { type Permission, permissionsOf } from '../domain/permissions.js';
import { type SecretBox, secretBox } from '../domain/secret-box.js';
import { staffError } from '../domain/staff-errors.js';

/** What the staff use cases need: the database, the TOTP key, a clock (tests move it) and limits. */
export interface StaffDeps {
  db: Kysely<DB>;
  totpBox: SecretBox;
  now: () => Date;
  limits: StaffLimits;
}

export interface StaffDepsOptions {
  db: Kysely<DB>;
  /** Key material for sealing TOTP secrets (from the secrets file or the environment). */
  totpKey: string;
  clock?: () => Date;
  limits?: Partial<StaffLimits>;
}

export function createStaffDeps(options: StaffDepsOptions): StaffDeps {
  return {
    db: options.db,
    totpBox: secretBox(options.totpKey),
    now: options.clock ?? (() => new Date()),
    limits: staffLimits(options.limits),
  };
}

/**
 * The TOTP sealing key, kept like the signing-key passphrase: the environment
 * wins (a municipality's deployment), else a generated 0600 file under data/secrets.
 */
export function loadStaffTotpKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return loadOrCreateSecret(dataDir, 'staff-totp-key', env.MADOGUCHI_STAFF_TOTP_KEY);
}

/**
 * Who performs an administrative use case: a logged-in staff member (from the
 * session) or the command line run by the IT department. Use cases check the
 * permission again, so a route that forgets its guard still cannot act.
 */
export interface Operator {
  municipalityCode: string;
  actor: AuditActor;
  /** The staff member acting, or null for the command line. */
  staffId: string | null;
  /** Null grants everything: only the command line, run by whoever holds the server. */
  roles: readonly string[] | null;
}

export function systemOperator(municipalityCode: string, who: string): Operator {
  return { municipalityCode, actor: { type: 'system', id: who }, staffId: null, roles: null };
}

export function assertOperatorMay(operator: Operator, permission: Permission): void {
  if (operator.roles === null) return;
  if (!permissionsOf(operator.roles).has(permission))
    throw staffError('staff.permission_denied', { extra: { permission } });
}

export const totpContext = (municipalityCode: string, staffId: string) => `${municipalityCode}/${staffId}`;
