import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { FeeCampaign, FeeSchedule } from '../../domain/fees.js';
import { validateFeeSchedule } from '../../domain/fees.js';
import { fromTokyoWallClock } from '../../domain/service-hours.js';
import { AppError } from '../../shared/errors.js';
import { countIssuancesSince } from '../data/fees-admin.repository.js';

/** Refuses a schedule with any blocking problem, naming the first and listing all. */
export function assertSchedule(schedule: FeeSchedule, campaigns: readonly FeeCampaign[]) {
  const errors = validateFeeSchedule(schedule, campaigns).filter((p) => p.severity === 'error');
  const first = errors[0];
  if (!first) return;
  throw new AppError(
    'unprocessable',
    first.code,
    { ja: first.ja, en: first.en },
    {
      details: errors.map((p) => ({ ja: p.ja, en: p.en, at: p.ids.join(',') })),
      extra: { codes: errors.map((p) => p.code) },
    },
  );
}

/**
 * The past keeps its price: a change may start today at the earliest, and
 * today only while nobody has been charged under the fee it replaces.
 */
export async function assertNotRetroactive(
  db: Kysely<DB>,
  municipalityCode: string,
  from: string,
  today: string,
  scope: { certificates: readonly string[]; channels: readonly string[] },
) {
  if (from < today)
    throw new AppError(
      'unprocessable',
      'fee_change_retroactive',
      {
        ja: '過去の日付から手数料を変えることはできません。適用開始日は本日以降にしてください。',
        en: 'Fees cannot be changed for past dates; start the change today or later.',
      },
      { extra: { today } },
    );
  if (from > today) return;
  const issued = await countIssuancesSince(
    db,
    municipalityCode,
    scope.certificates,
    scope.channels,
    fromTokyoWallClock(`${today}T00:00`),
  );
  if (issued > 0)
    throw new AppError(
      'conflict',
      'fee_change_after_issuance',
      {
        ja: '本日すでにこの手数料で交付しています。変更は明日以降から適用してください。',
        en: 'Certificates were already issued today at the current fee; start the change tomorrow or later.',
      },
      { extra: { issuedToday: issued } },
    );
}
