import { appendAudit } from '../../audit/index.js';
import { parseInput } from '../../shared/validation.js';
import { draftContentSchema } from '../domain/draft-content.js';
import { contentChanged } from '../domain/errors.js';
import { buildCounterView, type CounterView } from './counter-view.js';
import { type NotificationDeps, nowOf, type StaffActor } from './notification-deps.js';
import { inTransaction, loadNotification, requireStatus, saveNotification } from './sealed-notification.js';

/**
 * The clerk corrects the content (a misspelt address, a missing item) or, on
 * the paper path, types the form. A correction after opening is counted —
 * "fixing imported data still took care" is something the dashboard shows — and
 * withdraws any signature: the resident must confirm what will be filed.
 */
export async function correctNotification(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { reference: string; content: unknown; contentVersion: number },
): Promise<CounterView> {
  const content = parseInput(draftContentSchema, input.content ?? {}, 'content');
  const now = nowOf(deps);
  return inTransaction(
    deps,
    {
      municipalityCode: staff.municipalityCode,
      reference: input.reference,
      actorId: staff.id,
      actorType: 'staff',
    },
    async (trx) => {
      const row = await loadNotification(trx, deps, staff.municipalityCode, input.reference, now, {
        forUpdate: true,
      });
      const typing = row.path === 'paper' && row.status === 'submitted';
      if (!typing) requireStatus(row, ['opened', 'confirmed'], { ja: '修正', en: 'corrected' });
      if (input.contentVersion !== row.content_version) throw contentChanged(row.content_version);
      const edited = await saveNotification(
        trx,
        deps,
        row,
        {
          content,
          content_version: row.content_version + 1,
          ...(typing
            ? {}
            : { clerk_edits: row.clerk_edits + 1, status: 'opened', signature: null, reviewed_at: null }),
        },
        now,
      );
      const { match } = await buildCounterView(trx, deps, edited, now);
      const saved = typing
        ? edited
        : await saveNotification(trx, deps, edited, { match: match.snapshot ?? null }, now);
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: typing ? 'notification.type' : 'notification.correct',
        subjectType: 'notification',
        subjectId: row.reference,
        details: { contentVersion: saved.content_version },
      });
      return (await buildCounterView(trx, deps, saved, now)).view;
    },
  );
}
