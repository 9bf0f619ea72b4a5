import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/server.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine, testServices } from '../support/engine.js';
import { newFamily } from '../support/factories.js';

const TOKEN = 'internal-token-for-tests-0123456789';

describeOnDrivers('internal issuance API', (ctx) => {
  async function app() {
    const issuance = await createTestEngine(ctx.database);
    return buildServer({
      database: ctx.database,
      config: { ...loadConfig({}), logLevel: 'silent' },
      services: testServices(ctx.database, issuance, TOKEN),
    });
  }

  it('refuses callers without the token', async () => {
    const server = await app();
    const res = await server.inject({ method: 'POST', url: '/internal/v1/issuances', payload: {} });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    await server.close();
  });

  it('answers malformed bodies with 400 problem+json naming each field in Japanese and English, and changes nothing', async () => {
    const server = await app();
    const bad = [
      '{"not json',
      JSON.stringify({ municipalityCode: '999998', idempotencyKey: 'short' }),
      JSON.stringify({ municipalityCode: '999997', idempotencyKey: 'a-valid-key-123', channel: 'fax' }),
      JSON.stringify({
        municipalityCode: "999997'; drop table issuance; --",
        idempotencyKey: '<script>alert(1)</script>',
      }),
    ];
    for (const payload of bad) {
      const res = await server.inject({
        method: 'POST',
        url: '/internal/v1/issuances',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      const problem = res.json();
      expect(problem.ja).toBeTruthy();
      expect(problem.en).toBeTruthy();
    }
    const count = await ctx.database.db
      .selectFrom('issuance')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    await server.close();
  });

  it('issues through HTTP with an Idempotency-Key header, and replays it', async () => {
    const server = await app();
    const family = await newFamily(ctx.database.db, { size: 2 });
    const body = {
      municipalityCode: '999997',
      channel: 'counter',
      clerkId: 'clerk-1',
      subject: { residentId: family.members[0]!.resident_id },
      requester: { relation: 'self', identityVerified: true },
      options: { certificate: 'juminhyo', scope: 'household' },
      payment: 'cashless',
    };
    const headers = { authorization: `Bearer ${TOKEN}`, 'idempotency-key': 'http-test-key-0001' };
    const first = await server.inject({
      method: 'POST',
      url: '/internal/v1/issuances',
      headers,
      payload: body,
    });
    expect(first.statusCode).toBe(201);
    const second = await server.inject({
      method: 'POST',
      url: '/internal/v1/issuances',
      headers,
      payload: body,
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().issuanceId).toBe(first.json().issuanceId);
    expect(second.json().pdfBase64).toBe(first.json().pdfBase64);
    const pdf = Buffer.from(first.json().pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const verify = await server.inject({
      method: 'POST',
      url: `/api/v1/verify?code=${first.json().verificationCode}`,
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(verify.json().verdict).toBe('genuine');
    const page = await server.inject({ method: 'GET', url: `/verify/${first.json().verificationCode}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('正規に発行されています');
    expect(page.body).not.toContain(family.members[0]!.given_name);
    await server.close();
  });
});
