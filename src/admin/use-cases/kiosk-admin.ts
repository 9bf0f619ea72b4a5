import { z } from 'zod';
import { type IdentityDeps, registerKiosk, setKioskStatus } from '../../identity/index.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { findTownKiosk, listKioskHistory, listTownKiosks } from '../data/kiosk-admin.repository.js';
import type { Administrator } from './admin-deps.js';

export const townKioskSchema = z.strictObject({
  kioskId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/),
  /** Where it stands: 本庁舎1階 市民課前, 〇〇支所 …. */
  location: z.string().trim().min(1).max(200),
  prefecture: z.string().trim().min(2).max(10),
  inCity: z.boolean().default(true),
  /** The kiosk's own public key (SPKI PEM, Ed25519 or ECDSA P-256); its private key never leaves it. */
  publicKeyPem: z.string().min(1).max(4000),
});

export const kioskStatusSchema = z.strictObject({ reason: z.string().trim().min(1).max(200).optional() });

const kioskNotFound = () =>
  new AppError('not_found', 'kiosk.not_found', {
    ja: '該当する端末がありません。',
    en: 'There is no such kiosk.',
  });

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

function shown(k: Awaited<ReturnType<typeof listTownKiosks>>[number]) {
  return {
    kioskId: k.kiosk_id,
    kind: k.kind,
    operatorName: k.operator_name,
    location: k.location,
    prefecture: k.prefecture,
    inCity: k.in_city,
    keyAlgorithm: k.key_algorithm,
    status: k.status,
    statusReason: k.status_reason,
    statusChangedAt: iso(k.status_changed_at),
    registeredAt: iso(k.registered_at),
  };
}

export async function listKiosks(identity: IdentityDeps, admin: Administrator) {
  return (await listTownKiosks(identity.db, admin.municipalityCode)).map(shown);
}

/**
 * Registers one of the municipality's own terminals with its public key. The
 * identity module records it, its history and the audit row; store machines
 * are registered by the deployment's operator, not by a town.
 */
export async function registerTownKiosk(identity: IdentityDeps, admin: Administrator, input: unknown) {
  const body = parseInput(townKioskSchema, input, 'body');
  const registered = await registerKiosk(
    identity,
    { id: admin.staffId },
    {
      kioskId: body.kioskId,
      kind: 'town_hall',
      operator: { municipalityCode: admin.municipalityCode },
      location: body.location,
      prefecture: body.prefecture,
      inCity: body.inCity,
      publicKeyPem: body.publicKeyPem,
    },
  );
  const kiosk = await findTownKiosk(identity.db, admin.municipalityCode, registered.kioskId);
  return shown(kiosk!);
}

/** Out of service (paper out, fault, maintenance: the reason is required) or back in service. */
export async function changeKioskStatus(
  identity: IdentityDeps,
  admin: Administrator,
  kioskId: string,
  status: 'in_service' | 'out_of_service',
  input: unknown,
) {
  const body = parseInput(kioskStatusSchema, input, 'body');
  // Another town's (or a store's) terminal is simply not found from here.
  if (!(await findTownKiosk(identity.db, admin.municipalityCode, kioskId))) throw kioskNotFound();
  const result = await setKioskStatus(
    identity,
    { id: admin.staffId },
    { kioskId, status, reason: body.reason ?? null },
  );
  const kiosk = await findTownKiosk(identity.db, admin.municipalityCode, kioskId);
  return { ...shown(kiosk!), changed: result.changed };
}

export async function kioskHistory(identity: IdentityDeps, admin: Administrator, kioskId: string) {
  if (!(await findTownKiosk(identity.db, admin.municipalityCode, kioskId))) throw kioskNotFound();
  const events = await listKioskHistory(identity.db, kioskId);
  return events.map((e) => ({
    seq: e.seq,
    at: iso(e.occurred_at),
    actor: e.actor,
    action: e.action,
    status: e.status,
    reason: e.reason,
  }));
}
