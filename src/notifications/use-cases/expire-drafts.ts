import { listExpiredDrafts } from '../data/notification.repository.js';
import { type NotificationDeps, nowOf } from './notification-deps.js';
import { saveNotification } from './sealed-notification.js';

/**
 * Empties drafts past their expiry, and notifications abandoned at the counter
 * a day after it (run by a timer): the personal data go, a sealed husk stays so
 * the QR code still answers "expired" (410) rather than "unknown", and the
 * count of abandoned drafts is kept. The register was never touched by them.
 * Returns how many were emptied.
 */
export async function expireDrafts(deps: NotificationDeps, batch = 500): Promise<number> {
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await listExpiredDrafts(trx, now, batch);
    for (const row of rows) {
      await saveNotification(
        trx,
        deps,
        row,
        {
          status: 'expired',
          content: {},
          edit_secret_sha256: null,
          transfer_record: null,
          match: null,
          signature: null,
        },
        now,
      );
    }
    return rows.length;
  });
}
