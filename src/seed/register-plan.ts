import type { Day } from './dates.js';
import type { Person } from './people.js';

/**
 * A 戸籍 as the household stories plan it: who is in it, since when, and who
 * left and why. Registers whose 本籍 is elsewhere are planned too — they give
 * residents a consistent 本籍 and 筆頭者 — but only those in the town are stored.
 */

export type LeaveReason = '婚姻' | '死亡' | '離婚';

export interface RegisterMember {
  person: Person;
  enteredOn: Day;
  /** How the person came into the register. */
  entry: 'birth' | 'marriage' | 'compiled' | 'nyuseki';
  leftOn: Day | null;
  leftReason: LeaveReason | null;
  /** The marriage recorded in this register (the couple's register, or the one a child married out of). */
  marriage: {
    on: Day;
    spouseName: string;
    role: '夫' | '妻';
    fromHonseki: string | null;
    fromHittosha: string | null;
  } | null;
  /** Where a member who married out went. */
  newRegister: { honseki: string; hittosha: string } | null;
  /** A divorce recorded for this member. */
  divorce: { on: Day; spouseName: string } | null;
}

export interface RegisterPlan {
  inTown: boolean;
  honseki: string;
  /** 筆頭者: stays the 筆頭者 after death or leaving. */
  head: Person;
  compiledOn: Day;
  compiledReason: '婚姻' | '離婚' | '分籍';
  /** Set when the register moved to this town by 転籍; it was compiled elsewhere. */
  transfer: { on: Day; from: string } | null;
  members: RegisterMember[];
}

export function member(person: Person, enteredOn: Day, entry: RegisterMember['entry']): RegisterMember {
  return {
    person,
    enteredOn,
    entry,
    leftOn: null,
    leftReason: null,
    marriage: null,
    newRegister: null,
    divorce: null,
  };
}
