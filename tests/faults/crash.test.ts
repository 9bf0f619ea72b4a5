/**
 * Crash test: a real server process (`npx tsx src/cli.ts serve`) on a fresh
 * PostgreSQL database, under continuous issuance from several clients, is
 * killed with SIGKILL at random moments (MADOGUCHI_CRASH_KILLS times, at
 * least 20) and started again. Clients retry each request under its own
 * idempotency key until it is answered. Afterwards the books must be exact:
 * one issuance per answered request, no double charge, gapless issue numbers,
 * a balanced ledger whose fee income is the sum of the fees, an intact audit
 * chain. Needs DATABASE_URL (CI sets it); `npm run test:faults` runs it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelOpenNow,
  eligibleResidents,
  type IssuanceClient,
  internalApiClient,
} from '../../bench/issuance-client.js';
import {
  createScratchDatabase,
  freePort,
  type ServerProcess,
  startServer,
} from '../../bench/server-process.js';
import { connect, type Database } from '../../src/db/connect.js';
import { type ClientStats, checkBooks, killRepeatedly, type Outcome, runClient } from './crash-harness.js';

const DATABASE_URL = process.env.DATABASE_URL;
const KILLS = Math.max(20, Number(process.env.MADOGUCHI_CRASH_KILLS ?? 20));
const CLIENTS = 4;
const TOKEN = 'crash-test-internal-token-0123456789abcdef';

/** Deterministic per run seed, printed so a failing schedule can be replayed. */
function randomFrom(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

if (!DATABASE_URL) {
  console.warn(
    '[faults] crash test skipped: DATABASE_URL is not set (it needs a PostgreSQL server; CI sets it)',
  );
  describe.skip('crash test (skipped: set DATABASE_URL to a PostgreSQL server)', () => {
    it('needs PostgreSQL', () => {});
  });
} else {
  describe('crash test: SIGKILL under load loses nothing and charges nothing twice', () => {
    let scratch: { url: string; drop(): Promise<void> };
    let dataDir: string;
    let server: ServerProcess | undefined;
    let database: Database | undefined;
    let client: IssuanceClient | undefined;

    beforeAll(async () => {
      scratch = await createScratchDatabase(DATABASE_URL, 'madoguchi_crash');
      dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-crash-'));
    }, 60_000);

    afterAll(async () => {
      client?.close();
      await server?.kill();
      await database?.close();
      await scratch?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it(`keeps the books exact through ${KILLS} SIGKILLs`, async () => {
      const seed = Number(process.env.MADOGUCHI_CRASH_SEED ?? Date.now() % 1_000_000);
      const random = randomFrom(seed);
      const port = await freePort();
      const start = () =>
        startServer({
          databaseUrl: scratch.url,
          dataDir,
          token: TOKEN,
          port,
          demoResidents: 60,
          logLevel: 'warn',
        });
      server = await start();
      await server.ready(180_000); // the first start migrates and seeds the demo town
      database = await connect({ url: scratch.url, maxConnections: 2 });
      const residents = await eligibleResidents(database.db, 40);
      expect(residents.length).toBeGreaterThan(10);

      const channel = channelOpenNow();
      client = internalApiClient({
        baseUrl: server.baseUrl,
        token: TOKEN,
        channel,
        maxSockets: CLIENTS * 2,
        timeoutMs: 30_000,
        hashPdf: true,
      });
      const outcomes: Outcome[] = [];
      const stats: ClientStats = { attempts: 0, retries: 0, statuses: {} };
      const clients = Array.from({ length: CLIENTS }, (_, i) =>
        runClient(client!, `c${i}`, residents, outcomes, stats),
      );
      const { server: last, killer } = await killRepeatedly(
        start,
        server,
        KILLS,
        random,
        (s) => {
          server = s;
        },
        () => outcomes.filter((o) => o.status === 200 || o.status === 201).length,
      );
      server = last;
      // A little more load on the last server, then let every client finish its open request.
      await new Promise((r) => setTimeout(r, 1000));
      await Promise.all(clients.map((c) => c.stop()));
      await server.stop();
      server = undefined;

      const books = await checkBooks(database.db, outcomes);
      const issued = outcomes.filter((o) => o.status === 200 || o.status === 201);
      const summary = {
        seed,
        channel,
        kills: killer.kills,
        killsDuringStartup: killer.killsDuringStartup,
        medianStartupMs: killer.startupMs.sort((a, b) => a - b)[killer.startupMs.length >> 1],
        requests: outcomes.length,
        issued: issued.length,
        answeredAfterRetry: outcomes.filter((o) => o.attempts > 1).length,
        replayedAnswers: outcomes.filter((o) => o.replayed).length,
        refused: outcomes.length - issued.length,
        attempts: stats.attempts,
        statuses: stats.statuses,
        issuancesInDatabase: books.issuances,
        feeIncome: books.feeIncome,
      };
      console.log(`[faults] ${JSON.stringify(summary)}`);

      expect(killer.kills).toBeGreaterThanOrEqual(20);
      expect(issued.length).toBeGreaterThan(KILLS); // the load really ran between kills
      expect(outcomes.filter((o) => o.attempts > 1).length).toBeGreaterThan(0); // kills hit requests in flight
      expect(books.duplicateKeys).toEqual([]);
      expect(books.answeredMismatches).toEqual([]);
      expect(books.refusedButIssued).toEqual([]);
      expect(books.unknownKeys).toEqual([]);
      expect(books.issuances).toBe(issued.length);
      expect(books.numberGaps).toEqual({});
      expect(books.numberDuplicates).toEqual({});
      expect(books.counterMismatch).toEqual({});
      expect(books.feeMismatches).toEqual([]);
      expect(books.orphanLedgerLines).toBe(0);
      expect(books.ledgerImbalance).toBe(0);
      expect(books.feeIncome).toBe(books.totalFees);
      expect(books.totalFees).toBe(issued.reduce((sum, o) => sum + (o.totalFee ?? 0), 0));
      expect(books.auditProblems).toEqual([]);
      expect(books.auditValid).toBe(true);
      expect(books.auditIssueRows).toBe(books.issuances);
      // Refusals are allowed only for a reason that is not the crash (the kiosk closing mid-run).
      for (const refused of outcomes.filter((o) => o.status !== 200 && o.status !== 201))
        expect(refused.code, JSON.stringify(refused)).toBe('outside_service_hours');
    }, 600_000);
  });
}
