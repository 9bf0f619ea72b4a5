import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decode, readOid } from './der.js';
import { createSelfSignedCa, issueCertificate, keyIdentifier, p256KeyPairFromSeed } from './x509.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'x509-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const leafRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const leafEc = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const notBefore = new Date(Date.UTC(2024, 0, 1));
const notAfter = new Date(Date.UTC(2034, 0, 1));

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8' });
}

describe.each([
  ['RSA', rsa],
  ['ECDSA P-256', ec],
])('certificates issued by a %s CA', (_label, caKeys) => {
  const ca = createSelfSignedCa({
    subject: [
      ['C', 'JP'],
      ['O', '𠮷野町'],
      ['CN', '𠮷野町 公印認証局'],
    ],
    keyPair: caKeys,
    notBefore,
    notAfter,
    serial: 1n,
    pathLength: 0,
  });

  it.each([
    ['an RSA', leafRsa],
    ['a P-256', leafEc],
  ])('issues %s subject that verifies with node', (_l, subjectKeys) => {
    const leaf = issueCertificate({
      subject: [
        ['C', 'JP'],
        ['O', '𠮷野町'],
        ['OU', '市民課'],
        ['CN', '髙橋 﨑子'],
      ],
      subjectPublicKey: subjectKeys.publicKey,
      issuerCert: ca.x509,
      issuerKey: caKeys.privateKey,
      serial: 0x1234n,
      notBefore,
      notAfter: new Date(Date.UTC(2029, 0, 1)),
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      extendedKeyUsage: ['documentSigning'],
    });
    expect(ca.x509.verify(caKeys.publicKey)).toBe(true);
    expect(leaf.x509.verify(caKeys.publicKey)).toBe(true);
    expect(leaf.x509.verify(subjectKeys.publicKey)).toBe(false);
    expect(leaf.x509.checkIssued(ca.x509)).toBe(true);
    expect(leaf.x509.subject).toBe('C=JP\nO=𠮷野町\nOU=市民課\nCN=髙橋 﨑子');
    expect(leaf.x509.issuer).toBe(ca.x509.subject);
    expect(leaf.x509.serialNumber).toBe('1234');
    expect(leaf.x509.ca).toBe(false);
    expect(ca.x509.ca).toBe(true);
    expect(leaf.x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.36']); // node's keyUsage lists the extended key usages
    expect(new Date(leaf.x509.validTo).getTime()).toBe(Date.UTC(2029, 0, 1));
    expect(leaf.pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(Buffer.compare(leaf.der, leaf.x509.raw)).toBe(0);
    const ski = keyIdentifier(caKeys.publicKey).toString('hex').toUpperCase();

    if (hasOpenssl()) {
      const caPath = join(dir, `ca-${_label}-${_l}.pem`.replace(/\s/g, '_'));
      const leafPath = join(dir, `leaf-${_label}-${_l}.pem`.replace(/\s/g, '_'));
      writeFileSync(caPath, ca.pem);
      writeFileSync(leafPath, leaf.pem);
      expect(
        openssl([
          'verify',
          '-CAfile',
          caPath,
          '-attime',
          String(Date.UTC(2025, 0, 1) / 1000),
          leafPath,
        ]).trim(),
      ).toBe(`${leafPath}: OK`);
      const text = openssl(['x509', '-in', leafPath, '-noout', '-text', '-nameopt', 'utf8']);
      expect(text).toContain('Subject: C=JP, O=𠮷野町, OU=市民課, CN=髙橋 﨑子');
      expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
      expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
      expect(text.replace(/:/g, '')).toMatch(new RegExp(`Authority Key Identifier\\s+${ski}`));
      expect(text).toContain('1.3.6.1.5.5.7.3.36');
      const caText = openssl(['x509', '-in', caPath, '-noout', '-text']);
      expect(caText).toMatch(/CA:TRUE, pathlen:0/);
      expect(caText).toMatch(/Certificate Sign, CRL Sign/);
    }
  });
});

describe('issueCertificate', () => {
  it('refuses an issuer key that does not match the issuer certificate', () => {
    const ca = createSelfSignedCa({ subject: [['CN', 'CA']], keyPair: rsa, notBefore, notAfter });
    expect(() =>
      issueCertificate({
        subject: [['CN', 'x']],
        subjectPublicKey: ec.publicKey,
        issuerCert: ca.der,
        issuerKey: ec.privateKey,
        notBefore,
        notAfter,
        keyUsage: ['digitalSignature'],
      }),
    ).toThrow(/issuer key/);
  });

  it('writes the signature algorithm of the issuer key', () => {
    const ca = createSelfSignedCa({ subject: [['CN', 'EC CA']], keyPair: ec, notBefore, notAfter });
    const sigAlg = decode(ca.der).children[1]!;
    expect(readOid(sigAlg.children[0]!)).toBe('1.2.840.10045.4.3.2');
    expect(sigAlg.children).toHaveLength(1); // no NULL parameters for ECDSA
    const rsaCa = createSelfSignedCa({ subject: [['CN', 'RSA CA']], keyPair: rsa, notBefore, notAfter });
    expect(readOid(decode(rsaCa.der).children[1]!.children[0]!)).toBe('1.2.840.113549.1.1.11');
  });

  it('refuses bad validity and serials', () => {
    expect(() =>
      createSelfSignedCa({ subject: [['CN', 'x']], keyPair: rsa, notBefore: notAfter, notAfter: notBefore }),
    ).toThrow(/notBefore/);
    expect(() =>
      createSelfSignedCa({ subject: [['CN', 'x']], keyPair: rsa, notBefore, notAfter, serial: 0n }),
    ).toThrow(/positive/);
  });
});

describe('p256KeyPairFromSeed', () => {
  it('derives the same working key from the same seed', () => {
    const seed = createHash('sha256').update('demo card 0001').digest();
    const a = p256KeyPairFromSeed(seed);
    const b = p256KeyPairFromSeed(seed);
    const spki = (k: typeof a) => k.publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
    expect(spki(a)).toBe(spki(b));
    expect(spki(a)).not.toBe(
      spki(p256KeyPairFromSeed(createHash('sha256').update('demo card 0002').digest())),
    );
    const sig = sign('sha256', Buffer.from('challenge'), a.privateKey);
    expect(verify('sha256', Buffer.from('challenge'), b.publicKey, sig)).toBe(true);
    expect(a.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('reduces the seed modulo the curve order', () => {
    const n = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex');
    const nPlusOne = Buffer.from(n);
    nPlusOne[31]! += 1;
    const one = Buffer.alloc(32);
    one[31] = 1;
    const spki = (s: Buffer) =>
      p256KeyPairFromSeed(s).publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
    expect(spki(nPlusOne)).toBe(spki(one));
    expect(() => p256KeyPairFromSeed(n)).toThrow(/zero/);
    expect(() => p256KeyPairFromSeed(Buffer.alloc(31))).toThrow(/32 bytes/);
  });
});
