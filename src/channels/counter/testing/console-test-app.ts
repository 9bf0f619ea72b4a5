import type { FastifyInstance } from 'fastify';
import { adminRoutes } from '../../../admin/index.js';
import type { Database } from '../../../db/connect.js';
import type { IssuanceDeps } from '../../../issuance/use-cases/issue-certificate.js';
import { type DemoStaffCredential, ensureDemoStaff, ROLES, type Role } from '../../../staff/index.js';
import {
  asStaff,
  buildStaffTestApp,
  logInAs,
  type StaffLogin,
  type StaffTestApp,
} from '../../../staff/testing/staff-test-app.js';
import { mailRoutes } from '../../mail/index.js';
import { counterRoutes } from '../http/counter.routes.js';

export interface ConsoleTestApp {
  t: StaffTestApp;
  app: FastifyInstance;
  staff: Record<Role, DemoStaffCredential>;
  sessions: Record<Role, StaffLogin>;
  /** A request as the console makes it, logged in with a role's demo account. */
  as(
    role: Role,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): ReturnType<typeof asStaff>;
}

/**
 * The staff console's backend on a test database, assembled as server.ts
 * does: the staff plugin and guard, then the counter, mail and admin routes
 * (and, when given, more) under /api/v1; one demo account per role logged in with both factors.
 */
export async function buildConsoleTestApp(
  database: Database,
  issuance: IssuanceDeps,
  options: {
    municipalityCode?: string;
    extra?: (app: FastifyInstance, guard: StaffTestApp['guard']) => Promise<void>;
    onServiceHoursChanged?: (municipalityCode: string) => void | Promise<void>;
  } = {},
): Promise<ConsoleTestApp> {
  const code = options.municipalityCode ?? '999997';
  const t = await buildStaffTestApp(database.db, {
    async extra(app, guard) {
      await app.register(counterRoutes, { prefix: '/api/v1', issuance, guard });
      await app.register(mailRoutes, { prefix: '/api/v1', issuance, guard });
      await app.register(adminRoutes, {
        prefix: '/api/v1',
        db: database.db,
        guard,
        ...(issuance.clock ? { clock: issuance.clock } : {}),
        ...(options.onServiceHoursChanged ? { onServiceHoursChanged: options.onServiceHoursChanged } : {}),
      });
      if (options.extra) await options.extra(app, guard);
    },
  });
  const created = await ensureDemoStaff(t.deps, code);
  const staff = Object.fromEntries(created.map((c) => [c.role, c])) as Record<Role, DemoStaffCredential>;
  const sessions = {} as Record<Role, StaffLogin>;
  for (const role of ROLES) {
    const login = await logInAs(t, { ...staff[role], municipalityCode: code }, { terminalId: `${role}-01` });
    if (login.response.statusCode !== 200) throw new Error(`login as ${role} failed: ${login.response.body}`);
    sessions[role] = login;
  }
  return {
    t,
    app: t.app,
    staff,
    sessions,
    as: (role, method, url, payload) => asStaff(t, sessions[role], method, url, payload),
  };
}
