import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCa, type KeyPair } from '../../crypto/x509.js';
import { CrlError, createCrl, readSignedCrl } from './crl.js';

function newCa(name: string, keyPair: KeyPair) {
  return createSelfSignedCa({
    subject: [
      ['C', 'JP'],
      ['CN', name],
    ],
    keyPair,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2040-01-01T00:00:00Z'),
  });
}

const thisUpdate = new Date('2026-11-01T00:00:00Z');
const nextUpdate = new Date('2026-11-02T00:00:00Z');

describe('certificate revocation lists', () => {
  const ecKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecCa = newCa('EC CA', ecKey);
  const revoked = [
    { serial: '0A0B', revokedAt: new Date('2026-10-01T00:00:00Z'), reason: 'keyCompromise' as const },
    { serial: `7F${'ab'.repeat(15)}`, revokedAt: new Date('2026-10-02T03:04:05Z') },
    { serial: '80', revokedAt: new Date('2026-10-03T00:00:00Z'), reason: 'cessationOfOperation' as const },
  ];

  it('reads back what it issued, serials in X509Certificate form', () => {
    const crl = createCrl({
      issuerCert: ecCa.der,
      issuerKey: ecKey.privateKey,
      thisUpdate,
      nextUpdate,
      crlNumber: 7,
      revoked,
    });
    const list = readSignedCrl(crl, ecCa.x509);
    expect(list.thisUpdate).toEqual(thisUpdate);
    expect(list.nextUpdate).toEqual(nextUpdate);
    expect(list.entries).toEqual([
      { serial: '0A0B', revokedAt: revoked[0]!.revokedAt, reason: 'keyCompromise' },
      { serial: `7F${'AB'.repeat(15)}`, revokedAt: revoked[1]!.revokedAt, reason: null },
      { serial: '80', revokedAt: revoked[2]!.revokedAt, reason: 'cessationOfOperation' },
    ]);
  });

  it('is a CRL OpenSSL accepts and verifies (RSA issuer too)', () => {
    const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaCa = newCa('RSA CA', rsaKey);
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-crl-'));
    const crl = createCrl({
      issuerCert: rsaCa.der,
      issuerKey: rsaKey.privateKey,
      thisUpdate,
      nextUpdate,
      crlNumber: 1,
      revoked,
    });
    writeFileSync(join(dir, 'crl.der'), crl);
    writeFileSync(join(dir, 'ca.pem'), rsaCa.pem);
    const run = spawnSync(
      'openssl',
      [
        'crl',
        '-inform',
        'DER',
        '-in',
        join(dir, 'crl.der'),
        '-CAfile',
        join(dir, 'ca.pem'),
        '-noout',
        '-text',
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('verify OK');
    const out = run.stdout;
    expect(out).toContain('Serial Number: 0A0B');
    expect(out).toContain('Key Compromise');
    expect(readSignedCrl(crl, rsaCa.x509).entries).toHaveLength(3);
  });

  it('refuses a CRL signed by another CA, or altered after signing', () => {
    const crl = createCrl({
      issuerCert: ecCa.der,
      issuerKey: ecKey.privateKey,
      thisUpdate,
      nextUpdate,
      crlNumber: 1,
      revoked,
    });
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    // Same name, other key: only the signature tells them apart.
    const impostor = newCa('EC CA', otherKey);
    expect(() => readSignedCrl(crl, impostor.x509)).toThrow(/signature/);
    expect(() => readSignedCrl(crl, newCa('Other CA', otherKey).x509)).toThrow(/another CA/);
    const altered = Buffer.from(crl);
    const at = altered.indexOf(Buffer.from([0x02, 0x02, 0x0a, 0x0b])); // the INTEGER 0x0A0B
    expect(at).toBeGreaterThan(0);
    altered[at + 3] = 0x0c;
    expect(() => readSignedCrl(altered, ecCa.x509)).toThrow(CrlError);
    expect(() => readSignedCrl(Buffer.from('not a crl'), ecCa.x509)).toThrow(CrlError);
  });

  it('reads an empty CRL', () => {
    const crl = createCrl({
      issuerCert: ecCa.der,
      issuerKey: ecKey.privateKey,
      thisUpdate,
      nextUpdate,
      crlNumber: 2,
      revoked: [],
    });
    expect(readSignedCrl(crl, ecCa.x509).entries).toEqual([]);
  });
});
