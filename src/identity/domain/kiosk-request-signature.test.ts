import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type KioskSignedParts,
  signKioskRequest,
  verifyKioskRequestSignature,
} from './kiosk-request-signature.js';

const body = JSON.stringify({ challengeId: 'abc', note: '見本' });
const now = new Date('2026-11-25T01:02:03Z');

function partsFrom(
  headers: ReturnType<typeof signKioskRequest>,
  path: string,
  bytes: string,
): KioskSignedParts {
  return {
    kioskId: headers['x-kiosk-id'],
    method: 'POST',
    path,
    timestamp: headers['x-kiosk-timestamp'],
    nonce: headers['x-kiosk-nonce'],
    body: Buffer.from(bytes),
  };
}

describe.each([
  ['Ed25519', () => generateKeyPairSync('ed25519')],
  ['ECDSA P-256', () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' })],
])('kiosk request signatures with %s', (_name, makeKey) => {
  const key = makeKey();
  const headers = signKioskRequest({
    kioskId: 'store-0001',
    privateKey: key.privateKey,
    method: 'post',
    path: '/api/v1/kiosk/auth/complete',
    body,
    now,
  });

  it('verifies what the client signed', () => {
    expect(headers['x-kiosk-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(headers['x-kiosk-nonce']).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const parts = partsFrom(headers, '/api/v1/kiosk/auth/complete', body);
    expect(verifyKioskRequestSignature(key.publicKey, parts, headers['x-kiosk-signature'])).toBe(true);
  });

  it('fails when any signed part changes', () => {
    const good = partsFrom(headers, '/api/v1/kiosk/auth/complete', body);
    const variants: Partial<KioskSignedParts>[] = [
      { kioskId: 'store-0002' },
      { method: 'PUT' },
      { path: '/api/v1/kiosk/auth/challenge' },
      { timestamp: String(Number(good.timestamp) + 1) },
      {
        nonce: 'A'.repeat(24),
      },
      { body: Buffer.from(body.replace('見本', '見木')) },
      { body: Buffer.alloc(0) },
    ];
    for (const change of variants) {
      expect(
        verifyKioskRequestSignature(key.publicKey, { ...good, ...change }, headers['x-kiosk-signature']),
      ).toBe(false);
    }
  });

  it('fails with another key or a garbled signature', () => {
    const parts = partsFrom(headers, '/api/v1/kiosk/auth/complete', body);
    const other = makeKey();
    expect(verifyKioskRequestSignature(other.publicKey, parts, headers['x-kiosk-signature'])).toBe(false);
    expect(verifyKioskRequestSignature(key.publicKey, parts, 'AAAA')).toBe(false);
    expect(verifyKioskRequestSignature(key.publicKey, parts, `${headers['x-kiosk-signature']}!`)).toBe(false);
  });
});

describe('kiosk keys', () => {
  it('refuses other key types for signing', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() =>
      signKioskRequest({ kioskId: 'k-1', privateKey: rsa.privateKey, method: 'GET', path: '/', now }),
    ).toThrow(/Ed25519 or ECDSA/);
  });
});
