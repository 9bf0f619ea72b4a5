/**
 * A demo town and kiosk servers for the kiosk tests: the seeded town (its
 * cards, seals, 戸籍 and tax records), the demo JPKI CA trusted, an issuance
 * engine on a clock the test moves, and servers assembled as src/server.ts
 * does plus the front-end and a kiosk agent with simulated devices. Several
 * servers (a convenience-store kiosk, a town-hall one, an unregistered one)
 * may share the one database, and a server can be restarted over the same
 * card files.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../../config.js';
import type { Database } from '../../../db/connect.js';
import type { KioskKind } from '../../../domain/channel-rules.js';
import { foldAddress, foldKanji } from '../../../domain/text-fold.js';
import { staticRoutes } from '../../../http/static.routes.js';
import { trustDemoJpkiCa } from '../../../identity/use-cases/demo-jpki.js';
import { inProcessPipeline } from '../../../issuance/use-cases/in-process-pipeline.js';
import type { IssuanceDeps } from '../../../issuance/use-cases/issue-certificate.js';
import { prepareMunicipalityForIssuance } from '../../../issuance/use-cases/prepare-municipality.js';
import { signingIdentities } from '../../../issuance/use-cases/signing-identities.js';
import { seedTown } from '../../../seed/seed-town.js';
import { buildServer } from '../../../server.js';
import { createServices, type Services } from '../../../services.js';
import { SimulatedCardReader } from '../devices/card-reader.js';
import { SimulatedCashUnit } from '../devices/cash-unit.js';
import { SimulatedPrinter } from '../devices/printer.js';
import { kioskAgentRoutes } from '../http/kiosk-agent.routes.js';
import { createDemoKioskAgent } from '../use-cases/create-demo-kiosk-agent.js';
import { KioskAgent, type KioskTimeouts } from '../use-cases/kiosk-agent.js';

export const KIOSK_TEST_TOWN = '999997';
export const KIOSK_TEST_SEED = 11;
/** A second town served by the same deployment: the 本籍地 of a card holder living in KIOSK_TEST_TOWN. */
export const KIOSK_HONSEKI_TOWN = '999989';

/**
 * A clock that runs (rate limits refill, challenges age) from a time the test
 * sets. Tests only ever move it forward, as the server's buckets expect.
 */
export function runningClock(start: Date) {
  let base = start.getTime();
  let since = Date.now();
  return {
    now: () => new Date(base + (Date.now() - since)),
    set(at: Date) {
      base = at.getTime();
      since = Date.now();
    },
  };
}
export type RunningClock = ReturnType<typeof runningClock>;

export interface KioskTestServer {
  app: FastifyInstance;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  agent: KioskAgent;
  reader: SimulatedCardReader;
  cash: SimulatedCashUnit;
  printer: SimulatedPrinter;
  /** Every document the simulated printer printed, in order. */
  printed: Uint8Array[];
  /** The server's services (staff accounts are made with its TOTP key). */
  services: Services;
  close(): Promise<void>;
}

export interface KioskTestWorld {
  database: Database;
  clock: RunningClock;
  engine: IssuanceDeps;
  /** Where the kiosk agents keep their keys and card files (kept across restarts). */
  dataDir: string;
  startServer(options?: {
    kind?: KioskKind;
    /** false: a kiosk whose key the server has never seen. */
    registered?: boolean;
    /** false: the routes mounted without an agent, as a server with no kiosk configured has them. */
    agent?: boolean;
    cards?: number;
    timeouts?: Partial<KioskTimeouts>;
  }): Promise<KioskTestServer>;
  /**
   * Seeds KIOSK_HONSEKI_TOWN (a few residents, fees, signing key) and adds
   * to it a current register whose 筆頭者 is the given resident of the test
   * town, as if their 本籍 had stayed there when they moved: the 利用者登録申請
   * case. Returns the register as the applicant would type it.
   */
  addHonsekiRegister(residentId: number): Promise<{ kosekiId: number; honseki: string; hittosha: string }>;
}

/** Seeds the town on `database` (migrated, empty) and prepares it for issuance. */
export async function createKioskTestWorld(
  database: Database,
  options: { residents?: number; start: Date; today: string },
): Promise<KioskTestWorld> {
  const clock = runningClock(options.start);
  await seedTown(database.db, {
    municipalityCode: KIOSK_TEST_TOWN,
    residents: options.residents ?? 120,
    seed: KIOSK_TEST_SEED,
    today: options.today,
  });
  await trustDemoJpkiCa({ db: database.db, clock: clock.now }, KIOSK_TEST_SEED);
  const identities = signingIdentities(database.db, 'kiosk-test-passphrase', clock.now);
  await prepareMunicipalityForIssuance(database.db, identities, KIOSK_TEST_TOWN);
  const engine: IssuanceDeps = {
    db: database.db,
    identities,
    pipeline: inProcessPipeline,
    publicUrl: 'https://madoguchi.test',
    clock: clock.now,
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-kiosk-'));
  let honsekiTown: Promise<void> | null = null;

  return {
    database,
    clock,
    engine,
    dataDir,
    async addHonsekiRegister(residentId) {
      const db = database.db;
      honsekiTown ??= (async () => {
        await seedTown(db, {
          municipalityCode: KIOSK_HONSEKI_TOWN,
          residents: 12,
          seed: KIOSK_TEST_SEED,
          today: options.today,
        });
        await prepareMunicipalityForIssuance(db, identities, KIOSK_HONSEKI_TOWN);
      })();
      await honsekiTown;
      const person = await db
        .selectFrom('resident')
        .select(['family_name', 'given_name', 'birth_date', 'sex', 'address'])
        .where('municipality_code', '=', KIOSK_TEST_TOWN)
        .where('resident_id', '=', residentId)
        .executeTakeFirstOrThrow();
      const town = await db
        .selectFrom('municipality')
        .select(['prefecture', 'name'])
        .where('code', '=', KIOSK_HONSEKI_TOWN)
        .executeTakeFirstOrThrow();
      const { max } = await db
        .selectFrom('koseki')
        .select((eb) => eb.fn.max('koseki_id').as('max'))
        .where('municipality_code', '=', KIOSK_HONSEKI_TOWN)
        .executeTakeFirstOrThrow();
      const kosekiId = Number(max ?? 0) + 1;
      const honseki = `${town.prefecture}${town.name}本町二丁目${kosekiId % 50}番地`;
      const hittosha = `${person.family_name}　${person.given_name}`;
      const birthDate = String(person.birth_date).slice(0, 10);
      await db
        .insertInto('koseki')
        .values({
          municipality_code: KIOSK_HONSEKI_TOWN,
          koseki_id: kosekiId,
          honseki,
          hittosha,
          honseki_key: foldAddress(honseki),
          hittosha_key: foldKanji(hittosha),
          compiled_on: '2012-04-01',
          closed_on: null,
          closed_reason: null,
        })
        .execute();
      await db
        .insertInto('koseki_event')
        .values({
          municipality_code: KIOSK_HONSEKI_TOWN,
          koseki_id: kosekiId,
          member_no: 0,
          seq: 1,
          event_type: 'hensei',
          event_date: '2012-04-01',
          details: JSON.stringify({ reason: '分籍' }),
        })
        .execute();
      await db
        .insertInto('koseki_member')
        .values({
          municipality_code: KIOSK_HONSEKI_TOWN,
          koseki_id: kosekiId,
          member_no: 1,
          family_name: person.family_name,
          given_name: person.given_name,
          birth_date: birthDate,
          sex: person.sex,
          father_name: null,
          mother_name: null,
          relationship: person.sex === 'M' ? '長男' : '長女',
          // They live elsewhere: no resident record in this town.
          resident_id: null,
          juminhyo_code: null,
        })
        .execute();
      await db
        .insertInto('koseki_event')
        .values({
          municipality_code: KIOSK_HONSEKI_TOWN,
          koseki_id: kosekiId,
          member_no: 1,
          seq: 1,
          event_type: 'bunseki',
          event_date: '2012-04-01',
          details: JSON.stringify({ notifiedOn: '2012-04-01' }),
        })
        .execute();
      await db
        .insertInto('fuhyo_entry')
        .values({
          municipality_code: KIOSK_HONSEKI_TOWN,
          koseki_id: kosekiId,
          member_no: 1,
          seq: 1,
          address: person.address,
          address_since: '2012-04-01',
        })
        .execute();
      return { kosekiId, honseki, hittosha };
    },
    async startServer(serverOptions = {}) {
      const config = {
        ...loadConfig({}),
        dataDir: mkdtempSync(join(tmpdir(), 'madoguchi-kiosk-server-')),
        logLevel: 'silent',
        renderWorkers: 0,
      };
      const services = { ...createServices(database, config), identities, issuance: engine };
      const kind = serverOptions.kind ?? 'store';
      let agent = await createDemoKioskAgent({
        db: database.db,
        dataDir,
        seed: KIOSK_TEST_SEED,
        municipalityCode: KIOSK_TEST_TOWN,
        kind,
        cards: serverOptions.cards ?? 6,
        clock: clock.now,
        ...(serverOptions.timeouts ? { timeouts: serverOptions.timeouts } : {}),
      });
      if (serverOptions.registered === false) {
        // The same devices behind a key no server knows.
        agent = new KioskAgent({
          kiosk: { id: 'unregistered-kiosk-1', privateKey: generateKeyPairSync('ed25519').privateKey, kind },
          devices: agent.devices,
          upstream: 'in-process',
          clock: clock.now,
        });
      }
      // src/server.ts mounts the agent itself (AppDeps.kioskAgent); `agent: false` is a terminal without one.
      const deps = {
        database,
        config,
        services,
        kioskAgent: serverOptions.agent === false ? undefined : agent,
      };
      const app = await buildServer(deps);
      if (!app.hasRoute({ method: 'GET', url: '/kiosk/*' })) await app.register(staticRoutes);
      if (!app.hasRoute({ method: 'GET', url: '/kiosk-agent/status' }))
        await app.register(kioskAgentRoutes, {
          prefix: '/kiosk-agent',
          ...(serverOptions.agent === false ? {} : { agent }),
        });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('the app has no TCP address');
      const { cardReader, cashUnit, printer } = agent.devices;
      if (
        !(cardReader instanceof SimulatedCardReader) ||
        !(cashUnit instanceof SimulatedCashUnit) ||
        !(printer instanceof SimulatedPrinter)
      )
        throw new Error('the test kiosk has simulated devices');
      const printed: Uint8Array[] = [];
      printer.onPrinted((pdf) => printed.push(Uint8Array.from(pdf)));
      return {
        app,
        baseUrl: `http://127.0.0.1:${address.port}`,
        agent,
        reader: cardReader,
        cash: cashUnit,
        printer,
        printed,
        services,
        async close() {
          await app.close();
          await services.close();
        },
      };
    },
  };
}
