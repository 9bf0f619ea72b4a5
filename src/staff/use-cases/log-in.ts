import { appendAudit } from '../../audit/index.js';
import {
  countIpFailures,
  countNameFailures,
  insertLoginAttempt,
  oldestFailureSince,
  pruneLoginAttempts,
} from '../data/login-attempt.repository.js';
import {
  claimTotpStep,
  findStaffByLogin,
  municipalityExists,
  recordFailedLogin,
  type StaffAccountRow,
  updateStaff,
} from '../data/staff.repository.js';
import { insertStaffSession } from '../data/staff-session.repository.js';
import { isLockedAt, type SlidingWindow } from '../domain/login-limits.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../domain/password.js';
import { newCsrfToken, newStaffSessionToken, sha256Hex } from '../domain/session-token.js';
import { staffError } from '../domain/staff-errors.js';
import { checkTotp } from '../domain/totp.js';
import { type StaffDeps, totpContext } from './staff-deps.js';

export interface LogInInput {
  municipalityCode: string;
  loginName: string;
  password: string;
  /** Absent only for an account that has not enrolled an authenticator yet. */
  totp?: string | undefined;
  terminalId: string;
  /** The client's address, for the per-address rate limit and the audit row. */
  ip: string;
}

export interface LogInResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  staffId: string;
  municipalityCode: string;
  loginName: string;
  displayName: string;
  roles: string[];
  /** The session may only change the password and enrol the authenticator until this is done. */
  setup: { mustChangePassword: boolean; totpEnrolmentRequired: boolean };
}

/** Which check refused a login: kept in the audit trail, never told to the client. */
type FailedFactor =
  | 'unknown_account'
  | 'disabled'
  | 'locked'
  | 'password'
  | 'totp_missing'
  | 'totp_malformed'
  | 'totp_wrong'
  | 'totp_reused';

/**
 * Staff login with password and TOTP. Every refusal looks the same to the
 * client (one code, one message, the same scrypt cost), whether the name is
 * unknown, the account locked or disabled, or one of the factors wrong; the
 * audit row written for it says which.
 */
export async function logIn(deps: StaffDeps, input: LogInInput): Promise<LogInResult> {
  const now = deps.now();
  await refuseWhenRateLimited(deps, input, now);

  if (!(await municipalityExists(deps.db, input.municipalityCode))) {
    // No chain to write to: the attempt table alone remembers it, for the rate limits.
    await verifyPassword(input.password, await decoyHash());
    await insertLoginAttempt(deps.db, attemptOf(input, now, 'failure'));
    throw staffError('staff.login_failed');
  }

  const account = await findStaffByLogin(deps.db, input.municipalityCode, input.loginName);
  if (!account) return fail(deps, input, now, undefined, 'unknown_account', true);
  if (account.status === 'disabled') return fail(deps, input, now, account, 'disabled', true);
  // A locked account is refused before its password is looked at: guessing goes nowhere while it lasts.
  if (isLockedAt(account, now)) return fail(deps, input, now, account, 'locked', true);

  const passwordOk = await verifyPassword(input.password, {
    hash: account.password_hash,
    salt: account.password_salt,
    params: account.password_params,
  });
  if (!passwordOk) return fail(deps, input, now, account, 'password', false);

  let secondFactor = false;
  if (account.totp_secret_enc) {
    if (!input.totp) return fail(deps, input, now, account, 'totp_missing', false);
    const secret = deps.totpBox.open(
      account.totp_secret_enc,
      totpContext(account.municipality_code, account.staff_id),
    );
    const check = checkTotp(secret, input.totp, now, account.totp_last_step);
    if (!check.ok) return fail(deps, input, now, account, `totp_${check.reason}`, false);
    if (!(await claimTotpStep(deps.db, account.municipality_code, account.staff_id, check.step)))
      return fail(deps, input, now, account, 'totp_reused', false);
    secondFactor = true;
  }

  const token = newStaffSessionToken(account.municipality_code);
  const csrfToken = newCsrfToken();
  const expiresAt = new Date(now.getTime() + deps.limits.sessionMaxSeconds * 1000);
  const rehashed = needsRehash(account.password_params) ? await hashPassword(input.password) : undefined;
  await deps.db.transaction().execute(async (trx) => {
    await updateStaff(trx, account.municipality_code, account.staff_id, {
      failed_attempts: 0,
      status: 'active',
      locked_until: null,
      ...(rehashed
        ? {
            password_hash: rehashed.hash,
            password_salt: rehashed.salt,
            password_params: JSON.stringify(rehashed.params),
          }
        : {}),
    });
    await insertStaffSession(trx, {
      municipalityCode: account.municipality_code,
      tokenSha256: sha256Hex(token),
      staffId: account.staff_id,
      terminalId: input.terminalId,
      csrfSha256: sha256Hex(csrfToken),
      secondFactor,
      now,
      expiresAt,
    });
    await insertLoginAttempt(trx, attemptOf(input, now, 'success'));
    await appendAudit(trx, {
      municipalityCode: account.municipality_code,
      actor: { type: 'staff', id: account.staff_id, terminalId: input.terminalId },
      action: 'staff.login',
      subjectType: 'staff',
      subjectId: account.staff_id,
      details: { ip: input.ip, secondFactor, setupRequired: !secondFactor || account.must_change_password },
    });
  });
  await pruneLoginAttempts(deps.db, new Date(now.getTime() - deps.limits.attemptRetentionSeconds * 1000));

  return {
    token,
    csrfToken,
    expiresAt,
    staffId: account.staff_id,
    municipalityCode: account.municipality_code,
    loginName: account.login_name,
    displayName: account.display_name,
    roles: account.roles,
    setup: {
      mustChangePassword: account.must_change_password,
      totpEnrolmentRequired: !account.totp_secret_enc,
    },
  };
}

async function fail(
  deps: StaffDeps,
  input: LogInInput,
  now: Date,
  account: StaffAccountRow | undefined,
  factor: FailedFactor,
  spendDecoy: boolean,
): Promise<never> {
  // The paths that did not check a password pay for one, so timing tells nothing either.
  if (spendDecoy) await verifyPassword(input.password, await decoyHash());
  const lockUntil = new Date(now.getTime() + deps.limits.lockSeconds * 1000);
  await deps.db.transaction().execute(async (trx) => {
    let counted: { failedAttempts: number; lockedNow: boolean } | undefined;
    if (account && (factor === 'password' || factor.startsWith('totp_')))
      counted = await recordFailedLogin(
        trx,
        account.municipality_code,
        account.staff_id,
        now,
        deps.limits.lockAfterFailures,
        lockUntil,
      );
    await insertLoginAttempt(trx, attemptOf(input, now, 'failure'));
    const actor = account
      ? { type: 'staff' as const, id: account.staff_id, terminalId: input.terminalId }
      : { type: 'public' as const, id: 'unknown', terminalId: input.terminalId };
    await appendAudit(trx, {
      municipalityCode: input.municipalityCode,
      actor,
      action: 'staff.login_failed',
      subjectType: account ? 'staff' : null,
      subjectId: account ? account.staff_id : null,
      details: {
        factor,
        ip: input.ip,
        ...(account ? {} : { loginName: input.loginName }),
        ...(counted ? { failedAttempts: counted.failedAttempts } : {}),
      },
    });
    if (account && counted?.lockedNow)
      await appendAudit(trx, {
        municipalityCode: input.municipalityCode,
        actor: { type: 'system', id: 'staff-login', terminalId: input.terminalId },
        action: 'staff.locked',
        subjectType: 'staff',
        subjectId: account.staff_id,
        reason: `${deps.limits.lockAfterFailures} consecutive failed logins`,
        details: { lockedUntil: lockUntil.toISOString(), ip: input.ip },
      });
  });
  throw staffError('staff.login_failed');
}

async function refuseWhenRateLimited(deps: StaffDeps, input: LogInInput, now: Date): Promise<void> {
  const since = (window: SlidingWindow) => new Date(now.getTime() - window.windowSeconds * 1000);
  const checks = [
    {
      window: deps.limits.perIp,
      count: () => countIpFailures(deps.db, input.ip, since(deps.limits.perIp)),
      by: { ip: input.ip },
    },
    {
      window: deps.limits.perLoginName,
      count: () =>
        countNameFailures(deps.db, input.municipalityCode, input.loginName, since(deps.limits.perLoginName)),
      by: { municipalityCode: input.municipalityCode, loginName: input.loginName },
    },
  ];
  for (const check of checks) {
    if ((await check.count()) < check.window.maxFailures) continue;
    const oldest = await oldestFailureSince(deps.db, check.by, since(check.window));
    const freeAt = (oldest?.getTime() ?? now.getTime()) + check.window.windowSeconds * 1000;
    await insertLoginAttempt(deps.db, attemptOf(input, now, 'rate_limited'));
    throw staffError('staff.login_rate_limited', {
      extra: { retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)) },
    });
  }
}

function attemptOf(input: LogInInput, now: Date, outcome: 'success' | 'failure' | 'rate_limited') {
  return {
    municipalityCode: input.municipalityCode,
    loginName: input.loginName,
    ip: input.ip,
    occurredAt: now,
    outcome,
  };
}
