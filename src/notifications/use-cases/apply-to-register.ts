/**
 * Acceptance's step that writes the register: resident rows, households, the
 * 異動履歴 events and, for a 転出, the abolition of seal registrations — all in
 * the caller's transaction. Every row is locked and compared with the versions
 * the counter saw; any difference aborts the whole acceptance.
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withJuminhyoCheck } from '../../domain/check-digits.js';
import { foldAddress, kanaKey, nameKey } from '../../domain/text-fold.js';
import type { ErrorDetail } from '../../shared/errors.js';
import {
  abolishActiveSeal,
  appendResidentEvent,
  findHouseholdView,
  findResidentByJuminhyoCode,
  insertHousehold,
  insertResident,
  juminhyoCodeTaken,
  lockRegisterIds,
  nextHouseholdId,
  nextResidentId,
  setHouseholdHead,
  updateResident,
} from '../data/register.repository.js';
import { type DraftContent, HEAD } from '../domain/draft-content.js';
import { alreadyResident, registerChanged } from '../domain/errors.js';
import {
  type HouseholdSnapshot,
  type HouseholdView,
  type MatchSnapshot,
  snapshotStillHolds,
} from '../domain/household-match.js';
import type { TransferRecord } from '../domain/transfer-record.js';
import { destinationText, recordPersonFor } from './match-register.js';

export interface ApplyInput {
  municipalityCode: string;
  reference: string;
  kind: 'tennyu' | 'tenkyo' | 'tenshutsu';
  content: DraftContent;
  record: TransferRecord | undefined;
  snapshot: MatchSnapshot;
  /** 届出日: the day of acceptance. */
  notifiedOn: string;
}

export interface AppliedChange {
  residents: { index: number; residentId: number; eventSeq: number; juminhyoCode?: string }[];
  /** The movers' household after the move (the household they left, for a 転出). */
  householdId: number;
  headChange?: { householdId: number; residentId: number };
  sealsAbolished: { residentId: number; registrationNo: number }[];
  reactivated: number[];
}

async function lockedHousehold(
  trx: Kysely<DB>,
  municipalityCode: string,
  snapshot: HouseholdSnapshot,
): Promise<HouseholdView> {
  const now = await findHouseholdView(trx, municipalityCode, snapshot.householdId, { forUpdate: true });
  if (!now || !snapshotStillHolds(snapshot, now)) throw registerChanged();
  return now;
}

function addressFields(address: NonNullable<DraftContent['to']>) {
  return {
    postal_code: address.postalCode ?? '0000000',
    address: address.address,
    katagaki: address.katagaki ?? null,
    address_key: foldAddress(address.address),
  };
}

export async function applyToRegister(trx: Kysely<DB>, input: ApplyInput): Promise<AppliedChange> {
  switch (input.kind) {
    case 'tennyu':
      return applyTennyu(trx, input);
    case 'tenkyo':
      return applyTenkyo(trx, input);
    case 'tenshutsu':
      return applyTenshutsu(trx, input);
  }
}

async function newJuminhyoCode(trx: Kysely<DB>): Promise<string> {
  // Codes come from J-LIS in production; here a random unused one with its check digit.
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = withJuminhyoCheck(String(randomInt(1, 10_000_000_000)).padStart(10, '0'));
    if (!(await juminhyoCodeTaken(trx, code))) return code;
  }
  throw new Error('no free juminhyo code after 20 tries');
}

async function applyTennyu(trx: Kysely<DB>, input: ApplyInput): Promise<AppliedChange> {
  const { content, municipalityCode: code } = input;
  const to = content.to!;
  const moveDate = content.moveDate!;
  await lockRegisterIds(trx, code);
  const join = input.snapshot.join ? await lockedHousehold(trx, code, input.snapshot.join) : undefined;
  let householdId = join?.householdId ?? (await nextHouseholdId(trx, code));
  let nextId = await nextResidentId(trx, code);
  const from = content.from;
  const previousAddress = from ? (from.country ? `${from.country}　${from.address}` : from.address) : null;
  const residents: AppliedChange['residents'] = [];
  const reactivated: number[] = [];
  const conflicts: ErrorDetail[] = [];
  let headId: number | undefined;

  const plans: {
    index: number;
    residentId: number;
    juminhyoCode: string;
    existing: boolean;
    version?: number;
  }[] = [];
  for (const [index, mover] of content.movers.entries()) {
    const sent = recordPersonFor(mover, input.record);
    const juminhyoCode = mover.juminhyoCode ?? sent?.juminhyoCode ?? (await newJuminhyoCode(trx));
    const existing = await findResidentByJuminhyoCode(trx, code, juminhyoCode);
    if (existing?.status === 'active') {
      conflicts.push({
        at: `movers.${index}`,
        ja: `${index + 1}人目の方は、すでにこの市区町村の住民です。`,
        en: `Person ${index + 1} is already an active resident here.`,
      });
      continue;
    }
    // Someone who once lived here keeps the 住民票コード: the old 除票 record becomes current again.
    plans.push(
      existing
        ? { index, residentId: existing.resident_id, juminhyoCode, existing: true, version: existing.version }
        : { index, residentId: nextId++, juminhyoCode, existing: false },
    );
  }
  if (conflicts.length > 0) throw alreadyResident(conflicts);

  if (!join) {
    const head = plans.find((p) => content.movers[p.index]!.relationship === HEAD);
    headId = head?.residentId;
    await insertHousehold(trx, {
      municipalityCode: code,
      householdId,
      headResidentId: headId ?? null,
      createdOn: moveDate,
    });
  } else householdId = join.householdId;

  for (const plan of plans) {
    const mover = content.movers[plan.index]!;
    const sent = recordPersonFor(mover, input.record);
    // The former town's register is the authority for how a name is written.
    const names = sent ?? mover;
    const row = {
      household_id: householdId,
      relationship: mover.relationship,
      family_name: names.familyName,
      given_name: names.givenName,
      family_name_kana: names.familyNameKana,
      given_name_kana: names.givenNameKana,
      name_key: nameKey(names.familyName, names.givenName),
      kana_key: kanaKey(names.familyNameKana, names.givenNameKana),
      birth_date: mover.birthDate,
      sex: mover.sex,
      kojin_bango: mover.myNumber ?? sent?.myNumber ?? null,
      ...addressFields(to),
      resident_since: moveDate,
      address_since: moveDate,
      notified_on: input.notifiedOn,
      previous_address: previousAddress,
      honseki: mover.honseki ?? sent?.honseki ?? null,
      hittosha: mover.hittosha ?? sent?.hittosha ?? null,
      is_foreign: (mover.nationality ?? sent?.nationality) !== undefined,
      nationality: mover.nationality ?? sent?.nationality ?? null,
    };
    if (plan.existing) {
      const ok = await updateResident(trx, code, plan.residentId, plan.version!, {
        ...row,
        status: 'active',
        removed_on: null,
        removal_reason: null,
        moved_to_address: null,
      });
      if (!ok) throw registerChanged();
      reactivated.push(plan.residentId);
    } else {
      await insertResident(trx, {
        municipality_code: code,
        resident_id: plan.residentId,
        juminhyo_code: plan.juminhyoCode,
        ...row,
        removed_on: null,
        removal_reason: null,
        moved_to_address: null,
        residence_status: null,
        residence_period_end: null,
        tsusho: null,
        name_alphabet: null,
      });
    }
    const eventSeq = await appendResidentEvent(trx, {
      municipalityCode: code,
      residentId: plan.residentId,
      type: 'tennyu',
      date: moveDate,
      notifiedOn: input.notifiedOn,
      details: {
        reason: '転入',
        previousAddress,
        notification: input.reference,
        ...(input.record
          ? {
              fromMunicipality: input.record.from.municipalityCode,
              transferCertificate: input.record.certificateNumber,
            }
          : {}),
        ...(join ? { joinedHousehold: householdId } : {}),
      },
    });
    residents.push({
      index: plan.index,
      residentId: plan.residentId,
      eventSeq,
      juminhyoCode: plan.juminhyoCode,
    });
  }
  return {
    residents,
    householdId,
    ...(headId !== undefined ? { headChange: { householdId, residentId: headId } } : {}),
    sealsAbolished: [],
    reactivated,
  };
}

/** When the head leaves part of a household, the one named becomes head of those who stay. */
async function changeRemainingHead(
  trx: Kysely<DB>,
  input: ApplyInput,
  household: HouseholdView,
  moving: Set<number>,
): Promise<AppliedChange['headChange']> {
  const headId = input.snapshot.remainingHeadResidentId;
  if (headId === undefined) return undefined;
  await setHouseholdHead(trx, input.municipalityCode, household.householdId, headId);
  for (const member of household.members) {
    if (moving.has(member.residentId)) continue;
    if (member.residentId === headId) {
      const ok = await updateResident(trx, input.municipalityCode, headId, member.version, {
        relationship: HEAD,
      });
      if (!ok) throw registerChanged();
    }
    await appendResidentEvent(trx, {
      municipalityCode: input.municipalityCode,
      residentId: member.residentId,
      type: 'setai_henko',
      date: input.content.moveDate!,
      notifiedOn: input.notifiedOn,
      details: { reason: '世帯主変更', newHead: headId, notification: input.reference },
    });
  }
  return { householdId: household.householdId, residentId: headId };
}

async function applyTenkyo(trx: Kysely<DB>, input: ApplyInput): Promise<AppliedChange> {
  const { content, municipalityCode: code, snapshot } = input;
  const to = content.to!;
  const moveDate = content.moveDate!;
  const household = await lockedHousehold(trx, code, snapshot.household!);
  const join = snapshot.join ? await lockedHousehold(trx, code, snapshot.join) : undefined;
  const arrangement = content.household?.arrangement ?? 'same';
  let householdId = household.householdId;
  if (arrangement === 'join' && join) householdId = join.householdId;
  if (arrangement === 'new') {
    await lockRegisterIds(trx, code);
    householdId = await nextHouseholdId(trx, code);
    const head = snapshot.movers.find((m) => content.movers[m.index]!.relationship === HEAD);
    await insertHousehold(trx, {
      municipalityCode: code,
      householdId,
      headResidentId: head?.residentId ?? null,
      createdOn: moveDate,
    });
  }
  const moving = new Set(snapshot.movers.map((m) => m.residentId));
  const byId = new Map(household.members.map((m) => [m.residentId, m]));
  const residents: AppliedChange['residents'] = [];
  for (const { index, residentId } of snapshot.movers) {
    const before = byId.get(residentId);
    if (!before) throw registerChanged();
    const mover = content.movers[index]!;
    const ok = await updateResident(trx, code, residentId, before.version, {
      ...addressFields(to),
      address_since: moveDate,
      notified_on: input.notifiedOn,
      previous_address: before.address,
      ...(arrangement === 'same' ? {} : { household_id: householdId, relationship: mover.relationship }),
    });
    if (!ok) throw registerChanged();
    const eventSeq = await appendResidentEvent(trx, {
      municipalityCode: code,
      residentId,
      type: 'tenkyo',
      date: moveDate,
      notifiedOn: input.notifiedOn,
      details: {
        reason: '転居',
        previousAddress: before.address,
        address: to.address,
        notification: input.reference,
        ...(arrangement === 'same' ? {} : { fromHousehold: household.householdId, toHousehold: householdId }),
      },
    });
    residents.push({ index, residentId, eventSeq });
  }
  const headChange = await changeRemainingHead(trx, input, household, moving);
  return {
    residents,
    householdId,
    ...(headChange ? { headChange } : {}),
    sealsAbolished: [],
    reactivated: [],
  };
}

async function applyTenshutsu(trx: Kysely<DB>, input: ApplyInput): Promise<AppliedChange> {
  const { content, municipalityCode: code, snapshot } = input;
  const moveDate = content.moveDate!;
  const household = await lockedHousehold(trx, code, snapshot.household!);
  const byId = new Map(household.members.map((m) => [m.residentId, m]));
  const moving = new Set(snapshot.movers.map((m) => m.residentId));
  const destination = destinationText(content.to);
  const residents: AppliedChange['residents'] = [];
  const sealsAbolished: AppliedChange['sealsAbolished'] = [];
  for (const { index, residentId } of snapshot.movers) {
    const before = byId.get(residentId);
    if (!before) throw registerChanged();
    const ok = await updateResident(trx, code, residentId, before.version, {
      status: 'moved_out',
      removed_on: moveDate,
      removal_reason: '転出',
      moved_to_address: destination,
      notified_on: input.notifiedOn,
    });
    if (!ok) throw registerChanged();
    const eventSeq = await appendResidentEvent(trx, {
      municipalityCode: code,
      residentId,
      type: 'tenshutsu',
      date: moveDate,
      notifiedOn: input.notifiedOn,
      details: { reason: '転出', destination, notification: input.reference },
    });
    // 印鑑登録 ends with the residence: abolished on the day the 転出 is notified.
    const registrationNo = await abolishActiveSeal(trx, code, residentId, input.notifiedOn, '転出');
    if (registrationNo !== undefined) sealsAbolished.push({ residentId, registrationNo });
    residents.push({ index, residentId, eventSeq, juminhyoCode: before.juminhyoCode });
  }
  const headChange = await changeRemainingHead(trx, input, household, moving);
  return {
    residents,
    householdId: household.householdId,
    ...(headChange ? { headChange } : {}),
    sealsAbolished,
    reactivated: [],
  };
}
