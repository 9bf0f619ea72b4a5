/**
 * Hostile input for the fuzzers: injection strings, broken Unicode, control
 * and private-use characters, huge and deeply nested values, impossible dates
 * and wrong check digits. Everything a kiosk, a browser or an attacker could
 * send, as fast-check arbitraries and fixed lists.
 */
import fc from 'fast-check';

export const INJECTIONS = [
  "' OR '1'='1",
  "'; drop table issuance; --",
  '"; delete from ledger_entry; --',
  "999997' union select * from resident --",
  '1; update resident set family_name = null',
  '$1',
  '%s%s%s%n',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '{{constructor.constructor("return process")()}}',
  '$' + '{process.exit()}', // a template-injection probe, kept as plain text
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '0x1F',
  '__proto__',
  'constructor',
  '{"$ne": null}',
  '\u202Eevil\u202C',
  '\uFEFF999997',
  '\uFFFD\uFFFD',
  '\uE000外字\uF8FF',
  '𠮷'.repeat(300),
  '葛\u{E0100}'.repeat(100),
  '　'.repeat(50),
  ' 999997 ',
  '９９９９９７',
  '令和6年13月1日',
  '平成32年1月1日',
  '昭和64年1月8日',
  '明治46年1月1日',
  '2024-02-30',
  '2023-02-29',
  '0000-00-00',
  '9999-99-99',
  '2024/13/01',
  'R6.13.1',
  'H31.5.1',
];

/** Lone UTF-16 surrogates: JSON carries them as \ud800 escapes, which are not valid Unicode. */
const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 4,
});

const controlAndOddChars = fc.string({
  unit: fc.constantFrom(
    '\u0000',
    '\u0007',
    '\u0008',
    '\u001b',
    '\u007f',
    '\u0085',
    '\u200b',
    '\u2028',
    '\u202e',
    '\ufeff',
    '\ufffd',
    '\ue000',
    '\u3000',
    ' ',
    '\t',
    '\n',
    '\r',
    '"',
    "'",
    '\\',
    '%',
    '<',
    '&',
  ),
  minLength: 1,
  maxLength: 12,
});

export const HUGE_STRINGS = ['x'.repeat(10_000), '𠮷'.repeat(20_000), 'A'.repeat(300_000)];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: controlAndOddChars },
  { weight: 1, arbitrary: loneSurrogates },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
  { weight: 1, arbitrary: fc.constant('') },
);

const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', '', ' ', 'toString', 'valueOf'),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    -0,
    0.5,
    1e308,
    -1e308,
    2 ** 53,
    2 ** 53 + 2,
    2 ** 31,
    -(2 ** 31) - 1,
    Number.MAX_SAFE_INTEGER,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, hostile at every level. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Raw bodies that are not well-formed JSON, or are JSON meant to hurt a parser. */
export const RAW_BODIES: (string | Buffer)[] = [
  '',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'null',
  'true',
  '0',
  '"just a string"',
  '[]',
  '[1,2,3]',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  `{"deep":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
  '['.repeat(200_000) + ']'.repeat(200_000),
  `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
  '\uFEFF{}',
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), // {"a":"\xC3("}
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xfd, 0x22, 0x7d]),
  Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
  Buffer.from([0x00, 0x00, 0x00, 0x00]),
  Buffer.from('{"a":"b"}', 'utf16le'),
  `{"a":"${'x'.repeat(1_100_000)}"}`, // past the 1 MiB body limit
];

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/pdf',
  'application/octet-stream',
  'application/problem+json',
  'x/y;;;=',
  'application/json; boundary=--',
];

function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}

/**
 * A path segment: hostile text percent-encoded (up to 2,000 characters, past
 * Fastify's 100-character parameter limit), or a broken percent-encoding.
 */
export const hostileSegment = fc.oneof(
  { weight: 9, arbitrary: hostileText.map(encode).filter((s) => s.length > 0 && s.length <= 2_000) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%C0%AF', '%ED%A0%80', '%00', '..%2F..%2F'),
  },
);

/** A query value: hostile text, encoded, any length up to 20,000. */
const hostileQueryValue = hostileText.map(encode).filter((s) => s.length <= 20_000);

/** A query string of one to three hostile parameters. */
export const hostileQuery = fc
  .array(fc.tuple(hostileSegment, hostileQueryValue), { minLength: 1, maxLength: 3 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

export const hostileHeaders = fc.record(
  {
    authorization: fc.oneof(
      fc.constantFrom('Bearer ', 'Bearer x', 'Basic YTpi', 'Bearer '.padEnd(5000, 'a')),
      hostileText.filter((s) => /^[\x20-\x7e]*$/.test(s) && s.length < 4000),
    ),
    cookie: fc.constantFrom(
      'madoguchi_staff=garbage',
      'madoguchi_staff=; madoguchi_csrf=x',
      'a=b; '.repeat(200),
      '=====',
      'session=%E0%A4%A',
    ),
    'x-csrf-token': fc.constantFrom('x', ''.padEnd(300, '0')),
    'x-kiosk-id': fc.constantFrom('store-1', "'; drop table kiosk; --", ''.padEnd(500, 'k')),
    'x-kiosk-timestamp': fc.constantFrom('0', '-1', '99999999999999', 'NaN', '1.5'),
    'x-kiosk-nonce': fc.constantFrom('x', 'AAAAAAAAAAAAAAAAAAAAAAAA', '../../'),
    'x-kiosk-signature': fc.constantFrom('', 'AAAA', '!!!notbase64!!!'),
    'idempotency-key': fc.constantFrom('short', '<script>', 'a'.repeat(200)),
    'accept-language': fc.constantFrom('ja', 'en', '*', 'xx-YY;q=oops'),
  },
  { requiredKeys: [] },
);
