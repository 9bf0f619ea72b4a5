import { createPublicKey } from 'node:crypto';
import { admitKioskRequest, findKiosk } from '../data/kiosk.repository.js';
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
 * Authenticates one kiosk API request: the kiosk is registered, the signature
 * over method, path, timestamp, nonce and body hash is its key's, it is in
 * service, the nonce is new, and it is within its request rate. The checks
 * run in that order, so an unauthenticated caller learns nothing about a
 * kiosk's status and cannot spend its nonces or its rate.
 */
export async function authenticateKioskRequest(
  deps: IdentityDeps,
  request: { headers: HeaderBag; method: string; path: string; body: Uint8Array },
): Promise<AuthenticatedKiosk> {
  const { db, now: clock, limits } = resolveIdentityDeps(deps);
  const now = clock();
  const auth = readKioskAuthHeaders(request.headers, now, limits.kioskClockSkewSeconds);
  const kiosk = await findKiosk(db, auth.kioskId);
  if (!kiosk) throw refusal('kiosk_auth.unknown_kiosk');
  const signed = verifyKioskRequestSignature(
    createPublicKey(kiosk.public_key_pem),
    {
      kioskId: kiosk.kiosk_id,
      method: request.method,
      path: request.path,
      timestamp: auth.timestamp,
      nonce: auth.nonce,
      body: request.body,
    },
    auth.signature,
  );
  if (!signed) throw refusal('kiosk_auth.signature_invalid');
  if (kiosk.status !== 'in_service')
    throw refusal('kiosk_auth.out_of_service', { extra: { reason: kiosk.status_reason } });
  // Kept until a replay would be refused as stale anyway, plus a minute of margin.
  const nonceExpiresAt = new Date((Number(auth.timestamp) + limits.kioskClockSkewSeconds + 60) * 1000);
  const { fresh, taken } = await admitKioskRequest(
    db,
    { kioskId: kiosk.kiosk_id, nonce: auth.nonce, nonceExpiresAt, bucketKey: kioskBucketKey(kiosk.kiosk_id) },
    limits.perKiosk,
    now,
  );
  if (!fresh) throw refusal('kiosk_auth.replayed');
  if (!taken.allowed)
    throw refusal('kiosk_auth.rate_limited', { extra: { retryAfterSeconds: taken.retryAfterSeconds } });
  return {
    kioskId: kiosk.kiosk_id,
    kind: kiosk.kind,
    operatorMunicipalityCode: kiosk.operator_municipality_code,
    operatorName: kiosk.operator_name,
    prefecture: kiosk.prefecture,
    inCity: kiosk.in_city,
  };
}
