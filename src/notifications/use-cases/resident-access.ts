/** The phone's access to its own draft: the edit secret, checked against the stored hash. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { NotificationRow } from '../data/notification.repository.js';
import { findMunicipalityRow } from '../data/register.repository.js';
import { type DraftContent, draftProblems } from '../domain/draft-content.js';
import { editSecretMismatch, municipalityNotFound } from '../domain/errors.js';
import { editSecretMatches } from '../domain/reference.js';
import { lifetimeDays, type NotificationDeps, tokyoDate } from './notification-deps.js';
import { loadNotification } from './sealed-notification.js';

export interface ResidentDraftKey {
  municipalityCode: string;
  reference: string;
  editSecret: string | undefined;
}

export async function loadOwnDraft(
  trx: Kysely<DB>,
  deps: NotificationDeps,
  key: ResidentDraftKey,
  now: Date,
  options: { forUpdate?: boolean } = {},
): Promise<NotificationRow> {
  const row = await loadNotification(trx, deps, key.municipalityCode, key.reference, now, options);
  // Paper notifications have no secret: a phone can never open them.
  if (!editSecretMatches(key.editSecret, row.edit_secret_sha256)) throw editSecretMismatch();
  return row;
}

export async function problemsOf(
  trx: Kysely<DB>,
  deps: NotificationDeps,
  row: NotificationRow,
  content: DraftContent,
  now: Date,
  stage: 'draft' | 'accept',
) {
  const municipality = await findMunicipalityRow(trx, row.municipality_code);
  if (!municipality) throw municipalityNotFound();
  return draftProblems(content, {
    kind: row.kind,
    today: tokyoDate(now),
    municipality,
    stage,
    draftLifetimeDays: lifetimeDays(deps),
  });
}
