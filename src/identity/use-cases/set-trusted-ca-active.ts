import { setTrustedCaActive as updateTrustedCaActive } from '../data/trust.repository.js';
import { refusal } from '../domain/identity-errors.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';

/**
 * Retires (or restores) a trust anchor. A retired CA's certificates are refused
 * as untrusted from the next authentication on; its CRL entries stay.
 */
export async function setTrustedCaActive(
  deps: IdentityDeps,
  input: { caId: string; active: boolean },
): Promise<{ caId: string; active: boolean }> {
  const { db } = resolveIdentityDeps(deps);
  if (!/^[0-9a-f]{64}$/.test(input.caId) || !(await updateTrustedCaActive(db, input.caId, input.active)))
    throw refusal('jpki.ca_invalid', { message: `no trusted CA ${input.caId}` });
  return { caId: input.caId, active: input.active };
}
