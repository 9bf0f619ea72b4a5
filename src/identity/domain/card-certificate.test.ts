import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCa, issueCertificate } from '../../crypto/x509.js';
import { cardAuthMessage } from './card-auth-message.js';
import {
  certificateBytes,
  findTrustedIssuer,
  parseCardCertificate,
  readKeyUsageBits,
  serialHex,
  verifyCardSignature,
} from './card-certificate.js';

const caKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const ca = createSelfSignedCa({
  subject: [
    ['C', 'JP'],
    ['CN', 'card CA'],
  ],
  keyPair: caKey,
  notBefore: new Date('2020-01-01T00:00:00Z'),
  notAfter: new Date('2040-01-01T00:00:00Z'),
});
const cardKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const card = issueCertificate({
  subject: [
    ['C', 'JP'],
    ['CN', 'card'],
  ],
  subjectPublicKey: cardKey.publicKey,
  issuerCert: ca.x509,
  issuerKey: caKey.privateKey,
  serial: 0x0abcden,
  notBefore: new Date('2025-01-02T03:04:05Z'),
  notAfter: new Date('2030-01-02T03:04:05Z'),
  keyUsage: ['digitalSignature'],
});

describe('card certificates', () => {
  it('reads serial, validity and fingerprint from PEM, DER and base64 alike', () => {
    for (const input of [card.der, card.pem, card.der.toString('base64')]) {
      const parsed = parseCardCertificate(input);
      expect(parsed.serial).toBe('0ABCDE');
      expect(parsed.serial).toBe(card.x509.serialNumber);
      expect(parsed.notBefore).toEqual(new Date('2025-01-02T03:04:05Z'));
      expect(parsed.notAfter).toEqual(new Date('2030-01-02T03:04:05Z'));
      expect(parsed.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(serialHex(0x80n)).toBe('80');
    expect(serialHex(0xabcn)).toBe('0ABC');
    expect(readKeyUsageBits(card.der)).toEqual(new Set([0]));
  });

  it('refuses what is not a certificate with a stable code', () => {
    for (const input of ['', 'not base64!', Buffer.from('junk').toString('base64'), Buffer.alloc(3)]) {
      expect(() => parseCardCertificate(input)).toThrow(
        expect.objectContaining({ code: 'card_auth.certificate_malformed' }),
      );
    }
    expect(certificateBytes(card.pem).equals(card.der)).toBe(true);
  });

  it('finds the issuer only among CAs whose key signed the certificate', () => {
    expect(findTrustedIssuer(card.x509, [ca.x509])).toBe(ca.x509);
    const impostorKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const impostor = createSelfSignedCa({
      subject: [
        ['C', 'JP'],
        ['CN', 'card CA'],
      ],
      keyPair: impostorKey,
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2040-01-01T00:00:00Z'),
    });
    expect(findTrustedIssuer(card.x509, [impostor.x509])).toBeUndefined();
    expect(findTrustedIssuer(card.x509, [])).toBeUndefined();
  });

  it('verifies ECDSA signatures in DER and raw r‖s form, and nothing else', () => {
    const message = cardAuthMessage(Buffer.alloc(32, 9), 'kiosk-1');
    const der = sign('sha256', message, { key: cardKey.privateKey, dsaEncoding: 'der' });
    const raw = sign('sha256', message, { key: cardKey.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verifyCardSignature(cardKey.publicKey, message, der)).toBe(true);
    expect(verifyCardSignature(cardKey.publicKey, message, raw)).toBe(true);
    const otherMessage = cardAuthMessage(Buffer.alloc(32, 9), 'kiosk-2');
    expect(verifyCardSignature(cardKey.publicKey, otherMessage, der)).toBe(false);
    expect(verifyCardSignature(cardKey.publicKey, message, Buffer.alloc(0))).toBe(false);
    expect(verifyCardSignature(cardKey.publicKey, message, Buffer.alloc(64))).toBe(false);
    expect(verifyCardSignature(cardKey.publicKey, message, Buffer.from([0x30, 0x01, 0x00]))).toBe(false);
  });

  it('verifies RSA PKCS#1 v1.5 and refuses small RSA and other curves', () => {
    const message = Buffer.from('m');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(verifyCardSignature(rsa.publicKey, message, sign('sha256', message, rsa.privateKey))).toBe(true);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(verifyCardSignature(small.publicKey, message, sign('sha256', message, small.privateKey))).toBe(
      false,
    );
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    expect(verifyCardSignature(p384.publicKey, message, sign('sha256', message, p384.privateKey))).toBe(
      false,
    );
  });

  it('builds the signed message from label, nonce and kiosk id only', () => {
    const message = cardAuthMessage(Buffer.alloc(32, 1), 'k-1');
    expect(message.subarray(0, 23).toString()).toBe('madoguchi-card-auth-v1\0');
    expect(() => cardAuthMessage(Buffer.alloc(31), 'k-1')).toThrow();
  });
});
