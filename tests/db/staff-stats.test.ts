import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.js';
import { type DemoStaffCredential, ensureDemoStaff, ROLES, type Role } from '../../src/staff/index.js';
import {
  asStaff,
  buildStaffTestApp,
  logInAs,
  type StaffLogin,
  type StaffTestApp,
} from '../../src/staff/testing/staff-test-app.js';
import { describeOnDrivers } from '../support/databases.js';
import { newMunicipality } from '../support/factories.js';

const TOWN = '940001';
const OTHER = '940002';
let seq = 0;

/** One recorded issuance, as the engine writes it; only what statistics read matters here. */
async function issued(
  db: Kysely<DB>,
  row: {
    at: string;
    certificate: string;
    channel: string;
    fee: number;
    copies?: number;
    person: number;
    town?: string;
    status?: 'issued' | 'voided';
  },
) {
  const n = ++seq;
  await db
    .insertInto('issuance')
    .values({
      municipality_code: row.town ?? TOWN,
      issuance_id: randomUUID(),
      fiscal_year: 2026,
      issue_number: n,
      idempotency_key: `stats-${n}`,
      request_hash: 'a'.repeat(64),
      certificate: row.certificate,
      channel: row.channel,
      terminal_id: null,
      clerk_id: 'clerk-stats',
      requester: JSON.stringify({ relation: 'self', name: '統計　太郎' }),
      subject_resident_id: row.person,
      subject_koseki_id: null,
      options: JSON.stringify({ certificate: row.certificate }),
      copies: row.copies ?? 1,
      unit_fee: row.fee / (row.copies ?? 1),
      total_fee: row.fee,
      fee_rule_id: null,
      fee_campaign_id: null,
      exemption: null,
      payment_method: 'cash',
      verification_code: `V${String(n).padStart(15, '0')}${randomUUID().slice(0, 8)}`,
      content_sha256: 'b'.repeat(64),
      pages: 1,
      render_input: JSON.stringify({}),
      issued_at: new Date(row.at),
      status: row.status ?? 'issued',
    })
    .execute();
}

type Cell = { count: number | null; copies: number | null; fees: number | null; suppressed: boolean };

describeOnDrivers('statistics for the 統計 role', (ctx) => {
  let t: StaffTestApp;
  let staff: Record<Role, DemoStaffCredential & { municipalityCode: string }>;
  const sessions = {} as Record<Role, StaffLogin>;

  beforeAll(async () => {
    const db = ctx.database.db;
    t = await buildStaffTestApp(db);
    await newMunicipality(db, TOWN);
    await newMunicipality(db, OTHER);
    staff = Object.fromEntries(
      (await ensureDemoStaff(t.deps, TOWN)).map((c) => [c.role, { ...c, municipalityCode: TOWN }]),
    ) as typeof staff;
    for (const role of ROLES) sessions[role] = await logInAs(t, staff[role]);

    // 24 November 2026 (Japan): 住民票 at the counter ×5 (5 people, one of 2 copies), 戸籍 ×4 at kiosks,
    // one 課税 by mail. 00:30 in Japan is still the 23rd in UTC: it counts on the 24th.
    for (let i = 0; i < 5; i++)
      await issued(db, {
        at: i === 0 ? '2026-11-23T15:30:00Z' : `2026-11-24T0${i}:00:00Z`,
        certificate: 'juminhyo',
        channel: 'counter',
        fee: i === 0 ? 600 : 300,
        copies: i === 0 ? 2 : 1,
        person: 100 + i,
      });
    for (let i = 0; i < 4; i++)
      await issued(db, {
        at: `2026-11-24T0${i}:10:00Z`,
        certificate: 'koseki-zenbu',
        channel: 'kiosk',
        fee: 350,
        person: 200 + i,
      });
    await issued(db, {
      at: '2026-11-24T05:00:00Z',
      certificate: 'kazei',
      channel: 'mail',
      fee: 300,
      person: 300,
    });
    // 25 November: four 印鑑 for one person (still about one person: withheld), three 住民票 online.
    for (let i = 0; i < 4; i++)
      await issued(db, {
        at: `2026-11-25T0${i}:00:00Z`,
        certificate: 'inkan',
        channel: 'counter',
        fee: 300,
        person: 400,
      });
    for (let i = 0; i < 3; i++)
      await issued(db, {
        at: `2026-11-25T0${i}:30:00Z`,
        certificate: 'juminhyo',
        channel: 'online',
        fee: 300,
        person: 500 + i,
      });
    // Not counted: a voided (refunded) kiosk certificate, another town's, and one outside the range.
    await issued(db, {
      at: '2026-11-24T06:00:00Z',
      certificate: 'juminhyo',
      channel: 'kiosk',
      fee: 200,
      person: 600,
      status: 'voided',
    });
    await issued(db, {
      at: '2026-11-24T06:00:00Z',
      certificate: 'juminhyo',
      channel: 'counter',
      fee: 300,
      person: 700,
      town: OTHER,
    });
    await issued(db, {
      at: '2026-11-22T14:59:00Z',
      certificate: 'juminhyo',
      channel: 'counter',
      fee: 300,
      person: 800,
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const stats = async (query: string, role: Role = 'stats') =>
    asStaff(t, sessions[role], 'GET', `/api/v1/stats/issuances?${query}`);

  it('counts, copies and fees per kind, channel and day of the own town, Japan days, voided left out', async () => {
    const res = await stats('from=2026-11-23&to=2026-11-25&period=day');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      municipalityCode: TOWN,
      from: '2026-11-23',
      to: '2026-11-25',
      period: 'day',
      minimumCount: 3,
    });
    // 5 + 4 + 1 + 4 + 3 issuances; fees 600+1200 + 1400 + 300 + 1200 + 900.
    expect(body.total).toEqual({ count: 17, copies: 18, fees: 5600, suppressed: false, suppression: null });
    const kind = (k: string) => body.byCertificate.find((r: { certificate: string }) => r.certificate === k);
    expect(kind('juminhyo')).toEqual({
      certificate: 'juminhyo',
      count: 8,
      copies: 9,
      fees: 2700,
      suppressed: false,
      suppression: null,
    });
    expect(kind('koseki-zenbu')).toEqual({
      certificate: 'koseki-zenbu',
      count: 4,
      copies: 4,
      fees: 1400,
      suppressed: false,
      suppression: null,
    });
    // 課税 ×1 (one person) and 印鑑 ×4 (one person) are withheld; together they hide each other.
    expect(kind('kazei')).toEqual({
      certificate: 'kazei',
      count: null,
      copies: null,
      fees: null,
      suppressed: true,
      suppression: 'small',
    });
    expect(kind('inkan')).toEqual({
      certificate: 'inkan',
      count: null,
      copies: null,
      fees: null,
      suppressed: true,
      suppression: 'small',
    });
    expect(kind('fuhyo')).toEqual({
      certificate: 'fuhyo',
      count: 0,
      copies: 0,
      fees: 0,
      suppressed: false,
      suppression: null,
    });
    expect(body.byCertificate).toHaveLength(10);

    const channel = Object.fromEntries(
      body.byChannel.map((r: Cell & { channel: string }) => [r.channel, r.count]),
    );
    // mail (1) is withheld, and with it the next smallest (online, 3), so the total cannot give it away.
    expect(channel).toEqual({ counter: 9, mail: null, kiosk: 4, online: null });
    const why = Object.fromEntries(
      body.byChannel.map((r: { channel: string; suppression: string | null }) => [r.channel, r.suppression]),
    );
    expect(why).toEqual({ counter: null, mail: 'small', kiosk: null, online: 'complementary' });

    expect(body.byPeriod).toEqual([
      { period: '2026-11-23', count: 0, copies: 0, fees: 0, suppressed: false, suppression: null },
      { period: '2026-11-24', count: 10, copies: 11, fees: 3500, suppressed: false, suppression: null },
      { period: '2026-11-25', count: 7, copies: 7, fees: 2100, suppressed: false, suppression: null },
    ]);
  });

  it('answers months, and never a name, an id or an address', async () => {
    const res = await stats('from=2026-10-01&to=2026-12-31&period=month');
    expect(res.statusCode).toBe(200);
    expect(
      res.json().byPeriod.map((r: { period: string; count: number | null }) => [r.period, r.count]),
    ).toEqual([
      ['2026-10', 0],
      ['2026-11', 18],
      ['2026-12', 0],
    ]);
    const text = res.body;
    for (const personal of ['統計', '太郎', 'clerk-stats', 'resident', 'Id"', 'address', '"person'])
      expect(text).not.toContain(personal);
  });

  it('a small town total withholds everything under it', async () => {
    const res = await stats('from=2026-11-22&to=2026-11-22');
    expect(res.json().total).toEqual({
      count: null,
      copies: null,
      fees: null,
      suppressed: true,
      suppression: 'small',
    });
    expect(res.json().byPeriod).toEqual([
      { period: '2026-11-22', count: null, copies: null, fees: null, suppressed: true, suppression: 'small' },
    ]);
    expect(res.json().byCertificate.every((r: Cell) => r.suppressed || r.count === 0)).toBe(true);
  });

  it('records each look at the figures in the audit trail, with the range', async () => {
    await stats('from=2026-11-01&to=2026-11-30&period=day');
    const row = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('municipality_code', '=', TOWN)
      .where('action', '=', 'stats.read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_type: 'staff', actor_id: staff.stats.staffId, subject_type: null });
    expect(row.details).toEqual({ report: 'issuances', from: '2026-11-01', to: '2026-11-30', period: 'day' });
  });

  it('refuses a bad range in Japanese and English, and every other role', async () => {
    for (const [query, code] of [
      ['from=2026-11-30&to=2026-11-01', 'stats_range_invalid'],
      ['from=2026-01-01&to=2026-12-31&period=day', 'stats_range_too_long'],
      ['from=2026-02-30&to=2026-03-01', 'invalid_input'],
      ['from=2026-11-01', 'invalid_input'],
      ['from=2026-11-01&to=2026-11-02&period=week', 'invalid_input'],
      ['from=2026-11-01&to=2026-11-02&resident=1', 'invalid_input'],
    ] as const) {
      const res = await stats(query);
      expect([query, res.statusCode, res.json().code]).toEqual([query, 400, code]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().ja).toBeTruthy();
      expect(res.json().en).toBeTruthy();
    }
    for (const role of ROLES.filter((r) => r !== 'stats')) {
      const res = await stats('from=2026-11-01&to=2026-11-30', role);
      expect([role, res.statusCode, res.json().code]).toEqual([role, 403, 'staff.permission_denied']);
    }
  });
});
