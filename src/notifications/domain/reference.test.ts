import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  draftQrText,
  editSecretMatches,
  encodeReference,
  hashEditSecret,
  newEditSecret,
  newReference,
  normalizeReference,
  parseDraftQr,
} from './reference.js';

describe('draft reference', () => {
  it('is 26 Crockford base32 characters carrying exactly 128 bits', () => {
    expect(encodeReference(new Uint8Array(16))).toBe('0'.repeat(26));
    expect(encodeReference(new Uint8Array(16).fill(255))).toBe(`7${'Z'.repeat(25)}`);
    const ref = newReference();
    expect(ref).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
  });

  it('is different bytes → different references (injective on random inputs)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (a, b) => {
          const same = a.every((x, i) => x === b[i]);
          expect(encodeReference(a) === encodeReference(b)).toBe(same);
        },
      ),
    );
  });

  it('reads back what a person typed or a scanner read', () => {
    const ref = encodeReference(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]));
    expect(normalizeReference(ref.toLowerCase())).toBe(ref);
    expect(normalizeReference(`${ref.slice(0, 13)}-${ref.slice(13)}`)).toBe(ref);
    expect(normalizeReference(draftQrText('999997', ref))).toBe(ref);
    expect(parseDraftQr(draftQrText('999997', ref))).toEqual({ municipalityCode: '999997', reference: ref });
    expect(normalizeReference('short')).toBeUndefined();
    expect(normalizeReference(`8${ref.slice(1)}`)).toBeUndefined();
  });

  it('holds no personal data in the QR text: a tag, the municipality and the reference only', () => {
    expect(draftQrText('999997', 'ABC')).toBe('MDGN1:999997:ABC');
  });
});

describe('edit secret', () => {
  it('matches only itself, by hash', () => {
    const secret = newEditSecret();
    const hash = hashEditSecret(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(editSecretMatches(secret, hash)).toBe(true);
    expect(editSecretMatches(`${secret}x`, hash)).toBe(false);
    expect(editSecretMatches(undefined, hash)).toBe(false);
    expect(editSecretMatches(secret, null)).toBe(false);
  });
});
