/**
 * A Fastify app for the notification tests: the app's error handler, the staff
 * plugin with its real guard (login, CSRF, permissions) and both notification
 * plugins, on a test database with a municipality that has a signing key.
 */
import type { Database } from '../../db/connect.js';
import type { SigningIdentities } from '../../issuance/use-cases/signing-identities.js';
import { type DemoStaffCredential, ensureDemoStaff, type Role } from '../../staff/index.js';
import {
  asStaff,
  buildStaffTestApp,
  logInAs,
  type StaffLogin,
  type StaffTestApp,
} from '../../staff/testing/staff-test-app.js';
import { notificationStaffRoutes } from '../http/notification-counter.routes.js';
import { notificationDraftRoutes } from '../http/notification-drafts.routes.js';
import type { NotificationDeps } from '../use-cases/notification-deps.js';

export interface NotificationTestApp {
  t: StaffTestApp;
  deps: NotificationDeps;
  clock: { now: () => Date; advanceMinutes(minutes: number): void; set(at: Date): void };
  /** Logs in a demo account of the role in the municipality (made on first use). */
  login(role: Role, municipalityCode?: string): Promise<StaffLogin>;
  staff(
    login: StaffLogin,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): ReturnType<typeof asStaff>;
  close(): Promise<void>;
}

/** 10:00 in Tokyo on Tuesday 24 November 2026. */
export const TEST_NOW = new Date('2026-11-24T01:00:00Z');

/** `identities`: the engine's (tests/support/engine.ts), so the municipality's demo key opens. */
export async function buildNotificationTestApp(
  database: Database,
  identities: SigningIdentities,
  start = TEST_NOW,
): Promise<NotificationTestApp> {
  let now = start.getTime();
  const clock = {
    now: () => new Date(now),
    advanceMinutes(minutes: number) {
      now += minutes * 60_000;
    },
    set(at: Date) {
      now = at.getTime();
    },
  };
  const deps: NotificationDeps = {
    db: database.db,
    sealKey: 'notification seal key for tests',
    identities,
    publicUrl: 'https://madoguchi.test',
    clock: clock.now,
  };
  const t = await buildStaffTestApp(database.db, {
    extra: async (app, guard) => {
      await app.register(notificationDraftRoutes, { prefix: '/api/v1', notifications: deps });
      await app.register(notificationStaffRoutes, { prefix: '/api/v1', notifications: deps, guard });
    },
  });
  const credentials = new Map<string, DemoStaffCredential[]>();
  return {
    t,
    deps,
    clock,
    async login(role, municipalityCode = '999997') {
      let made = credentials.get(municipalityCode);
      if (!made) {
        made = await ensureDemoStaff(t.deps, municipalityCode);
        credentials.set(municipalityCode, made);
      }
      const who = made.find((c) => c.role === role);
      if (!who) throw new Error(`no demo ${role} in ${municipalityCode}`);
      const login = await logInAs(t, { ...who, municipalityCode });
      if (login.response.statusCode !== 200) throw new Error(`login failed: ${login.response.body}`);
      return login;
    },
    staff: (login, method, url, payload) => asStaff(t, login, method, url, payload),
    close: () => t.app.close(),
  };
}
