import { generateKeyPairSync } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { registerErrorHandling } from '../../src/http/errors.js';
import {
  type IdentityLimits,
  kioskAuthRoutes,
  setKioskStatus,
  signKioskRequest,
  type VirtualCard,
} from '../../src/identity/index.js';
import { describeOnDrivers } from '../support/databases.js';
import {
  cardDir,
  cardFileFor,
  newCard,
  newKiosk,
  newTestCa,
  newTowns,
  type TestCa,
  type TestKiosk,
  TOWN,
  trustCa,
} from './identity-fixtures.js';

const PREFIX = '/api/v1/kiosk';

describeOnDrivers('identity: kiosk API over HTTP', (ctx) => {
  let now = new Date('2026-06-01T09:00:00Z');
  const dir = cardDir();
  let ca: TestCa;
  let kiosk: TestKiosk;
  const apps: FastifyInstance[] = [];

  async function buildApp(limits: Partial<IdentityLimits> = {}) {
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    await app.register(kioskAuthRoutes, {
      deps: { database: ctx.database, config: loadConfig({}) },
      prefix: PREFIX,
      clock: () => now,
      limits,
    });
    await app.ready();
    apps.push(app);
    return app;
  }

  let app: FastifyInstance;

  /** A request signed the way a kiosk signs it; `send` may differ from what was signed (tampering tests). */
  function call(
    target: FastifyInstance,
    at: TestKiosk,
    path: string,
    body: unknown,
    options: { signedAt?: Date; nonce?: string; send?: string; signedPath?: string } = {},
  ) {
    const payload = JSON.stringify(body);
    const headers = signKioskRequest({
      kioskId: at.kioskId,
      privateKey: at.privateKey,
      method: 'POST',
      path: `${PREFIX}${options.signedPath ?? path}`,
      body: payload,
      now: options.signedAt ?? now,
      ...(options.nonce ? { nonce: options.nonce } : {}),
    });
    return target.inject({
      method: 'POST',
      url: `${PREFIX}${path}`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: options.send ?? payload,
    });
  }

  async function cardLogin(target: FastifyInstance, at: TestKiosk, card: VirtualCard, pin = '1234') {
    const certificate = (await card.readCertificate()).toString('base64');
    const challenge = await call(target, at, '/auth/challenge', { certificate });
    expect(challenge.statusCode, challenge.body).toBe(201);
    const { challengeId, message } = challenge.json();
    const signature = await card.sign(Buffer.from(message, 'base64'), pin);
    return call(target, at, '/auth/complete', {
      challengeId,
      certificate,
      signature: signature.toString('base64'),
    });
  }

  beforeAll(async () => {
    const db = ctx.database.db;
    await newTowns(db);
    ca = newTestCa();
    await trustCa(db, ca);
    kiosk = await newKiosk(db);
    app = await buildApp();
  });

  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it('runs the whole card login over signed requests, with Ed25519 and ECDSA kiosks', async () => {
    const db = ctx.database.db;
    for (const at of [kiosk, await newKiosk(db, { kind: 'town_hall', algorithm: 'ecdsa-p256' })]) {
      const card = await cardFileFor(dir, await newCard(db, ca));
      const challenge = await call(app, at, '/auth/challenge', {});
      expect(challenge.statusCode).toBe(201);
      const body = challenge.json();
      expect(Object.keys(body).sort()).toEqual(['challengeId', 'expiresAt', 'message', 'nonce']);
      expect(Buffer.from(body.nonce, 'base64')).toHaveLength(32);

      const completed = await cardLogin(app, at, card);
      expect(completed.statusCode, completed.body).toBe(200);
      const grant = completed.json();
      // The kiosk gets a token and the municipality, never the resident's id.
      expect(Object.keys(grant).sort()).toEqual([
        'absoluteExpiresAt',
        'idleExpiresAt',
        'municipalityCode',
        'sessionToken',
      ]);
      expect(grant.municipalityCode).toBe(TOWN);

      const ended = await call(app, at, '/session/end', { sessionToken: grant.sessionToken });
      expect(ended.json()).toEqual({ ended: true });
    }
  });

  it('refuses unsigned requests and unregistered kiosks with problem+json', async () => {
    const unsigned = await app.inject({ method: 'POST', url: `${PREFIX}/auth/challenge`, payload: {} });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.headers['content-type']).toContain('application/problem+json');
    expect(unsigned.json()).toMatchObject({ code: 'kiosk_auth.missing_headers', status: 401 });

    const stranger = { kioskId: 'store-unregistered', privateKey: kiosk.privateKey };
    const response = await call(app, stranger, '/auth/challenge', {});
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'kiosk_auth.unknown_kiosk' });
    expect(response.json().ja).toBe('登録されていない端末です。');

    // A registered kiosk id with someone else's key.
    const impostor = { kioskId: kiosk.kioskId, privateKey: (await newKiosk(ctx.database.db)).privateKey };
    expect((await call(app, impostor, '/auth/challenge', {})).json()).toMatchObject({
      code: 'kiosk_auth.signature_invalid',
    });
  });

  it('refuses an out-of-service kiosk until it is back in service', async () => {
    const db = ctx.database.db;
    const store = await newKiosk(db);
    await setKioskStatus(
      { db },
      { id: 'ops' },
      { kioskId: store.kioskId, status: 'out_of_service', reason: '保守' },
    );
    const refused = await call(app, store, '/auth/challenge', {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'kiosk_auth.out_of_service', reason: '保守' });
    await setKioskStatus({ db }, { id: 'ops' }, { kioskId: store.kioskId, status: 'in_service' });
    expect((await call(app, store, '/auth/challenge', {})).statusCode).toBe(201);
    // The server now knows the kiosk's key; taking the kiosk out of service still applies at once.
    await setKioskStatus(
      { db },
      { id: 'ops' },
      { kioskId: store.kioskId, status: 'out_of_service', reason: '用紙切れ' },
    );
    const again = await call(app, store, '/auth/challenge', {});
    expect(again.statusCode).toBe(403);
    expect(again.json()).toMatchObject({ code: 'kiosk_auth.out_of_service', reason: '用紙切れ' });
  });

  it('stops accepting a replaced kiosk key on its next use, though the server knew it', async () => {
    const db = ctx.database.db;
    const store = await newKiosk(db);
    expect((await call(app, store, '/auth/challenge', {})).statusCode).toBe(201);
    const replacement = generateKeyPairSync('ed25519');
    await db
      .updateTable('kiosk')
      .set({ public_key_pem: replacement.publicKey.export({ type: 'spki', format: 'pem' }).toString() })
      .where('kiosk_id', '=', store.kioskId)
      .execute();
    const old = await call(app, store, '/auth/challenge', {});
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('kiosk_auth.signature_invalid');
    const renewed = { kioskId: store.kioskId, privateKey: replacement.privateKey };
    expect((await call(app, renewed, '/auth/challenge', {})).statusCode).toBe(201);
    // A refused old-key request spent nothing: the kiosk's nonces are those of its accepted requests.
    const nonces = await db
      .selectFrom('kiosk_request_nonce')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kiosk_id', '=', store.kioskId)
      .executeTakeFirstOrThrow();
    expect(Number(nonces.n)).toBe(2);
  });

  it('accepts timestamps within ±5 minutes only', async () => {
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect((await call(app, kiosk, '/auth/challenge', {}, { signedAt: at(-299) })).statusCode).toBe(201);
    expect((await call(app, kiosk, '/auth/challenge', {}, { signedAt: at(299) })).statusCode).toBe(201);
    for (const skew of [-301, 301, -86_400]) {
      const response = await call(app, kiosk, '/auth/challenge', {}, { signedAt: at(skew) });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('kiosk_auth.stale_timestamp');
    }
  });

  it('refuses a replayed request, and one whose body or path differs from what was signed', async () => {
    const nonce = 'replay-nonce-0000000001';
    expect((await call(app, kiosk, '/auth/challenge', {}, { nonce })).statusCode).toBe(201);
    const replay = await call(app, kiosk, '/auth/challenge', {}, { nonce });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('kiosk_auth.replayed');
    // The same nonce from another kiosk is that kiosk's own business.
    const other = await newKiosk(ctx.database.db);
    expect((await call(app, other, '/auth/challenge', {}, { nonce })).statusCode).toBe(201);

    const tampered = await call(
      app,
      kiosk,
      '/auth/challenge',
      {},
      { send: JSON.stringify({ municipalityCode: TOWN }) },
    );
    expect(tampered.json().code).toBe('kiosk_auth.signature_invalid');
    const elsewhere = await call(
      app,
      kiosk,
      '/session/end',
      { sessionToken: 'x' },
      { signedPath: '/auth/challenge' },
    );
    expect(elsewhere.json().code).toBe('kiosk_auth.signature_invalid');
  });

  it('validates bodies strictly and takes JSON only', async () => {
    const extra = await call(app, kiosk, '/auth/challenge', { municipalityCode: TOWN, pin: '1234' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('invalid_input');
    const badId = await call(app, kiosk, '/auth/complete', {
      challengeId: 'x',
      certificate: 'AAAA',
      signature: 'AAAA',
    });
    expect(badId.statusCode).toBe(400);
    const headers = signKioskRequest({
      kioskId: kiosk.kioskId,
      privateKey: kiosk.privateKey,
      method: 'POST',
      path: `${PREFIX}/auth/challenge`,
      body: 'a=b',
      now,
    });
    const form = await app.inject({
      method: 'POST',
      url: `${PREFIX}/auth/challenge`,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=b',
    });
    expect(form.statusCode).toBe(400);
    expect(form.json().code).toBe('unsupported_media_type');
  });

  it('records a reported PIN lock, after which the card is refused with 423', async () => {
    const db = ctx.database.db;
    const testCard = await newCard(db, ca);
    const card = await cardFileFor(dir, testCard);
    const certificate = (await card.readCertificate()).toString('base64');
    const reported = await call(app, kiosk, '/auth/card-locked', { certificate });
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toEqual({ status: 'pin_locked', changed: true });
    // The announced certificate is refused at the challenge already, before the PIN.
    const challenge = await call(app, kiosk, '/auth/challenge', { certificate });
    expect(challenge.statusCode).toBe(423);
    expect(challenge.json()).toMatchObject({
      code: 'card_auth.card_pin_locked',
      ja: '暗証番号がロックされています。市区町村の窓口で暗証番号の再設定をしてください。',
    });
    const row = await db
      .selectFrom('mynumber_card')
      .select('status')
      .where('card_serial', '=', testCard.cardSerial)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pin_locked');
  });

  it('limits each kiosk’s request rate (429 with Retry-After)', async () => {
    const limited = await buildApp({ perKiosk: { capacity: 3, refillPerSecond: 0.5 } });
    const store = await newKiosk(ctx.database.db);
    for (let i = 0; i < 3; i++)
      expect((await call(limited, store, '/auth/challenge', {})).statusCode).toBe(201);
    const refused = await call(limited, store, '/auth/challenge', {});
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('kiosk_auth.rate_limited');
    expect(refused.headers['retry-after']).toBe('2');
    // Another kiosk has its own bucket.
    expect((await call(limited, kiosk, '/auth/challenge', {})).statusCode).toBe(201);
    // Two seconds later one token is back.
    now = new Date(now.getTime() + 2000);
    expect((await call(limited, store, '/auth/challenge', {})).statusCode).toBe(201);
  });
});
