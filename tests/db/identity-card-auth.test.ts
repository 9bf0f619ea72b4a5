import { generateKeyPairSync, sign } from 'node:crypto';
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.js';
import { sha256Hex } from '../../src/identity/domain/card-certificate.js';
import {
  CardLockedError,
  CardPinIncorrectError,
  type CardReader,
  cardAuthMessage,
  completeCardAuthentication,
  createCrl,
  endCardSession,
  type IdentityDeps,
  importRevocationList,
  openVirtualCard,
  reportCardLocked,
  resetCardPin,
  resetVirtualCardPin,
  resolveCardSession,
  setKioskStatus,
  setTrustedCaActive,
  startCardAuthentication,
} from '../../src/identity/index.js';
import { AppError } from '../../src/shared/errors.js';
import { describeOnDrivers } from '../support/databases.js';
import {
  cardDir,
  cardFileFor,
  newCard,
  newKiosk,
  newTestCa,
  newTowns,
  OTHER_TOWN,
  type TestCa,
  type TestCard,
  type TestKiosk,
  TOWN,
  trustCa,
} from './identity-fixtures.js';

/** The AppError code a promise rejects with (fails the test if it resolves). */
async function refusalCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal, got success');
}

async function auditRows(db: Kysely<DB>, municipalityCode: string, subjectId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
}

describeOnDrivers('identity: card authentication (JPKI model)', (ctx) => {
  let now = new Date('2026-06-01T09:00:00Z');
  const dir = cardDir();
  let deps: IdentityDeps;
  let ca: TestCa;
  let kiosk: TestKiosk;
  let otherKiosk: TestKiosk;

  /** Everything a kiosk does: read the certificate, get a challenge, have the card sign it, send it back. */
  async function authenticate(card: CardReader, pin: string, at: TestKiosk = kiosk, announce = false) {
    const certificate = await card.readCertificate();
    const challenge = await startCardAuthentication(deps, {
      kioskId: at.kioskId,
      ...(announce ? { certificate } : {}),
    });
    const signature = await card.sign(challenge.message, pin);
    return completeCardAuthentication(deps, {
      challengeId: challenge.challengeId,
      kioskId: at.kioskId,
      certificate: certificate.toString('base64'),
      signature,
    });
  }

  /** Signs with the card's key directly: for refusals that are about the server, not the PIN. */
  async function authenticateWithKey(card: TestCard, at: TestKiosk = kiosk) {
    const challenge = await startCardAuthentication(deps, { kioskId: at.kioskId });
    const signature = sign('sha256', challenge.message, card.keyPair.privateKey);
    return completeCardAuthentication(deps, {
      challengeId: challenge.challengeId,
      kioskId: at.kioskId,
      certificate: card.certificate.pem,
      signature,
    });
  }

  beforeAll(async () => {
    const db = ctx.database.db;
    deps = { db, clock: () => now };
    await newTowns(db);
    ca = newTestCa();
    await trustCa(db, ca);
    kiosk = await newKiosk(db);
    otherKiosk = await newKiosk(db, { kind: 'town_hall', algorithm: 'ecdsa-p256' });
  });

  it('authenticates a resident with a virtual card, opens a card session and audits it', async () => {
    const db = ctx.database.db;
    const card = await newCard(db, ca);
    const reader = await cardFileFor(dir, card, '2580');
    const challenge = await startCardAuthentication(deps, { kioskId: kiosk.kioskId });
    expect(challenge.nonce).toHaveLength(32);
    expect(challenge.message.equals(cardAuthMessage(challenge.nonce, kiosk.kioskId))).toBe(true);
    expect(challenge.expiresAt.getTime() - now.getTime()).toBe(60_000);

    const signature = await reader.sign(challenge.message, '2580');
    const grant = await completeCardAuthentication(deps, {
      challengeId: challenge.challengeId,
      kioskId: kiosk.kioskId,
      certificate: await reader.readCertificate(),
      signature,
    });
    expect(grant).toMatchObject({
      municipalityCode: TOWN,
      residentId: card.residentId,
      cardSerial: card.cardSerial,
    });
    expect(grant.sessionToken).toMatch(/^999997\.[A-Za-z0-9_-]{43}$/);

    // The token is stored only hashed.
    const stored = await db
      .selectFrom('card_session')
      .selectAll()
      .where('card_serial', '=', card.cardSerial)
      .execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(grant.sessionToken.split('.')[1]);

    const session = await resolveCardSession(deps, {
      sessionToken: grant.sessionToken,
      kioskId: kiosk.kioskId,
    });
    expect(session).toMatchObject({
      residentId: card.residentId,
      cardSerial: card.cardSerial,
      municipalityCode: TOWN,
    });
    // Only at the kiosk that opened it.
    expect(
      await refusalCode(
        resolveCardSession(deps, { sessionToken: grant.sessionToken, kioskId: otherKiosk.kioskId }),
      ),
    ).toBe('card_session.invalid');

    expect(await endCardSession(deps, { sessionToken: grant.sessionToken, kioskId: kiosk.kioskId })).toEqual({
      ended: true,
    });
    expect(await endCardSession(deps, { sessionToken: grant.sessionToken, kioskId: kiosk.kioskId })).toEqual({
      ended: false,
    });
    expect(
      await refusalCode(
        resolveCardSession(deps, { sessionToken: grant.sessionToken, kioskId: kiosk.kioskId }),
      ),
    ).toBe('card_session.invalid');

    const audit = await auditRows(db, TOWN, card.cardSerial);
    expect(audit.map((r) => [r.action, r.actor_type, r.actor_id, r.terminal_id])).toEqual([
      ['card.authenticated', 'resident', String(card.residentId), kiosk.kioskId],
      ['card.session_ended', 'resident', String(card.residentId), kiosk.kioskId],
    ]);
    // No personal data in the audit details.
    expect(JSON.stringify(audit.map((r) => r.details))).not.toMatch(/見本|花子|kojin|juminhyo/);
    const attempts = await db
      .selectFrom('card_auth_attempt')
      .selectAll()
      .where('challenge_id', '=', challenge.challengeId)
      .execute();
    expect(attempts.map((a) => [a.step, a.outcome, a.municipality_code])).toEqual([['complete', 'ok', TOWN]]);
  });

  it('authenticates an RSA card (production JPKI cards are RSA)', async () => {
    const card = await newCard(ctx.database.db, ca, { rsa: true });
    const grant = await authenticate(await cardFileFor(dir, card), '1234');
    expect(grant.cardSerial).toBe(card.cardSerial);
  });

  it('spends a challenge once, at its own kiosk, within 60 seconds', async () => {
    const card = await newCard(ctx.database.db, ca);
    const reader = await cardFileFor(dir, card);
    const certificate = await reader.readCertificate();

    const challenge = await startCardAuthentication(deps, { kioskId: kiosk.kioskId });
    const signature = await reader.sign(challenge.message, '1234');
    const answer = { challengeId: challenge.challengeId, certificate, signature };
    // Another kiosk cannot spend it (and does not use it up).
    expect(
      await refusalCode(completeCardAuthentication(deps, { ...answer, kioskId: otherKiosk.kioskId })),
    ).toBe('card_auth.challenge_other_kiosk');
    await completeCardAuthentication(deps, { ...answer, kioskId: kiosk.kioskId });
    expect(await refusalCode(completeCardAuthentication(deps, { ...answer, kioskId: kiosk.kioskId }))).toBe(
      'card_auth.challenge_used',
    );

    const late = await startCardAuthentication(deps, { kioskId: kiosk.kioskId });
    const lateSignature = await reader.sign(late.message, '1234');
    const completeLate = () =>
      refusalCode(
        completeCardAuthentication(deps, {
          challengeId: late.challengeId,
          kioskId: kiosk.kioskId,
          certificate,
          signature: lateSignature,
        }),
      );
    const saved = now;
    now = new Date(now.getTime() + 60_000);
    try {
      expect(await completeLate()).toBe('card_auth.challenge_expired');
      // An hour after it expired, the next challenge anywhere purges it: then it is unknown.
      now = new Date(saved.getTime() + 60_000 + 3_600_001);
      await startCardAuthentication(deps, { kioskId: otherKiosk.kioskId });
      expect(await completeLate()).toBe('card_auth.challenge_unknown');
    } finally {
      now = saved;
    }
    expect(
      await refusalCode(
        completeCardAuthentication(deps, {
          challengeId: '00000000-0000-4000-8000-000000000000',
          kioskId: kiosk.kioskId,
          certificate,
          signature,
        }),
      ),
    ).toBe('card_auth.challenge_unknown');
    expect(
      await refusalCode(
        completeCardAuthentication(deps, {
          challengeId: 'not-a-uuid',
          kioskId: kiosk.kioskId,
          certificate,
          signature,
        }),
      ),
    ).toBe('card_auth.challenge_unknown');
  });

  it('lets exactly one of two racing completions of the same challenge win', async () => {
    const card = await newCard(ctx.database.db, ca);
    const challenge = await startCardAuthentication(deps, { kioskId: kiosk.kioskId });
    const signature = sign('sha256', challenge.message, card.keyPair.privateKey);
    const answer = {
      challengeId: challenge.challengeId,
      kioskId: kiosk.kioskId,
      certificate: card.certificate.der,
      signature,
    };
    const results = await Promise.allSettled([
      completeCardAuthentication(deps, answer),
      completeCardAuthentication(deps, answer),
      completeCardAuthentication(deps, answer),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('card_auth.challenge_used');
  });

  it('refuses a signature made for another kiosk or another challenge', async () => {
    const card = await newCard(ctx.database.db, ca);
    const challenge = await startCardAuthentication(deps, { kioskId: kiosk.kioskId });
    // Signed as if the challenge had been given to the other kiosk: a relayed answer.
    const relayed = sign(
      'sha256',
      cardAuthMessage(challenge.nonce, otherKiosk.kioskId),
      card.keyPair.privateKey,
    );
    expect(
      await refusalCode(
        completeCardAuthentication(deps, {
          challengeId: challenge.challengeId,
          kioskId: kiosk.kioskId,
          certificate: card.certificate.der,
          signature: relayed,
        }),
      ),
    ).toBe('card_auth.signature_invalid');
    // A signature by a key that is not the certificate's.
    const stranger = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const fresh = await startCardAuthentication(deps, { kioskId: kiosk.kioskId });
    expect(
      await refusalCode(
        completeCardAuthentication(deps, {
          challengeId: fresh.challengeId,
          kioskId: kiosk.kioskId,
          certificate: card.certificate.der,
          signature: sign('sha256', fresh.message, stranger.privateKey),
        }),
      ),
    ).toBe('card_auth.signature_invalid');
  });

  it('locks the card after 3 wrong PINs; the lock survives re-opening, the server refuses it everywhere until the counter reset', async () => {
    const db = ctx.database.db;
    const card = await newCard(db, ca);
    const reader = await cardFileFor(dir, card, '1357');
    const challenge = await startCardAuthentication(deps, { kioskId: kiosk.kioskId });
    await expect(reader.sign(challenge.message, '0000')).rejects.toMatchObject({ retriesLeft: 2 });
    await expect(reader.sign(challenge.message, '1111')).rejects.toBeInstanceOf(CardPinIncorrectError);
    await expect(reader.sign(challenge.message, '2222')).rejects.toBeInstanceOf(CardLockedError);

    const reopened = await openVirtualCard(reader.path);
    expect(await reopened.retriesLeft()).toBe(0);
    await expect(reopened.sign(challenge.message, '1357')).rejects.toBeInstanceOf(CardLockedError);

    // The kiosk tells the server; from now on every kiosk refuses the card.
    const certificate = await reopened.readCertificate();
    expect(await reportCardLocked(deps, { kioskId: kiosk.kioskId, certificate })).toEqual({
      status: 'pin_locked',
      changed: true,
    });
    expect(await reportCardLocked(deps, { kioskId: otherKiosk.kioskId, certificate })).toEqual({
      status: 'pin_locked',
      changed: false,
    });
    // Even a chip whose counter was tampered back to 3 gets nowhere, at any kiosk,
    // and the server says so before the PIN is typed when the kiosk announces the card.
    await resetVirtualCardPin(reader.path, '1357');
    expect(await refusalCode(authenticate(reopened, '1357', otherKiosk))).toBe('card_auth.card_pin_locked');
    expect(await refusalCode(authenticate(reopened, '1357', kiosk, true))).toBe('card_auth.card_pin_locked');

    // The clerk resets it at the counter, with an audit row.
    expect(
      await refusalCode(
        resetCardPin(deps, {
          clerk: { id: 'clerk-7' },
          municipalityCode: TOWN,
          cardSerial: card.cardSerial,
          reason: ' ',
        }),
      ),
    ).toBe('card_pin_reset.reason_required');
    expect(
      await resetCardPin(deps, {
        clerk: { id: 'clerk-7', terminalId: 'counter-2' },
        municipalityCode: TOWN,
        cardSerial: card.cardSerial,
        reason: '本人来庁、運転免許証で本人確認',
      }),
    ).toEqual({ status: 'active' });
    const reset = (await auditRows(db, TOWN, card.cardSerial)).filter((r) => r.action === 'card.pin_reset');
    expect(reset).toHaveLength(1);
    expect(reset[0]).toMatchObject({
      actor_type: 'staff',
      actor_id: 'clerk-7',
      terminal_id: 'counter-2',
      reason: '本人来庁、運転免許証で本人確認',
    });
    expect(
      await refusalCode(
        resetCardPin(deps, {
          clerk: { id: 'clerk-7' },
          municipalityCode: TOWN,
          cardSerial: card.cardSerial,
          reason: 'x',
        }),
      ),
    ).toBe('card_pin_reset.not_locked');
    expect(
      await refusalCode(
        resetCardPin(deps, {
          clerk: { id: 'clerk-7' },
          municipalityCode: TOWN,
          cardSerial: 'NOPE',
          reason: 'x',
        }),
      ),
    ).toBe('card_pin_reset.card_unknown');

    const grant = await authenticate(reopened, '1357');
    expect(grant.cardSerial).toBe(card.cardSerial);
    const actions = (await auditRows(db, TOWN, card.cardSerial)).map((r) => r.action);
    expect(actions).toEqual([
      'card.pin_lock_reported',
      'card.pin_lock_reported',
      'card.auth_refused',
      'card.auth_refused',
      'card.pin_reset',
      'card.authenticated',
    ]);
  });

  it('ends the open sessions of a card whose PIN lock is reported', async () => {
    const card = await newCard(ctx.database.db, ca);
    const grant = await authenticateWithKey(card);
    await reportCardLocked(deps, { kioskId: otherKiosk.kioskId, certificate: card.certificate.der });
    expect(
      await refusalCode(
        resolveCardSession(deps, { sessionToken: grant.sessionToken, kioskId: kiosk.kioskId }),
      ),
    ).toBe('card_session.invalid');
  });

  it('refuses revoked, expired, suspended, unknown-CA and unregistered cards, and removed residents, with clear codes', async () => {
    const db = ctx.database.db;
    const cases: Array<[string, () => Promise<TestCard>]> = [
      ['card_auth.card_suspended', () => newCard(db, ca, { status: 'suspended' })],
      ['card_auth.card_revoked', () => newCard(db, ca, { status: 'revoked' })],
      ['card_auth.card_expired', () => newCard(db, ca, { status: 'expired' })],
      [
        'card_auth.certificate_expired',
        () =>
          newCard(db, ca, {
            notBefore: new Date('2020-01-01T00:00:00Z'),
            notAfter: new Date('2026-05-31T00:00:00Z'),
          }),
      ],
      [
        'card_auth.certificate_not_yet_valid',
        () => newCard(db, ca, { notBefore: new Date('2026-07-01T00:00:00Z') }),
      ],
      ['card_auth.certificate_untrusted', () => newCard(db, newTestCa('some other CA'))],
      // Same CA name, different key: the chain check is by signature, not by name.
      ['card_auth.certificate_untrusted', () => newCard(db, newTestCa())],
      ['card_auth.certificate_wrong_usage', () => newCard(db, ca, { keyUsage: ['keyEncipherment'] })],
      ['card_auth.card_unknown', () => newCard(db, ca, { record: false })],
      ['card_auth.resident_moved_out', () => newCard(db, ca, { residentStatus: 'moved_out' })],
      ['card_auth.resident_deceased', () => newCard(db, ca, { residentStatus: 'deceased' })],
    ];
    for (const [code, make] of cases) {
      const card = await make();
      const error = await authenticateWithKey(card).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(AppError);
      expect((error as AppError).code, code).toBe(code);
      // Every refusal has both languages for the kiosk screen.
      expect((error as AppError).ja.length).toBeGreaterThan(5);
      expect((error as AppError).en.length).toBeGreaterThan(5);
    }
    // The same refusals come before the PIN when the kiosk announces the card.
    const suspended = await newCard(db, ca, { status: 'suspended' });
    expect(
      await refusalCode(
        startCardAuthentication(deps, { kioskId: kiosk.kioskId, certificate: suspended.certificate.der }),
      ),
    ).toBe('card_auth.card_suspended');
    expect(
      await refusalCode(
        startCardAuthentication(deps, { kioskId: kiosk.kioskId, certificate: 'bm90IGEgY2VydA==' }),
      ),
    ).toBe('card_auth.certificate_malformed');
  });

  it('refuses certificates on the imported CRL, and imports only CRLs signed by a trusted CA', async () => {
    const db = ctx.database.db;
    const card = await newCard(db, ca);
    const crl = createCrl({
      issuerCert: ca.cert.der,
      issuerKey: ca.key.privateKey,
      thisUpdate: new Date('2026-05-31T00:00:00Z'),
      nextUpdate: new Date('2026-06-02T00:00:00Z'),
      crlNumber: 1,
      revoked: [{ serial: card.certificate.x509.serialNumber, revokedAt: new Date('2026-05-30T00:00:00Z') }],
    });
    const imported = await importRevocationList(deps, { crl });
    expect(imported).toMatchObject({ entries: 1, added: 1 });
    expect(await importRevocationList(deps, { crl: crl.toString('base64') })).toMatchObject({
      entries: 1,
      added: 0,
    });
    expect(await refusalCode(authenticateWithKey(card))).toBe('card_auth.certificate_revoked');
    const row = await db
      .selectFrom('jpki_trusted_ca')
      .selectAll()
      .where('ca_id', '=', sha256Hex(ca.cert.der))
      .executeTakeFirstOrThrow();
    expect(row.crl_next_update).toEqual(new Date('2026-06-02T00:00:00Z'));

    const stranger = newTestCa('stranger CA');
    const forged = createCrl({
      issuerCert: stranger.cert.der,
      issuerKey: stranger.key.privateKey,
      thisUpdate: now,
      nextUpdate: now,
      crlNumber: 1,
      revoked: [{ serial: '0A', revokedAt: now }],
    });
    expect(await refusalCode(importRevocationList(deps, { crl: forged }))).toBe('jpki.crl_invalid');
  });

  it('stops trusting a retired CA', async () => {
    const db = ctx.database.db;
    const retiring = newTestCa('retiring CA');
    const { caId } = await trustCa(db, retiring);
    const card = await newCard(db, retiring);
    expect((await authenticateWithKey(card)).cardSerial).toBe(card.cardSerial);
    await setTrustedCaActive(deps, { caId, active: false });
    expect(await refusalCode(authenticateWithKey(card))).toBe('card_auth.certificate_untrusted');
    await setTrustedCaActive(deps, { caId, active: true });
    expect((await authenticateWithKey(card)).cardSerial).toBe(card.cardSerial);
  });

  it('stops guessing across kiosks: 10 attempts per card an hour, then rate_limited, at every kiosk', async () => {
    const db = ctx.database.db;
    const card = await newCard(db, ca);
    const kiosks = [kiosk, otherKiosk];
    for (let i = 0; i < 10; i++) {
      const at = kiosks[i % 2]!;
      const challenge = await startCardAuthentication(deps, {
        kioskId: at.kioskId,
        certificate: card.certificate.der,
      });
      expect(challenge.challengeId).toBeTruthy();
    }
    const error = await startCardAuthentication(deps, {
      kioskId: otherKiosk.kioskId,
      certificate: card.certificate.der,
    }).catch((e: unknown) => e as AppError);
    expect(error).toMatchObject({ code: 'card_auth.card_rate_limited', kind: 'rate_limited' });
    expect((error as AppError).extra.retryAfterSeconds).toBeGreaterThan(0);
    // Completion without announcing the card counts too.
    expect(await refusalCode(authenticateWithKey(card, kiosk))).toBe('card_auth.card_rate_limited');
    // Other cards are not affected.
    await authenticateWithKey(await newCard(db, ca));

    // An hour later the card may try again.
    const saved = now;
    now = new Date(now.getTime() + 3600_000);
    try {
      expect((await authenticateWithKey(card)).cardSerial).toBe(card.cardSerial);
    } finally {
      now = saved;
    }
    const refusals = await db
      .selectFrom('card_auth_attempt')
      .select('outcome')
      .where('certificate_sha256', '=', sha256Hex(card.certificate.der))
      .where('outcome', '=', 'card_auth.card_rate_limited')
      .execute();
    expect(refusals).toHaveLength(2);
  });

  it('binds an announced challenge to its card', async () => {
    const db = ctx.database.db;
    const announced = await newCard(db, ca);
    const swapped = await newCard(db, ca);
    const challenge = await startCardAuthentication(deps, {
      kioskId: kiosk.kioskId,
      certificate: announced.certificate.der,
    });
    expect(
      await refusalCode(
        completeCardAuthentication(deps, {
          challengeId: challenge.challengeId,
          kioskId: kiosk.kioskId,
          certificate: swapped.certificate.der,
          signature: sign('sha256', challenge.message, swapped.keyPair.privateKey),
        }),
      ),
    ).toBe('card_auth.certificate_mismatch');
  });

  it('serves only its municipality when the kiosk names one', async () => {
    const db = ctx.database.db;
    const elsewhere = await newCard(db, ca, { municipalityCode: OTHER_TOWN });
    const challenge = await startCardAuthentication(deps, {
      kioskId: otherKiosk.kioskId,
      municipalityCode: TOWN,
    });
    expect(
      await refusalCode(
        completeCardAuthentication(deps, {
          challengeId: challenge.challengeId,
          kioskId: otherKiosk.kioskId,
          certificate: elsewhere.certificate.der,
          signature: sign('sha256', challenge.message, elsewhere.keyPair.privateKey),
        }),
      ),
    ).toBe('card_auth.card_other_municipality');
    // The refusal is audited where the card belongs.
    const rows = await auditRows(db, OTHER_TOWN, elsewhere.cardSerial);
    expect(rows.map((r) => [r.action, r.actor_type])).toEqual([['card.auth_refused', 'kiosk']]);
    expect(rows[0]!.details).toMatchObject({
      outcome: 'card_auth.card_other_municipality',
      step: 'complete',
    });
    expect(
      await refusalCode(
        startCardAuthentication(deps, { kioskId: kiosk.kioskId, municipalityCode: '123456' }),
      ),
    ).toBe('card_auth.municipality_unknown');
  });

  it('ends card sessions after inactivity and at the absolute limit', async () => {
    const card = await newCard(ctx.database.db, ca);
    const saved = now;
    try {
      const idle = await authenticateWithKey(card);
      now = new Date(now.getTime() + 170_000);
      await resolveCardSession(deps, { sessionToken: idle.sessionToken, kioskId: kiosk.kioskId });
      now = new Date(now.getTime() + 170_000); // active again within 3 minutes: still open
      await resolveCardSession(deps, { sessionToken: idle.sessionToken, kioskId: kiosk.kioskId });
      now = new Date(now.getTime() + 181_000);
      expect(
        await refusalCode(
          resolveCardSession(deps, { sessionToken: idle.sessionToken, kioskId: kiosk.kioskId }),
        ),
      ).toBe('card_session.expired');

      const busy = await authenticateWithKey(card);
      for (let i = 0; i < 8; i++) {
        now = new Date(now.getTime() + 110_000);
        const used = await resolveCardSession(deps, {
          sessionToken: busy.sessionToken,
          kioskId: kiosk.kioskId,
        });
        // Each use moves the idle deadline 3 minutes out, never past the absolute one.
        expect(used.idleExpiresAt.getTime()).toBe(
          Math.min(now.getTime() + 180_000, new Date(busy.absoluteExpiresAt).getTime()),
        );
      }
      now = new Date(now.getTime() + 100_000); // 980 s after it opened: past the 15-minute limit
      expect(
        await refusalCode(
          resolveCardSession(deps, { sessionToken: busy.sessionToken, kioskId: kiosk.kioskId }),
        ),
      ).toBe('card_session.expired');
      expect(
        await refusalCode(resolveCardSession(deps, { sessionToken: 'garbage', kioskId: kiosk.kioskId })),
      ).toBe('card_session.invalid');
    } finally {
      now = saved;
    }
  });

  it('refuses everything at a kiosk taken out of service, and ends its sessions', async () => {
    const db = ctx.database.db;
    const hall = await newKiosk(db, { kind: 'town_hall' });
    const card = await newCard(db, ca);
    const grant = await authenticateWithKey(card, hall);
    expect(
      await refusalCode(
        setKioskStatus(deps, { id: 'ops-1' }, { kioskId: hall.kioskId, status: 'out_of_service' }),
      ),
    ).toBe('kiosk.reason_required');
    expect(
      await setKioskStatus(
        deps,
        { id: 'ops-1' },
        { kioskId: hall.kioskId, status: 'out_of_service', reason: '用紙切れ' },
      ),
    ).toEqual({ kioskId: hall.kioskId, status: 'out_of_service', changed: true });
    expect(await refusalCode(startCardAuthentication(deps, { kioskId: hall.kioskId }))).toBe(
      'kiosk_auth.out_of_service',
    );
    expect(
      await refusalCode(
        resolveCardSession(deps, { sessionToken: grant.sessionToken, kioskId: hall.kioskId }),
      ),
    ).toBe('card_session.invalid');
    await setKioskStatus(deps, { id: 'ops-1' }, { kioskId: hall.kioskId, status: 'in_service' });
    await authenticateWithKey(card, hall);
    const events = await db
      .selectFrom('kiosk_event')
      .select(['seq', 'action', 'status', 'reason'])
      .where('kiosk_id', '=', hall.kioskId)
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { seq: 1, action: 'registered', status: 'in_service', reason: null },
      { seq: 2, action: 'status_changed', status: 'out_of_service', reason: '用紙切れ' },
      { seq: 3, action: 'status_changed', status: 'in_service', reason: null },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('subject_type', '=', 'kiosk')
      .where('subject_id', '=', hall.kioskId)
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'kiosk.registered', reason: null },
      { action: 'kiosk.status_changed', reason: '用紙切れ' },
      { action: 'kiosk.status_changed', reason: null },
    ]);
    expect(await refusalCode(startCardAuthentication(deps, { kioskId: 'no-such-kiosk' }))).toBe(
      'kiosk_auth.unknown_kiosk',
    );
  });
});
