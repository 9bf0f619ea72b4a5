import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.js';
import { readResidentRecord } from '../../src/registry/index.js';
import {
  auditActorOf,
  type DemoStaffCredential,
  ensureDemoStaff,
  PERMISSIONS,
  type Permission,
  ROLES,
  type Role,
  staffOf,
} from '../../src/staff/index.js';
import {
  asStaff,
  buildStaffTestApp,
  logInAs,
  type StaffLogin,
  type StaffTestApp,
} from '../../src/staff/testing/staff-test-app.js';
import { describeOnDrivers } from '../support/databases.js';
import { newMunicipality, newResident } from '../support/factories.js';

// What the issue grants each role, written out here independently of permissions.ts.
const GRANTED: Record<Role, Permission[]> = {
  counter: ['resident.read', 'certificate.issue.counter', 'mail.register'],
  review: ['resident.read', 'override.approve', 'registration.review', 'refund.approve'],
  admin: ['fees.manage', 'calendars.manage', 'kiosks.manage', 'staff.manage'],
  audit: ['audit.read'],
  stats: ['stats.read'],
};

type Town = { code: string } & Record<Role, DemoStaffCredential & { municipalityCode: string }>;

async function newTown(t: StaffTestApp, db: Database['db'], code: string): Promise<Town> {
  await newMunicipality(db, code);
  const created = await ensureDemoStaff(t.deps, code);
  return {
    code,
    ...(Object.fromEntries(created.map((c) => [c.role, { ...c, municipalityCode: code }])) as Record<
      Role,
      DemoStaffCredential & { municipalityCode: string }
    >),
  };
}

describeOnDrivers('staff permissions', (ctx) => {
  let t: StaffTestApp;
  let town: Town;
  let other: Town;
  const sessions = {} as Record<Role, StaffLogin>;
  let residentId: number;

  beforeAll(async () => {
    t = await buildStaffTestApp(ctx.database.db, {
      extra(app, guard, deps) {
        // One probe per permission: the guard as any module's route uses it.
        for (const permission of PERMISSIONS) {
          const preHandler = guard.requirePermission(permission);
          app.get(`/api/v1/probe/${permission}`, { preHandler }, async (request) => ({
            permission,
            staffId: staffOf(request).staffId,
          }));
          app.post(`/api/v1/probe/${permission}`, { preHandler }, async () => ({ permission }));
        }
        // A resident's record behind resident.read, read through the registry's own use case.
        app.get<{ Params: { id: string } }>(
          '/api/v1/residents/:id',
          { preHandler: guard.requirePermission('resident.read') },
          async (request) => {
            const staff = staffOf(request);
            const record = await readResidentRecord(deps.db, auditActorOf(staff), {
              municipalityCode: staff.municipalityCode,
              residentId: Number(request.params.id),
            });
            return { familyName: record.resident.family_name };
          },
        );
      },
    });
    town = await newTown(t, ctx.database.db, '920001');
    other = await newTown(t, ctx.database.db, '920002');
    residentId = (await newResident(ctx.database.db, { municipality_code: town.code })).resident_id;
    for (const role of ROLES) sessions[role] = await logInAs(t, town[role]);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it.each(ROLES)(
    '%s: the guard grants exactly the permissions of the issue, for reads and writes',
    async (role) => {
      for (const permission of PERMISSIONS) {
        for (const method of ['GET', 'POST'] as const) {
          const res = await asStaff(t, sessions[role], method, `/api/v1/probe/${permission}`);
          if (GRANTED[role].includes(permission)) {
            expect([permission, method, res.statusCode]).toEqual([permission, method, 200]);
            continue;
          }
          expect([permission, method, res.statusCode]).toEqual([permission, method, 403]);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.json()).toMatchObject({ status: 403, code: 'staff.permission_denied', permission });
          expect(res.json().ja).toMatch(/権限がありません/);
          expect(res.json().en).toMatch(/not allowed/);
        }
      }
    },
  );

  /** The real routes of the staff module and the permission each needs. */
  const routes = (
    target: string,
  ): { method: 'GET' | 'POST' | 'PUT'; url: string; body?: unknown; needs: Permission }[] => [
    { method: 'GET', url: '/api/v1/staff/accounts', needs: 'staff.manage' },
    {
      method: 'POST',
      url: '/api/v1/staff/accounts',
      body: { loginName: 'intruder', displayName: '侵入者', roles: ['admin'] },
      needs: 'staff.manage',
    },
    {
      method: 'POST',
      url: `/api/v1/staff/accounts/${target}/disable`,
      body: { reason: 'x' },
      needs: 'staff.manage',
    },
    {
      method: 'POST',
      url: `/api/v1/staff/accounts/${target}/enable`,
      body: { reason: 'x' },
      needs: 'staff.manage',
    },
    {
      method: 'POST',
      url: `/api/v1/staff/accounts/${target}/unlock`,
      body: { reason: 'x' },
      needs: 'staff.manage',
    },
    {
      method: 'POST',
      url: `/api/v1/staff/accounts/${target}/password-reset`,
      body: { reason: 'x' },
      needs: 'staff.manage',
    },
    {
      method: 'POST',
      url: `/api/v1/staff/accounts/${target}/totp-reset`,
      body: { reason: 'x' },
      needs: 'staff.manage',
    },
    {
      method: 'PUT',
      url: `/api/v1/staff/accounts/${target}/roles`,
      body: { roles: ['admin'], reason: 'x' },
      needs: 'staff.manage',
    },
    { method: 'GET', url: '/api/v1/audit', needs: 'audit.read' },
    { method: 'GET', url: '/api/v1/audit?action=staff.*', needs: 'audit.read' },
    { method: 'GET', url: '/api/v1/audit/verify', needs: 'audit.read' },
    { method: 'GET', url: '/api/v1/stats/issuances?from=2026-11-01&to=2026-11-30', needs: 'stats.read' },
    {
      method: 'GET',
      url: '/api/v1/stats/issuances?from=2026-01-01&to=2026-12-31&period=month',
      needs: 'stats.read',
    },
    { method: 'GET', url: `/api/v1/residents/${residentId}`, needs: 'resident.read' },
  ];

  it.each(ROLES)(
    '%s: every real route it may not use is refused with 403, and nothing changes',
    async (role) => {
      const before = await ctx.database.db
        .selectFrom('staff_account')
        .select(['staff_id', 'status', 'roles', 'password_hash', 'totp_secret_enc'])
        .orderBy('staff_id')
        .execute();
      const auditBefore = await ctx.database.db.selectFrom('audit_log').select('seq').execute();
      let refused = 0;
      for (const route of routes(town.counter.staffId)) {
        if (GRANTED[role].includes(route.needs)) continue;
        const res = await asStaff(t, sessions[role], route.method, route.url, route.body);
        expect([route.method, route.url, res.statusCode]).toEqual([route.method, route.url, 403]);
        expect(res.json()).toMatchObject({ code: 'staff.permission_denied', permission: route.needs });
        expect(res.json().ja).toBeTruthy();
        expect(res.json().en).toBeTruthy();
        refused++;
      }
      expect(refused).toBeGreaterThan(0);
      const after = await ctx.database.db
        .selectFrom('staff_account')
        .select(['staff_id', 'status', 'roles', 'password_hash', 'totp_secret_enc'])
        .orderBy('staff_id')
        .execute();
      expect(after).toEqual(before);
      // A refused request reads nothing, so it leaves no audit row either.
      expect(await ctx.database.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(
        auditBefore.length,
      );
    },
  );

  it.each(ROLES)('%s: every real route it may use answers (not 401/403, no server error)', async (role) => {
    for (const route of routes(town.counter.staffId)) {
      if (!GRANTED[role].includes(route.needs)) continue;
      // Reads only: the writes of the administrator are exercised by their own tests.
      if (route.method !== 'GET') continue;
      const res = await asStaff(t, sessions[role], route.method, route.url, route.body);
      expect([route.url, res.statusCode]).toEqual([route.url, 200]);
    }
  });

  it('answers every staff route with 401 to a request without a session', async () => {
    for (const route of routes(town.counter.staffId)) {
      const res = await t.app.inject({
        method: route.method,
        url: route.url,
        ...(route.body ? { payload: route.body as Record<string, unknown> } : {}),
      });
      expect([route.url, res.statusCode, res.json().code]).toEqual([
        route.url,
        401,
        'staff.session_required',
      ]);
    }
  });

  it('keeps the administrator away from residents and the audit trail’s contents', async () => {
    const admin = sessions.admin;
    for (const url of [
      `/api/v1/residents/${residentId}`,
      '/api/v1/audit',
      '/api/v1/audit?actor=x',
      '/api/v1/audit/verify',
    ]) {
      const res = await asStaff(t, admin, 'GET', url);
      expect([url, res.statusCode]).toEqual([url, 403]);
      expect(JSON.stringify(res.json())).not.toContain('見本');
    }
    // The counter clerk may read it, and the read is audited with the clerk's terminal.
    const read = await asStaff(t, sessions.counter, 'GET', `/api/v1/residents/${residentId}`);
    expect(read.statusCode).toBe(200);
    const row = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'resident.read')
      .where('subject_id', '=', String(residentId))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_id: town.counter.staffId, terminal_id: 'counter-01' });
  });

  it('keeps every staff member inside their own municipality', async () => {
    const admin = sessions.admin;
    const list = await asStaff(t, admin, 'GET', '/api/v1/staff/accounts');
    const listed = list.json().accounts.map((a: { staffId: string }) => a.staffId);
    expect(listed).toHaveLength(5);
    expect(listed).not.toContain(other.counter.staffId);
    for (const action of ['disable', 'unlock', 'password-reset', 'totp-reset']) {
      const res = await asStaff(
        t,
        admin,
        'POST',
        `/api/v1/staff/accounts/${other.counter.staffId}/${action}`,
        {
          reason: 'x',
        },
      );
      expect([action, res.statusCode, res.json().code]).toEqual([action, 404, 'staff.not_found']);
    }
    // Another town's resident is not found for this town's clerk (the read is scoped, not just filtered).
    const foreign = (await newResident(ctx.database.db, { municipality_code: other.code })).resident_id;
    expect((await asStaff(t, sessions.counter, 'GET', `/api/v1/residents/${foreign}`)).statusCode).toBe(404);

    // The other town's auditor sees only their own trail.
    const otherAudit = await logInAs(t, other.audit);
    const search = await asStaff(t, otherAudit, 'GET', '/api/v1/audit?pageSize=200');
    const entries = search.json().entries as { actorId: string }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.actorId)).not.toContain(town.counter.staffId);
    expect(entries.map((e) => e.actorId)).not.toContain(town.admin.staffId);

    // A session token of one town cannot be replayed as another town's.
    const [name, token] = admin.cookie.split('=');
    const forged = { ...admin, cookie: `${name}=${other.code}${token!.slice(6)}` };
    expect((await asStaff(t, forged, 'GET', '/api/v1/staff/me')).statusCode).toBe(401);
  });

  it('refuses an administrator acting on their own account, and the admin+audit role pair', async () => {
    const admin = sessions.admin;
    for (const action of ['disable', 'password-reset', 'totp-reset', 'unlock']) {
      const res = await asStaff(t, admin, 'POST', `/api/v1/staff/accounts/${town.admin.staffId}/${action}`, {
        reason: 'x',
      });
      expect([action, res.statusCode, res.json().code]).toEqual([action, 403, 'staff.self_change_refused']);
    }
    const selfPromote = await asStaff(t, admin, 'PUT', `/api/v1/staff/accounts/${town.admin.staffId}/roles`, {
      roles: ['admin', 'stats'],
      reason: 'x',
    });
    expect(selfPromote.json().code).toBe('staff.self_change_refused');
    const pair = await asStaff(t, admin, 'POST', '/api/v1/staff/accounts', {
      loginName: 'both.roles',
      displayName: '兼務',
      roles: ['admin', 'audit'],
    });
    expect(pair.statusCode).toBe(422);
    expect(pair.json().code).toBe('staff.role_combination');
    const unknownRole = await asStaff(t, admin, 'POST', '/api/v1/staff/accounts', {
      loginName: 'root.user',
      displayName: 'root',
      roles: ['root'],
    });
    expect(unknownRole.statusCode).toBe(400);
  });

  it('applies a change of roles from the member’s next request', async () => {
    const stats = sessions.stats;
    expect((await asStaff(t, stats, 'GET', '/api/v1/probe/resident.read')).statusCode).toBe(403);
    const changed = await asStaff(
      t,
      sessions.admin,
      'PUT',
      `/api/v1/staff/accounts/${town.stats.staffId}/roles`,
      {
        roles: ['stats', 'counter'],
        reason: '窓口応援',
      },
    );
    expect(changed.statusCode).toBe(204);
    expect((await asStaff(t, stats, 'GET', '/api/v1/probe/resident.read')).statusCode).toBe(200);
    await asStaff(t, sessions.admin, 'PUT', `/api/v1/staff/accounts/${town.stats.staffId}/roles`, {
      roles: ['stats'],
      reason: '応援終了',
    });
    expect((await asStaff(t, stats, 'GET', '/api/v1/probe/resident.read')).statusCode).toBe(403);
    const rows = await ctx.database.db
      .selectFrom('audit_log')
      .select(['details', 'reason'])
      .where('action', '=', 'staff.roles_changed')
      .where('subject_id', '=', town.stats.staffId)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.reason, (r.details as { to: string[] }).to])).toEqual([
      ['窓口応援', ['stats', 'counter']],
      ['応援終了', ['stats']],
    ]);
  });
});
