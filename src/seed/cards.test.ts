import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decode } from '../crypto/der.js';
import {
  CardCertificateIssuer,
  cardCertificateSerial,
  cardKeyPair,
  createDemoJpkiCa,
  deriveCardKeySeed,
  issueCardCertificate,
  serialHex,
} from './cards.js';

const tbs = (der: Uint8Array) => Buffer.from(decode(der).children[0]!.raw);

describe('demo JPKI keys and certificates', () => {
  it('derives the same card key seed from the same inputs, and another for any other', () => {
    const a = deriveCardKeySeed(7, '999997', '000000000001');
    expect(a).toHaveLength(32);
    expect(deriveCardKeySeed(7, '999997', '000000000001').equals(a)).toBe(true);
    expect(deriveCardKeySeed(8, '999997', '000000000001').equals(a)).toBe(false);
    expect(deriveCardKeySeed(7, '131016', '000000000001').equals(a)).toBe(false);
    expect(deriveCardKeySeed(7, '999997', '000000000002').equals(a)).toBe(false);
  });

  it('re-creates the CA with the same name, key and validity', () => {
    const a = createDemoJpkiCa(3).certificate.x509;
    const b = createDemoJpkiCa(3).certificate.x509;
    expect(a.ca).toBe(true);
    expect(b.subject).toBe(a.subject);
    expect(b.serialNumber).toBe(a.serialNumber);
    expect(b.validFrom).toBe(a.validFrom);
    expect(b.publicKey.export({ type: 'spki', format: 'der' })).toEqual(
      a.publicKey.export({ type: 'spki', format: 'der' }),
    );
    expect(createDemoJpkiCa(4).certificate.x509.publicKey.equals(a.publicKey)).toBe(false);
  });

  it('issues in bulk exactly what issueCertificate() issues, apart from the signature', () => {
    const ca = createDemoJpkiCa(11);
    const bulk = new CardCertificateIssuer(ca, 11, '999997');
    const notBefore = new Date('2023-04-01T00:00:00+09:00');
    const notAfter = new Date('2028-07-14T23:59:59+09:00');
    for (const cardSerial of ['000000000001', '123456789012', '999999999999']) {
      const serial = cardCertificateSerial(11, '999997', cardSerial, 0);
      const fast = bulk.issue(cardSerial, serial, notBefore, notAfter);
      const reference = issueCardCertificate(ca, {
        seed: 11,
        municipalityCode: '999997',
        cardSerial,
        serial,
        notBefore,
        notAfter,
      });
      expect(tbs(fast.der).equals(tbs(reference.der))).toBe(true);
      const cert = new X509Certificate(fast.pem);
      expect(cert.verify(ca.certificate.x509.publicKey)).toBe(true);
      expect(cert.checkIssued(ca.certificate.x509)).toBe(true);
      expect(cert.serialNumber).toBe(serialHex(serial));
      expect(cert.checkPrivateKey(cardKeyPair(11, '999997', cardSerial).privateKey)).toBe(true);
      expect(cert.subject).not.toMatch(/[\u3040-\u9fff]/); // no name or address on a 利用者証明用 certificate
    }
  });

  it('gives renewed certificates new serials, unique across municipalities', () => {
    const serials = new Set<string>();
    for (const code of ['999997', '131016']) {
      for (let card = 0; card < 200; card++) {
        for (const issue of [0, 1])
          serials.add(serialHex(cardCertificateSerial(5, code, String(card), issue)));
      }
    }
    expect(serials.size).toBe(800);
    for (const s of serials) expect(s).toMatch(/^[0-9A-F]{32}$/);
  });
});
