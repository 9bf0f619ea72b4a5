import { describe, expect, it } from 'vitest';
import { canonicalJson, type SealedFields, sealMatches, sealNotification } from './draft-seal.js';

const fields: SealedFields = {
  municipalityCode: '999997',
  reference: 'R'.repeat(26),
  kind: 'tenkyo',
  path: 'digital',
  status: 'submitted',
  editSecretSha256: 'a'.repeat(64),
  expiresAt: new Date('2026-12-01T00:00:00.000Z'),
  contentVersion: 2,
  content: { movers: [{ familyName: '𠮷田', givenName: '葛\u{E0100}子' }], moveDate: '2026-11-20' },
  transferRecord: null,
  match: null,
  signature: null,
  identityDocument: null,
};

describe('notification seal', () => {
  it('does not depend on key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const reordered = {
      ...fields,
      content: { moveDate: '2026-11-20', movers: [{ givenName: '葛\u{E0100}子', familyName: '𠮷田' }] },
    };
    expect(sealNotification('k', reordered)).toBe(sealNotification('k', fields));
  });

  it('detects a change to any sealed field, and a different key', () => {
    const seal = sealNotification('server-key', fields);
    expect(sealMatches('server-key', fields, seal)).toBe(true);
    expect(sealMatches('other-key', fields, seal)).toBe(false);
    const changes: Partial<SealedFields>[] = [
      { status: 'confirmed' },
      { contentVersion: 3 },
      { expiresAt: new Date('2027-01-01T00:00:00Z') },
      { content: { ...(fields.content as object), moveDate: '2026-11-21' } },
      { match: { movers: [] } },
      { editSecretSha256: 'b'.repeat(64) },
      // A variation selector removed from a name is a change.
      { content: { movers: [{ familyName: '𠮷田', givenName: '葛子' }], moveDate: '2026-11-20' } },
    ];
    for (const change of changes)
      expect(sealMatches('server-key', { ...fields, ...change }, seal)).toBe(false);
  });
});
