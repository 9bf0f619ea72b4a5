import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bitString,
  boolean,
  DerError,
  decode,
  decodePrefix,
  explicit,
  generalizedTime,
  implicit,
  integer,
  namedBitString,
  nul,
  octetString,
  oid,
  printableString,
  readInteger,
  readOid,
  readString,
  readTime,
  sequence,
  set,
  time,
  utcTime,
  utf8String,
} from './der.js';

const hex = (b: Buffer) => b.toString('hex');

describe('DER encoding (X.690 vectors)', () => {
  it('encodes integers minimally in two’s complement', () => {
    expect(hex(integer(0))).toBe('020100');
    expect(hex(integer(127))).toBe('02017f');
    expect(hex(integer(128))).toBe('02020080');
    expect(hex(integer(256))).toBe('02020100');
    expect(hex(integer(-1))).toBe('0201ff');
    expect(hex(integer(-128))).toBe('020180');
    expect(hex(integer(-129))).toBe('0202ff7f');
    expect(hex(integer(-256))).toBe('0202ff00');
    expect(hex(integer(2n ** 64n))).toBe('0209010000000000000000');
  });

  it('reads a Buffer as an unsigned magnitude', () => {
    expect(hex(integer(Buffer.from([0xff])))).toBe('020200ff');
    expect(hex(integer(Buffer.from([0, 0, 0x01])))).toBe('020101');
    expect(hex(integer(Buffer.from([0, 0])))).toBe('020100');
  });

  it('encodes OIDs', () => {
    expect(hex(oid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
    expect(hex(oid('2.5.4.3'))).toBe('0603550403');
    expect(hex(oid('1.2.840.10045.3.1.7'))).toBe('06082a8648ce3d030107');
    expect(hex(oid('2.999.3'))).toBe('0603883703');
    expect(() => oid('1.40.1')).toThrow(DerError);
    expect(() => oid('1.02')).toThrow(DerError);
  });

  it('encodes primitive values', () => {
    expect(hex(nul())).toBe('0500');
    expect(hex(boolean(true))).toBe('0101ff');
    expect(hex(boolean(false))).toBe('010100');
    expect(hex(octetString(Buffer.from('abc')))).toBe('0403616263');
    expect(hex(bitString(Buffer.from([0x6e, 0x5d, 0xc0]), 6))).toBe('0304066e5dc0');
    expect(hex(utf8String('市'))).toBe('0c03e5b882');
    expect(hex(printableString('JP'))).toBe('13024a50');
    expect(() => printableString('市')).toThrow(DerError);
  });

  it('drops trailing zero bits of named bit strings (KeyUsage)', () => {
    // digitalSignature only → 03 02 07 80
    expect(hex(namedBitString([0]))).toBe('03020780');
    // keyCertSign + cRLSign → bits 5,6 → 03 02 01 06
    expect(hex(namedBitString([5, 6]))).toBe('03020106');
    // decipherOnly (bit 8) needs a second octet
    expect(hex(namedBitString([0, 8]))).toBe('0303078080');
  });

  it('encodes long lengths in the minimal number of octets', () => {
    expect(hex(octetString(Buffer.alloc(127))).slice(0, 4)).toBe('047f');
    expect(hex(octetString(Buffer.alloc(128))).slice(0, 6)).toBe('048180');
    expect(hex(octetString(Buffer.alloc(256))).slice(0, 8)).toBe('04820100');
    expect(hex(octetString(Buffer.alloc(65536))).slice(0, 10)).toBe('0483010000');
  });

  it('encodes times', () => {
    const d = new Date(Date.UTC(2024, 1, 9, 8, 30, 5, 999));
    expect(utcTime(d).subarray(2).toString()).toBe('240209083005Z');
    expect(generalizedTime(d).subarray(2).toString()).toBe('20240209083005Z');
    expect(time(d)[0]).toBe(0x17);
    expect(time(new Date(Date.UTC(2050, 0, 1)))[0]).toBe(0x18);
    expect(() => utcTime(new Date(Date.UTC(2050, 0, 1)))).toThrow(DerError);
  });

  it('sorts SET OF elements by their encodings', () => {
    const a = integer(2);
    const b = integer(1);
    const c = octetString(Buffer.from([0]));
    expect(hex(set(a, c, b))).toBe('3109020101020102040100');
    expect(hex(sequence(a, b))).toBe('3006020102020101');
  });

  it('encodes context tags', () => {
    expect(hex(explicit(0, integer(2)))).toBe('a003020102');
    expect(hex(implicit(1, octetString(Buffer.from([9]))))).toBe('810109');
    expect(hex(implicit(0, set(integer(1))))).toBe('a003020101');
  });
});

describe('DER decoding', () => {
  it('round-trips nested structures', () => {
    const d = new Date(Date.UTC(2031, 11, 31, 23, 59, 59));
    const encoded = sequence(
      integer(-300),
      oid('1.2.840.113549.1.9.4'),
      set(utf8String('髙橋')),
      explicit(3, utcTime(d)),
    );
    const node = decode(encoded);
    expect(node.children).toHaveLength(4);
    expect(readInteger(node.children[0]!)).toBe(-300n);
    expect(readOid(node.children[1]!)).toBe('1.2.840.113549.1.9.4');
    expect(readString(node.children[2]!.children[0]!)).toBe('髙橋');
    expect(node.children[3]!.tagClass).toBe(0x80);
    expect(readTime(node.children[3]!.children[0]!).getTime()).toBe(d.getTime());
    expect(Buffer.compare(node.raw, encoded)).toBe(0);
  });

  it('rejects what DER forbids', () => {
    expect(() => decode(Buffer.from('3080020100 0000'.replace(/ /g, ''), 'hex'))).toThrow(/indefinite/);
    expect(() => decode(Buffer.from('04810100', 'hex'))).toThrow(/non-minimal length/);
    expect(() => decode(Buffer.from('0403abcd', 'hex'))).toThrow(/past the end/);
    expect(() => decode(Buffer.from('02010100', 'hex'))).toThrow(/trailing/);
    expect(() => readInteger(decode(Buffer.from('02020001', 'hex')))).toThrow(/non-minimal INTEGER/);
    expect(() => decode(Buffer.from('3003020201', 'hex'))).toThrow(DerError);
    expect(decodePrefix(Buffer.from('0201010000', 'hex')).raw.length).toBe(3);
  });

  it('round-trips any integer and OID (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), (n) => {
        expect(readInteger(decode(integer(n)))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 39 }),
        fc.array(fc.bigInt({ min: 0n, max: 2n ** 70n }), { maxLength: 6 }),
        (a, b, rest) => {
          const dotted = [a, b, ...rest].join('.');
          expect(readOid(decode(oid(dotted)))).toBe(dotted);
        },
      ),
    );
  });
});
