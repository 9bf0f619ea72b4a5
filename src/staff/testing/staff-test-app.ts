import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { registerErrorHandling } from '../../http/errors.js';
import type { StaffLimits } from '../domain/login-limits.js';
import { base32Decode, totp } from '../domain/totp.js';
import { staffPlugin } from '../http/staff.plugin.js';
import { CSRF_HEADER, type StaffGuard, staffGuard } from '../http/staff-guard.js';
import { createStaffDeps, type StaffDeps } from '../use-cases/staff-deps.js';

/** A clock tests move by hand: sessions, lockouts and TOTP steps follow it. */
export function manualClock(start = new Date('2025-04-01T00:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

export interface StaffTestApp {
  app: FastifyInstance;
  deps: StaffDeps;
  guard: StaffGuard;
  clock: ReturnType<typeof manualClock>;
}

/**
 * An app of Fastify, the app's error handler and the staff plugin, on a test
 * database, as the lead assembles it in server.ts. `extra` registers further
 * routes behind the same guard (other modules' routes, probes).
 */
export async function buildStaffTestApp(
  db: Kysely<DB>,
  options: {
    limits?: Partial<StaffLimits>;
    secureCookie?: boolean | 'auto';
    extra?: (app: FastifyInstance, guard: StaffGuard, deps: StaffDeps) => void | Promise<void>;
  } = {},
): Promise<StaffTestApp> {
  const clock = manualClock();
  const deps = createStaffDeps({
    db,
    totpKey: 'test key for sealing TOTP secrets',
    clock: clock.now,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const guard = staffGuard(deps);
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  await app.register(staffPlugin, {
    prefix: '/api/v1',
    staff: deps,
    guard,
    ...(options.secureCookie !== undefined ? { secureCookie: options.secureCookie } : {}),
  });
  if (options.extra) await options.extra(app, guard, deps);
  await app.ready();
  return { app, deps, guard, clock };
}

export interface StaffLogin {
  response: LightMyRequestResponse;
  cookie: string;
  csrf: string;
}

/** The current code of a base32 secret at the test clock's time. */
export function totpAt(secretBase32: string, now: Date): string {
  return totp(base32Decode(secretBase32), Math.floor(now.getTime() / 1000));
}

export async function logInAs(
  t: StaffTestApp,
  who: { municipalityCode?: string; loginName: string; password: string; totpSecret?: string | undefined },
  overrides: { totp?: string; ip?: string; terminalId?: string } = {},
): Promise<StaffLogin> {
  const totpCode = overrides.totp ?? (who.totpSecret ? totpAt(who.totpSecret, t.clock.now()) : undefined);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/staff/login',
    remoteAddress: overrides.ip ?? '192.0.2.10',
    payload: {
      municipalityCode: who.municipalityCode ?? '999997',
      loginName: who.loginName,
      password: who.password,
      ...(totpCode !== undefined ? { totp: totpCode } : {}),
      terminalId: overrides.terminalId ?? 'counter-01',
    },
  });
  const setCookie = response.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const cookie = first ? first.split(';')[0]! : '';
  const csrf = response.statusCode === 200 ? (response.json().csrfToken as string) : '';
  return { response, cookie, csrf };
}

/** A request as the console makes it: the session cookie, and the CSRF header on writes. */
export function asStaff(
  t: StaffTestApp,
  login: StaffLogin,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  options: { csrf?: string | null } = {},
) {
  const csrf = options.csrf === undefined ? login.csrf : options.csrf;
  return t.app.inject({
    method,
    url,
    headers: { cookie: login.cookie, ...(csrf !== null && method !== 'GET' ? { [CSRF_HEADER]: csrf } : {}) },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}
