import { nameKey } from '../../../domain/text-fold.js';
import type { RejectionReason } from './rejection-reasons.js';

/** What the application says, folded for matching (the snapshot of the card holder and the typed keys). */
export interface ApplicationKeys {
  honseki_key: string;
  hittosha_key: string;
  name_key: string;
  birth_date: string;
}

export interface RegisterMember {
  member_no: number;
  family_name: string;
  given_name: string;
  birth_date: string;
  sex: 'M' | 'F';
  relationship: string;
  status: 'in' | 'removed';
}

/** A register with the typed 本籍 and 筆頭者 (both folded keys equal), with its members. */
export interface FoundRegister {
  koseki_id: number;
  honseki: string;
  hittosha: string;
  honseki_key: string;
  hittosha_key: string;
  status: 'active' | 'closed' | 'kaisei_gen';
  members: RegisterMember[];
}

/** What the registers hold for the typed keys. */
export interface RegisterLookup {
  /** Registers (any status) with both the typed 本籍 and 筆頭者. */
  registers: FoundRegister[];
  /** Whether any current register has the typed 本籍, whoever heads it: tells a wrong 筆頭者 from a wrong 本籍. */
  honsekiFound: boolean;
}

export interface Candidate {
  kosekiId: number;
  honseki: string;
  hittosha: string;
  memberNo: number;
  familyName: string;
  givenName: string;
  birthDate: string;
  sex: 'M' | 'F';
  relationship: string;
}

export interface CandidateReport {
  /** Approvable links: a current register with this 本籍 and 筆頭者 and a member still in it with this name and birth date. */
  candidates: Candidate[];
  findings: { honsekiFound: boolean; registerFound: boolean; personFound: boolean };
  /** The reason a reviewer would most likely reject with, when nothing matches. */
  suggestedRejection: RejectionReason | null;
}

/**
 * The registers an application can be linked to. A member matches when the
 * folded name (異体字 alike: 髙 = 高) and the birth date both equal the card
 * holder's resident record; only current registers (not 除籍 or 改製原戸籍,
 * which kiosks never issue) and members not removed from them qualify.
 */
export function matchCandidates(application: ApplicationKeys, found: RegisterLookup): CandidateReport {
  const registers = found.registers.filter(
    (r) =>
      r.status === 'active' &&
      r.honseki_key === application.honseki_key &&
      r.hittosha_key === application.hittosha_key,
  );
  const candidates: Candidate[] = [];
  for (const register of registers)
    for (const member of register.members) {
      if (member.status !== 'in') continue;
      if (member.birth_date !== application.birth_date) continue;
      if (nameKey(member.family_name, member.given_name) !== application.name_key) continue;
      candidates.push({
        kosekiId: register.koseki_id,
        honseki: register.honseki,
        hittosha: register.hittosha,
        memberNo: member.member_no,
        familyName: member.family_name,
        givenName: member.given_name,
        birthDate: member.birth_date,
        sex: member.sex,
        relationship: member.relationship,
      });
    }
  const findings = {
    honsekiFound: found.honsekiFound || registers.length > 0,
    registerFound: registers.length > 0,
    personFound: candidates.length > 0,
  };
  const suggestedRejection: RejectionReason | null = !findings.honsekiFound
    ? 'honseki_mismatch'
    : !findings.registerFound
      ? 'hittosha_mismatch'
      : !findings.personFound
        ? 'no_matching_person'
        : null;
  return { candidates, findings, suggestedRejection };
}

export function isCandidate(report: CandidateReport, kosekiId: number, memberNo: number): boolean {
  return report.candidates.some((c) => c.kosekiId === kosekiId && c.memberNo === memberNo);
}
