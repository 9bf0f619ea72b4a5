import { createPublicKey, type KeyObject } from 'node:crypto';
import { admitKioskRequest, findKiosk, type KioskAdmission } from '../data/kiosk.repository.js';
import { kioskBucketKey } from '../data/rate-limit.repository.js';
import { refusal } from '../domain/identity-errors.js';
import {
  KIOSK_NONCE_PATTERN,
  KIOSK_TIMESTAMP_PATTERN,
  verifyKioskRequestSignature,
} from '../domain/kiosk-request-signature.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';

export interface KioskAuthHeaders {
  kioskId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

export interface AuthenticatedKiosk {
  kioskId: string;
  kind: 'store' | 'town_hall';
  operatorMunicipalityCode: string | null;
  operatorName: string;
  prefecture: string;
  inCity: boolean;
}

type HeaderBag = Record<string, string | string[] | undefined>;

function single(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The kiosk headers, well-formed and with a timestamp inside the accepted
 * window. Runs before the body is read: a request that fails here costs
 * nothing but header parsing.
 */
export function readKioskAuthHeaders(headers: HeaderBag, now: Date, skewSeconds: number): KioskAuthHeaders {
  const kioskId = single(headers, 'x-kiosk-id');
  const timestamp = single(headers, 'x-kiosk-timestamp');
  const nonce = single(headers, 'x-kiosk-nonce');
  const signature = single(headers, 'x-kiosk-signature');
  if (
    !kioskId ||
    !/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(kioskId) ||
    !timestamp ||
    !KIOSK_TIMESTAMP_PATTERN.test(timestamp) ||
    !nonce ||
    !KIOSK_NONCE_PATTERN.test(nonce) ||
    !signature
  )
    throw refusal('kiosk_auth.missing_headers');
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skew > skewSeconds) throw refusal('kiosk_auth.stale_timestamp');
  return { kioskId, timestamp, nonce, signature };
}

/**
 * Kiosks' verifying keys as last read, by kiosk id, so that a request costs one
 * statement, not two. A cached key is only a guess: admission proceeds only
 * if the kiosk still holds that very key, so a replaced key stops working on
 * its next use. Bounded: a national deployment has some tens of thousands.
 */
const verifyingKeys = new Map<string, { pem: string; key: KeyObject }>();
const MAX_CACHED_KEYS = 65_536;

function rememberKey(kioskId: string, pem: string): KeyObject {
  const known = verifyingKeys.get(kioskId);
  if (known?.pem === pem) return known.key;
  const key = createPublicKey(pem);
  if (verifyingKeys.size >= MAX_CACHED_KEYS) verifyingKeys.clear();
  verifyingKeys.set(kioskId, { pem, key });
  return key;
}

/**
 * Authenticates one kiosk API request: the kiosk is registered, the signature
 * over method, path, timestamp, nonce and body hash is its key's, it is in
 * service, the nonce is new, and it is within its request rate. The checks
 * run in that order, so an unauthenticated caller learns nothing about a
 * kiosk's status and cannot spend its nonces or its rate. With the kiosk's key
 * already known, everything after the signature is one statement.
 */
export async function authenticateKioskRequest(
  deps: IdentityDeps,
  request: { headers: HeaderBag; method: string; path: string; body: Uint8Array },
): Promise<AuthenticatedKiosk> {
  const { db, now: clock, limits } = resolveIdentityDeps(deps);
  const now = clock();
  const auth = readKioskAuthHeaders(request.headers, now, limits.kioskClockSkewSeconds);
  const signedBy = (key: KeyObject) =>
    verifyKioskRequestSignature(
      key,
      {
        kioskId: auth.kioskId,
        method: request.method,
        path: request.path,
        timestamp: auth.timestamp,
        nonce: auth.nonce,
        body: request.body,
      },
      auth.signature,
    );
  // Kept until a replay would be refused as stale anyway, plus a minute of margin.
  const nonceExpiresAt = new Date((Number(auth.timestamp) + limits.kioskClockSkewSeconds + 60) * 1000);
  const admit = (publicKeyPem: string) =>
    admitKioskRequest(
      db,
      {
        kioskId: auth.kioskId,
        publicKeyPem,
        nonce: auth.nonce,
        nonceExpiresAt,
        bucketKey: kioskBucketKey(auth.kioskId),
      },
      limits.perKiosk,
      now,
    );

  let admission: KioskAdmission | undefined;
  const cached = verifyingKeys.get(auth.kioskId);
  if (cached && signedBy(cached.key)) admission = await admit(cached.pem);
  if (!admission?.kiosk) {
    // No key known, or not the kiosk's any more: read the kiosk as registered now.
    const kiosk = await findKiosk(db, auth.kioskId);
    if (!kiosk) {
      verifyingKeys.delete(auth.kioskId);
      throw refusal('kiosk_auth.unknown_kiosk');
    }
    if (!signedBy(rememberKey(kiosk.kiosk_id, kiosk.public_key_pem)))
      throw refusal('kiosk_auth.signature_invalid');
    admission = await admit(kiosk.public_key_pem);
    // The key was replaced between the read and the admission: this signature no longer counts.
    if (!admission.kiosk) throw refusal('kiosk_auth.signature_invalid');
  }
  const { kiosk } = admission;
  if (!admission.inService)
    throw refusal('kiosk_auth.out_of_service', { extra: { reason: kiosk.status_reason } });
  if (!admission.fresh) throw refusal('kiosk_auth.replayed');
  if (!admission.taken.allowed)
    throw refusal('kiosk_auth.rate_limited', {
      extra: { retryAfterSeconds: admission.taken.retryAfterSeconds },
    });
  return {
    kioskId: kiosk.kiosk_id,
    kind: kiosk.kind,
    operatorMunicipalityCode: kiosk.operator_municipality_code,
    operatorName: kiosk.operator_name,
    prefecture: kiosk.prefecture,
    inCity: kiosk.in_city,
  };
}
