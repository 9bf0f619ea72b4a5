import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCa, issueCertificate } from '../crypto/x509.js';
import { AppError } from '../shared/errors.js';
import {
  createMunicipalitySigningIdentity,
  type DemoSigningIdentity,
  importSigningIdentity,
  loadSigningIdentity,
  splitPemCertificates,
} from './keys.js';

const PASSPHRASE = 'demo-passphrase-0123456789';
const NOW = new Date(Date.UTC(2024, 3, 1, 9, 0, 0, 123));
const dir = mkdtempSync(join(tmpdir(), 'keys-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${(error as Error).message}`;
  }
  return undefined;
}

let demo: DemoSigningIdentity;
beforeAll(async () => {
  demo = await createMunicipalitySigningIdentity({
    municipalityCode: '131016',
    name: '千代田区',
    mayorName: '樋口 高顕',
    now: NOW,
    passphrase: PASSPHRASE,
  });
});

describe('createMunicipalitySigningIdentity', () => {
  it('stores keys only encrypted and a chain signer first, root last', () => {
    expect(demo.encryptedPrivateKeyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(demo.encryptedCaPrivateKeyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    for (const pem of [
      demo.encryptedPrivateKeyPem,
      demo.encryptedCaPrivateKeyPem,
      demo.certificateChainPem,
    ]) {
      expect(pem).not.toContain('BEGIN PRIVATE KEY');
      expect(pem).not.toContain('BEGIN RSA PRIVATE KEY');
    }
    const [signer, root] = splitPemCertificates(demo.certificateChainPem);
    expect(signer!.subject).toBe('C=JP\nO=千代田区\nserialNumber=131016\nCN=千代田区長 樋口 高顕');
    expect(root!.subject).toBe('C=JP\nO=千代田区\nserialNumber=131016\nCN=千代田区 電子公印認証局（デモ）');
    expect(root!.ca).toBe(true);
    expect(root!.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(signer!.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(signer!.verify(root!.publicKey)).toBe(true);
    expect(new Date(signer!.validFrom).getTime()).toBe(Date.UTC(2024, 3, 1, 9, 0, 0));
  });

  it('passes openssl verify', () => {
    if (spawnSync('openssl', ['version']).error) return;
    const [signer, root] = splitPemCertificates(demo.certificateChainPem);
    writeFileSync(join(dir, 'root.pem'), root!.toString());
    writeFileSync(join(dir, 'signer.pem'), signer!.toString());
    const out = execFileSync(
      'openssl',
      [
        'verify',
        '-attime',
        String(Date.UTC(2025, 0, 1) / 1000),
        '-CAfile',
        join(dir, 'root.pem'),
        join(dir, 'signer.pem'),
      ],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe(`${join(dir, 'signer.pem')}: OK`);
  });

  it('refuses a bad municipality code or a short passphrase', async () => {
    const base = { name: 'x市', mayorName: 'x', now: NOW, passphrase: PASSPHRASE };
    await expect(
      createMunicipalitySigningIdentity({ ...base, municipalityCode: '131017' }),
    ).rejects.toMatchObject({
      code: 'signing.municipality_code',
    });
    await expect(
      createMunicipalitySigningIdentity({ ...base, municipalityCode: '131016', passphrase: 'short' }),
    ).rejects.toMatchObject({ code: 'signing.passphrase_weak' });
  });
});

describe('loadSigningIdentity', () => {
  it('decrypts with the right passphrase', () => {
    const loaded = loadSigningIdentity(demo, PASSPHRASE);
    expect(loaded.privateKey.type).toBe('private');
    expect(loaded.certificate.checkPrivateKey(loaded.privateKey)).toBe(true);
    expect(loaded.certificateChain).toHaveLength(2);
    expect(loaded.trustAnchor.subject).toContain('電子公印認証局');
  });

  it('refuses a wrong passphrase and a key of another identity', async () => {
    expect(code(() => loadSigningIdentity(demo, 'wrong passphrase 0123456789'))).toBe('signing.key_locked');
    const swapped = { ...demo, encryptedPrivateKeyPem: demo.encryptedCaPrivateKeyPem };
    expect(code(() => loadSigningIdentity(swapped, PASSPHRASE))).toBe('signing.key_mismatch');
    const [signer, root] = splitPemCertificates(demo.certificateChainPem);
    const reversed = { ...demo, certificateChainPem: `${root!.toString()}${signer!.toString()}` };
    expect(code(() => loadSigningIdentity(reversed, PASSPHRASE))).toBe('signing.key_mismatch');
  });
});

describe('importSigningIdentity', () => {
  const rootKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const leafKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const validity = { notBefore: new Date(Date.UTC(2023, 0, 1)), notAfter: new Date(Date.UTC(2028, 0, 1)) };
  const root = createSelfSignedCa({
    subject: [
      ['C', 'JP'],
      ['CN', 'LGPKI demo root'],
    ],
    keyPair: rootKeys,
    ...validity,
  });
  const leaf = issueCertificate({
    subject: [
      ['C', 'JP'],
      ['O', '千代田区'],
      ['CN', '千代田区長'],
    ],
    subjectPublicKey: leafKeys.publicKey,
    issuerCert: root.x509,
    issuerKey: rootKeys.privateKey,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    ...validity,
  });
  const vendorPassphrase = 'vendor supplied secret';
  const vendorKeyPem = leafKeys.privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-128-cbc',
    passphrase: vendorPassphrase,
  }) as string;

  it('re-encrypts a production key under the madoguchi passphrase', () => {
    const stored = importSigningIdentity({
      privateKeyPem: vendorKeyPem,
      privateKeyPassphrase: vendorPassphrase,
      certificateChainPem: leaf.pem + root.pem,
      passphrase: PASSPHRASE,
      now: NOW,
    });
    expect(stored.encryptedPrivateKeyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(code(() => loadSigningIdentity(stored, vendorPassphrase))).toBe('signing.key_locked');
    const loaded = loadSigningIdentity(stored, PASSPHRASE);
    expect(loaded.certificate.raw.equals(leaf.der)).toBe(true);
    expect(loaded.trustAnchor.raw.equals(root.der)).toBe(true);
  });

  it('refuses chains in the wrong order, foreign keys, EC keys and expired certificates', () => {
    const base = {
      privateKeyPem: vendorKeyPem,
      privateKeyPassphrase: vendorPassphrase,
      certificateChainPem: leaf.pem + root.pem,
      passphrase: PASSPHRASE,
      now: NOW,
    };
    expect(code(() => importSigningIdentity({ ...base, privateKeyPassphrase: 'nope' }))).toBe(
      'signing.key_unreadable',
    );
    expect(code(() => importSigningIdentity({ ...base, certificateChainPem: root.pem + leaf.pem }))).toBe(
      'signing.key_mismatch',
    );
    const otherRoot = createSelfSignedCa({ subject: [['CN', 'other']], keyPair: rootKeys, ...validity });
    expect(
      code(() => importSigningIdentity({ ...base, certificateChainPem: leaf.pem + otherRoot.pem })),
    ).toBe('signing.chain_order');
    expect(code(() => importSigningIdentity({ ...base, now: new Date(Date.UTC(2029, 0, 1)) }))).toBe(
      'signing.certificate_not_valid_now',
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecCert = createSelfSignedCa({ subject: [['CN', 'ec']], keyPair: ec, ...validity });
    const ecPem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(
      code(() =>
        importSigningIdentity({
          ...base,
          privateKeyPem: ecPem,
          privateKeyPassphrase: undefined,
          certificateChainPem: ecCert.pem,
        }),
      ),
    ).toBe('signing.key_type');
  });
});
