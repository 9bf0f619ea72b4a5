/**
 * The demo JPKI of a seeded town, wired into identity: trust the seeder's demo
 * CA, publish its CRL for the cards the registry marks revoked, and make the
 * virtual card of any seeded resident. All of it re-derives keys from the
 * public seed (src/seed/cards.ts), which only a demo may do.
 */
import { X509Certificate } from 'node:crypto';
import { cardKeyPair, createDemoJpkiCa, demoJpkiCaKeyPair } from '../../seed/cards.js';
import { findNewestCardOfResident, listRevokedCardCertificateSerials } from '../data/card-auth.repository.js';
import { findActiveTrustedCaByKey } from '../data/trust.repository.js';
import { writeVirtualCard } from '../devices/virtual-card.js';
import { keySha256 } from '../domain/card-certificate.js';
import { createCrl } from '../domain/crl.js';
import { addTrustedCa } from './add-trusted-ca.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';
import { importRevocationList } from './import-revocation-list.js';

/** The PIN the demo cards are written with unless another is asked for. */
export const DEMO_CARD_PIN = '1234';

/**
 * Trusts the demo CA of `seed`. The CA certificate is re-created with new
 * signature bytes each time, so an existing anchor with the same key is kept
 * rather than adding another row per start.
 */
export async function trustDemoJpkiCa(deps: IdentityDeps, seed: number): Promise<{ keySha256: string }> {
  const { db } = resolveIdentityDeps(deps);
  const key = keySha256(demoJpkiCaKeyPair(seed).publicKey);
  if (!(await findActiveTrustedCaByKey(db, key)))
    await addTrustedCa(deps, { certificate: createDemoJpkiCa(seed).certificate.der, source: 'demo' });
  return { keySha256: key };
}

/**
 * Publishes and imports the demo CA's CRL: every certificate of a card the
 * registry marks revoked. Goes through importRevocationList, so the demo
 * checks revocation exactly as production does with J-LIS's CRL.
 */
export async function importDemoRevocations(
  deps: IdentityDeps,
  seed: number,
): Promise<{ entries: number; added: number }> {
  const { db, now: clock } = resolveIdentityDeps(deps);
  await trustDemoJpkiCa(deps, seed);
  const ca = createDemoJpkiCa(seed);
  const serials = await listRevokedCardCertificateSerials(db);
  const now = clock();
  const crl = createCrl({
    issuerCert: ca.certificate.der,
    issuerKey: ca.keyPair.privateKey,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + 24 * 3600_000),
    crlNumber: Math.floor(now.getTime() / 1000),
    revoked: serials.map((serial) => ({ serial, revokedAt: now, reason: 'cessationOfOperation' as const })),
  });
  const result = await importRevocationList(deps, { crl });
  return { entries: result.entries, added: result.added };
}

/**
 * Writes the virtual card of a seeded resident (their newest card) to `path`:
 * the certificate on record and the key re-derived from the seed. Fails if the
 * card was not made by the seeder with this seed.
 */
export async function writeDemoVirtualCard(
  deps: IdentityDeps,
  input: { seed: number; municipalityCode: string; residentId: number; path: string; pin?: string },
): Promise<{ cardSerial: string; path: string }> {
  const { db } = resolveIdentityDeps(deps);
  const card = await findNewestCardOfResident(db, input.municipalityCode, input.residentId);
  if (!card) throw new Error(`resident ${input.residentId} of ${input.municipalityCode} has no card`);
  const keyPair = cardKeyPair(input.seed, input.municipalityCode, card.card_serial);
  if (!new X509Certificate(card.certificate_pem).checkPrivateKey(keyPair.privateKey))
    throw new Error(`card ${card.card_serial} was not seeded with seed ${input.seed}`);
  await writeVirtualCard(input.path, {
    certificate: card.certificate_pem,
    privateKey: keyPair.privateKey,
    pin: input.pin ?? DEMO_CARD_PIN,
  });
  return { cardSerial: card.card_serial, path: input.path };
}
