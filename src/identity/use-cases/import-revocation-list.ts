import { X509Certificate } from 'node:crypto';
import { insertRevokedCertificates, listTrustedCas, setCrlDates } from '../data/trust.repository.js';
import { type RevocationList, readSignedCrl } from '../domain/crl.js';
import { refusal } from '../domain/identity-errors.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';

function crlBytes(input: Uint8Array | string): Buffer {
  if (typeof input !== 'string') return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const body = input.replace(/-----(BEGIN|END) X509 CRL-----/g, '').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

/**
 * Imports a CRL (DER or PEM) published by one of the trusted CAs: its
 * signature is verified against that CA before a single serial is recorded.
 * Entries accumulate (a serial once revoked stays revoked); the CRL's
 * thisUpdate/nextUpdate are kept so operators can see when the next is due.
 */
export async function importRevocationList(
  deps: IdentityDeps,
  input: { crl: Uint8Array | string },
): Promise<{
  caKeySha256: string;
  entries: number;
  added: number;
  thisUpdate: Date;
  nextUpdate: Date | null;
}> {
  const { db, now: clock } = resolveIdentityDeps(deps);
  const der = crlBytes(input.crl);
  const cas = await listTrustedCas(db);
  let list: RevocationList | undefined;
  let caId: string | undefined;
  const reasons: string[] = [];
  for (const ca of cas) {
    try {
      list = readSignedCrl(der, new X509Certificate(ca.certificate_pem));
      caId = ca.key_sha256;
      break;
    } catch (error) {
      // Not this CA's (or not a CRL at all): try the next anchor, keep why for the operator.
      reasons.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (!list || !caId)
    throw refusal('jpki.crl_invalid', { message: `no trusted CA signed this CRL (${reasons.join('; ')})` });
  const found = list;
  const issuer = caId;
  const added = await db.transaction().execute(async (trx) => {
    const count = await insertRevokedCertificates(
      trx,
      issuer,
      found.entries.map((e) => ({ serial: e.serial, revokedAt: e.revokedAt, reason: e.reason })),
      clock(),
    );
    await setCrlDates(trx, issuer, found.thisUpdate, found.nextUpdate);
    return count;
  });
  return {
    caKeySha256: issuer,
    entries: found.entries.length,
    added,
    thisUpdate: found.thisUpdate,
    nextUpdate: found.nextUpdate,
  };
}
