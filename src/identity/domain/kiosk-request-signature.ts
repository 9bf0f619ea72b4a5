/**
 * How a registered kiosk signs its requests to the kiosk API, and how the server
 * checks them. The kiosk holds its own key (Ed25519 or ECDSA P-256); the server
 * knows only the public key registered for the kiosk id.
 *
 * Signed string (UTF-8, lines joined by \n):
 *   madoguchi-kiosk-request-v1
 *   <kiosk id>
 *   <METHOD>
 *   <path and query exactly as sent>
 *   <timestamp: Unix seconds>
 *   <nonce: 16–64 chars of base64url>
 *   <SHA-256 of the body bytes, lower-case hex (of nothing for an empty body)>
 */
import { createHash, createPublicKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto';

export const KIOSK_SIGNATURE_LABEL = 'madoguchi-kiosk-request-v1';
export const KIOSK_NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
export const KIOSK_TIMESTAMP_PATTERN = /^[0-9]{1,12}$/;

export type KioskKeyAlgorithm = 'ed25519' | 'ecdsa-p256';

export interface KioskRequestHeaders {
  'x-kiosk-id': string;
  'x-kiosk-timestamp': string;
  'x-kiosk-nonce': string;
  'x-kiosk-signature': string;
}

export interface KioskSignedParts {
  kioskId: string;
  method: string;
  /** The request target as sent: path plus query string. */
  path: string;
  timestamp: string;
  nonce: string;
  body: Uint8Array;
}

export function kioskSigningString(parts: KioskSignedParts): Buffer {
  const bodyHash = createHash('sha256').update(parts.body).digest('hex');
  return Buffer.from(
    [
      KIOSK_SIGNATURE_LABEL,
      parts.kioskId,
      parts.method.toUpperCase(),
      parts.path,
      parts.timestamp,
      parts.nonce,
      bodyHash,
    ].join('\n'),
    'utf8',
  );
}

/** The algorithm of a kiosk key, or undefined if kiosks may not use it. */
export function kioskKeyAlgorithm(key: KeyObject): KioskKeyAlgorithm | undefined {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return 'ecdsa-p256';
  return undefined;
}

function bodyBytes(body: string | Uint8Array | undefined): Uint8Array {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/**
 * The client side: headers for one request. The kiosk's backend (and tests)
 * call this with the exact body bytes they send.
 */
export function signKioskRequest(options: {
  kioskId: string;
  privateKey: KeyObject;
  method: string;
  path: string;
  body?: string | Uint8Array;
  now?: Date;
  nonce?: string;
}): KioskRequestHeaders {
  const algorithm = kioskKeyAlgorithm(createPublicKey(options.privateKey));
  if (!algorithm) throw new Error('kiosk keys are Ed25519 or ECDSA P-256');
  const timestamp = String(Math.floor((options.now ?? new Date()).getTime() / 1000));
  const nonce = options.nonce ?? randomBytes(18).toString('base64url');
  const message = kioskSigningString({
    kioskId: options.kioskId,
    method: options.method,
    path: options.path,
    timestamp,
    nonce,
    body: bodyBytes(options.body),
  });
  const signature =
    algorithm === 'ed25519'
      ? sign(null, message, options.privateKey)
      : sign('sha256', message, { key: options.privateKey, dsaEncoding: 'der' });
  return {
    'x-kiosk-id': options.kioskId,
    'x-kiosk-timestamp': timestamp,
    'x-kiosk-nonce': nonce,
    'x-kiosk-signature': signature.toString('base64'),
  };
}

/** The server side: whether `signature` (base64) is the kiosk key's signature over the parts. */
export function verifyKioskRequestSignature(
  publicKey: KeyObject,
  parts: KioskSignedParts,
  signature: string,
): boolean {
  const algorithm = kioskKeyAlgorithm(publicKey);
  if (!algorithm || !/^[A-Za-z0-9+/]{40,200}={0,2}$/.test(signature)) return false;
  const message = kioskSigningString(parts);
  const bytes = Buffer.from(signature, 'base64');
  try {
    return algorithm === 'ed25519'
      ? verify(null, message, publicKey, bytes)
      : verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, bytes);
  } catch {
    return false;
  }
}
