import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../../audit/index.js';
import { parseInput } from '../../shared/validation.js';
import { appendKioskEvent, insertKiosk } from '../data/kiosk.repository.js';
import { findMunicipality } from '../data/municipality.repository.js';
import { refusal } from '../domain/identity-errors.js';
import { kioskKeyAlgorithm } from '../domain/kiosk-request-signature.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';

export const registerKioskSchema = z
  .object({
    kioskId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/),
    kind: z.enum(['store', 'town_hall']),
    operator: z.union([
      z.object({ municipalityCode: z.string().regex(/^[0-9]{6}$/) }).strict(),
      z.object({ storeOperator: z.string().trim().min(1).max(100) }).strict(),
    ]),
    /** e.g. 見本市役所 本庁舎1階, or a store's name and address. */
    location: z.string().trim().min(1).max(200),
    prefecture: z.string().trim().min(2).max(10),
    /** Inside the operating municipality (town hall) or the deployment's home town (store). */
    inCity: z.boolean(),
    /** The kiosk's own public key, SPKI PEM: Ed25519 or ECDSA P-256. */
    publicKeyPem: z.string().min(1).max(4000),
  })
  .strict();

export type RegisterKioskInput = z.input<typeof registerKioskSchema>;

/**
 * Registers a kiosk so it may call the kiosk API with its own key. A town-hall
 * kiosk is run by a municipality (and its registration is audited there); a
 * convenience-store machine by the store operator.
 */
export async function registerKiosk(
  deps: IdentityDeps,
  actor: { id: string },
  input: RegisterKioskInput,
): Promise<{ kioskId: string; keyAlgorithm: 'ed25519' | 'ecdsa-p256' }> {
  const { db, now: clock } = resolveIdentityDeps(deps);
  const kiosk = parseInput(registerKioskSchema, input, 'kiosk');
  const byMunicipality = 'municipalityCode' in kiosk.operator;
  if ((kiosk.kind === 'town_hall') !== byMunicipality) throw refusal('kiosk.operator_mismatch');
  let publicKeyPem: string;
  let keyAlgorithm: 'ed25519' | 'ecdsa-p256' | undefined;
  try {
    const key = createPublicKey(kiosk.publicKeyPem);
    keyAlgorithm = kioskKeyAlgorithm(key);
    publicKeyPem = key.export({ type: 'spki', format: 'pem' }).toString();
  } catch (error) {
    throw refusal('kiosk.key_unsupported', { cause: error });
  }
  if (!keyAlgorithm) throw refusal('kiosk.key_unsupported');
  const algorithm = keyAlgorithm;
  const now = clock();
  await db.transaction().execute(async (trx) => {
    let operatorName: string;
    let municipalityCode: string | null = null;
    if ('municipalityCode' in kiosk.operator) {
      const municipality = await findMunicipality(trx, kiosk.operator.municipalityCode);
      if (!municipality) throw refusal('card_auth.municipality_unknown');
      operatorName = municipality.name;
      municipalityCode = municipality.code;
    } else {
      operatorName = kiosk.operator.storeOperator;
    }
    const inserted = await insertKiosk(trx, {
      kiosk_id: kiosk.kioskId,
      kind: kiosk.kind,
      operator_type: municipalityCode ? 'municipality' : 'store_operator',
      operator_municipality_code: municipalityCode,
      operator_name: operatorName,
      location: kiosk.location,
      prefecture: kiosk.prefecture,
      in_city: kiosk.inCity,
      public_key_pem: publicKeyPem,
      key_algorithm: algorithm,
      status: 'in_service',
      status_reason: null,
      status_changed_at: now,
      registered_at: now,
    });
    if (!inserted) throw refusal('kiosk.already_registered');
    await appendKioskEvent(trx, {
      kioskId: kiosk.kioskId,
      at: now,
      actor: actor.id,
      action: 'registered',
      status: 'in_service',
      reason: null,
    });
    if (municipalityCode)
      await appendAudit(trx, {
        municipalityCode,
        actor: { type: 'staff', id: actor.id },
        action: 'kiosk.registered',
        subjectType: 'kiosk',
        subjectId: kiosk.kioskId,
        details: { kind: kiosk.kind, keyAlgorithm: algorithm },
      });
  });
  return { kioskId: kiosk.kioskId, keyAlgorithm: algorithm };
}
