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
import { staticRoutes } from '../../../http/static.routes.js';
import { trustDemoJpkiCa } from '../../../identity/use-cases/demo-jpki.js';
import { inProcessPipeline } from '../../../issuance/use-cases/in-process-pipeline.js';
import type { IssuanceDeps } from '../../../issuance/use-cases/issue-certificate.js';
import { prepareMunicipalityForIssuance } from '../../../issuance/use-cases/prepare-municipality.js';
import { signingIdentities } from '../../../issuance/use-cases/signing-identities.js';
import { seedTown } from '../../../seed/seed-town.js';
import { buildServer } from '../../../server.js';
import { createServices } from '../../../services.js';
import { SimulatedCardReader } from '../devices/card-reader.js';
import { SimulatedCashUnit } from '../devices/cash-unit.js';
import { SimulatedPrinter } from '../devices/printer.js';
import { kioskAgentRoutes } from '../http/kiosk-agent.routes.js';
import { createDemoKioskAgent } from '../use-cases/create-demo-kiosk-agent.js';
import { KioskAgent, type KioskTimeouts } from '../use-cases/kiosk-agent.js';

export const KIOSK_TEST_TOWN = '999997';
export const KIOSK_TEST_SEED = 11;

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

  return {
    database,
    clock,
    engine,
    dataDir,
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
        async close() {
          await app.close();
          await services.close();
        },
      };
    },
  };
}
