import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import {
  applyForKosekiRegistration,
  approveKosekiRegistration,
  type CardHolder,
  type KosekiRegistrationDeps,
  rejectKosekiRegistration,
} from '../../src/channels/koseki-registration/index.js';
import { foldAddress, foldKanji } from '../../src/domain/text-fold.js';
import { AppError } from '../../src/shared/errors.js';
import { describeOnDrivers } from '../support/databases.js';
import { newMunicipality } from '../support/factories.js';
import { newCard, newTestCa, OTHER_TOWN, type TestCa, TOWN, trustCa } from './identity-fixtures.js';

const HONSEKI = '見本県見本市南町7番地';
const reviewer = { type: 'staff' as const, id: 'reviewer-1', terminalId: 'review-01' };
const otherReviewer = { type: 'staff' as const, id: 'reviewer-2', terminalId: 'review-02' };

/** The code of a settled promise: 'ok' or the AppError's code. */
async function outcomes(promises: Promise<unknown>[]) {
  return (await Promise.allSettled(promises)).map((r) =>
    r.status === 'fulfilled' ? 'ok' : r.reason instanceof AppError ? r.reason.code : String(r.reason),
  );
}

describeOnDrivers('利用者登録申請 under concurrent requests', (ctx) => {
  let deps: KosekiRegistrationDeps;
  let ca: TestCa;
  let kosekiId: number;

  beforeAll(async () => {
    const db = ctx.database.db;
    await newMunicipality(db, TOWN);
    await newMunicipality(db, OTHER_TOWN);
    deps = { db, clock: () => new Date('2026-11-24T01:00:00Z') };
    ca = newTestCa();
    await trustCa(db, ca);
    kosekiId = 900_000 + Math.floor(Math.random() * 1_000_000);
    await db
      .insertInto('koseki')
      .values({
        municipality_code: TOWN,
        koseki_id: kosekiId,
        honseki: HONSEKI,
        hittosha: '見本　一郎',
        honseki_key: foldAddress(HONSEKI),
        hittosha_key: foldKanji('見本　一郎'),
        compiled_on: '2005-06-01',
        closed_on: null,
        closed_reason: null,
      })
      .execute();
    // newCard's residents are 見本 花子, born 1980-04-01: member 2 here.
    for (const [no, given, birth, sex] of [
      [1, '一郎', '1978-01-02', 'M'],
      [2, '花子', '1980-04-01', 'F'],
    ] as const)
      await db
        .insertInto('koseki_member')
        .values({
          municipality_code: TOWN,
          koseki_id: kosekiId,
          member_no: no,
          family_name: '見本',
          given_name: given,
          birth_date: birth,
          sex,
          father_name: null,
          mother_name: null,
          relationship: no === 1 ? '夫' : '妻',
          resident_id: null,
          juminhyo_code: null,
        })
        .execute();
  }, 60_000);

  async function holderIn(municipalityCode: string, kioskId = 'store-race'): Promise<CardHolder> {
    const card = await newCard(ctx.database.db, ca, { municipalityCode });
    return { municipalityCode, residentId: card.residentId, cardSerial: card.cardSerial, kioskId };
  }

  const input = (municipalityCode: string, idempotencyKey = `race-${randomBytes(6).toString('hex')}`) => ({
    municipalityCode,
    honseki: HONSEKI,
    hittosha: '見本　一郎',
    idempotencyKey,
  });

  it('lets only one of two kiosks open an application for the same card at once', async () => {
    for (let round = 0; round < 5; round++) {
      const holder = await holderIn(OTHER_TOWN);
      const results = await outcomes([
        applyForKosekiRegistration(deps, { ...holder, kioskId: 'store-a' }, input(TOWN)),
        applyForKosekiRegistration(deps, { ...holder, kioskId: 'store-b' }, input(TOWN)),
      ]);
      expect(results.sort()).toEqual(['koseki_registration.already_pending', 'ok']);
      const rows = await ctx.database.db
        .selectFrom('koseki_user_registration')
        .select('registration_id')
        .where('card_serial', '=', holder.cardSerial)
        .execute();
      expect(rows).toHaveLength(1);
    }
  });

  it('answers a doubled request (same kiosk, same key) with one application', async () => {
    const holder = await holderIn(OTHER_TOWN);
    const same = input(TOWN);
    const [a, b] = await Promise.all([
      applyForKosekiRegistration(deps, holder, same),
      applyForKosekiRegistration(deps, holder, same),
    ]);
    expect(a.registrationId).toBe(b.registrationId);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
  });

  it('records exactly one decision when two reviewers decide at once', async () => {
    for (let round = 0; round < 5; round++) {
      const holder = await holderIn(OTHER_TOWN);
      const { registrationId } = await applyForKosekiRegistration(deps, holder, input(TOWN));
      const results = await outcomes([
        approveKosekiRegistration(deps, reviewer, {
          municipalityCode: TOWN,
          registrationId,
          kosekiId,
          memberNo: 2,
        }),
        rejectKosekiRegistration(deps, otherReviewer, {
          municipalityCode: TOWN,
          registrationId,
          reason: 'no_matching_person',
        }),
      ]);
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      expect(results.filter((r) => r === 'koseki_registration.already_decided')).toHaveLength(1);
      const decided = await ctx.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('municipality_code', '=', TOWN)
        .where('subject_id', '=', registrationId)
        .where('action', 'in', ['koseki_registration.approved', 'koseki_registration.rejected'])
        .execute();
      expect(decided).toHaveLength(1);
    }
  });

  it('writes both towns’ audit rows without deadlock when people of each apply to the other at once', async () => {
    const pairs: [CardHolder, string][] = [];
    for (let i = 0; i < 6; i++)
      pairs.push(i % 2 === 0 ? [await holderIn(OTHER_TOWN), TOWN] : [await holderIn(TOWN), OTHER_TOWN]);
    const results = await outcomes(
      pairs.map(([holder, honseki]) => applyForKosekiRegistration(deps, holder, input(honseki))),
    );
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    for (const code of [TOWN, OTHER_TOWN])
      expect((await verifyAuditChain(ctx.database.db, code)).valid).toBe(true);
  });
});
