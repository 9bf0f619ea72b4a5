import { expect, it } from 'vitest';
import { takeIssueNumber } from '../../src/issuance/data/issuance.repository.js';
import { describeOnDrivers } from '../support/databases.js';
import { newMunicipality } from '../support/factories.js';

describeOnDrivers('issue numbering', (ctx) => {
  it('hands out 200 distinct consecutive numbers to 200 concurrent transactions, and takes back rolled-back ones', async () => {
    const { db } = ctx.database;
    await newMunicipality(db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          const n = await takeIssueNumber(trx, '999997', 2026);
          // Every tenth transaction fails after taking its number: it must not leave a gap.
          if (i % 10 === 9) throw new Error('simulated failure after numbering');
          return n;
        }),
      ),
    );
    const numbers = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(numbers).toHaveLength(180);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    const counter = await db.selectFrom('issue_counter').selectAll().executeTakeFirstOrThrow();
    expect(counter.last_number).toBe(180);
  });

  it('numbers each fiscal year from 1', async () => {
    const { db } = ctx.database;
    await newMunicipality(db);
    const n = await db.transaction().execute((trx) => takeIssueNumber(trx, '999997', 2031));
    expect(n).toBe(1);
  });
});
