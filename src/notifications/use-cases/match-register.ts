/**
 * Puts a notification beside the register: who the movers are there, how
 * their data differs from what was written (or from the former town's transfer
 * record), what acceptance would change, and what stands in its way. Read-only;
 * the caller stores the snapshot when it wants acceptance to rely on it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { kanaKey, nameKey } from '../../domain/text-fold.js';
import type { ErrorDetail } from '../../shared/errors.js';
import { findCandidates, findHouseholdView, findResidentByMyNumber } from '../data/register.repository.js';
import {
  type DraftContent,
  isInMunicipality,
  type Mover,
  type NotificationKind,
} from '../domain/draft-content.js';
import {
  checkJoinHousehold,
  checkMoversHousehold,
  type HouseholdView,
  type MatchSnapshot,
  moverKeys,
  pickMovers,
  type RegisterPerson,
  snapshotOf,
} from '../domain/household-match.js';
import { type ComparablePerson, comparePerson, type FieldComparison } from '../domain/register-diff.js';
import type { TransferPerson, TransferRecord } from '../domain/transfer-record.js';

export interface MoverComparison {
  index: number;
  residentId?: number;
  /** What the draft is compared with. */
  source: 'register' | 'transfer_record';
  fields: FieldComparison[];
}

export interface PlannedMove {
  index: number;
  residentId?: number;
  before: { address: string; katagaki: string | null; householdId: number } | null;
  after: { address: string; katagaki: string | null; status: 'active' | 'moved_out' };
}

export interface RegisterMatch {
  /** Present when nothing stands in the way. */
  snapshot?: MatchSnapshot;
  problems: ErrorDetail[];
  warnings: ErrorDetail[];
  comparisons: MoverComparison[];
  plan: PlannedMove[];
  /** The movers' register rows by position (転居・転出). */
  people: Map<number, RegisterPerson>;
  household?: HouseholdView;
}

const detail = (at: string, ja: string, en: string): ErrorDetail => ({ at, ja, en });

function draftPerson(
  mover: Mover,
  address: DraftContent['from'],
  withRelationship: boolean,
): ComparablePerson {
  return {
    familyName: mover.familyName,
    givenName: mover.givenName,
    familyNameKana: mover.familyNameKana,
    givenNameKana: mover.givenNameKana,
    birthDate: mover.birthDate,
    sex: mover.sex,
    ...(withRelationship ? { relationship: mover.relationship } : {}),
    juminhyoCode: mover.juminhyoCode ?? null,
    address: address?.address ?? null,
    katagaki: address?.katagaki ?? null,
    honseki: mover.honseki ?? null,
    hittosha: mover.hittosha ?? null,
  };
}

function registerComparable(person: RegisterPerson, withRelationship: boolean): ComparablePerson {
  return {
    familyName: person.familyName,
    givenName: person.givenName,
    familyNameKana: person.familyNameKana,
    givenNameKana: person.givenNameKana,
    birthDate: person.birthDate,
    sex: person.sex,
    ...(withRelationship ? { relationship: person.relationship } : {}),
    juminhyoCode: person.juminhyoCode,
    address: person.address,
    katagaki: person.katagaki,
    honseki: person.honseki,
    hittosha: person.hittosha,
  };
}

function recordComparable(person: TransferPerson, record: TransferRecord): ComparablePerson {
  return {
    familyName: person.familyName,
    givenName: person.givenName,
    familyNameKana: person.familyNameKana,
    givenNameKana: person.givenNameKana,
    birthDate: person.birthDate,
    sex: person.sex,
    relationship: person.relationship,
    juminhyoCode: person.juminhyoCode,
    address: record.address.address,
    katagaki: record.address.katagaki ?? null,
    honseki: person.honseki ?? null,
    hittosha: person.hittosha ?? null,
  };
}

/** The transfer record's person for a mover: by 住民票コード, else ふりがな and birth date, else name and birth date. */
export function recordPersonFor(
  mover: Mover,
  record: TransferRecord | undefined,
): TransferPerson | undefined {
  if (!record) return undefined;
  if (mover.juminhyoCode) return record.persons.find((p) => p.juminhyoCode === mover.juminhyoCode);
  const kana = kanaKey(mover.familyNameKana, mover.givenNameKana);
  const name = nameKey(mover.familyName, mover.givenName);
  return (
    record.persons.find(
      (p) => p.birthDate === mover.birthDate && kanaKey(p.familyNameKana, p.givenNameKana) === kana,
    ) ??
    record.persons.find((p) => p.birthDate === mover.birthDate && nameKey(p.familyName, p.givenName) === name)
  );
}

async function householdsOf(trx: Kysely<DB>, municipalityCode: string, people: readonly RegisterPerson[]) {
  const map = new Map<number, HouseholdView>();
  for (const id of new Set(people.filter((p) => p.status === 'active').map((p) => p.householdId))) {
    const view = await findHouseholdView(trx, municipalityCode, id);
    if (view) map.set(id, view);
  }
  return map;
}

const refKey = (ref: { familyName: string; givenName: string; birthDate: string } | undefined) =>
  ref ? [{ nameKey: nameKey(ref.familyName, ref.givenName), birthDate: ref.birthDate }] : [];

export async function matchRegister(
  trx: Kysely<DB>,
  input: {
    municipality: { code: string; prefecture: string; name: string };
    kind: NotificationKind;
    content: DraftContent;
    record: TransferRecord | undefined;
    chosen?: ReadonlyMap<number, number>;
  },
): Promise<RegisterMatch> {
  const { municipality, kind, content, record } = input;
  const code = municipality.code;
  const out: RegisterMatch = { problems: [], warnings: [], comparisons: [], plan: [], people: new Map() };
  const arrangement = content.household?.arrangement;
  const keys = [
    ...moverKeys(content).map((k) => ({ ...k, juminhyoCode: k.juminhyoCode })),
    ...refKey(content.household?.joinHead),
    ...refKey(content.household?.remainingHead),
    ...(record?.persons ?? []).map((p) => ({ birthDate: p.birthDate, juminhyoCode: p.juminhyoCode })),
  ];
  const candidates = await findCandidates(trx, code, keys, [...(input.chosen?.values() ?? [])]);

  if (kind === 'tennyu') {
    const snapshot: MatchSnapshot = { movers: [] };
    for (const [index, mover] of content.movers.entries()) {
      const from = recordPersonFor(mover, record);
      const at = `movers.${index}`;
      const who = `${index + 1}人目（${mover.familyName}${mover.givenName ? `　${mover.givenName}` : ''}）`;
      if (record && !from)
        out.problems.push(
          detail(
            at,
            `${who}が転出証明書のデータにありません。`,
            `Person ${index + 1} is not in the transfer record.`,
          ),
        );
      const code11 = mover.juminhyoCode ?? from?.juminhyoCode;
      if (code11 && candidates.some((c) => c.juminhyoCode === code11 && c.status === 'active'))
        out.problems.push(
          detail(
            at,
            `${who}の住民票コードの方が、すでにこの市区町村の住民です。`,
            `Person ${index + 1}'s juminhyo code belongs to an active resident here.`,
          ),
        );
      const number = mover.myNumber ?? from?.myNumber;
      if (number) {
        const holder = await findResidentByMyNumber(trx, code, number);
        const sameRecord =
          holder &&
          code11 &&
          candidates.some((c) => c.residentId === holder.resident_id && c.juminhyoCode === code11);
        if (holder && (holder.status === 'active' || !sameRecord))
          out.problems.push(
            detail(
              `${at}.myNumber`,
              `${who}の個人番号が、この市区町村の別の住民記録にあります。`,
              `Person ${index + 1}'s My Number is on another record here.`,
            ),
          );
      }
      const twin = candidates.find(
        (c) =>
          c.status === 'active' &&
          c.birthDate === mover.birthDate &&
          c.nameKey === nameKey(mover.familyName, mover.givenName),
      );
      if (twin && !(code11 && twin.juminhyoCode === code11))
        out.warnings.push(
          detail(
            at,
            `${who}と同じ氏名・生年月日の住民がいます。二重登録でないか確認してください。`,
            `A resident with the same name and date of birth as person ${index + 1} exists; check for a duplicate.`,
          ),
        );
      if (from && record)
        out.comparisons.push({
          index,
          source: 'transfer_record',
          fields: comparePerson(draftPerson(mover, content.from, true), recordComparable(from, record)),
        });
      out.plan.push({
        index,
        before: null,
        after: {
          address: content.to?.address ?? '',
          katagaki: content.to?.katagaki ?? null,
          status: 'active',
        },
      });
    }
    if (record) {
      const matched = new Set(content.movers.map((m) => recordPersonFor(m, record)).filter(Boolean));
      const extra = record.persons.filter((p) => !matched.has(p)).length;
      if (extra > 0)
        out.warnings.push(
          detail(
            'movers',
            `転出証明書には、この届出にない方が${extra}人います。`,
            `The transfer record lists ${extra} person(s) not in this notification.`,
          ),
        );
      if (!isInMunicipality(record.destination.address, municipality))
        out.warnings.push(
          detail(
            'transferRecord.destination',
            `転出証明書の転出先が${municipality.name}ではありません（${record.destination.address}）。`,
            `The transfer record names another destination (${record.destination.address}).`,
          ),
        );
    }
    if (arrangement === 'join') {
      const join = checkJoinHousehold(
        content,
        candidates,
        await householdsOf(trx, code, candidates),
        undefined,
      );
      out.problems.push(...join.problems);
      if (join.household) snapshot.join = snapshotOf(join.household);
    }
    if (out.problems.length === 0) out.snapshot = snapshot;
    return out;
  }

  const picked = pickMovers(content, candidates, input.chosen);
  out.problems.push(...picked.problems);
  const withRelationship = kind === 'tenshutsu' || arrangement === 'same';
  for (const { index, person } of picked.picks) {
    out.people.set(index, person);
    const mover = content.movers[index]!;
    out.comparisons.push({
      index,
      residentId: person.residentId,
      source: 'register',
      fields: comparePerson(
        draftPerson(mover, content.from, withRelationship),
        registerComparable(person, withRelationship),
      ),
    });
    out.plan.push({
      index,
      residentId: person.residentId,
      before: { address: person.address, katagaki: person.katagaki, householdId: person.householdId },
      after:
        kind === 'tenshutsu'
          ? { address: destinationText(content.to), katagaki: null, status: 'moved_out' }
          : { address: content.to?.address ?? '', katagaki: content.to?.katagaki ?? null, status: 'active' },
    });
  }
  if (out.problems.length > 0 || picked.picks.length === 0) return out;

  const first = picked.picks[0]!.person;
  const household = await findHouseholdView(trx, code, first.householdId);
  if (!household) {
    out.problems.push(
      detail('movers', '住民記録の世帯が見つかりません。', 'The household is missing from the register.'),
    );
    return out;
  }
  out.household = household;
  const movers = picked.picks.map((p) => p.person);
  const checked = checkMoversHousehold(kind, content, movers, household);
  out.problems.push(...checked.problems);
  const snapshot: MatchSnapshot = {
    movers: picked.picks.map((p) => ({ index: p.index, residentId: p.person.residentId })),
    household: snapshotOf(household),
    ...(checked.remainingHeadResidentId !== undefined
      ? { remainingHeadResidentId: checked.remainingHeadResidentId }
      : {}),
  };
  if (kind === 'tenkyo' && arrangement === 'join') {
    const join = checkJoinHousehold(
      content,
      candidates,
      await householdsOf(trx, code, candidates),
      household.householdId,
    );
    out.problems.push(...join.problems);
    if (join.household) snapshot.join = snapshotOf(join.household);
  }
  if (out.problems.length === 0) out.snapshot = snapshot;
  return out;
}

/** 転出先 as the register keeps it: the country first for an address abroad. */
export function destinationText(to: DraftContent['to']): string {
  if (!to) return '';
  const place = to.country ? `${to.country}　${to.address}` : to.address;
  return to.katagaki ? `${place}　${to.katagaki}` : place;
}
