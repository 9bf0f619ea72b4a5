import { deleteNotification } from '../data/notification.repository.js';
import { notEditable } from '../domain/errors.js';
import { type NotificationDeps, nowOf } from './notification-deps.js';
import { loadOwnDraft, type ResidentDraftKey } from './resident-access.js';
import { inTransaction } from './sealed-notification.js';

/**
 * The resident withdraws the draft: the row and its personal data are gone.
 * Once the counter has opened it, the notification belongs to the procedure
 * and only the clerk can reject it.
 */
export async function deleteDraft(deps: NotificationDeps, key: ResidentDraftKey): Promise<void> {
  const now = nowOf(deps);
  await inTransaction(deps, { ...key, actorId: 'resident', actorType: 'resident' }, async (trx) => {
    const row = await loadOwnDraft(trx, deps, key, now, { forUpdate: true });
    if (row.status !== 'draft' && row.status !== 'submitted') throw notEditable(row.status);
    await deleteNotification(trx, row.municipality_code, row.reference);
  });
}
