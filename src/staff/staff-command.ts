import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { connect } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { findStaffByLogin } from './data/staff.repository.js';
import { isRole, roleCombinationProblem } from './domain/permissions.js';
import { createStaff } from './use-cases/create-staff.js';
import { listStaff } from './use-cases/list-staff.js';
import { resetStaffPassword } from './use-cases/reset-staff-password.js';
import { createStaffDeps, loadStaffTotpKey, type StaffDeps, systemOperator } from './use-cases/staff-deps.js';
import { unlockStaff } from './use-cases/unlock-staff.js';

export const STAFF_USAGE = `usage:
  madoguchi staff create --municipality CODE --login NAME --name 表示名 --roles admin[,counter,…] [--reason TEXT]
  madoguchi staff reset-password --municipality CODE --login NAME --reason TEXT
  madoguchi staff unlock --municipality CODE --login NAME --reason TEXT
  madoguchi staff list --municipality CODE

roles: counter (窓口), review (審査), admin (管理者), audit (監査), stats (統計)
A created or reset account gets a temporary password, printed once here. At its first
login the member chooses a new password and enrols an authenticator app.`;

/**
 * `madoguchi staff …`: how the IT department makes the first administrator and
 * helps an administrator who is locked out. The command line acts as the
 * system (whoever holds the server holds the database anyway) and every
 * change it makes is written to the audit trail under `cli:<os user>`.
 */
export async function runStaffCommand(args: string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !['create', 'reset-password', 'unlock', 'list'].includes(sub)) {
    console.error(STAFF_USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      municipality: { type: 'string' },
      login: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'string' },
      reason: { type: 'string' },
    },
    strict: true,
  });
  const municipalityCode = values.municipality;
  if (!municipalityCode || !/^[0-9]{6}$/.test(municipalityCode)) {
    console.error(`--municipality CODE (6 digits) is required\n\n${STAFF_USAGE}`);
    return 2;
  }
  const database = await connect({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
  try {
    await migrate(database.db);
    const deps = createStaffDeps({ db: database.db, totpKey: loadStaffTotpKey(config.dataDir) });
    const operator = systemOperator(municipalityCode, `cli:${safeUserName()}`);
    if (sub === 'list') {
      for (const account of await listStaff(deps, operator))
        console.log(
          [
            account.loginName,
            account.roles.join(','),
            account.status,
            account.lockedUntil ?? '-',
            account.displayName,
          ].join('\t'),
        );
      return 0;
    }
    if (!values.login) {
      console.error(`--login NAME is required\n\n${STAFF_USAGE}`);
      return 2;
    }
    if (sub === 'create') return await create(deps, operator, values);
    if (!values.reason) {
      console.error(`--reason TEXT is required: it goes into the audit trail\n\n${STAFF_USAGE}`);
      return 2;
    }
    const target = await findStaffByLogin(database.db, municipalityCode, values.login);
    if (!target) {
      console.error(`no staff account ${values.login} in ${municipalityCode}`);
      return 1;
    }
    if (sub === 'reset-password') {
      const { temporaryPassword } = await resetStaffPassword(deps, operator, {
        staffId: target.staff_id,
        reason: values.reason,
      });
      console.log(`temporary password for ${values.login}: ${temporaryPassword}`);
      console.log('It must be changed at the next login. Hand it over in person.');
      return 0;
    }
    const { wasLocked } = await unlockStaff(deps, operator, {
      staffId: target.staff_id,
      reason: values.reason,
    });
    console.log(
      wasLocked ? `${values.login} unlocked` : `${values.login} was not locked; failure count cleared`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

async function create(
  deps: StaffDeps,
  operator: ReturnType<typeof systemOperator>,
  values: {
    login?: string | undefined;
    name?: string | undefined;
    roles?: string | undefined;
    reason?: string | undefined;
  },
): Promise<number> {
  const roles = (values.roles ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (!values.name || roles.length === 0 || !roles.every(isRole) || roleCombinationProblem(roles)) {
    console.error(`--name and --roles (a valid combination) are required\n\n${STAFF_USAGE}`);
    return 2;
  }
  if (!/^[a-z0-9][a-z0-9._-]{2,31}$/.test(values.login ?? '')) {
    console.error('--login: 3–32 lower-case letters, digits or . _ -');
    return 2;
  }
  const created = await createStaff(deps, operator, {
    loginName: values.login!,
    displayName: values.name,
    roles,
    reason: values.reason ?? 'created from the command line',
  });
  console.log(`created ${created.loginName} (${created.staffId}) with roles ${roles.join(',')}`);
  console.log(`temporary password: ${created.temporaryPassword}`);
  console.log('At the first login: choose a new password, then enrol an authenticator app.');
  return 0;
}

function safeUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
