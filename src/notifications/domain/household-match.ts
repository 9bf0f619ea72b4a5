/**
 * Finding the movers of a 転居 or 転出 in the register, and checking that the
 * draft still describes the household as the register has it. A draft written
 * days ago may be out of date — someone moved meanwhile, a child was born — and
 * then it must be refused with words the clerk can read to the resident, never
 * applied to the wrong people. The versions of every row seen are kept, so the
 * acceptance can tell that nothing changed between the counter's check and the
 * moment the change is written.
 */
import { foldAddress, kanaKey, nameKey } from '../../domain/text-fold.js';
import type { ErrorDetail } from '../../shared/errors.js';
import { type DraftContent, HEAD, type NotificationKind, type PersonRef } from './draft-content.js';

/** The register's view of a person, as the matching needs it. */
export interface RegisterPerson {
  residentId: number;
  householdId: number;
  version: number;
  status: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: string;
  relationship: string;
  juminhyoCode: string;
  postalCode: string;
  address: string;
  katagaki: string | null;
  honseki: string | null;
  hittosha: string | null;
  /** 住民となった年月日 */
  residentSince: string;
  /** 個人番号: only ever copied into a transfer record, never shown. */
  myNumber: string | null;
  nameKey: string;
  kanaKey: string;
}

export interface HouseholdSnapshot {
  householdId: number;
  headResidentId: number | null;
  /** Every active member with the version seen. */
  members: { residentId: number; version: number }[];
}

/** What the counter matched; stored (sealed) with the notification and checked again on acceptance. */
export interface MatchSnapshot {
  movers: { index: number; residentId: number }[];
  household?: HouseholdSnapshot;
  join?: HouseholdSnapshot;
  /** The member who becomes head of those who stay. */
  remainingHeadResidentId?: number;
}

export interface HouseholdView {
  householdId: number;
  headResidentId: number | null;
  members: RegisterPerson[];
}

const moverName = (content: DraftContent, index: number) => {
  const m = content.movers[index];
  return m ? `${m.familyName}${m.givenName ? `　${m.givenName}` : ''}` : '';
};

const detail = (at: string, ja: string, en: string): ErrorDetail => ({ at, ja, en });

/** The search keys of each mover: what the repository looks up among active residents. */
export function moverKeys(content: DraftContent) {
  return content.movers.map((m) => ({
    kanaKey: kanaKey(m.familyNameKana, m.givenNameKana),
    nameKey: nameKey(m.familyName, m.givenName),
    birthDate: m.birthDate,
    juminhyoCode: m.juminhyoCode,
  }));
}

/**
 * Picks one active resident for each mover: by 住民票コード when given, otherwise
 * by ふりがな and date of birth, narrowed by the written name and then by the
 * address moved from. A clerk's explicit
 * choice wins but must still be a candidate of the same birth date.
 */
export function pickMovers(
  content: DraftContent,
  candidates: readonly RegisterPerson[],
  chosen: ReadonlyMap<number, number> = new Map(),
): { picks: { index: number; person: RegisterPerson }[]; problems: ErrorDetail[] } {
  const keys = moverKeys(content);
  const picks: { index: number; person: RegisterPerson }[] = [];
  const problems: ErrorDetail[] = [];
  keys.forEach((key, index) => {
    const at = `movers.${index}`;
    const who = `${index + 1}人目（${moverName(content, index)}）`;
    const whoEn = `Person ${index + 1}`;
    const explicit = chosen.get(index);
    let pool: RegisterPerson[];
    if (explicit !== undefined) {
      pool = candidates.filter((c) => c.residentId === explicit && c.birthDate === key.birthDate);
    } else if (key.juminhyoCode) {
      pool = candidates.filter((c) => c.juminhyoCode === key.juminhyoCode);
    } else {
      pool = candidates.filter((c) => c.kanaKey === key.kanaKey && c.birthDate === key.birthDate);
      const byName = pool.filter((c) => c.nameKey === key.nameKey);
      if (byName.length > 0) pool = byName;
    }
    let active = pool.filter((c) => c.status === 'active');
    // Namesakes born the same day: the one living at the address the draft moves from.
    const from = content.from?.address;
    if (active.length > 1 && from && explicit === undefined) {
      const here = active.filter((c) => foldAddress(c.address) === foldAddress(from));
      if (here.length > 0) active = here;
    }
    if (active.length === 1) {
      picks.push({ index, person: active[0]! });
      return;
    }
    if (active.length > 1) {
      problems.push(
        detail(
          at,
          `${who}に当てはまる住民が複数います。住民記録から本人を選んでください。`,
          `${whoEn} matches several residents; choose the person from the register.`,
        ),
      );
      return;
    }
    problems.push(
      pool.length > 0
        ? detail(
            at,
            `${who}は、住民記録では現在この市区町村の住民ではありません（転出・死亡など）。`,
            `${whoEn} is no longer an active resident of this municipality (moved out or deceased).`,
          )
        : detail(
            at,
            `${who}が住民記録に見つかりません。氏名・ふりがな・生年月日をお確かめください。`,
            `${whoEn} is not found in the register; check the name, kana and date of birth.`,
          ),
    );
  });
  const seen = new Map<number, number>();
  for (const pick of picks) {
    const earlier = seen.get(pick.person.residentId);
    if (earlier !== undefined)
      problems.push(
        detail(
          `movers.${pick.index}`,
          `${pick.index + 1}人目と${earlier + 1}人目が住民記録の同じ方に当たります。`,
          `Persons ${earlier + 1} and ${pick.index + 1} are the same resident.`,
        ),
      );
    else seen.set(pick.person.residentId, pick.index);
  }
  return { picks, problems };
}

export function refMatches(ref: PersonRef, person: RegisterPerson): boolean {
  return person.nameKey === nameKey(ref.familyName, ref.givenName) && person.birthDate === ref.birthDate;
}

export function isHeadOf(person: RegisterPerson, household: HouseholdView): boolean {
  return household.headResidentId === person.residentId || person.relationship === HEAD;
}

export function snapshotOf(household: HouseholdView): HouseholdSnapshot {
  return {
    householdId: household.householdId,
    headResidentId: household.headResidentId,
    members: household.members
      .map((m) => ({ residentId: m.residentId, version: m.version }))
      .sort((a, b) => a.residentId - b.residentId),
  };
}

/**
 * Checks the movers' household against the draft (転居・転出): all movers live
 * together, "whole household" means everyone, and when the head leaves a part
 * of the household the new head of those who stay is one of them.
 */
export function checkMoversHousehold(
  kind: NotificationKind,
  content: DraftContent,
  movers: readonly RegisterPerson[],
  household: HouseholdView,
): { remainingHeadResidentId?: number; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  if (movers.some((m) => m.householdId !== household.householdId)) {
    problems.push(
      detail(
        'movers',
        '異動する方が住民記録では別々の世帯に属しています。世帯ごとに届け出てください。',
        'The movers belong to different households in the register; file one notification per household.',
      ),
    );
    return { problems };
  }
  const moving = new Set(movers.map((m) => m.residentId));
  const staying = household.members.filter((m) => !moving.has(m.residentId));
  if (content.wholeHousehold && staying.length > 0) {
    problems.push(
      detail(
        'wholeHousehold',
        `世帯全員の異動とされていますが、住民記録の世帯には届出にない方が${staying.length}人います。`,
        `The draft says the whole household moves, but ${staying.length} member(s) of the household in the register are not in it.`,
      ),
    );
    return { problems };
  }
  if (!content.wholeHousehold && staying.length === 0) {
    problems.push(
      detail(
        'wholeHousehold',
        '世帯の全員が異動します。「世帯全員」を選んでください。',
        'Every member of the household moves: choose "whole household".',
      ),
    );
    return { problems };
  }
  const headLeaves = movers.some((m) => isHeadOf(m, household));
  const remaining = content.household?.remainingHead;
  if (headLeaves && staying.length > 0) {
    if (!remaining) {
      problems.push(
        detail(
          'household.remainingHead',
          '世帯主が異動します。残る方の新しい世帯主を入力してください。',
          'The head of the household moves; name the new head of those who stay.',
        ),
      );
      return { problems };
    }
    const head = staying.find((m) => refMatches(remaining, m));
    if (!head) {
      problems.push(
        detail(
          'household.remainingHead',
          '新しい世帯主が、残る世帯員の中に見つかりません。',
          'The new head is not one of the members who stay.',
        ),
      );
      return { problems };
    }
    return { remainingHeadResidentId: head.residentId, problems };
  }
  if (kind === 'tenkyo' && content.household?.arrangement === 'new' && content.wholeHousehold) {
    // A whole household moving keeps its household; "new" would split nothing from it.
    problems.push(
      detail(
        'household.arrangement',
        '世帯全員の転居では、世帯はそのままです。',
        'A whole household moving within the town keeps its household.',
      ),
    );
  }
  return { problems };
}

/** The household a 転入 or 転居 joins: its head must be named and found, and be its head. */
export function checkJoinHousehold(
  content: DraftContent,
  candidates: readonly RegisterPerson[],
  households: ReadonlyMap<number, HouseholdView>,
  ownHouseholdId: number | undefined,
): { household?: HouseholdView; problems: ErrorDetail[] } {
  const ref = content.household?.joinHead;
  if (!ref) return { problems: [] };
  const heads = candidates.filter((c) => c.status === 'active' && refMatches(ref, c));
  const found = heads.filter((c) => {
    const household = households.get(c.householdId);
    return household !== undefined && isHeadOf(c, household);
  });
  if (found.length !== 1) {
    return {
      problems: [
        detail(
          'household.joinHead',
          found.length === 0
            ? '入る世帯の世帯主が住民記録に見つかりません。'
            : '入る世帯の世帯主に当てはまる住民が複数います。',
          found.length === 0
            ? 'The head of the household to join is not found in the register.'
            : 'Several residents match the head of the household to join.',
        ),
      ],
    };
  }
  const household = households.get(found[0]!.householdId)!;
  if (ownHouseholdId !== undefined && household.householdId === ownHouseholdId)
    return {
      problems: [
        detail(
          'household.joinHead',
          '入る世帯が、今の世帯と同じです。',
          'The household to join is the movers’ own household.',
        ),
      ],
    };
  return { household, problems: [] };
}

/** True when the register still holds the household exactly as the snapshot saw it. */
export function snapshotStillHolds(snapshot: HouseholdSnapshot, now: HouseholdView): boolean {
  const current = snapshotOf(now);
  return (
    current.headResidentId === snapshot.headResidentId &&
    current.members.length === snapshot.members.length &&
    current.members.every(
      (m, i) =>
        m.residentId === snapshot.members[i]!.residentId && m.version === snapshot.members[i]!.version,
    )
  );
}
