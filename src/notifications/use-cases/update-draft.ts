import { parseInput } from '../../shared/validation.js';
import { draftContentSchema } from '../domain/draft-content.js';
import { contentChanged, notEditable } from '../domain/errors.js';
import { type NotificationDeps, nowOf } from './notification-deps.js';
import { type NotificationSummary, summaryOf } from './notification-view.js';
import { loadOwnDraft, problemsOf, type ResidentDraftKey } from './resident-access.js';
import { inTransaction, saveNotification } from './sealed-notification.js';

/**
 * The resident saves the questionnaire again (a whole new content). Only
 * before the counter opens it; `contentVersion`, when given, must be the one
 * the phone last saw, so two tabs never overwrite each other unseen.
 */
export async function updateDraft(
  deps: NotificationDeps,
  key: ResidentDraftKey,
  input: { content: unknown; contentVersion?: number | undefined },
): Promise<NotificationSummary> {
  const content = parseInput(draftContentSchema, input.content ?? {}, 'content');
  const now = nowOf(deps);
  return inTransaction(deps, { ...key, actorId: 'resident', actorType: 'resident' }, async (trx) => {
    const row = await loadOwnDraft(trx, deps, key, now, { forUpdate: true });
    if (row.status !== 'draft' && row.status !== 'submitted') throw notEditable(row.status);
    if (input.contentVersion !== undefined && input.contentVersion !== row.content_version)
      throw contentChanged(row.content_version);
    const problems = await problemsOf(trx, deps, row, content, now, 'draft');
    const saved = await saveNotification(
      trx,
      deps,
      row,
      {
        content,
        content_version: row.content_version + 1,
        // A submitted draft edited into an incomplete one is a draft again.
        status: row.status === 'submitted' && problems.length === 0 ? 'submitted' : 'draft',
      },
      now,
    );
    return summaryOf(saved, content, problems);
  });
}
