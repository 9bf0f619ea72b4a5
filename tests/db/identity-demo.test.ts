import { sign } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import {
  completeCardAuthentication,
  DEMO_CARD_PIN,
  type IdentityDeps,
  importDemoRevocations,
  openVirtualCard,
  startCardAuthentication,
  trustDemoJpkiCa,
  writeDemoVirtualCard,
} from '../../src/identity/index.js';
import { cardKeyPair } from '../../src/seed/cards.js';
import { seedTown } from '../../src/seed/seed-town.js';
import { AppError } from '../../src/shared/errors.js';
import { describeOnDrivers } from '../support/databases.js';
import { cardDir, newKiosk, type TestKiosk } from './identity-fixtures.js';

const SEED = 7;
const TODAY = '2026-06-01';

describeOnDrivers('identity: the seeded demo town’s cards', (ctx) => {
  const dir = cardDir();
  const now = new Date(`${TODAY}T10:00:00+09:00`);
  let deps: IdentityDeps;
  let kiosk: TestKiosk;
  let municipalityCode: string;

  beforeAll(async () => {
    const db = ctx.database.db;
    deps = { db, clock: () => now };
    const report = await seedTown(db, {
      municipalityCode: '999997',
      residents: 80,
      seed: SEED,
      today: TODAY,
    });
    municipalityCode = report.municipalityCode;
    await trustDemoJpkiCa(deps, SEED);
    kiosk = await newKiosk(db);
  }, 120_000);

  async function activeCards(limit: number) {
    return ctx.database.db
      .selectFrom('mynumber_card as c')
      .innerJoin('resident as r', (j) =>
        j
          .onRef('r.municipality_code', '=', 'c.municipality_code')
          .onRef('r.resident_id', '=', 'c.resident_id'),
      )
      .select(['c.card_serial', 'c.resident_id', 'c.certificate_pem'])
      .where('c.municipality_code', '=', municipalityCode)
      .where('c.status', '=', 'active')
      .where('r.status', '=', 'active')
      .where('c.not_after', '>', now)
      .orderBy('c.card_serial')
      .limit(limit)
      .execute();
  }

  it('trusts the demo CA once, however often it is asked', async () => {
    await trustDemoJpkiCa(deps, SEED);
    await trustDemoJpkiCa(deps, SEED);
    const rows = await ctx.database.db.selectFrom('jpki_trusted_ca').select(['source']).execute();
    expect(rows).toEqual([{ source: 'demo' }]);
  });

  it('materialises a seeded resident’s card from the seed and authenticates with it', async () => {
    const [card] = await activeCards(1);
    expect(card).toBeDefined();
    const path = join(dir, 'resident.json');
    const written = await writeDemoVirtualCard(deps, {
      seed: SEED,
      municipalityCode,
      residentId: card!.resident_id,
      path,
    });
    expect(written.cardSerial).toBe(card!.card_serial);
    const reader = await openVirtualCard(path);
    const certificate = await reader.readCertificate();
    const challenge = await startCardAuthentication(deps, { kioskId: kiosk.kioskId, certificate });
    const grant = await completeCardAuthentication(deps, {
      challengeId: challenge.challengeId,
      kioskId: kiosk.kioskId,
      certificate,
      signature: await reader.sign(challenge.message, DEMO_CARD_PIN),
    });
    expect(grant).toMatchObject({
      residentId: card!.resident_id,
      cardSerial: card!.card_serial,
      municipalityCode,
    });
  });

  it('refuses to materialise a card with the wrong seed', async () => {
    const [card] = await activeCards(1);
    await expect(
      writeDemoVirtualCard(deps, {
        seed: SEED + 1,
        municipalityCode,
        residentId: card!.resident_id,
        path: join(dir, 'wrong.json'),
      }),
    ).rejects.toThrow(/not seeded with seed/);
  });

  it('publishes the demo CRL for cards the registry revokes, and the server refuses them by it', async () => {
    const db = ctx.database.db;
    const cards = await activeCards(2);
    const victim = cards[1]!;
    await db
      .updateTable('mynumber_card')
      .set({ status: 'revoked' })
      .where('municipality_code', '=', municipalityCode)
      .where('card_serial', '=', victim.card_serial)
      .execute();
    const revokedInRegistry = await db
      .selectFrom('mynumber_card')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'revoked')
      .executeTakeFirstOrThrow();
    const imported = await importDemoRevocations(deps, SEED);
    expect(imported.entries).toBe(Number(revokedInRegistry.n));
    expect(imported.added).toBe(Number(revokedInRegistry.n));

    const key = cardKeyPair(SEED, municipalityCode, victim.card_serial);
    const challenge = await startCardAuthentication(deps, { kioskId: kiosk.kioskId });
    const error = await completeCardAuthentication(deps, {
      challengeId: challenge.challengeId,
      kioskId: kiosk.kioskId,
      certificate: victim.certificate_pem,
      signature: sign('sha256', challenge.message, key.privateKey),
    }).catch((e: unknown) => e);
    // The CRL answers before the registry status does.
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('card_auth.certificate_revoked');
  });
});
