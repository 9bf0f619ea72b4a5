import type { AuditActor } from '../../../audit/index.js';
import { appendAudit } from '../../../audit/index.js';
import type { KosekiRegistrationStatus } from '../../../db/schema.js';
import { listRegistrations } from '../data/koseki-registration.repository.js';
import type { KosekiRegistrationDeps } from './registration-deps.js';
import { reviewerView } from './registration-view.js';

export const REVIEW_QUEUE_LIMIT = 200;

/**
 * The reviewers' queue of one municipality, oldest first (the five days run
 * from the application). The list shows applicants' names and addresses, so
 * reading it is audited with the ids shown.
 */
export async function listKosekiRegistrations(
  deps: KosekiRegistrationDeps,
  actor: AuditActor,
  input: { municipalityCode: string; status?: KosekiRegistrationStatus; limit?: number },
) {
  const status = input.status ?? 'pending';
  const limit = Math.min(input.limit ?? REVIEW_QUEUE_LIMIT, REVIEW_QUEUE_LIMIT);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await listRegistrations(trx, input.municipalityCode, status, limit);
    await appendAudit(trx, {
      municipalityCode: input.municipalityCode,
      actor,
      action: 'koseki_registration.list',
      details: { status, registrationIds: rows.map((r) => r.registration_id) },
    });
    return { status, registrations: rows.map(reviewerView) };
  });
}
