/**
 * The crash test's parts: clients that keep asking for certificates and retry
 * each request under its own idempotency key until they get an answer, a
 * killer that SIGKILLs the server process group at random moments and starts
 * it again, and the checks run on the database afterwards.
 */

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { DEMO_MUNICIPALITY, type IssuanceAnswer, type IssuanceClient } from '../../bench/issuance-client.js';
import type { ServerProcess } from '../../bench/server-process.js';
import { verifyAuditChain } from '../../src/audit/index.js';
import type { DB } from '../../src/db/schema.js';
import { ledgerImbalance } from '../../src/issuance/data/issuance.repository.js';

/** The final answer a client got for one idempotency key. */
export interface Outcome {
  key: string;
  residentId: number;
  /** HTTP status of the final answer: 200/201 issued, 4xx or 503 outside hours refused. */
  status: number;
  code?: string;
  issuanceId?: string;
  issueNumber?: number;
  fiscalYear?: number;
  totalFee?: number;
  pdfSha256?: string;
  /** Attempts it took (1 = answered at once). */
  attempts: number;
  replayed: boolean;
}

/** Statuses after which the same request must be sent again: no answer, or "try again". */
export function mustRetry(answer: IssuanceAnswer): boolean {
  if (answer.status === 0) return true; // connection refused or reset: the server is down or died mid-request
  if (answer.status >= 500 && answer.body?.code !== 'outside_service_hours') return true;
  return false;
}

export interface ClientStats {
  attempts: number;
  retries: number;
  /** Answers by status (and problem code), over every attempt. */
  statuses: Record<string, number>;
}

/**
 * One client: new keys one after another until `stop()`; every key is sent
 * again (same body) until answered. Never abandons a key, so at the end
 * every key it made has a final answer.
 */
export function runClient(
  client: IssuanceClient,
  name: string,
  residents: readonly number[],
  outcomes: Outcome[],
  stats: ClientStats,
) {
  let stopping = false;
  let n = 0;
  const done = (async () => {
    while (!stopping) {
      const key = `crash-${name}-${++n}`;
      const residentId = residents[(n * 7 + name.length) % residents.length]!;
      let attempts = 0;
      for (;;) {
        attempts++;
        stats.attempts++;
        const answer = await client.issue(key, residentId);
        const label = `${answer.status}${answer.body?.code ? ` ${String(answer.body.code)}` : ''}`;
        stats.statuses[label] = (stats.statuses[label] ?? 0) + 1;
        if (!mustRetry(answer)) {
          const body = answer.body ?? {};
          outcomes.push({
            key,
            residentId,
            status: answer.status,
            ...(typeof body.code === 'string' ? { code: body.code } : {}),
            ...(typeof body.issuanceId === 'string' ? { issuanceId: body.issuanceId } : {}),
            ...(typeof body.issueNumber === 'number' ? { issueNumber: body.issueNumber } : {}),
            ...(typeof body.fiscalYear === 'number' ? { fiscalYear: body.fiscalYear } : {}),
            ...(typeof body.totalFee === 'number' ? { totalFee: body.totalFee } : {}),
            ...(answer.pdfSha256 ? { pdfSha256: answer.pdfSha256 } : {}),
            attempts,
            replayed: body.replayed === true,
          });
          break;
        }
        stats.retries++;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      await done;
    },
  };
}

export interface Killer {
  kills: number;
  /** Kills that landed while the server was still starting (before /healthz answered). */
  killsDuringStartup: number;
  restarts: number;
  startupMs: number[];
}

/**
 * Kills the server `times` times with SIGKILL to its process group and starts
 * it again on the same port and data. About one kill in five lands during
 * start-up; the others at a random moment of the load.
 */
export async function killRepeatedly(
  start: () => Promise<ServerProcess>,
  first: ServerProcess,
  times: number,
  random: () => number,
  onServer: (server: ServerProcess) => void,
  /** Requests answered so far: each server that got ready answers one before it is killed. */
  answered: () => number = () => 0,
): Promise<{ server: ServerProcess; killer: Killer }> {
  const killer: Killer = { kills: 0, killsDuringStartup: 0, restarts: 0, startupMs: [] };
  let server = first;
  while (killer.kills < times) {
    if (random() < 0.2 && killer.kills > 0) {
      // A kill while the server starts: migrations, key loading, listening.
      await new Promise((r) => setTimeout(r, random() * 1500));
      killer.killsDuringStartup++;
    } else {
      const startedAt = performance.now();
      const before = answered();
      await server.ready();
      killer.startupMs.push(Math.round(performance.now() - startedAt));
      // On a loaded machine the first certificates after a start can take seconds (threads
      // load the font): wait for one answer, so the kills land on a server under real load.
      const deadline = Date.now() + 60_000;
      while (answered() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300 + random() * 2200));
    }
    await server.kill();
    killer.kills++;
    server = await start();
    killer.restarts++;
    onServer(server);
  }
  await server.ready();
  return { server, killer };
}

export interface LedgerReport {
  issuances: number;
  /** Keys with more than one issuance (the unique constraint should make this impossible). */
  duplicateKeys: string[];
  /** Answered (2xx) keys without exactly one issuance, or with another issuance id, number or hash. */
  answeredMismatches: string[];
  /** Refused keys that nevertheless have an issuance. */
  refusedButIssued: string[];
  /** Issuances under keys no client ever sent. */
  unknownKeys: string[];
  /** Per fiscal year: numbers missing from 1..max, and numbers used twice. */
  numberGaps: Record<number, number[]>;
  numberDuplicates: Record<number, number[]>;
  /** The counter's last number per fiscal year against the highest issued one. */
  counterMismatch: Record<number, { counter: number; highest: number }>;
  /** Issuances whose fee-income credit is not exactly their total fee, once. */
  feeMismatches: string[];
  ledgerImbalance: number;
  feeIncome: number;
  totalFees: number;
  /** Ledger lines that belong to no issuance. */
  orphanLedgerLines: number;
  auditValid: boolean;
  auditProblems: string[];
  auditIssueRows: number;
}

export async function checkBooks(db: Kysely<DB>, outcomes: readonly Outcome[]): Promise<LedgerReport> {
  const code = DEMO_MUNICIPALITY;
  const rows = await db
    .selectFrom('issuance')
    .select(['idempotency_key', 'issuance_id', 'issue_number', 'fiscal_year', 'total_fee', 'content_sha256'])
    .where('municipality_code', '=', code)
    .execute();
  const byKey = new Map<string, typeof rows>();
  for (const row of rows) byKey.set(row.idempotency_key, [...(byKey.get(row.idempotency_key) ?? []), row]);
  const sent = new Map(outcomes.map((o) => [o.key, o]));

  const duplicateKeys = [...byKey].filter(([, list]) => list.length > 1).map(([key]) => key);
  const answeredMismatches: string[] = [];
  const refusedButIssued: string[] = [];
  for (const outcome of outcomes) {
    const found = byKey.get(outcome.key) ?? [];
    if (outcome.status === 200 || outcome.status === 201) {
      const row = found[0];
      if (
        found.length !== 1 ||
        !row ||
        row.issuance_id !== outcome.issuanceId ||
        row.issue_number !== outcome.issueNumber ||
        row.fiscal_year !== outcome.fiscalYear ||
        row.total_fee !== outcome.totalFee ||
        (outcome.pdfSha256 !== undefined && row.content_sha256 !== outcome.pdfSha256)
      )
        answeredMismatches.push(outcome.key);
    } else if (found.length > 0) refusedButIssued.push(outcome.key);
  }
  const unknownKeys = [...byKey.keys()].filter((key) => !sent.has(key));

  const numberGaps: Record<number, number[]> = {};
  const numberDuplicates: Record<number, number[]> = {};
  const byYear = new Map<number, number[]>();
  for (const row of rows)
    byYear.set(row.fiscal_year, [...(byYear.get(row.fiscal_year) ?? []), row.issue_number]);
  for (const [year, numbers] of byYear) {
    const sorted = [...numbers].sort((a, b) => a - b);
    const seen = new Set<number>();
    const twice: number[] = [];
    for (const n of sorted) {
      if (seen.has(n)) twice.push(n);
      seen.add(n);
    }
    const highest = sorted.at(-1) ?? 0;
    const missing: number[] = [];
    for (let n = 1; n <= highest; n++) if (!seen.has(n)) missing.push(n);
    if (missing.length) numberGaps[year] = missing;
    if (twice.length) numberDuplicates[year] = twice;
  }
  const counters = await db
    .selectFrom('issue_counter')
    .select(['fiscal_year', 'last_number'])
    .where('municipality_code', '=', code)
    .execute();
  const counterMismatch: LedgerReport['counterMismatch'] = {};
  for (const counter of counters) {
    const highest = Math.max(0, ...(byYear.get(counter.fiscal_year) ?? []));
    if (counter.last_number !== highest)
      counterMismatch[counter.fiscal_year] = { counter: counter.last_number, highest };
  }

  const income = await sql<{ issuance_id: string; credit: number; lines: number }>`
    select issuance_id, sum(credit)::int8 as credit, count(*)::int as lines
    from ledger_entry where municipality_code = ${code} and account = 'fee_income'
    group by issuance_id`.execute(db);
  const incomeById = new Map(income.rows.map((r) => [r.issuance_id, r]));
  const feeMismatches = rows
    .filter((row) => {
      const entry = incomeById.get(row.issuance_id);
      return row.total_fee === 0
        ? entry !== undefined
        : entry?.lines !== 1 || Number(entry.credit) !== row.total_fee;
    })
    .map((row) => row.idempotency_key);
  const orphans = await sql<{ n: number }>`
    select count(*)::int as n from ledger_entry l
    where l.municipality_code = ${code}
      and not exists (select 1 from issuance i where i.municipality_code = l.municipality_code and i.issuance_id = l.issuance_id)`.execute(
    db,
  );
  const balance = await ledgerImbalance(db, code);
  const feeIncome = income.rows.reduce((sum, r) => sum + Number(r.credit), 0);
  const totalFees = rows.reduce((sum, r) => sum + r.total_fee, 0);
  const audit = await verifyAuditChain(db, code);
  const issueRows = await sql<{ n: number }>`
    select count(*)::int as n from audit_log where municipality_code = ${code} and action = 'certificate.issue'`.execute(
    db,
  );
  return {
    issuances: rows.length,
    duplicateKeys,
    answeredMismatches,
    refusedButIssued,
    unknownKeys,
    numberGaps,
    numberDuplicates,
    counterMismatch,
    feeMismatches,
    ledgerImbalance: balance.imbalance,
    feeIncome,
    totalFees,
    orphanLedgerLines: orphans.rows[0]?.n ?? 0,
    auditValid: audit.valid,
    auditProblems: audit.problems.map((p) => `row ${p.seq}: ${p.problem}`),
    auditIssueRows: issueRows.rows[0]?.n ?? 0,
  };
}
