import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { type DemoStaffCredential, ensureDemoStaff } from '../../src/staff/index.js';
import {
  asStaff,
  buildStaffTestApp,
  logInAs,
  type StaffTestApp,
  totpAt,
} from '../../src/staff/testing/staff-test-app.js';
import { describeOnDrivers } from '../support/databases.js';
import { newMunicipality } from '../support/factories.js';

let townNo = 0;
/** A town of its own for each test, with one demo account per role. */
async function newTown(t: StaffTestApp, db: Database['db']) {
  const code = `91${String(++townNo).padStart(4, '0')}`;
  await newMunicipality(db, code);
  const created = await ensureDemoStaff(t.deps, code);
  const byRole = Object.fromEntries(created.map((c) => [c.role, { ...c, municipalityCode: code }])) as Record<
    DemoStaffCredential['role'],
    DemoStaffCredential & { municipalityCode: string }
  >;
  return { code, ...byRole };
}

async function auditRows(db: Database['db'], code: string, action: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('municipality_code', '=', code)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

describeOnDrivers('staff login', (ctx) => {
  let t: StaffTestApp;
  beforeAll(async () => {
    t = await buildStaffTestApp(ctx.database.db);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('logs in with password and TOTP: HttpOnly SameSite=Strict cookie, CSRF token, audit row', async () => {
    const town = await newTown(t, ctx.database.db);
    const login = await logInAs(t, town.counter, { terminalId: 'madoguchi-2f-03' });
    expect(login.response.statusCode).toBe(200);
    const body = login.response.json();
    expect(body).toMatchObject({
      staff: { loginName: 'demo-counter', roles: ['counter'], municipalityCode: town.code },
      setup: { required: false, mustChangePassword: false, totpEnrolmentRequired: false },
    });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = String(login.response.headers['set-cookie']);
    expect(cookie).toMatch(/^madoguchi_staff=\d{6}\./);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http in this test
    expect(login.response.headers['cache-control']).toBe('no-store');

    const me = await asStaff(t, login, 'GET', '/api/v1/staff/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      staffId: town.counter.staffId,
      terminalId: 'madoguchi-2f-03',
      permissions: ['resident.read', 'certificate.issue.counter', 'mail.register'],
      sessionIdleSeconds: 30 * 60,
    });
    expect(body.sessionIdleSeconds).toBe(30 * 60);
    const [row] = await auditRows(ctx.database.db, town.code, 'staff.login');
    expect(row).toMatchObject({ actor_id: town.counter.staffId, terminal_id: 'madoguchi-2f-03' });
    // Neither the token nor the CSRF token is stored in clear.
    const stored = await ctx.database.db.selectFrom('staff_session').selectAll().execute();
    const token = login.cookie.split('=')[1]!;
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(login.csrf);
  });

  it('sets the Secure, __Host- cookie when configured for https', async () => {
    const secure = await buildStaffTestApp(ctx.database.db, { secureCookie: true });
    const town = await newTown(secure, ctx.database.db);
    const login = await logInAs(secure, town.stats);
    const cookie = String(login.response.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-madoguchi_staff=/);
    expect(cookie).toMatch(/; Secure/);
    expect((await asStaff(secure, login, 'GET', '/api/v1/staff/me')).statusCode).toBe(200);
    await secure.app.close();
  });

  it('answers a wrong password, a wrong, reused or missing TOTP and an unknown user the same way', async () => {
    const town = await newTown(t, ctx.database.db);
    const who = town.review;
    const ok = await logInAs(t, who);
    expect(ok.response.statusCode).toBe(200);
    const current = totpAt(who.totpSecret, t.clock.now());
    const wrongCode = current === '000000' ? '111111' : '000000';
    const attempts = {
      password: await logInAs(t, { ...who, password: `${who.password}x` }),
      totp_wrong: await logInAs(t, who, { totp: wrongCode }),
      totp_reused: await logInAs(t, who, { totp: current }),
      totp_missing: await logInAs(t, { ...who, totpSecret: undefined }),
      unknown_account: await logInAs(t, { ...who, loginName: 'no-such-clerk' }),
      unknown_town: await logInAs(t, { ...who, municipalityCode: '000019' }),
    };
    const first = attempts.password.response;
    expect(first.statusCode).toBe(401);
    expect(first.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(first.json()).toMatchObject({ code: 'staff.login_failed', status: 401 });
    expect(first.json().ja).toMatch(/ログインできませんでした/);
    expect(first.json().en).toMatch(/Login failed/);
    for (const [factor, attempt] of Object.entries(attempts)) {
      expect([factor, attempt.response.statusCode, attempt.response.body]).toEqual([factor, 401, first.body]);
      expect(attempt.response.headers['set-cookie']).toBeUndefined();
    }
    // The auditor sees what the client was not told.
    const failures = await auditRows(ctx.database.db, town.code, 'staff.login_failed');
    expect(failures.map((r) => (r.details as { factor: string }).factor)).toEqual([
      'password',
      'totp_wrong',
      'totp_reused',
      'totp_missing',
      'unknown_account',
    ]);
    expect(failures.at(-1)).toMatchObject({ actor_type: 'public', subject_id: null });
    expect((failures.at(-1)!.details as { loginName: string }).loginName).toBe('no-such-clerk');
  });

  it('locks after 5 consecutive failures for 15 minutes; the right factors do not open it meanwhile', async () => {
    const town = await newTown(t, ctx.database.db);
    const who = town.counter;
    for (let i = 0; i < 4; i++)
      expect((await logInAs(t, { ...who, password: 'wrong password!' })).response.statusCode).toBe(401);
    // Four failures then a success: the count starts again.
    t.clock.advance(30);
    expect((await logInAs(t, who)).response.statusCode).toBe(200);
    // Past the rate-limit window, so that only the lockout is at work below.
    t.clock.advance(15 * 60);
    for (let i = 0; i < 5; i++)
      expect((await logInAs(t, { ...who, password: 'wrong password!' })).response.statusCode).toBe(401);
    const account = await ctx.database.db
      .selectFrom('staff_account')
      .selectAll()
      .where('staff_id', '=', who.staffId)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ status: 'locked', failed_attempts: 5 });

    t.clock.advance(30);
    const refused = await logInAs(t, who);
    expect(refused.response.statusCode).toBe(401);
    expect(refused.response.json().code).toBe('staff.login_failed');
    const failures = await auditRows(ctx.database.db, town.code, 'staff.login_failed');
    expect((failures.at(-1)!.details as { factor: string }).factor).toBe('locked');
    expect(await auditRows(ctx.database.db, town.code, 'staff.locked')).toHaveLength(1);

    // The administrator sees the lock.
    const admin = await logInAs(t, town.admin);
    const list = await asStaff(t, admin, 'GET', '/api/v1/staff/accounts');
    const shown = list.json().accounts.find((a: { loginName: string }) => a.loginName === who.loginName);
    expect(shown).toMatchObject({ status: 'locked', failedAttempts: 5 });
    expect(new Date(shown.lockedUntil).getTime()).toBe(t.clock.now().getTime() - 30_000 + 15 * 60_000);

    // 14 minutes on it still holds; after 15 it is over by itself.
    t.clock.advance(13 * 60);
    expect((await logInAs(t, who)).response.statusCode).toBe(401);
    t.clock.advance(2 * 60);
    expect((await logInAs(t, who)).response.statusCode).toBe(200);
  });

  it('lets an administrator unlock an account before its time, with a reason in the trail', async () => {
    const town = await newTown(t, ctx.database.db);
    for (let i = 0; i < 5; i++) await logInAs(t, { ...town.review, password: 'wrong password!' });
    expect((await logInAs(t, town.review)).response.statusCode).toBe(401);
    const admin = await logInAs(t, town.admin);
    const unlocked = await asStaff(t, admin, 'POST', `/api/v1/staff/accounts/${town.review.staffId}/unlock`, {
      reason: '本人から電話、声で確認',
    });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toEqual({ wasLocked: true });
    t.clock.advance(30);
    expect((await logInAs(t, town.review)).response.statusCode).toBe(200);
    const [row] = await auditRows(ctx.database.db, town.code, 'staff.unlocked');
    expect(row).toMatchObject({ actor_id: town.admin.staffId, reason: '本人から電話、声で確認' });
  });

  it('rate-limits failed logins per login name and per client address, unknown names included', async () => {
    const limited = await buildStaffTestApp(ctx.database.db, {
      limits: {
        perLoginName: { maxFailures: 3, windowSeconds: 600 },
        perIp: { maxFailures: 6, windowSeconds: 600 },
      },
    });
    const town = await newTown(limited, ctx.database.db);
    const ghost = { municipalityCode: town.code, loginName: 'ghost', password: 'whatever password' };
    for (let i = 0; i < 3; i++)
      expect((await logInAs(limited, ghost, { ip: '198.51.100.7' })).response.statusCode).toBe(401);
    const byName = await logInAs(limited, ghost, { ip: '198.51.100.8' });
    expect(byName.response.statusCode).toBe(429);
    expect(byName.response.json().code).toBe('staff.login_rate_limited');
    expect(Number(byName.response.headers['retry-after'])).toBe(600);

    // Another name from the first address: three more failures reach the address's limit.
    for (let i = 0; i < 3; i++)
      expect(
        (await logInAs(limited, { ...ghost, loginName: `ghost${i}` }, { ip: '198.51.100.7' })).response
          .statusCode,
      ).toBe(401);
    const byIp = await logInAs(limited, town.counter, { ip: '198.51.100.7' });
    expect(byIp.response.statusCode).toBe(429);
    // The same right credentials from elsewhere are fine, and the window passes.
    expect((await logInAs(limited, town.counter, { ip: '203.0.113.1' })).response.statusCode).toBe(200);
    limited.clock.advance(601);
    expect((await logInAs(limited, ghost, { ip: '198.51.100.7' })).response.statusCode).toBe(401);
    await limited.app.close();
  });

  it('ends a session after 30 idle minutes, and after 10 hours however busy', async () => {
    const town = await newTown(t, ctx.database.db);
    const idle = await logInAs(t, town.stats);
    t.clock.advance(29 * 60);
    expect((await asStaff(t, idle, 'GET', '/api/v1/staff/me')).statusCode).toBe(200);
    t.clock.advance(29 * 60);
    expect((await asStaff(t, idle, 'GET', '/api/v1/staff/me')).statusCode).toBe(200);
    t.clock.advance(30 * 60);
    const expired = await asStaff(t, idle, 'GET', '/api/v1/staff/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('staff.session_expired');
    // Once ended it stays ended.
    expect((await asStaff(t, idle, 'GET', '/api/v1/staff/me')).json().code).toBe('staff.session_required');

    const busy = await logInAs(t, town.stats);
    for (let minutes = 0; minutes < 10 * 60 - 20; minutes += 20) {
      t.clock.advance(20 * 60);
      expect((await asStaff(t, busy, 'GET', '/api/v1/staff/me')).statusCode).toBe(200);
    }
    t.clock.advance(20 * 60);
    expect((await asStaff(t, busy, 'GET', '/api/v1/staff/me')).json().code).toBe('staff.session_expired');
  });

  it('tells the console the idle limit it enforces (sessionIdleSeconds), whatever it is set to', async () => {
    const short = await buildStaffTestApp(ctx.database.db, { limits: { sessionIdleSeconds: 600 } });
    const town = await newTown(short, ctx.database.db);
    const login = await logInAs(short, town.audit);
    expect(login.response.json().sessionIdleSeconds).toBe(600);
    const me = await asStaff(short, login, 'GET', '/api/v1/staff/me');
    expect(me.json().sessionIdleSeconds).toBe(600);
    // The number is the server's own limit: one second short still works, the limit itself ends it.
    short.clock.advance(599);
    expect((await asStaff(short, login, 'GET', '/api/v1/staff/me')).statusCode).toBe(200);
    short.clock.advance(600);
    expect((await asStaff(short, login, 'GET', '/api/v1/staff/me')).json().code).toBe(
      'staff.session_expired',
    );
    await short.app.close();
  });

  it('refuses state-changing requests without the session’s CSRF token (403), and logs out', async () => {
    const town = await newTown(t, ctx.database.db);
    const admin = await logInAs(t, town.admin);
    const other = await logInAs(t, town.counter);
    const url = `/api/v1/staff/accounts/${town.stats.staffId}/disable`;
    for (const csrf of [null, 'forged', other.csrf]) {
      const res = await asStaff(t, admin, 'POST', url, { reason: 'test' }, { csrf });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'staff.csrf_invalid' });
      expect(res.json().ja).toBeTruthy();
    }
    const account = await ctx.database.db
      .selectFrom('staff_account')
      .select('status')
      .where('staff_id', '=', town.stats.staffId)
      .executeTakeFirstOrThrow();
    expect(account.status).toBe('active');

    expect(
      (await asStaff(t, other, 'POST', '/api/v1/staff/logout', undefined, { csrf: null })).statusCode,
    ).toBe(403);
    const out = await asStaff(t, other, 'POST', '/api/v1/staff/logout');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/madoguchi_staff=;/);
    expect((await asStaff(t, other, 'GET', '/api/v1/staff/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/staff/me' })).statusCode).toBe(401);
  });

  it('takes a new account from temporary password through password change and TOTP enrolment', async () => {
    const town = await newTown(t, ctx.database.db);
    const admin = await logInAs(t, town.admin);
    const created = await asStaff(t, admin, 'POST', '/api/v1/staff/accounts', {
      loginName: 'sato.h',
      displayName: '佐藤　花子',
      roles: ['counter'],
    });
    expect(created.statusCode).toBe(201);
    const { staffId, temporaryPassword } = created.json();
    const fresh = { municipalityCode: town.code, loginName: 'sato.h', password: temporaryPassword };

    const setup = await logInAs(t, fresh);
    expect(setup.response.statusCode).toBe(200);
    expect(setup.response.json().setup).toEqual({
      required: true,
      mustChangePassword: true,
      totpEnrolmentRequired: true,
    });
    // In setup the session holds no permission at all.
    const me = await asStaff(t, setup, 'GET', '/api/v1/staff/me');
    expect(me.json()).toMatchObject({ permissions: [], setup: { required: true } });
    const blocked = await asStaff(t, setup, 'GET', '/api/v1/audit');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('staff.setup_required');

    const weak = await asStaff(t, setup, 'POST', '/api/v1/staff/me/password', {
      currentPassword: temporaryPassword,
      newPassword: 'sato.h-2025!!',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].ja).toMatch(/ログインID/);
    const wrongCurrent = await asStaff(t, setup, 'POST', '/api/v1/staff/me/password', {
      currentPassword: 'not the password',
      newPassword: '春の小川はさらさら行くよ',
    });
    expect(wrongCurrent.statusCode).toBe(403);
    const changed = await asStaff(t, setup, 'POST', '/api/v1/staff/me/password', {
      currentPassword: temporaryPassword,
      newPassword: '春の小川はさらさら行くよ',
    });
    expect(changed.statusCode).toBe(204);

    const started = await asStaff(t, setup, 'POST', '/api/v1/staff/me/totp');
    expect(started.statusCode).toBe(200);
    const { otpauthUri, secret } = started.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/madoguchi%20\d{6}:sato\.h\?secret=[A-Z2-7]+&/);
    const stored = await ctx.database.db
      .selectFrom('staff_account')
      .select(['totp_pending_enc', 'totp_secret_enc'])
      .where('staff_id', '=', staffId)
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret_enc).toBeNull();
    expect(stored.totp_pending_enc).not.toContain(secret);
    const badConfirm = await asStaff(t, setup, 'POST', '/api/v1/staff/me/totp/confirm', { code: '12345' });
    expect(badConfirm.statusCode).toBe(422);
    const confirmed = await asStaff(t, setup, 'POST', '/api/v1/staff/me/totp/confirm', {
      code: totpAt(secret, t.clock.now()),
    });
    expect(confirmed.statusCode).toBe(204);
    expect((await asStaff(t, setup, 'GET', '/api/v1/staff/me')).json()).toMatchObject({
      setup: { required: false },
      permissions: ['resident.read', 'certificate.issue.counter', 'mail.register'],
    });
    expect((await asStaff(t, setup, 'POST', '/api/v1/staff/me/totp')).statusCode).toBe(409);

    // From now on both factors are needed, with the new password.
    t.clock.advance(30);
    const mine = { ...fresh, password: '春の小川はさらさら行くよ', totpSecret: secret };
    expect((await logInAs(t, { ...mine, totpSecret: undefined })).response.statusCode).toBe(401);
    expect((await logInAs(t, { ...fresh, totpSecret: secret })).response.statusCode).toBe(401);
    expect((await logInAs(t, mine)).response.json().setup.required).toBe(false);
    const actions = (
      await ctx.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('municipality_code', '=', town.code)
        .where('subject_id', '=', staffId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual([
      'staff.created',
      'staff.login',
      'staff.password_change_failed',
      'staff.password_changed',
      'staff.totp_enrolled',
      'staff.login_failed',
      'staff.login_failed',
      'staff.login',
    ]);
  });

  it('resets a password or an authenticator, ends the member’s sessions, and disables accounts', async () => {
    const town = await newTown(t, ctx.database.db);
    const admin = await logInAs(t, town.admin);
    const clerk = await logInAs(t, town.counter);
    const reset = await asStaff(
      t,
      admin,
      'POST',
      `/api/v1/staff/accounts/${town.counter.staffId}/password-reset`,
      {
        reason: 'パスワード失念',
      },
    );
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json();
    expect((await asStaff(t, clerk, 'GET', '/api/v1/staff/me')).statusCode).toBe(401);
    t.clock.advance(30);
    expect((await logInAs(t, town.counter)).response.statusCode).toBe(401); // the old password is gone
    t.clock.advance(30);
    const again = await logInAs(t, { ...town.counter, password: temporaryPassword });
    expect(again.response.json().setup).toMatchObject({ required: true, mustChangePassword: true });

    const totpReset = await asStaff(
      t,
      admin,
      'POST',
      `/api/v1/staff/accounts/${town.review.staffId}/totp-reset`,
      {
        reason: 'スマートフォン紛失',
      },
    );
    expect(totpReset.statusCode).toBe(204);
    const noTotp = await logInAs(t, { ...town.review, totpSecret: undefined });
    expect(noTotp.response.json().setup).toMatchObject({ required: true, totpEnrolmentRequired: true });

    const stats = await logInAs(t, town.stats);
    const disabled = await asStaff(t, admin, 'POST', `/api/v1/staff/accounts/${town.stats.staffId}/disable`, {
      reason: '退職',
    });
    expect(disabled.statusCode).toBe(204);
    expect((await asStaff(t, stats, 'GET', '/api/v1/staff/me')).statusCode).toBe(401);
    t.clock.advance(30);
    expect((await logInAs(t, town.stats)).response.statusCode).toBe(401);
    const failures = await auditRows(ctx.database.db, town.code, 'staff.login_failed');
    expect((failures.at(-1)!.details as { factor: string }).factor).toBe('disabled');
    const enabled = await asStaff(t, admin, 'POST', `/api/v1/staff/accounts/${town.stats.staffId}/enable`, {
      reason: '再任用',
    });
    expect(enabled.statusCode).toBe(204);
    t.clock.advance(30);
    expect((await logInAs(t, town.stats)).response.statusCode).toBe(200);
  });

  it('refuses malformed login bodies with 400 problem+json and changes nothing', async () => {
    for (const payload of [
      {},
      { municipalityCode: '999997', loginName: 'demo-admin', password: 'x', terminalId: 't1', extra: 1 },
      { municipalityCode: '99999', loginName: 'demo-admin', password: 'x', terminalId: 't1' },
      { municipalityCode: '999997', loginName: 'DEMO', password: 'x', terminalId: 't1' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid_input');
    }
  });

  it('writes the demo accounts’ secrets to a 0600 file once, and leaves existing accounts alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-demo-staff-'));
    try {
      await newMunicipality(ctx.database.db, '919999');
      const file = join(dir, 'secrets', 'demo-staff.txt');
      const created = await ensureDemoStaff(t.deps, '919999', { secretsFile: file });
      expect(created.map((c) => c.loginName)).toEqual([
        'demo-counter',
        'demo-review',
        'demo-admin',
        'demo-audit',
        'demo-stats',
      ]);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(6);
      expect(lines[3]).toBe(
        [
          '919999',
          'admin',
          '管理者',
          'demo-admin',
          created[2]!.password,
          created[2]!.totpSecret,
          created[2]!.otpauthUri,
        ].join('\t'),
      );
      expect(await ensureDemoStaff(t.deps, '919999', { secretsFile: file })).toEqual([]);
      expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(6);
      // The stored row holds neither the password nor the TOTP secret.
      const row = await ctx.database.db
        .selectFrom('staff_account')
        .selectAll()
        .where('staff_id', '=', created[2]!.staffId)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(created[2]!.password);
      expect(JSON.stringify(row)).not.toContain(created[2]!.totpSecret);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
