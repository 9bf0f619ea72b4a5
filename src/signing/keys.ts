/**
 * A municipality's document-signing identity as PEM strings: the certificate chain
 * (signer first, root last) and the private key as encrypted PKCS#8. The
 * passphrase never sits next to the key (see src/shared/secrets.ts); storage is
 * the issuance engine's signing_identity table.
 *
 * Demo municipalities get a generated CA; a real municipality imports the key and
 * certificate its CA (e.g. LGPKI) issued, see docs/signing.md.
 */
import { createPrivateKey, generateKeyPair, type KeyObject, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import { createSelfSignedCa, type DistinguishedName, issueCertificate } from '../crypto/x509.js';
import { isValidMunicipalityCode } from '../domain/check-digits.js';
import { AppError } from '../shared/errors.js';
import type { PdfSigner } from './pades.js';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface StoredSigningIdentity {
  /** PEM certificates concatenated: the document-signing certificate first, the root last. */
  certificateChainPem: string;
  /** The signing key as PKCS#8 encrypted with the passphrase (PBES2, AES-256-CBC). */
  encryptedPrivateKeyPem: string;
}

export interface DemoSigningIdentity extends StoredSigningIdentity {
  /** The demo CA's key, encrypted likewise; only needed to reissue the signing certificate. */
  encryptedCaPrivateKeyPem: string;
}

export interface LoadedSigningIdentity extends PdfSigner {
  certificate: X509Certificate;
  certificateChain: X509Certificate[];
  /** The last certificate of the chain: what verifiers of this municipality's documents trust. */
  trustAnchor: X509Certificate;
}

export interface CreateSigningIdentityOptions {
  municipalityCode: string;
  /** e.g. 千代田区, 𠮷野町: printed exactly as given. */
  name: string;
  mayorName: string;
  /** The head's title; defaults to the name + 長 (市長, 町長, 村長, 区長). */
  mayorTitle?: string;
  now: Date;
  passphrase: string;
  /** Modulus of the signing key: 2048 (default, faster signing) or 3072. */
  signingKeyBits?: 2048 | 3072;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < 16) {
    throw new AppError('invalid', 'signing.passphrase_weak', {
      ja: '署名鍵のパスフレーズが短すぎます（16文字以上）。',
      en: 'The signing key passphrase must be at least 16 characters.',
    });
  }
}

export function encryptPrivateKey(key: KeyObject, passphrase: string): string {
  checkPassphrase(passphrase);
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }) as string;
}

/** Split concatenated PEM certificates, keeping their order. */
export function splitPemCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}

function invalidIdentity(code: string, en: string, ja: string): AppError {
  return new AppError('unprocessable', `signing.${code}`, { ja, en });
}

/** The chain must run signer → … → root, each certificate issued by the next. */
function checkChainOrder(chain: X509Certificate[]): void {
  for (let i = 0; i + 1 < chain.length; i++) {
    const cert = chain[i]!;
    const issuer = chain[i + 1]!;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw invalidIdentity(
        'chain_order',
        `certificate ${i + 1} of the chain is not issued by certificate ${i + 2}`,
        '証明書チェーンの順序が正しくありません（署名者の証明書から順に並べてください）。',
      );
    }
  }
}

/**
 * Create a demo CA (RSA 3072, 10 years) and a document-signing certificate for the
 * head of the municipality (5 years). Key generation takes about a second.
 */
export async function createMunicipalitySigningIdentity(
  options: CreateSigningIdentityOptions,
): Promise<DemoSigningIdentity> {
  if (!isValidMunicipalityCode(options.municipalityCode)) {
    throw new AppError('invalid', 'signing.municipality_code', {
      ja: '地方公共団体コードが正しくありません。',
      en: 'Invalid municipality code.',
    });
  }
  checkPassphrase(options.passphrase);
  const now = new Date(Math.floor(options.now.getTime() / 1000) * 1000);
  const [caKeys, signerKeys] = await Promise.all([
    generateKeyPairAsync('rsa', { modulusLength: 3072 }),
    generateKeyPairAsync('rsa', { modulusLength: options.signingKeyBits ?? 2048 }),
  ]);
  const base: DistinguishedName = [
    ['C', 'JP'],
    ['O', options.name],
  ];
  const ca = createSelfSignedCa({
    subject: [
      ...base,
      ['serialNumber', options.municipalityCode],
      ['CN', `${options.name} 電子公印認証局（デモ）`],
    ],
    keyPair: caKeys,
    notBefore: now,
    notAfter: new Date(now.getTime() + 10 * YEAR_MS),
    pathLength: 0,
  });
  const title = options.mayorTitle ?? `${options.name}長`;
  const signing = issueCertificate({
    subject: [...base, ['serialNumber', options.municipalityCode], ['CN', `${title} ${options.mayorName}`]],
    subjectPublicKey: signerKeys.publicKey,
    issuerCert: ca.x509,
    issuerKey: caKeys.privateKey,
    notBefore: now,
    notAfter: new Date(now.getTime() + 5 * YEAR_MS),
    keyUsage: ['digitalSignature', 'nonRepudiation'],
  });
  return {
    certificateChainPem: signing.pem + ca.pem,
    encryptedPrivateKeyPem: encryptPrivateKey(signerKeys.privateKey, options.passphrase),
    encryptedCaPrivateKeyPem: encryptPrivateKey(caKeys.privateKey, options.passphrase),
  };
}

/** Decrypt and check a stored identity. PBKDF2 makes this cost about a millisecond: load once, reuse. */
export function loadSigningIdentity(
  stored: StoredSigningIdentity,
  passphrase: string,
): LoadedSigningIdentity {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: stored.encryptedPrivateKeyPem, format: 'pem', passphrase });
  } catch (error) {
    throw new AppError(
      'unprocessable',
      'signing.key_locked',
      { ja: '署名鍵を復号できません。', en: 'The signing key cannot be decrypted (wrong passphrase?).' },
      { cause: error },
    );
  }
  const chain = splitPemCertificates(stored.certificateChainPem);
  const certificate = chain[0];
  if (!certificate)
    throw invalidIdentity('no_certificate', 'the chain has no certificate', '証明書がありません。');
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw invalidIdentity(
      'key_type',
      'document signing keys must be RSA (deterministic PKCS#1 v1.5 signatures)',
      '文書署名鍵はRSA鍵である必要があります。',
    );
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw invalidIdentity(
      'key_mismatch',
      'the key does not match the signing certificate',
      '鍵と証明書が一致しません。',
    );
  }
  checkChainOrder(chain);
  return { privateKey, certificate, certificateChain: chain, trustAnchor: chain[chain.length - 1]! };
}

export interface ImportSigningIdentityOptions {
  /** The production key as PEM (PKCS#8, PKCS#1 or encrypted PKCS#8). */
  privateKeyPem: string;
  /** Passphrase of the key file as delivered, if it is encrypted. */
  privateKeyPassphrase?: string;
  /** The certificate and its issuers as concatenated PEM, signer first. */
  certificateChainPem: string;
  /** The madoguchi passphrase the key will be stored under. */
  passphrase: string;
  now: Date;
}

/**
 * Take a municipality's production key and certificate chain, check them, and
 * re-encrypt the key under madoguchi's passphrase for storage.
 */
export function importSigningIdentity(options: ImportSigningIdentityOptions): StoredSigningIdentity {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({
      key: options.privateKeyPem,
      format: 'pem',
      passphrase: options.privateKeyPassphrase,
    });
  } catch (error) {
    throw new AppError(
      'invalid',
      'signing.key_unreadable',
      { ja: '秘密鍵を読み込めません。', en: 'The private key cannot be read (format or passphrase).' },
      { cause: error },
    );
  }
  const chain = splitPemCertificates(options.certificateChainPem);
  const certificate = chain[0];
  if (!certificate)
    throw invalidIdentity('no_certificate', 'no certificate in the chain', '証明書がありません。');
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw invalidIdentity(
      'key_type',
      'document signing keys must be RSA',
      '文書署名鍵はRSA鍵である必要があります。',
    );
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw invalidIdentity(
      'key_mismatch',
      'the key does not match the first certificate',
      '鍵と証明書が一致しません。',
    );
  }
  checkChainOrder(chain);
  const now = options.now;
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) {
    throw invalidIdentity(
      'certificate_not_valid_now',
      'the signing certificate is not valid now',
      '署名証明書の有効期間外です。',
    );
  }
  return {
    certificateChainPem: chain.map((c) => c.toString()).join(''),
    encryptedPrivateKeyPem: encryptPrivateKey(privateKey, options.passphrase),
  };
}
