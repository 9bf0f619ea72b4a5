import { afterAll, expect, it } from 'vitest';
import { issueCertificate } from '../../src/issuance/use-cases/issue-certificate.js';
import { workerPipeline } from '../../src/issuance/use-cases/worker-pipeline.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';
import { newFamily } from '../support/factories.js';

const pool = workerPipeline({ size: 2 });
afterAll(() => pool.close());

describeOnDrivers('rendering on worker threads', (ctx) => {
  it('gives byte-identical certificates to in-process rendering', async () => {
    const engine = await createTestEngine(ctx.database);
    const family = await newFamily(ctx.database.db, { size: 3 });
    const request = {
      municipalityCode: '999997',
      idempotencyKey: `worker-${ctx.kind}-1`,
      channel: 'counter' as const,
      subject: { residentId: family.members[0]!.resident_id },
      requester: { relation: 'self' as const, identityVerified: true },
      options: { certificate: 'juminhyo' as const, scope: 'household' as const },
      payment: 'cash' as const,
    };
    const viaWorkers = await issueCertificate(
      { ...engine, pipeline: pool },
      { type: 'system', id: 't' },
      request,
    );
    // The replay renders again in-process from the recorded inputs and checks the hash.
    const replayed = await issueCertificate(engine, { type: 'system', id: 't' }, request);
    expect(replayed.replayed).toBe(true);
    expect(Buffer.from(replayed.pdf).equals(Buffer.from(viaWorkers.pdf))).toBe(true);
  });

  it('aborts the whole issuance when rendering overruns its time, leaving no number and no fee', async () => {
    const engine = await createTestEngine(ctx.database);
    const family = await newFamily(ctx.database.db, { size: 1 });
    const slow = workerPipeline({ size: 1, jobTimeoutMs: 1 });
    const before = await ctx.database.db.selectFrom('issue_counter').selectAll().execute();
    const attempt = issueCertificate(
      { ...engine, pipeline: slow },
      { type: 'system', id: 't' },
      {
        municipalityCode: '999997',
        idempotencyKey: `worker-${ctx.kind}-timeout`,
        channel: 'counter',
        subject: { residentId: family.members[0]!.resident_id },
        requester: { relation: 'self', identityVerified: true },
        options: { certificate: 'juminhyo', scope: 'household' },
        payment: 'cash',
      },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'issuance_timeout' });
    await slow.close();
    expect(await ctx.database.db.selectFrom('issue_counter').selectAll().execute()).toEqual(before);
    const issued = await ctx.database.db
      .selectFrom('issuance')
      .select('issuance_id')
      .where('idempotency_key', '=', `worker-${ctx.kind}-timeout`)
      .execute();
    expect(issued).toHaveLength(0);
  });
});
