import { KIND_NAMES } from '../domain/draft-content.js';
import { type NotificationDeps, nowOf, type StaffActor } from './notification-deps.js';
import { contentOf, inTransaction, loadNotification, requireStatus } from './sealed-notification.js';

/**
 * What the resident reads on the counter tablet before signing: the
 * notification as it will be filed, in plain words. Numbers that must not be
 * shown across the counter (個人番号) are masked; the register's other data are
 * not shown at all.
 */
export async function tabletView(deps: NotificationDeps, staff: StaffActor, input: { reference: string }) {
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
      const row = await loadNotification(trx, deps, staff.municipalityCode, input.reference, now);
      requireStatus(row, ['opened', 'confirmed'], { ja: '確認画面に表示', en: 'shown for confirmation' });
      const content = contentOf(row);
      return {
        reference: row.reference,
        kind: row.kind,
        kindName: KIND_NAMES[row.kind],
        contentVersion: row.content_version,
        signed: row.status === 'confirmed',
        moveDate: content.moveDate ?? null,
        from: content.from ?? null,
        to: content.to ?? null,
        wholeHousehold: content.wholeHousehold ?? null,
        household: content.household ?? null,
        dogs: content.dogs ?? 0,
        notifier: content.notifier ?? null,
        movers: content.movers.map((m) => ({
          familyName: m.familyName,
          givenName: m.givenName,
          familyNameKana: m.familyNameKana,
          givenNameKana: m.givenNameKana,
          birthDate: m.birthDate,
          sex: m.sex,
          relationship: m.relationship,
          ...(m.myNumber ? { myNumber: `********${m.myNumber.slice(-4)}` } : {}),
        })),
      };
    },
  );
}
