import { incomplete, notEditable } from '../domain/errors.js';
import { type NotificationDeps, nowOf } from './notification-deps.js';
import { type NotificationSummary, summaryOf } from './notification-view.js';
import { loadOwnDraft, problemsOf, type ResidentDraftKey } from './resident-access.js';
import { contentOf, inTransaction, saveNotification } from './sealed-notification.js';

/** The resident finishes the questionnaire: complete and within the periods, it is "received". */
export async function submitDraft(
  deps: NotificationDeps,
  key: ResidentDraftKey,
): Promise<NotificationSummary> {
  const now = nowOf(deps);
  return inTransaction(deps, { ...key, actorId: 'resident', actorType: 'resident' }, async (trx) => {
    const row = await loadOwnDraft(trx, deps, key, now, { forUpdate: true });
    if (row.status !== 'draft' && row.status !== 'submitted') throw notEditable(row.status);
    const content = contentOf(row);
    const problems = await problemsOf(trx, deps, row, content, now, 'draft');
    if (problems.length > 0) throw incomplete(problems);
    const saved = await saveNotification(
      trx,
      deps,
      row,
      { status: 'submitted', ...(row.received_at ? {} : { received_at: now }) },
      now,
    );
    return summaryOf(saved, content, []);
  });
}
