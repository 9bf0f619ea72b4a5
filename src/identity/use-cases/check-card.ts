/**
 * The checks shared by the card authentication steps: is the certificate one
 * this deployment trusts right now, which card (and municipality) it belongs
 * to, and does the card and its holder's record allow a kiosk service.
 * Each check answers with a refusal code instead of throwing, so the caller can
 * record the refusal (attempt + audit) and commit before answering.
 */
import { X509Certificate } from 'node:crypto';
import type { CardStatus, ResidentStatus } from '../../db/schema.js';
import type { readCardTrust } from '../data/trust.repository.js';
import {
  type CardCertificate,
  certificateBytes,
  findTrustedIssuer,
  isAcceptedCardKey,
  readKeyUsageBits,
} from '../domain/card-certificate.js';
import type { RefusalCode } from '../domain/identity-errors.js';

export interface KnownCard {
  municipalityCode: string;
  cardSerial: string;
  residentId: number;
  status: CardStatus;
  residentStatus: ResidentStatus;
}

/** What the checks below need from the database, read in one statement per step (`readCardTrust`). */
export type CardTrustRecord = Awaited<ReturnType<typeof readCardTrust>>;

/**
 * The card this certificate was issued for: the serial must be on record and
 * the certificate byte-for-byte the one recorded, so a certificate from some
 * other CA that happens to share a serial never maps to a person.
 */
export function findCardOf(record: CardTrustRecord, certificate: CardCertificate): KnownCard | undefined {
  const row = record.card;
  if (!row) return undefined;
  if (!certificateBytes(row.certificate_pem).equals(certificate.der)) return undefined;
  return {
    municipalityCode: row.municipality_code,
    cardSerial: row.card_serial,
    residentId: row.resident_id,
    status: row.status,
    residentStatus: row.resident_status,
  };
}

const DIGITAL_SIGNATURE_BIT = 0;

/** Trusted CA certificates as parsed, by their PEM: a handful per deployment, checked on every card. */
const parsedCas = new Map<string, X509Certificate>();

function parsedCa(pem: string): X509Certificate {
  let x509 = parsedCas.get(pem);
  if (!x509) {
    x509 = new X509Certificate(pem);
    if (parsedCas.size >= 256) parsedCas.clear();
    parsedCas.set(pem, x509);
  }
  return x509;
}

/**
 * Which CA certificate signed a card certificate, once verified: a fact about
 * two fixed sets of bytes, so it is worked out once per (parsed) certificate
 * and reused while that CA stays among the trusted anchors.
 */
const issuers = new WeakMap<X509Certificate, X509Certificate>();

function issuingAnchor(
  certificate: CardCertificate,
  anchors: readonly X509Certificate[],
): X509Certificate | undefined {
  const known = issuers.get(certificate.x509);
  if (known && anchors.includes(known)) return known;
  const issuer = findTrustedIssuer(certificate.x509, anchors);
  if (issuer) issuers.set(certificate.x509, issuer);
  return issuer;
}

/** Chain to a trusted, currently valid CA; dates; key usage; the imported CRL. */
export function checkCertificateTrust(
  record: CardTrustRecord,
  certificate: CardCertificate,
  now: Date,
): { caId: string; caKeySha256: string } | { refusal: RefusalCode } {
  const anchors = record.cas
    .filter((ca) => ca.notBefore <= now && now <= ca.notAfter)
    .map((ca) => ({ caId: ca.caId, caKeySha256: ca.keySha256, x509: parsedCa(ca.certificatePem) }));
  const issuer = issuingAnchor(
    certificate,
    anchors.map((a) => a.x509),
  );
  const anchor = issuer && anchors.find((a) => a.x509 === issuer);
  if (!anchor || !isAcceptedCardKey(certificate.publicKey))
    return { refusal: 'card_auth.certificate_untrusted' };
  const usage = readKeyUsageBits(certificate.der);
  if (usage && !usage.has(DIGITAL_SIGNATURE_BIT)) return { refusal: 'card_auth.certificate_wrong_usage' };
  if (now < certificate.notBefore) return { refusal: 'card_auth.certificate_not_yet_valid' };
  if (now > certificate.notAfter) return { refusal: 'card_auth.certificate_expired' };
  if (record.revokedBy.includes(anchor.caKeySha256)) return { refusal: 'card_auth.certificate_revoked' };
  return { caId: anchor.caId, caKeySha256: anchor.caKeySha256 };
}

/** Whether the card and its holder may use a kiosk: only active cards of current residents. */
export function cardStateRefusal(card: KnownCard): RefusalCode | undefined {
  switch (card.status) {
    case 'pin_locked':
      return 'card_auth.card_pin_locked';
    case 'suspended':
      return 'card_auth.card_suspended';
    case 'revoked':
      return 'card_auth.card_revoked';
    case 'expired':
      return 'card_auth.card_expired';
    case 'active':
      break;
  }
  if (card.residentStatus === 'moved_out') return 'card_auth.resident_moved_out';
  if (card.residentStatus === 'deceased') return 'card_auth.resident_deceased';
  return undefined;
}
