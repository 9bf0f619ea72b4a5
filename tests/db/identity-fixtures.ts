/**
 * Factories for the identity tests: a JPKI-like CA of the test's own, cards
 * issued by it and recorded in mynumber_card, registered kiosks with their
 * keys, and virtual card files.
 */
import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import {
  createSelfSignedCa,
  type IssuedCertificate,
  issueCertificate,
  type KeyPair,
  type KeyUsage,
} from '../../src/crypto/x509.js';
import type { CardStatus, DB, ResidentStatus } from '../../src/db/schema.js';
import { openVirtualCard, type VirtualCard, writeVirtualCard } from '../../src/identity/index.js';
import { addTrustedCa } from '../../src/identity/use-cases/add-trusted-ca.js';
import { registerKiosk } from '../../src/identity/use-cases/register-kiosk.js';
import { newMunicipality, newResident } from '../support/factories.js';

export const TOWN = '999997';
export const OTHER_TOWN = '999989';

export interface TestCa {
  cert: IssuedCertificate;
  key: KeyPair;
}

export function newTestCa(name = 'test JPKI user authentication CA'): TestCa {
  const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const cert = createSelfSignedCa({
    subject: [
      ['C', 'JP'],
      ['O', 'JPKI'],
      ['CN', name],
    ],
    keyPair: key,
    notBefore: new Date('2015-01-01T00:00:00Z'),
    notAfter: new Date('2045-01-01T00:00:00Z'),
  });
  return { cert, key };
}

export async function trustCa(db: Kysely<DB>, ca: TestCa) {
  return addTrustedCa({ db }, { certificate: ca.cert.der, source: 'import' });
}

export async function newTowns(db: Kysely<DB>) {
  await newMunicipality(db, TOWN);
  await newMunicipality(db, OTHER_TOWN);
}

export interface TestCard {
  municipalityCode: string;
  residentId: number;
  cardSerial: string;
  certificate: IssuedCertificate;
  keyPair: KeyPair;
}

let serialCounter = 0;

export async function newCard(
  db: Kysely<DB>,
  ca: TestCa,
  options: {
    municipalityCode?: string;
    status?: CardStatus;
    residentStatus?: ResidentStatus;
    notBefore?: Date;
    notAfter?: Date;
    rsa?: boolean;
    keyUsage?: KeyUsage[];
    /** Record it in mynumber_card (default) or leave the card unknown to the registry. */
    record?: boolean;
  } = {},
): Promise<TestCard> {
  const municipalityCode = options.municipalityCode ?? TOWN;
  const removed = options.residentStatus && options.residentStatus !== 'active';
  const resident = await newResident(db, {
    municipality_code: municipalityCode,
    ...(removed
      ? {
          status: options.residentStatus,
          removed_on: '2026-04-01',
          removal_reason: options.residentStatus === 'moved_out' ? '転出' : '死亡',
        }
      : {}),
  });
  const keyPair: KeyPair = options.rsa
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = BigInt(`0x${randomBytes(15).toString('hex')}`) + BigInt(++serialCounter);
  const certificate = issueCertificate({
    subject: [
      ['C', 'JP'],
      ['O', 'JPKI'],
      ['CN', serial.toString(16).toUpperCase()],
    ],
    subjectPublicKey: keyPair.publicKey,
    issuerCert: ca.cert.x509,
    issuerKey: ca.key.privateKey,
    serial,
    notBefore: options.notBefore ?? new Date('2025-01-01T00:00:00Z'),
    notAfter: options.notAfter ?? new Date('2035-01-01T00:00:00Z'),
    keyUsage: options.keyUsage ?? ['digitalSignature'],
    extendedKeyUsage: ['clientAuth'],
  });
  const cardSerial = `C${randomBytes(6).toString('hex').toUpperCase()}`;
  if (options.record !== false)
    await db
      .insertInto('mynumber_card')
      .values({
        municipality_code: municipalityCode,
        card_serial: cardSerial,
        resident_id: resident.resident_id,
        certificate_pem: certificate.pem,
        certificate_serial: certificate.x509.serialNumber,
        not_before: options.notBefore ?? new Date('2025-01-01T00:00:00Z'),
        not_after: options.notAfter ?? new Date('2035-01-01T00:00:00Z'),
        status: options.status ?? 'active',
        issued_on: '2025-01-01',
      })
      .execute();
  return { municipalityCode, residentId: resident.resident_id, cardSerial, certificate, keyPair };
}

export const cardDir = () => mkdtempSync(join(tmpdir(), 'madoguchi-cards-'));

export async function cardFileFor(dir: string, card: TestCard, pin = '1234'): Promise<VirtualCard> {
  const path = join(dir, `${card.cardSerial}.json`);
  await writeVirtualCard(path, {
    certificate: card.certificate.der,
    privateKey: card.keyPair.privateKey,
    pin,
  });
  return openVirtualCard(path);
}

export interface TestKiosk {
  kioskId: string;
  privateKey: KeyObject;
}

let kioskCounter = 0;

export async function newKiosk(
  db: Kysely<DB>,
  options: {
    kind?: 'store' | 'town_hall';
    municipalityCode?: string;
    algorithm?: 'ed25519' | 'ecdsa-p256';
  } = {},
): Promise<TestKiosk> {
  const kind = options.kind ?? 'store';
  const keys =
    options.algorithm === 'ecdsa-p256'
      ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      : generateKeyPairSync('ed25519');
  const kioskId = `${kind === 'store' ? 'store' : 'hall'}-${++kioskCounter}-${randomBytes(3).toString('hex')}`;
  await registerKiosk(
    { db },
    { id: 'admin-1' },
    {
      kioskId,
      kind,
      operator:
        kind === 'store'
          ? { storeOperator: '見本マート株式会社' }
          : { municipalityCode: options.municipalityCode ?? TOWN },
      location: kind === 'store' ? '見本マート 見本駅前店' : '見本市役所 本庁舎1階',
      prefecture: '見本県',
      inCity: true,
      publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  );
  return { kioskId, privateKey: keys.privateKey };
}
