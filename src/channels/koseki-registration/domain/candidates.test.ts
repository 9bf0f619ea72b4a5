import { describe, expect, it } from 'vitest';
import { foldAddress, foldKanji, nameKey } from '../../../domain/text-fold.js';
import { type FoundRegister, isCandidate, matchCandidates, type RegisterMember } from './candidates.js';

/** The lookup as the repository gives it: registers with both keys, and whether the 本籍 exists at all. */
const lookup = (registers: FoundRegister[], honsekiFound = false) => ({ registers, honsekiFound });

const HONSEKI = '見本県見本市本町二丁目3番地';

function member(no: number, over: Partial<RegisterMember> = {}): RegisterMember {
  return {
    member_no: no,
    family_name: '髙橋',
    given_name: no === 1 ? '一郎' : '花子',
    birth_date: no === 1 ? '1978-01-02' : '1980-04-01',
    sex: no === 1 ? 'M' : 'F',
    relationship: no === 1 ? '夫' : '妻',
    status: 'in',
    ...over,
  };
}

function register(id: number, over: Partial<FoundRegister> = {}): FoundRegister {
  return {
    koseki_id: id,
    honseki: HONSEKI,
    hittosha: '髙橋　一郎',
    honseki_key: foldAddress(HONSEKI),
    hittosha_key: foldKanji('髙橋　一郎'),
    status: 'active',
    members: [member(1), member(2)],
    ...over,
  };
}

// The applicant typed 高橋 (common form) and 2丁目; her resident record says 高橋 花子, 1980-04-01.
const application = {
  honseki_key: foldAddress('見本県見本市本町2丁目3番地'),
  hittosha_key: foldKanji('高橋 一郎'),
  name_key: nameKey('高橋', '花子'),
  birth_date: '1980-04-01',
};

describe('candidate registers for an application', () => {
  it('finds the member with the same folded name and birth date in a register with the typed 本籍 and 筆頭者', () => {
    const report = matchCandidates(application, lookup([register(10)]));
    expect(report.candidates).toEqual([
      expect.objectContaining({ kosekiId: 10, memberNo: 2, familyName: '髙橋' }),
    ]);
    expect(report.findings).toEqual({ honsekiFound: true, registerFound: true, personFound: true });
    expect(report.suggestedRejection).toBeNull();
    expect(isCandidate(report, 10, 2)).toBe(true);
    expect(isCandidate(report, 10, 1)).toBe(false);
  });

  it('names the likely reason when nothing matches', () => {
    expect(matchCandidates(application, lookup([])).suggestedRejection).toBe('honseki_mismatch');
    // The 本籍 exists under another 筆頭者: the repository found no register with both keys.
    expect(matchCandidates(application, lookup([], true)).suggestedRejection).toBe('hittosha_mismatch');
    // A register handed over with another head is not taken for this one.
    const otherHead = register(11, { hittosha: '髙橋　二郎', hittosha_key: foldKanji('髙橋二郎') });
    expect(matchCandidates(application, lookup([otherHead], true)).candidates).toEqual([]);
    const otherBirth = register(12, { members: [member(1), member(2, { birth_date: '1980-04-02' })] });
    const report = matchCandidates(application, lookup([otherBirth], true));
    expect(report.candidates).toEqual([]);
    expect(report.findings).toEqual({ honsekiFound: true, registerFound: true, personFound: false });
    expect(report.suggestedRejection).toBe('no_matching_person');
  });

  it('never offers a closed register, an old-format one or a member who left the register', () => {
    expect(matchCandidates(application, lookup([register(13, { status: 'closed' })])).candidates).toEqual([]);
    expect(matchCandidates(application, lookup([register(14, { status: 'kaisei_gen' })])).candidates).toEqual(
      [],
    );
    const left = register(15, { members: [member(1), member(2, { status: 'removed' })] });
    expect(matchCandidates(application, lookup([left])).candidates).toEqual([]);
  });

  it('does not take another person of the same name born on another day, nor the same birthday under another name', () => {
    const twins = register(16, {
      members: [member(1), member(2, { given_name: '花江' }), member(3, { birth_date: '1999-09-09' })],
    });
    expect(matchCandidates(application, lookup([twins])).candidates).toEqual([]);
  });
});
