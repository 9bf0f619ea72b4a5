/**
 * The crash test is only as good as its checks: on real issuances, checkBooks
 * finds nothing; after each kind of damage a crash could cause (a lost ledger
 * line, a skipped number, a second charge, an issuance nobody asked for, an
 * answer that names another issuance) it names the damage.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { issueCertificate } from '../../src/issuance/use-cases/issue-certificate.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';
import { newFamily } from '../support/factories.js';
import { checkBooks, type Outcome } from './crash-harness.js';

describeOnDrivers('crash test book checks', (ctx) => {
  it('pass on real issuances and name every kind of damage', async () => {
    const db = ctx.database.db;
    const engine = await createTestEngine(ctx.database);
    const family = await newFamily(db, { size: 3 });
    const outcomes: Outcome[] = [];
    for (const [i, member] of family.members.entries()) {
      const issued = await issueCertificate(
        engine,
        { type: 'kiosk', id: 'kiosk-1' },
        {
          municipalityCode: '999997',
          idempotencyKey: `books-check-${i}-${ctx.kind}`,
          channel: 'kiosk',
          kioskKind: 'store',
          subject: { residentId: member.resident_id },
          requester: {
            relation: 'self',
            identityVerified: true,
            residentId: member.resident_id,
            presented: { myNumberCard: true },
          },
          options: { certificate: 'juminhyo', scope: 'members', residentIds: [member.resident_id] },
          payment: 'cash',
        },
      );
      outcomes.push({
        key: `books-check-${i}-${ctx.kind}`,
        residentId: member.resident_id,
        status: 201,
        issuanceId: issued.issuanceId,
        issueNumber: issued.issueNumber,
        fiscalYear: issued.fiscalYear,
        totalFee: issued.totalFee,
        attempts: 1,
        replayed: false,
      });
    }
    const clean = await checkBooks(db, outcomes);
    expect(clean).toMatchObject({
      issuances: 3,
      duplicateKeys: [],
      answeredMismatches: [],
      refusedButIssued: [],
      unknownKeys: [],
      numberGaps: {},
      numberDuplicates: {},
      counterMismatch: {},
      feeMismatches: [],
      ledgerImbalance: 0,
      orphanLedgerLines: 0,
      auditValid: true,
      auditIssueRows: 3,
    });
    expect(clean.feeIncome).toBe(600);

    // A refused request that left an issuance behind, and an answer naming another issuance.
    const refused: Outcome = { ...outcomes[0]!, status: 409, code: 'idempotency_key_reused' };
    const swapped: Outcome = { ...outcomes[1]!, issuanceId: outcomes[2]!.issuanceId };
    const misread = await checkBooks(db, [refused, swapped, outcomes[2]!]);
    expect(misread.refusedButIssued).toEqual([outcomes[0]!.key]);
    expect(misread.answeredMismatches).toEqual([outcomes[1]!.key]);

    // A lost fee line: the ledger no longer balances and the fee is not booked once.
    const [first, second, third] = outcomes as [Outcome, Outcome, Outcome];
    await sql`delete from ledger_entry where issuance_id = ${first.issuanceId} and account = 'fee_income'`.execute(
      db,
    );
    const lost = await checkBooks(db, outcomes);
    expect(lost.feeMismatches).toEqual([first.key]);
    expect(lost.ledgerImbalance).toBe(200);
    expect(lost.feeIncome).toBe(lost.totalFees - 200);
    // A second charge for the same issuance.
    await sql`insert into ledger_entry (municipality_code, issuance_id, line_no, account, debit, credit, occurred_at)
      select municipality_code, issuance_id, 99, account, debit, credit, occurred_at from ledger_entry
      where issuance_id = ${second.issuanceId} and account = 'fee_income'`.execute(db);
    // A skipped number.
    await sql`update issuance set issue_number = issue_number + 5 where issuance_id = ${third.issuanceId}`.execute(
      db,
    );
    const damaged = await checkBooks(db, outcomes);
    expect(damaged.feeMismatches.sort()).toEqual([first.key, second.key].sort());
    expect(Object.values(damaged.numberGaps).flat().length).toBeGreaterThan(0);
    expect(Object.keys(damaged.counterMismatch)).toHaveLength(1);
    expect(damaged.answeredMismatches).toEqual([third.key]);
    // An issuance under a key no client sent.
    expect((await checkBooks(db, outcomes.slice(1))).unknownKeys).toEqual([first.key]);
  });
});
