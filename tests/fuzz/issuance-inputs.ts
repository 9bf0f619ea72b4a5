/**
 * Invalid issuance requests for the internal API. Each one is a valid
 * request with some arbitrary damage ("noise", which may or may not be
 * invalid) and then one mutation that is certainly invalid — so every input
 * must be refused, and a 201 is always a defect, never luck.
 */
import fc from 'fast-check';
import { CERTIFICATE_TYPES, JUMINHYO_ITEMS } from '../../src/domain/certificates.js';
import { CHANNELS, KIOSK_KINDS } from '../../src/domain/channel-rules.js';
import { isValidMunicipalityCode } from '../../src/domain/check-digits.js';
import { REQUESTER_RELATIONS } from '../../src/domain/eligibility.js';
import { EXEMPTION_KINDS } from '../../src/domain/fees.js';
import { hostileNumber, hostileText, hostileValue } from './hostile.js';

type Json = Record<string, unknown>;

export function validKioskRequest(residentId: number, key: string): Json {
  return {
    municipalityCode: '999997',
    idempotencyKey: key,
    channel: 'kiosk',
    kioskKind: 'store',
    terminalId: 'fuzz-kiosk-01',
    subject: { residentId },
    requester: { relation: 'self', identityVerified: true, residentId, presented: { myNumberCard: true } },
    options: { certificate: 'juminhyo', scope: 'members', residentIds: [residentId], include: [] },
    copies: 1,
    payment: 'cash',
  };
}

const notIn = (valid: readonly string[]) =>
  fc
    .oneof(hostileText, fc.constantFrom('', 'COUNTER', 'Kiosk', ' cash', 'juminhyo '))
    .filter((s) => !valid.includes(s));
const notText = (max: number) =>
  fc.oneof(
    fc.constantFrom('', '   ', '\u3000\u3000', 'x'.repeat(max + 1), '𠮷'.repeat(max + 1)),
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 2 }),
  );
const notPositiveInt = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -(2 ** 31), Number.MAX_SAFE_INTEGER + 2, '1', '１', null, true, [], {}),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n) || n <= 0),
  hostileText,
);
const notBoolean = fc.oneof(fc.constantFrom('true', 1, 0, null, 'はい', []), hostileText);
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** One certainly-invalid change: [path, value] or a removal ([path, undefined, true]). */
type Mutation = { path: string[]; value?: unknown; remove?: boolean };

const at = (path: string[], values: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> =>
  values.map((value) => ({ path, value }));

/** Keys that no strict schema knows, at every level that is an object. */
const unknownKey = fc.tuple(
  fc.constantFrom<string[]>([], ['subject'], ['requester'], ['options'], ['requester', 'presented']),
  fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'admin', 'fee', 'totalFee', 'issueNumber', 'status'),
    hostileText.filter((s) => s.length > 0 && s.length < 200),
  ),
  hostileValue,
);

export const invalidMutation: fc.Arbitrary<Mutation> = fc.oneof(
  at(
    ['municipalityCode'],
    fc.oneof(
      hostileText.filter((s) => !isValidMunicipalityCode(s)),
      fc.constantFrom('999998', '999990', '99999', '9999970', 999997),
    ),
  ),
  at(
    ['idempotencyKey'],
    fc.oneof(
      hostileText.filter((s) => !KEY.test(s)),
      hostileNumber,
    ),
  ),
  at(['channel'], notIn(CHANNELS)),
  at(['kioskKind'], notIn(KIOSK_KINDS)),
  at(['terminalId'], notText(64)),
  at(['clerkId'], notText(64)),
  at(['subject'], fc.constantFrom({}, [], 'person', null, 1)),
  at(['subject', 'residentId'], notPositiveInt),
  at(['subject', 'kosekiId'], notPositiveInt),
  at(['requester'], fc.constantFrom(null, 'self', [], 1)),
  at(['requester', 'relation'], notIn(REQUESTER_RELATIONS)),
  at(['requester', 'identityVerified'], notBoolean),
  at(['requester', 'residentId'], notPositiveInt),
  at(['requester', 'name'], notText(100)),
  at(['requester', 'presented'], fc.constantFrom('card', { myNumberCard: 'yes' }, { sealCard: 1 }, [])),
  at(
    ['requester', 'lawfulReason'],
    fc.constantFrom({ kind: 'curiosity', detail: 'x' }, { kind: 'exercise_of_rights' }, 'reason', []),
  ),
  at(['requester', 'kosekiUserRegistration'], notIn(['none', 'pending', 'approved'])),
  at(['options'], fc.constantFrom(null, 'juminhyo', [], {})),
  at(['options', 'certificate'], notIn(CERTIFICATE_TYPES)),
  at(['options', 'scope'], notIn(['household', 'members'])),
  at(
    ['options', 'residentIds'],
    fc.oneof(
      fc.constant([]),
      fc.array(notPositiveInt, { minLength: 1, maxLength: 3 }),
      fc.constantFrom(
        [7, 7],
        Array.from({ length: 5000 }, (_, i) => i + 1),
        'all',
      ),
    ),
  ),
  at(
    ['options', 'include'],
    fc.oneof(fc.array(notIn(JUMINHYO_ITEMS), { minLength: 1, maxLength: 3 }), fc.constant('myNumber')),
  ),
  at(['copies'], fc.constantFrom(0, 21, -1, 1.5, 1e9, '1', null, true)),
  at(['payment'], notIn(['cash', 'cashless', 'card', 'postal_order'])),
  at(
    ['exemption'],
    fc.oneof(
      fc.record({ kind: notIn(EXEMPTION_KINDS), reason: fc.constant('理由') }),
      fc.constantFrom({ kind: EXEMPTION_KINDS[0], reason: '' }, 'free', []),
    ),
  ),
  at(['override'], fc.constantFrom({ reviewerId: '', reason: 'x' }, { reviewerId: 'r' }, {}, 1)),
  unknownKey.map(([parent, key, value]) => ({ path: [...parent, key], value })),
  fc
    .constantFrom<string[]>(
      ['municipalityCode'],
      ['idempotencyKey'],
      ['channel'],
      ['subject'],
      ['requester'],
      ['options'],
      ['requester', 'relation'],
      ['requester', 'identityVerified'],
      ['options', 'certificate'],
      ['options', 'scope'],
    )
    .map((path): Mutation => ({ path, remove: true })),
);

/** Arbitrary damage anywhere (it may happen to be valid; the invalid mutation comes after it). */
const noise: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom<string[]>(
    ['terminalId'],
    ['clerkId'],
    ['requester', 'name'],
    ['requester', 'identityDocument'],
    ['options', 'include'],
    ['copies'],
    ['subject', 'residentId'],
    ['requester', 'residentId'],
  ),
  value: hostileValue,
});

function apply(body: Json, mutation: Mutation): Json {
  const copy = structuredClone(body);
  let node: Record<string, unknown> = copy;
  for (const step of mutation.path.slice(0, -1)) {
    const next = node[step];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      const fresh: Record<string, unknown> = {};
      node[step] = fresh;
      node = fresh;
    } else node = next as Record<string, unknown>;
  }
  const last = mutation.path.at(-1)!;
  if (mutation.remove) delete node[last];
  // defineProperty: an own "__proto__" key that JSON.stringify sends, not a prototype change.
  else
    Object.defineProperty(node, last, {
      value: mutation.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** A whole invalid request: the valid one, some noise, then one certain defect. */
export function invalidIssuanceRequest(residentId: number, key: string): fc.Arbitrary<Json> {
  return fc
    .record({ noise: fc.array(noise, { maxLength: 2 }), defect: invalidMutation })
    .map(({ noise: changes, defect }) =>
      [...changes, defect].reduce((body, change) => apply(body, change), validKioskRequest(residentId, key)),
    );
}
