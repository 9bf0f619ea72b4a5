import { randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O, U, so a code read aloud or typed from paper survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 20 random characters (100 bits) in groups of four: unguessable, easy to type. */
export function newVerificationCode(): string {
  const bytes = randomBytes(20);
  let code = '';
  for (let i = 0; i < 20; i++) code += ALPHABET[bytes[i]! & 31];
  return code.match(/.{4}/g)!.join('-');
}

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

/** Normalises what a person typed (lower case, O for 0, I/L for 1, no dashes) to the printed form. */
export function normalizeVerificationCode(input: string): string | undefined {
  const cleaned = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== 20) return undefined;
  const code = cleaned.match(/.{4}/g)!.join('-');
  return CODE.test(code) ? code : undefined;
}
