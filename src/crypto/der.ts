/**
 * A minimal ASN.1 DER encoder and decoder: exactly what X.509 certificates and CMS
 * SignedData need, nothing more. Encoders return complete TLVs as Buffers so
 * structures are built by plain nesting: `sequence(integer(1n), oid('2.5.4.3'))`.
 *
 * Only low tag numbers (< 31) are supported; X.509 and CMS never use others. The
 * decoder is strict about DER (definite, minimal lengths) because a lenient
 * decoder in a signature verifier is how signature-wrapping attacks get in.
 */

export const TagClass = {
  universal: 0x00,
  application: 0x40,
  context: 0x80,
  private: 0xc0,
} as const;

export const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
} as const;

const CONSTRUCTED = 0x20;

export class DerError extends Error {
  override name = 'DerError';
}

// ---------------------------------------------------------------- encoding

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV with a raw identifier octet. */
export function tlv(tag: number, content: Uint8Array): Buffer {
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  const len = encodeLength(content.length);
  const out = Buffer.allocUnsafe(1 + len.length + content.length);
  out[0] = tag;
  len.copy(out, 1);
  out.set(content, 1 + len.length);
  return out;
}

export function boolean(value: boolean): Buffer {
  return tlv(Tag.boolean, Buffer.from([value ? 0xff : 0x00]));
}

/** Two's-complement, minimal big-endian bytes of a bigint. */
function bigintBytes(value: bigint): Buffer {
  let width = 1;
  if (value >= 0n) {
    while (value >= 1n << BigInt(width * 8 - 1)) width += 1;
  } else {
    while (value < -(1n << BigInt(width * 8 - 1))) width += 1;
  }
  const twos = value >= 0n ? value : (1n << BigInt(width * 8)) + value;
  return Buffer.from(twos.toString(16).padStart(width * 2, '0'), 'hex');
}

/**
 * INTEGER. A Buffer/Uint8Array is read as an unsigned big-endian magnitude (how
 * serial numbers and RSA moduli arrive), so a leading 0x00 is added when needed.
 */
export function integer(value: bigint | number | Uint8Array): Buffer {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new DerError('integer must be a safe integer');
    return tlv(Tag.integer, bigintBytes(BigInt(value)));
  }
  if (typeof value === 'bigint') return tlv(Tag.integer, bigintBytes(value));
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start += 1;
  const trimmed = Buffer.from(value.subarray(start));
  if (trimmed.length === 0) return tlv(Tag.integer, Buffer.from([0]));
  return tlv(Tag.integer, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function base128(value: bigint): number[] {
  const out = [Number(value & 0x7fn)];
  for (let v = value >> 7n; v > 0n; v >>= 7n) out.unshift(Number(v & 0x7fn) | 0x80);
  return out;
}

const oidCache = new Map<string, Buffer>();

export function oid(dotted: string): Buffer {
  const cached = oidCache.get(dotted);
  if (cached) return cached;
  if (!/^[0-2](\.(0|[1-9][0-9]*))+$/.test(dotted)) throw new DerError(`malformed OID ${dotted}`);
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const first = arcs[0]!;
  const second = arcs[1]!;
  if (first < 2n && second > 39n) throw new DerError(`malformed OID ${dotted}`);
  const bytes = [...base128(first * 40n + second)];
  for (const arc of arcs.slice(2)) bytes.push(...base128(arc));
  const encoded = tlv(Tag.oid, Buffer.from(bytes));
  oidCache.set(dotted, encoded);
  return encoded;
}

const NULL = Buffer.from([Tag.null, 0]);
export function nul(): Buffer {
  return NULL;
}

export function octetString(content: Uint8Array): Buffer {
  return tlv(Tag.octetString, content);
}

export function bitString(content: Uint8Array, unusedBits = 0): Buffer {
  if (unusedBits < 0 || unusedBits > 7 || (unusedBits > 0 && content.length === 0)) {
    throw new DerError('invalid number of unused bits');
  }
  const out = Buffer.alloc(content.length + 1);
  out[0] = unusedBits;
  out.set(content, 1);
  // DER: the unused bits must be zero.
  if (unusedBits > 0) out[out.length - 1]! &= (0xff << unusedBits) & 0xff;
  return tlv(Tag.bitString, out);
}

/**
 * A BIT STRING of named bits (KeyUsage): bit 0 is the most significant bit of the
 * first octet, and DER drops trailing zero bits.
 */
export function namedBitString(bits: readonly number[]): Buffer {
  if (bits.length === 0) return tlv(Tag.bitString, Buffer.from([0]));
  const highest = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3]! |= 0x80 >> (bit & 7);
  return bitString(bytes, 7 - (highest % 8));
}

export function utf8String(text: string): Buffer {
  return tlv(Tag.utf8String, Buffer.from(text, 'utf8'));
}

export function printableString(text: string): Buffer {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text)) throw new DerError('not a PrintableString');
  return tlv(Tag.printableString, Buffer.from(text, 'latin1'));
}

export function ia5String(text: string): Buffer {
  if (!/^[\x00-\x7f]*$/.test(text)) throw new DerError('not an IA5String');
  return tlv(Tag.ia5String, Buffer.from(text, 'latin1'));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function checkTime(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new DerError('invalid date');
}

/** UTCTime YYMMDDHHMMSSZ (years 1950–2049); milliseconds are dropped. */
export function utcTime(date: Date): Buffer {
  checkTime(date);
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new DerError('UTCTime covers 1950–2049 only');
  const s = `${pad(year % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return tlv(Tag.utcTime, Buffer.from(s, 'latin1'));
}

/** GeneralizedTime YYYYMMDDHHMMSSZ; DER forbids a zero fraction, so milliseconds are dropped. */
export function generalizedTime(date: Date): Buffer {
  checkTime(date);
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new DerError('year out of range');
  const s = `${pad(year, 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return tlv(Tag.generalizedTime, Buffer.from(s, 'latin1'));
}

/** The X.509 `Time` choice (RFC 5280 §4.1.2.5): UTCTime through 2049, GeneralizedTime after. */
export function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  return year >= 1950 && year <= 2049 ? utcTime(date) : generalizedTime(date);
}

export function sequence(...items: readonly Uint8Array[]): Buffer {
  return tlv(Tag.sequence, Buffer.concat(items));
}

/** SET OF: DER sorts the encoded elements as octet strings (X.690 §11.6). */
export function set(...items: readonly Uint8Array[]): Buffer {
  const sorted = items.map((i) => Buffer.from(i.buffer, i.byteOffset, i.byteLength)).sort(Buffer.compare);
  return tlv(Tag.set, Buffer.concat(sorted));
}

/** [n] EXPLICIT: a constructed context tag wrapping the complete inner TLV. */
export function explicit(tagNumber: number, inner: Uint8Array): Buffer {
  return tlv(TagClass.context | CONSTRUCTED | checkTagNumber(tagNumber), inner);
}

/**
 * [n] IMPLICIT: replace the identifier of an encoded element with a context tag,
 * keeping its constructed bit (an IMPLICIT SET stays constructed).
 */
export function implicit(tagNumber: number, encoded: Uint8Array): Buffer {
  const out = Buffer.from(encoded);
  if (out.length < 2) throw new DerError('implicit needs an encoded element');
  out[0] = TagClass.context | (out[0]! & CONSTRUCTED) | checkTagNumber(tagNumber);
  return out;
}

/** [n] IMPLICIT over raw primitive content (e.g. keyIdentifier [0] IMPLICIT OCTET STRING). */
export function contextPrimitive(tagNumber: number, content: Uint8Array): Buffer {
  return tlv(TagClass.context | checkTagNumber(tagNumber), content);
}

function checkTagNumber(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new DerError('tag number out of range');
  return n;
}

// ---------------------------------------------------------------- decoding

export interface DerNode {
  /** The identifier octet as found (class | constructed | number). */
  tag: number;
  tagClass: number;
  tagNumber: number;
  constructed: boolean;
  /** Offset of the identifier octet in the decoded buffer. */
  offset: number;
  headerLength: number;
  length: number;
  /** The whole TLV (a view, not a copy). */
  raw: Buffer;
  /** The contents octets (a view). */
  content: Buffer;
  /** Parsed children for constructed nodes. */
  children: DerNode[];
}

function readNode(buf: Buffer, offset: number, depth: number): DerNode {
  if (depth > 64) throw new DerError('structure nested too deeply');
  if (offset + 2 > buf.length) throw new DerError(`truncated element at ${offset}`);
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high tag number at ${offset}`);
  // Universal tag 0 is BER's end-of-contents marker; it never appears in DER.
  if (tag === 0x00) throw new DerError(`end-of-contents octets at ${offset}`);
  let pos = offset + 1;
  const first = buf[pos++]!;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const n = first & 0x7f;
    if (n === 0) throw new DerError(`indefinite length at ${offset}`);
    if (n > 4) throw new DerError(`length too large at ${offset}`);
    if (pos + n > buf.length) throw new DerError(`truncated length at ${offset}`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++]!;
    if (length < 0x80 || buf[offset + 2] === 0) throw new DerError(`non-minimal length at ${offset}`);
  }
  const headerLength = pos - offset;
  if (pos + length > buf.length) throw new DerError(`element at ${offset} runs past the end`);
  const constructed = (tag & CONSTRUCTED) !== 0;
  const node: DerNode = {
    tag,
    tagClass: tag & 0xc0,
    tagNumber: tag & 0x1f,
    constructed,
    offset,
    headerLength,
    length,
    raw: buf.subarray(offset, pos + length),
    content: buf.subarray(pos, pos + length),
    children: [],
  };
  if (constructed) {
    let childPos = pos;
    const end = pos + length;
    while (childPos < end) {
      const child = readNode(buf.subarray(0, end), childPos, depth + 1);
      node.children.push(child);
      childPos = child.offset + child.raw.length;
    }
  }
  return node;
}

/** Decode exactly one element that fills `input`. */
export function decode(input: Uint8Array): DerNode {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const node = readNode(buf, 0, 0);
  if (node.raw.length !== buf.length) throw new DerError('trailing bytes after the DER element');
  return node;
}

/** Decode the first element of `input`, allowing trailing bytes (e.g. zero padding in /Contents). */
export function decodePrefix(input: Uint8Array): DerNode {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  return readNode(buf, 0, 0);
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what}: missing`);
  if (node.tag !== tag) {
    throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, got 0x${node.tag.toString(16)}`);
  }
  return node;
}

export function child(node: DerNode, index: number, what: string): DerNode {
  const c = node.children[index];
  if (!c) throw new DerError(`${what}: missing element ${index}`);
  return c;
}

/** Context-tagged child [n] of a constructed node, if present. */
export function findContext(node: DerNode, tagNumber: number): DerNode | undefined {
  return node.children.find((c) => c.tagClass === TagClass.context && c.tagNumber === tagNumber);
}

export function readInteger(node: DerNode): bigint {
  expectTag(node, Tag.integer, 'INTEGER');
  const c = node.content;
  if (c.length === 0) throw new DerError('empty INTEGER');
  if (c.length > 1 && ((c[0] === 0 && !(c[1]! & 0x80)) || (c[0] === 0xff && c[1]! & 0x80))) {
    throw new DerError('non-minimal INTEGER');
  }
  let value = BigInt(`0x${c.toString('hex')}`);
  if (c[0]! & 0x80) value -= 1n << BigInt(c.length * 8);
  return value;
}

export function readOid(node: DerNode): string {
  expectTag(node, Tag.oid, 'OBJECT IDENTIFIER');
  const c = node.content;
  if (c.length === 0 || c[c.length - 1]! & 0x80) throw new DerError('malformed OID');
  const arcs: bigint[] = [];
  let value = 0n;
  let started = false;
  for (const byte of c) {
    if (!started && byte === 0x80) throw new DerError('non-minimal OID arc');
    started = true;
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0n;
      started = false;
    }
  }
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

export function readOctetString(node: DerNode): Buffer {
  return expectTag(node, Tag.octetString, 'OCTET STRING').content;
}

/** BIT STRING contents without the unused-bits octet (only whole-octet strings). */
export function readBitStringBytes(node: DerNode): Buffer {
  expectTag(node, Tag.bitString, 'BIT STRING');
  if (node.content.length === 0) throw new DerError('empty BIT STRING');
  return node.content.subarray(1);
}

export function readString(node: DerNode): string {
  switch (node.tag) {
    case Tag.utf8String:
      return node.content.toString('utf8');
    case Tag.printableString:
    case Tag.ia5String:
      return node.content.toString('latin1');
    case Tag.bmpString:
      return Buffer.from(node.content).swap16().toString('utf16le');
    default:
      throw new DerError(`not a string type: 0x${node.tag.toString(16)}`);
  }
}

export function readTime(node: DerNode): Date {
  const s = node.content.toString('latin1');
  const utc = node.tag === Tag.utcTime ? s.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/) : null;
  if (utc) {
    const yy = Number(utc[1]);
    const year = yy < 50 ? 2000 + yy : 1900 + yy;
    return new Date(Date.UTC(year, Number(utc[2]) - 1, Number(utc[3]), +utc[4]!, +utc[5]!, +utc[6]!));
  }
  const gen =
    node.tag === Tag.generalizedTime
      ? s.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d*[1-9])?Z$/)
      : null;
  if (gen) {
    const ms = gen[7] ? Math.round(Number(`0${gen[7]}`) * 1000) : 0;
    return new Date(
      Date.UTC(Number(gen[1]), Number(gen[2]) - 1, Number(gen[3]), +gen[4]!, +gen[5]!, +gen[6]!, ms),
    );
  }
  throw new DerError(`not a DER time: ${s}`);
}
