import type { NotificationDeps } from './notification-deps.js';
import { nowOf } from './notification-deps.js';
import { type NotificationSummary, summaryOf } from './notification-view.js';
import { loadOwnDraft, problemsOf, type ResidentDraftKey } from './resident-access.js';
import { contentOf, inTransaction } from './sealed-notification.js';

/** The resident reopens the draft on the phone that made it. */
export async function readDraft(deps: NotificationDeps, key: ResidentDraftKey): Promise<NotificationSummary> {
  const now = nowOf(deps);
  return inTransaction(deps, { ...key, actorId: 'resident', actorType: 'resident' }, async (trx) => {
    const row = await loadOwnDraft(trx, deps, key, now);
    const content = contentOf(row);
    return summaryOf(row, content, await problemsOf(trx, deps, row, content, now, 'draft'));
  });
}
