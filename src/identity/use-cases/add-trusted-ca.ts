import { X509Certificate } from 'node:crypto';
import { derToPem } from '../../crypto/x509.js';
import { upsertTrustedCa } from '../data/trust.repository.js';
import { certificateBytes, keySha256, readValidity, sha256Hex } from '../domain/card-certificate.js';
import { refusal } from '../domain/identity-errors.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';

/**
 * Trusts a CA certificate for 利用者証明用 certificates in this deployment: the
 * demo JPKI CA, or in production the J-LIS CA certificates (see docs/identity.md).
 * Adding the same certificate again re-activates it.
 */
export async function addTrustedCa(
  deps: IdentityDeps,
  input: { certificate: Uint8Array | string; source: 'demo' | 'import' },
): Promise<{ caId: string; keySha256: string; subject: string }> {
  const { db } = resolveIdentityDeps(deps);
  let x509: X509Certificate;
  let der: Buffer;
  try {
    der = certificateBytes(input.certificate);
    x509 = new X509Certificate(der);
  } catch (error) {
    throw refusal('jpki.ca_invalid', { cause: error });
  }
  // A CA certificate must say so, and be self-consistent: signed by its own key
  // when it is a root. Anything else cannot anchor a chain.
  if (!x509.ca) throw refusal('jpki.ca_invalid', { message: 'basicConstraints cA is not set' });
  if (x509.checkIssued(x509) && !x509.verify(x509.publicKey))
    throw refusal('jpki.ca_invalid', { message: 'the self-signature does not verify' });
  const { notBefore, notAfter } = readValidity(der);
  const caId = sha256Hex(der);
  const key = keySha256(x509.publicKey);
  await upsertTrustedCa(db, {
    ca_id: caId,
    key_sha256: key,
    subject: x509.subject,
    certificate_pem: derToPem(der),
    not_before: notBefore,
    not_after: notAfter,
    source: input.source,
  });
  return { caId, keySha256: key, subject: x509.subject };
}
