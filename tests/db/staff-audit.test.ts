import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/index.js';
import { connect } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import type { DB } from '../../src/db/schema.js';
import { type DemoStaffCredential, ensureDemoStaff, type Role } from '../../src/staff/index.js';
import {
  asStaff,
  buildStaffTestApp,
  logInAs,
  type StaffLogin,
  type StaffTestApp,
} from '../../src/staff/testing/staff-test-app.js';
import { describeOnDrivers } from '../support/databases.js';
import { newMunicipality } from '../support/factories.js';

/** Changes rows of the append-only table the way an intruder with the owner's rights would. */
async function tamper(db: Kysely<DB>, change: (db: Kysely<DB>) => Promise<unknown>) {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  try {
    await change(db);
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
  }
}

async function writeRows(db: Kysely<DB>, code: string, n: number) {
  for (let i = 1; i <= n; i++)
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        municipalityCode: code,
        actor: { type: 'staff', id: `clerk-${i % 2}`, terminalId: 'counter-01' },
        action: i % 3 === 0 ? 'certificate.issue' : 'resident.read',
        subjectType: 'resident',
        subjectId: String(1000 + i),
        reason: '窓口申請',
      }),
    );
}

const jstDate = (date: Date) => new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
const dayBefore = (isoDate: string) =>
  new Date(new Date(`${isoDate}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);

describeOnDrivers('audit trail search and verification', (ctx) => {
  let t: StaffTestApp;
  let staff: Record<Role, DemoStaffCredential & { municipalityCode: string }>;
  let auditor: StaffLogin;
  const code = '930001';

  beforeAll(async () => {
    t = await buildStaffTestApp(ctx.database.db);
    await newMunicipality(ctx.database.db, code);
    staff = Object.fromEntries(
      (await ensureDemoStaff(t.deps, code)).map((c) => [c.role, { ...c, municipalityCode: code }]),
    ) as typeof staff;
    await writeRows(ctx.database.db, code, 12);
    auditor = await logInAs(t, staff.audit, { terminalId: 'audit-pc-1' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const search = async (query: string) => {
    const res = await asStaff(t, auditor, 'GET', `/api/v1/audit${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as {
      entries: { seq: number; actorId: string; action: string; subjectId: string; terminalId: string }[];
      total: number;
      page: number;
    };
  };

  it('searches by actor, action, subject and page, newest first, and records each search', async () => {
    const byActor = await search('?actor=clerk-1&pageSize=200');
    expect(byActor.total).toBe(6);
    expect(byActor.entries.every((e) => e.actorId === 'clerk-1')).toBe(true);
    const seqs = byActor.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    expect((await search('?action=certificate.issue')).total).toBe(4);
    expect(
      (await search('?action=staff.*&pageSize=200')).entries.every((e) => e.action.startsWith('staff.')),
    ).toBe(true);
    const bySubject = await search('?subject=resident:1005');
    expect(bySubject.entries.map((e) => e.subjectId)).toEqual(['1005']);
    expect((await search('?subject=1005')).total).toBe(1);
    expect((await search('?subject=koseki:1005')).total).toBe(0);

    const page1 = await search('?action=resident.read&pageSize=3');
    const page2 = await search('?action=resident.read&pageSize=3&page=2');
    const page3 = await search('?action=resident.read&pageSize=3&page=3');
    expect(page1.total).toBe(8);
    expect([page1.entries.length, page2.entries.length, page3.entries.length]).toEqual([3, 3, 2]);
    expect(new Set([...page1.entries, ...page2.entries, ...page3.entries].map((e) => e.seq)).size).toBe(8);

    // The searches above are themselves in the trail, with the auditor's terminal and filters.
    const searches = await search('?action=audit.search&pageSize=200');
    expect(searches.total).toBeGreaterThanOrEqual(9);
    const last = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('action', '=', 'audit.search')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ actor_id: staff.audit.staffId, terminal_id: 'audit-pc-1' });
    expect(last.details).toMatchObject({ filter: { action: 'audit.search' }, page: 1 });
  });

  it('names this town’s clerks beside their ids (actor and staff subject), and no one else', async () => {
    const admin = await logInAs(t, staff.admin, { terminalId: 'admin-pc-1' });
    const unlocked = await asStaff(
      t,
      admin,
      'POST',
      `/api/v1/staff/accounts/${staff.counter.staffId}/unlock`,
      {
        reason: '本人から電話で依頼',
      },
    );
    expect(unlocked.statusCode, unlocked.body).toBeLessThan(300);
    const res = await asStaff(t, auditor, 'GET', '/api/v1/audit?action=staff.*&pageSize=200');
    const entries = res.json().entries as {
      action: string;
      actorType: string;
      actorId: string;
      actorName: string | null;
      subjectType: string | null;
      subjectId: string | null;
      subjectName: string | null;
    }[];
    const unlock = entries.find((e) => e.action === 'staff.unlocked');
    expect(unlock).toMatchObject({
      actorType: 'staff',
      actorId: staff.admin.staffId,
      actorName: '見本 管理者係',
      subjectType: 'staff',
      subjectId: staff.counter.staffId,
      subjectName: '見本 窓口係',
    });
    const auditorLogin = entries.find((e) => e.action === 'staff.login' && e.actorId === staff.audit.staffId);
    expect(auditorLogin?.actorName).toBe('見本 監査係');
    // An actor that is no account of this town (a made-up id, the command line) has no name.
    const clerks = await asStaff(t, auditor, 'GET', '/api/v1/audit?actor=clerk-1&pageSize=1');
    expect(clerks.json().entries[0]).toMatchObject({
      actorId: 'clerk-1',
      actorName: null,
      subjectName: null,
    });
    // Residents are never named by the audit search.
    const reads = await asStaff(t, auditor, 'GET', '/api/v1/audit?action=resident.read&pageSize=1');
    expect(reads.json().entries[0]).toMatchObject({ subjectType: 'resident', subjectName: null });
  });

  it('filters by time: a date is a whole day in Japan, a date-time is exact', async () => {
    const row = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('seq', '=', 20)
      .executeTakeFirstOrThrow();
    const at = new Date(row.occurred_at);
    const from = await search(`?from=${encodeURIComponent(at.toISOString())}&pageSize=200`);
    expect(Math.min(...from.entries.map((e) => e.seq))).toBeLessThanOrEqual(20);
    expect(from.entries.map((e) => e.seq)).toContain(20);
    const to = await search(`?to=${encodeURIComponent(at.toISOString())}&pageSize=200`);
    expect(to.entries.map((e) => e.seq)).not.toContain(20);
    expect(Math.max(...to.entries.map((e) => e.seq))).toBeLessThan(20);

    const day = jstDate(at);
    expect((await search(`?from=${day}&to=${day}&pageSize=200`)).entries.map((e) => e.seq)).toContain(20);
    expect((await search(`?to=${dayBefore(day)}&pageSize=200`)).entries.map((e) => e.seq)).not.toContain(20);

    for (const bad of [
      '?from=2025-13-45',
      '?to=yesterday',
      '?from=2025-04-01T09:00:00',
      '?page=0',
      '?limit=5',
    ]) {
      const res = await asStaff(t, auditor, 'GET', `/api/v1/audit${bad}`);
      expect([bad, res.statusCode, res.json().code]).toEqual([bad, 400, 'invalid_input']);
    }
  });

  it('finds a deployment’s audit trail intact, and records that it was checked', async () => {
    const res = await asStaff(t, auditor, 'GET', '/api/v1/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ municipalityCode: code, valid: true, problems: [] });
    const row = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('municipality_code', '=', code)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'audit.verify', actor_id: staff.audit.staffId });
    expect(row.details).toMatchObject({ valid: true });
  });

  it('refuses to change or delete audit rows while the append-only trigger is on', async () => {
    await expect(
      ctx.database.db
        .updateTable('audit_log')
        .set({ reason: 'x' })
        .where('municipality_code', '=', code)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.database.db.deleteFrom('audit_log').where('municipality_code', '=', code).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('names an edited row: verification fails in the use case and through the API', async () => {
    const town = '930002';
    await newMunicipality(ctx.database.db, town);
    await writeRows(ctx.database.db, town, 6);
    expect((await verifyAuditChain(ctx.database.db, town)).valid).toBe(true);
    // Someone hides who read a record: the actor is rewritten, nothing else.
    await tamper(ctx.database.db, (db) =>
      db
        .updateTable('audit_log')
        .set({ actor_id: 'somebody-else' })
        .where('municipality_code', '=', town)
        .where('seq', '=', 4)
        .execute(),
    );
    const report = await verifyAuditChain(ctx.database.db, town);
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual([{ seq: 4, problem: 'hash_mismatch' }]);

    // The same through the auditor's route of that town.
    const created = await ensureDemoStaff(t.deps, town);
    const townAuditor = await logInAs(t, {
      ...created.find((c) => c.role === 'audit')!,
      municipalityCode: town,
    });
    const res = await asStaff(t, townAuditor, 'GET', '/api/v1/audit/verify');
    expect(res.json()).toMatchObject({ valid: false, problems: [{ seq: 4, problem: 'hash_mismatch' }] });
  });

  it('names a deleted row, and a row whose hash was recomputed to cover an edit', async () => {
    const town = '930003';
    await newMunicipality(ctx.database.db, town);
    await writeRows(ctx.database.db, town, 6);
    await tamper(ctx.database.db, (db) =>
      db.deleteFrom('audit_log').where('municipality_code', '=', town).where('seq', '=', 3).execute(),
    );
    const deleted = await verifyAuditChain(ctx.database.db, town);
    expect(deleted.valid).toBe(false);
    expect(deleted.problems).toContainEqual({ seq: 3, problem: 'missing_row' });

    const town2 = '930004';
    await newMunicipality(ctx.database.db, town2);
    await writeRows(ctx.database.db, town2, 6);
    // A cleverer intruder rewrites the row's own hash too: the next row's link breaks.
    await tamper(ctx.database.db, (db) =>
      db
        .updateTable('audit_log')
        .set({ reason: '改ざん', hash: 'f'.repeat(64) })
        .where('municipality_code', '=', town2)
        .where('seq', '=', 2)
        .execute(),
    );
    const relinked = await verifyAuditChain(ctx.database.db, town2);
    expect(relinked.problems.map((p) => p.seq)).toContain(2);
    expect(relinked.problems).toContainEqual({ seq: 3, problem: 'broken_link' });
  });

  it('makes `madoguchi audit verify` exit 1 and name the edited row', async () => {
    const town = '930005';
    // The command opens its own database: the same server database, or a PGlite directory.
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-audit-cli-'));
    let databaseUrl = '';
    let db: Kysely<DB> = ctx.database.db;
    let close = async () => {};
    if (ctx.kind === 'postgres') {
      const name = await sql<{ name: string }>`select current_database() as name`.execute(db);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name.rows[0]!.name}`;
      databaseUrl = url.toString();
    } else {
      const own = await connect({ dataDir: join(dataDir, 'pglite') });
      await migrate(own.db);
      db = own.db;
      close = () => own.close();
    }
    try {
      await newMunicipality(db, town);
      await writeRows(db, town, 5);
      await tamper(db, (d) =>
        d
          .updateTable('audit_log')
          .set({ subject_id: '9999' })
          .where('municipality_code', '=', town)
          .where('seq', '=', 2)
          .execute(),
      );
      await close();
      const result = spawnSync(
        join('node_modules', '.bin', 'tsx'),
        ['src/cli.ts', 'audit', 'verify', '--municipality', town],
        {
          env: { ...process.env, MADOGUCHI_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(`${town}: 5 rows, CHAIN BROKEN`);
      expect(result.stdout).toContain('row 2: hash_mismatch');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
