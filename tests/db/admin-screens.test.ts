import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadServiceHours, type ServiceHoursProvider, serviceHoursProvider } from '../../src/admin/index.js';
import {
  buildConsoleTestApp,
  type ConsoleTestApp,
} from '../../src/channels/counter/testing/console-test-app.js';
import { DEMO_SERVICE_HOURS } from '../../src/domain/service-hours.js';
import { registerKiosk } from '../../src/identity/index.js';
import { type IssuanceDeps, issueCertificate } from '../../src/issuance/use-cases/issue-certificate.js';
import { AppError } from '../../src/shared/errors.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';
import { newResident } from '../support/factories.js';

describeOnDrivers('administrators: fees, hours and kiosks over HTTP', (ctx) => {
  let engine: IssuanceDeps;
  let c: ConsoleTestApp;
  let hours: ServiceHoursProvider;
  const refreshed: string[] = [];

  beforeAll(async () => {
    // The engine's clock is the administrators' "today": Tuesday 2026-11-24, 10:00 in Tokyo.
    engine = await createTestEngine(ctx.database);
    hours = await serviceHoursProvider(ctx.database.db);
    c = await buildConsoleTestApp(ctx.database, engine, {
      async onServiceHoursChanged(code) {
        refreshed.push(code);
        await hours.refresh(code);
      },
    });
  });
  afterAll(async () => {
    await c.app.close();
  });

  const price = async (query: string) => {
    const res = await c.as('admin', 'GET', `/api/v1/admin/fees/price?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  async function auditRows(action: string) {
    return ctx.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'subject_id', 'reason', 'details'])
      .where('municipality_code', '=', '999997')
      .where('action', '=', action)
      .execute();
  }

  it('a fee change adds a rule from a date: past dates and past issuances keep their price', async () => {
    const person = await newResident(ctx.database.db);
    const issued = await issueCertificate(
      engine,
      { type: 'staff', id: c.staff.counter.staffId },
      {
        municipalityCode: '999997',
        idempotencyKey: 'admin-test-issued-today',
        channel: 'counter',
        subject: { residentId: person.resident_id },
        requester: { relation: 'self', identityVerified: true },
        options: { certificate: 'juminhyo', scope: 'household' },
        payment: 'cash',
      },
    );
    expect(issued.unitFee).toBe(300);
    const change = {
      certificate: 'juminhyo',
      channel: 'counter',
      fee: 350,
      basis: '手数料条例 改正（令和8年条例第30号）',
      reason: '手数料条例の改正による',
    };

    const past = await c.as('admin', 'POST', '/api/v1/admin/fees/changes', { ...change, from: '2026-11-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json().code).toBe('fee_change_retroactive');
    const today = await c.as('admin', 'POST', '/api/v1/admin/fees/changes', {
      ...change,
      from: '2026-11-24',
    });
    expect(today.statusCode).toBe(409);
    expect(today.json().code).toBe('fee_change_after_issuance');

    const changed = await c.as('admin', 'POST', '/api/v1/admin/fees/changes', {
      ...change,
      from: '2026-12-01',
    });
    expect(changed.statusCode, changed.body).toBe(201);
    expect(changed.json().closed).toEqual([
      expect.objectContaining({
        ruleId: '999997-juminhyo-counter-2010-04-01',
        fee: 300,
        validTo: '2026-11-30',
      }),
    ]);

    expect(await price('certificate=juminhyo&channel=counter&on=2026-11-30')).toMatchObject({ unitFee: 300 });
    expect(await price('certificate=juminhyo&channel=counter&on=2015-06-01')).toMatchObject({ unitFee: 300 });
    expect(await price('certificate=juminhyo&channel=counter&on=2026-12-01&copies=2')).toMatchObject({
      unitFee: 350,
      total: 700,
      ruleId: changed.json().ruleId,
    });
    // Other channels are untouched.
    expect(await price('certificate=juminhyo&channel=kiosk&kioskKind=store&on=2026-12-01')).toMatchObject({
      unitFee: 200,
    });

    // History: the old rule is closed, not edited or deleted, and the issuance still points at it.
    const fees = await c.as('admin', 'GET', '/api/v1/admin/fees');
    const rules = fees
      .json()
      .rules.filter(
        (r: { certificate: string; channel: string }) =>
          r.certificate === 'juminhyo' && r.channel === 'counter',
      );
    expect(
      rules.map((r: { fee: number; validFrom: string; validTo: string | null }) => [
        r.fee,
        r.validFrom,
        r.validTo,
      ]),
    ).toEqual([
      [300, '2010-04-01', '2026-11-30'],
      [350, '2026-12-01', null],
    ]);
    const row = await ctx.database.db
      .selectFrom('issuance')
      .select(['fee_rule_id', 'unit_fee'])
      .where('issuance_id', '=', issued.issuanceId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ fee_rule_id: rules[0].ruleId, unit_fee: 300 });
    expect(fees.json().problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);

    const twice = await c.as('admin', 'POST', '/api/v1/admin/fees/changes', {
      ...change,
      from: '2026-12-01',
    });
    expect(twice.statusCode).toBe(409);
    const beforeFuture = await c.as('admin', 'POST', '/api/v1/admin/fees/changes', {
      ...change,
      from: '2026-11-27',
    });
    expect(beforeFuture.statusCode).toBe(409);
    expect(beforeFuture.json().code).toBe('fee_change_after_future_rule');

    const audit = await auditRows('fees.changed');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: c.staff.admin.staffId,
      subject_id: changed.json().ruleId,
      reason: '手数料条例の改正による',
      details: { fee: 350, from: '2026-12-01' },
    });
  });

  it('campaigns: overlaps refused, ended early from today at the earliest, withdrawn only before they start', async () => {
    const campaign = {
      name: 'コンビニ交付10円キャンペーン',
      certificates: ['juminhyo', 'inkan'],
      channels: ['kiosk'],
      kioskKinds: ['store'],
      fee: 10,
      validFrom: '2026-12-01',
      validTo: '2026-12-31',
      reason: 'コンビニ交付の利用促進',
    };
    const added = await c.as('admin', 'POST', '/api/v1/admin/fees/campaigns', campaign);
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().campaignId as string;
    expect(await price('certificate=juminhyo&channel=kiosk&kioskKind=store&on=2026-12-15')).toMatchObject({
      unitFee: 10,
      standardUnitFee: 200,
      campaignId: id,
    });
    expect(await price('certificate=juminhyo&channel=kiosk&kioskKind=town_hall&on=2026-12-15')).toMatchObject(
      {
        unitFee: 200,
        campaignId: null,
      },
    );

    const overlapping = await c.as('admin', 'POST', '/api/v1/admin/fees/campaigns', {
      ...campaign,
      certificates: ['inkan'],
      validFrom: '2026-12-20',
      validTo: '2027-01-10',
    });
    expect(overlapping.statusCode).toBe(422);
    expect(overlapping.json().code).toBe('campaign_overlap');
    const elsewhere = await c.as('admin', 'POST', '/api/v1/admin/fees/campaigns', {
      ...campaign,
      certificates: ['koseki-zenbu'],
      validFrom: '2026-12-20',
      validTo: '2027-01-10',
    });
    expect(elsewhere.statusCode).toBe(201);

    const tooEarly = await c.as('admin', 'POST', `/api/v1/admin/fees/campaigns/${id}/end`, {
      lastDay: '2026-11-20',
      reason: '予算の都合',
    });
    expect(tooEarly.statusCode).toBe(422);
    const ended = await c.as('admin', 'POST', `/api/v1/admin/fees/campaigns/${id}/end`, {
      lastDay: '2026-12-10',
      reason: '予算の都合により前倒しで終了',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await price('certificate=juminhyo&channel=kiosk&kioskKind=store&on=2026-12-10')).toMatchObject({
      unitFee: 10,
    });
    expect(await price('certificate=juminhyo&channel=kiosk&kioskKind=store&on=2026-12-11')).toMatchObject({
      unitFee: 200,
    });

    const withdrawn = await c.as(
      'admin',
      'POST',
      `/api/v1/admin/fees/campaigns/${elsewhere.json().campaignId}/withdraw`,
      {
        reason: '議会で否決',
      },
    );
    expect(withdrawn.json().status).toBe('withdrawn');
    const running = await c.as('admin', 'POST', '/api/v1/admin/fees/campaigns', {
      ...campaign,
      certificates: ['fuhyo'],
      validFrom: '2026-11-24',
      validTo: '2026-11-30',
    });
    expect(running.statusCode, running.body).toBe(201);
    const lateWithdraw = await c.as(
      'admin',
      'POST',
      `/api/v1/admin/fees/campaigns/${running.json().campaignId}/withdraw`,
      { reason: '取り下げ' },
    );
    expect(lateWithdraw.statusCode).toBe(409);

    expect((await auditRows('fees.campaign_added')).length).toBe(3);
    expect((await auditRows('fees.campaign_ended')).map((r) => r.subject_id)).toEqual([id]);
    expect((await auditRows('fees.campaign_withdrawn')).length).toBe(1);
  });

  it('hours: versions per municipality, a calendar view, and the engine reads them through the provider', async () => {
    const shown = await c.as('admin', 'GET', '/api/v1/admin/hours');
    expect(shown.json()).toMatchObject({ version: 0, source: 'standard' });
    const config = {
      ...DEMO_SERVICE_HOURS,
      counter: {
        ...DEMO_SERVICE_HOURS.counter,
        specialOpenings: [{ date: '2026-11-29', open: '09:00', close: '12:00' }],
      },
      kiosk: {
        ...DEMO_SERVICE_HOURS.kiosk,
        outages: [
          {
            from: '2026-11-24T09:00',
            to: '2026-11-24T12:00',
            reason: { ja: 'システム更新', en: 'system update' },
          },
        ],
      },
    };
    const invalid = await c.as('admin', 'PUT', '/api/v1/admin/hours', {
      baseVersion: 0,
      reason: '誤り',
      config: {
        ...config,
        counter: { windows: [{ days: [1], open: '25:00', close: '26:00', onHolidays: false }] },
      },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('service_hours_invalid');

    const saved = await c.as('admin', 'PUT', '/api/v1/admin/hours', {
      baseVersion: 0,
      reason: '11月29日（日）の休日開庁と端末の保守',
      config,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    expect(refreshed).toEqual(['999997']);
    const stale = await c.as('admin', 'PUT', '/api/v1/admin/hours', {
      baseVersion: 0,
      reason: '古い画面',
      config,
    });
    expect(stale.statusCode).toBe(409);
    expect((await loadServiceHours(ctx.database.db, '999997')).counter.specialOpenings).toHaveLength(1);
    expect((await loadServiceHours(ctx.database.db, '920009')).counter.specialOpenings).toBeUndefined();

    const calendar = await c.as('admin', 'GET', '/api/v1/admin/hours/calendar?month=2026-11&channel=counter');
    const days = new Map(
      calendar.json().days.map((d: { date: string; open: unknown; holiday: string | null }) => [d.date, d]),
    );
    expect(days.get('2026-11-29')).toMatchObject({ open: [{ from: '09:00', to: '12:00' }] });
    expect(days.get('2026-11-23')).toMatchObject({ holiday: '勤労感謝の日', open: [] });
    expect(days.get('2026-11-24')).toMatchObject({ open: [{ from: '08:30', to: '17:15' }] });
    const open = await c.as(
      'admin',
      'GET',
      `/api/v1/admin/hours/check?channel=counter&at=${encodeURIComponent('2026-11-29T10:00:00+09:00')}`,
    );
    expect(open.json()).toMatchObject({ open: true });
    const history = await c.as('admin', 'GET', '/api/v1/admin/hours/history');
    expect(history.json().versions).toEqual([
      expect.objectContaining({ version: 1, recordedBy: c.staff.admin.staffId }),
    ]);
    expect((await auditRows('hours.changed')).map((r) => r.subject_id)).toEqual(['1']);

    // Plugged into the engine, the town's maintenance window closes its kiosks at 10:00 that day.
    const person = await newResident(ctx.database.db);
    const error = await issueCertificate(
      { ...engine, serviceHours: hours.get },
      { type: 'kiosk', id: 'kiosk-test' },
      {
        municipalityCode: '999997',
        idempotencyKey: 'admin-hours-kiosk-1',
        channel: 'kiosk',
        kioskKind: 'store',
        subject: { residentId: person.resident_id },
        requester: {
          relation: 'self',
          residentId: person.resident_id,
          identityVerified: true,
          presented: { myNumberCard: true },
        },
        options: { certificate: 'juminhyo', scope: 'household' },
        payment: 'cash',
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('service_maintenance');
  });

  it('kiosks: register the town’s terminal with its public key, take it out of service and back; others are not found', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const registered = await c.as('admin', 'POST', '/api/v1/admin/kiosks', {
      kioskId: 'mihon-honcho-01',
      location: '見本市役所 本庁舎1階 市民課前',
      prefecture: '見本県',
      publicKeyPem: pem,
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json()).toMatchObject({
      kind: 'town_hall',
      keyAlgorithm: 'ed25519',
      status: 'in_service',
    });
    const duplicate = await c.as('admin', 'POST', '/api/v1/admin/kiosks', {
      kioskId: 'mihon-honcho-01',
      location: '別の場所',
      prefecture: '見本県',
      publicKeyPem: pem,
    });
    expect(duplicate.statusCode).toBe(409);
    const badKey = await c.as('admin', 'POST', '/api/v1/admin/kiosks', {
      kioskId: 'mihon-honcho-02',
      location: '本庁舎',
      prefecture: '見本県',
      publicKeyPem: 'not a key',
    });
    expect(badKey.statusCode).toBeGreaterThanOrEqual(400);
    expect(badKey.statusCode).toBeLessThan(500);

    const noReason = await c.as('admin', 'POST', '/api/v1/admin/kiosks/mihon-honcho-01/out-of-service', {});
    expect(noReason.statusCode).toBeGreaterThanOrEqual(400);
    const out = await c.as('admin', 'POST', '/api/v1/admin/kiosks/mihon-honcho-01/out-of-service', {
      reason: '用紙切れ',
    });
    expect(out.json()).toMatchObject({ status: 'out_of_service', statusReason: '用紙切れ', changed: true });
    const back = await c.as('admin', 'POST', '/api/v1/admin/kiosks/mihon-honcho-01/in-service', {});
    expect(back.json()).toMatchObject({ status: 'in_service', changed: true });
    const list = await c.as('admin', 'GET', '/api/v1/admin/kiosks');
    expect(list.json().kiosks.map((k: { kioskId: string }) => k.kioskId)).toEqual(['mihon-honcho-01']);
    const history = await c.as('admin', 'GET', '/api/v1/admin/kiosks/mihon-honcho-01/history');
    expect(
      history.json().events.map((e: { action: string; status: string }) => [e.action, e.status]),
    ).toEqual([
      ['registered', 'in_service'],
      ['status_changed', 'out_of_service'],
      ['status_changed', 'in_service'],
    ]);
    expect((await auditRows('kiosk.registered')).map((r) => r.actor_id)).toEqual([c.staff.admin.staffId]);
    expect((await auditRows('kiosk.status_changed')).length).toBe(2);

    // A convenience-store machine is its operator's, not the town's: not found from here.
    await registerKiosk(
      { db: ctx.database.db },
      { id: 'operator' },
      {
        kioskId: 'store-0001',
        kind: 'store',
        operator: { storeOperator: '見本コンビニ株式会社' },
        location: '見本店',
        prefecture: '見本県',
        inCity: true,
        publicKeyPem: pem,
      },
    );
    const foreign = await c.as('admin', 'POST', '/api/v1/admin/kiosks/store-0001/out-of-service', {
      reason: '勝手に止める',
    });
    expect(foreign.statusCode).toBe(404);
  });
});
