/**
 * 支援措置 overrides (審査): a counter clerk or mail clerk asks, a reviewer with
 * `override.approve` decides, and an approval lets exactly one line be issued.
 * The engine receives `override: {reviewerId, reason}` and writes both into the
 * issuance's audit row; the request and the decision are audited here.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../../audit/index.js';
import type { DB, SupportOverrideStatus } from '../../../db/schema.js';
import { findResident } from '../../../registry/index.js';
import { AppError } from '../../../shared/errors.js';
import {
  findLiveOverride,
  findOverride,
  insertOverride,
  listOverrides,
  lockOverride,
  type OverrideOrigin,
  type OverrideRow,
  updateOverride,
} from '../data/override.repository.js';
import { type ActingStaff, staffActor } from './counter-deps.js';
import { reviewPending } from './quote-line.js';

export interface OverrideSubject {
  certificate: string;
  subjectResidentId: number | null;
  subjectKosekiId: number | null;
  relation: string;
  /** What the reviewer must judge: who asks, their ID document, 委任状, stated reason. */
  requester: Record<string, unknown>;
  reviewRequired: boolean;
}

function subjectOf(row: { subject_resident_id: number | null; subject_koseki_id: number | null }) {
  return row.subject_koseki_id !== null
    ? { subjectType: 'koseki', subjectId: String(row.subject_koseki_id) }
    : { subjectType: 'resident', subjectId: String(row.subject_resident_id) };
}

/** Asks for a review of one line; asking again while one is pending or approved returns that one. */
export async function requestOverride(
  trx: Kysely<DB>,
  staff: ActingStaff,
  at: Date,
  origin: OverrideOrigin,
  line: OverrideSubject,
  note: string,
) {
  if (!line.reviewRequired)
    throw new AppError('conflict', 'override_not_needed', {
      ja: 'この証明書は審査を必要としていません。',
      en: 'This certificate does not need a review.',
    });
  const live = await findLiveOverride(trx, origin);
  if (live) return { overrideId: live.override_id, status: live.status, created: false };
  const overrideId = randomUUID();
  await insertOverride(trx, {
    municipality_code: origin.municipalityCode,
    override_id: overrideId,
    channel: origin.channel,
    origin_id: origin.originId,
    origin_line: origin.originLine,
    certificate: line.certificate,
    subject_resident_id: line.subjectResidentId,
    subject_koseki_id: line.subjectKosekiId,
    relation: line.relation,
    requester: JSON.stringify(line.requester),
    note,
    status: 'pending',
    requested_by: staff.staffId,
    requested_at: at,
  });
  await appendAudit(trx, {
    municipalityCode: origin.municipalityCode,
    actor: staffActor(staff),
    action: 'override.requested',
    ...subjectOf({ subject_resident_id: line.subjectResidentId, subject_koseki_id: line.subjectKosekiId }),
    reason: note,
    details: {
      overrideId,
      channel: origin.channel,
      originId: origin.originId,
      line: origin.originLine,
      certificate: line.certificate,
      relation: line.relation,
    },
  });
  return { overrideId, status: 'pending' as const, created: true };
}

/**
 * The reviewer's decision, with the concrete reason the engine will record.
 * Nobody reviews their own request: the point of 審査 is a second person.
 */
export async function decideOverride(
  db: Kysely<DB>,
  reviewer: ActingStaff,
  at: Date,
  overrideId: string,
  decision: 'approve' | 'reject',
  reason: string,
) {
  return db.transaction().execute(async (trx) => {
    const row = await lockOverride(trx, reviewer.municipalityCode, overrideId);
    if (!row) throw overrideNotFound();
    if (row.requested_by === reviewer.staffId)
      throw new AppError('forbidden', 'override_self_review', {
        ja: '自分が申請した審査を、自分で承認・却下することはできません。',
        en: 'You cannot decide a review you asked for yourself.',
      });
    if (row.status !== 'pending')
      throw new AppError(
        'conflict',
        'override_decided',
        { ja: 'この審査は既に決定されています。', en: 'This review has already been decided.' },
        { extra: { currentStatus: row.status } },
      );
    const status: SupportOverrideStatus = decision === 'approve' ? 'approved' : 'rejected';
    await updateOverride(trx, reviewer.municipalityCode, overrideId, {
      status,
      decided_by: reviewer.staffId,
      decided_at: at,
      decision_reason: reason,
    });
    await appendAudit(trx, {
      municipalityCode: reviewer.municipalityCode,
      actor: staffActor(reviewer),
      action: decision === 'approve' ? 'override.approved' : 'override.rejected',
      ...subjectOf(row),
      reason,
      details: { overrideId, certificate: row.certificate, relation: row.relation, channel: row.channel },
    });
    return { overrideId, status };
  });
}

export function overrideNotFound() {
  return new AppError('not_found', 'override_not_found', {
    ja: '該当する審査の申請がありません。',
    en: 'There is no such review request.',
  });
}

/** A review request as the reviewer sees it, with the name of the person it protects. */
async function describe(db: Kysely<DB>, row: OverrideRow) {
  const person =
    row.subject_resident_id !== null
      ? await findResident(db, row.municipality_code, row.subject_resident_id)
      : undefined;
  return {
    overrideId: row.override_id,
    status: row.status,
    channel: row.channel,
    originId: row.origin_id,
    line: row.origin_line,
    certificate: row.certificate,
    subject: {
      residentId: row.subject_resident_id,
      kosekiId: row.subject_koseki_id,
      ...(person ? { familyName: person.family_name, givenName: person.given_name } : {}),
    },
    relation: row.relation,
    requester: row.requester,
    note: row.note,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decisionReason: row.decision_reason,
    usedIssuanceId: row.used_issuance_id,
  };
}

/** The reviewer's list; showing protected people's names is a read of their records, so it is audited. */
export async function listOverrideRequests(
  db: Kysely<DB>,
  reviewer: ActingStaff,
  filter: { status?: SupportOverrideStatus; limit: number },
) {
  return db.transaction().execute(async (trx) => {
    const rows = await listOverrides(trx, reviewer.municipalityCode, filter);
    const items = [];
    for (const row of rows) items.push(await describe(trx, row));
    await appendAudit(trx, {
      municipalityCode: reviewer.municipalityCode,
      actor: staffActor(reviewer),
      action: 'override.list',
      subjectType: 'support_override',
      details: { status: filter.status ?? null, shown: rows.map((r) => r.override_id) },
    });
    return items;
  });
}

export async function readOverrideRequest(db: Kysely<DB>, staff: ActingStaff, overrideId: string) {
  return db.transaction().execute(async (trx) => {
    const row = await findOverride(trx, staff.municipalityCode, overrideId);
    if (!row) throw overrideNotFound();
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staffActor(staff),
      action: 'override.read',
      ...subjectOf(row),
      details: { overrideId },
    });
    return describe(trx, row);
  });
}

/**
 * The approval a line may be issued with. A line that needs a review and has
 * none approved cannot be charged: pending answers 409, none at all 422.
 */
export async function approvedOverrideFor(db: Kysely<DB>, origin: OverrideOrigin) {
  const live = await findLiveOverride(db, origin);
  if (!live) return undefined;
  if (live.status === 'pending') throw reviewPending(origin.originLine);
  return {
    overrideId: live.override_id,
    reviewerId: live.decided_by ?? '',
    reason: live.decision_reason ?? '',
  };
}

/** Records which issuance used the approval; it can be used by no other. */
export async function markOverrideUsed(
  db: Kysely<DB>,
  municipalityCode: string,
  overrideId: string,
  issuanceId: string,
  at: Date,
) {
  const row = await lockOverride(db, municipalityCode, overrideId);
  if (!row || row.used_issuance_id === issuanceId) return;
  if (row.used_issuance_id !== null)
    throw new Error(`override ${overrideId} was already used by another issuance`);
  await updateOverride(db, municipalityCode, overrideId, { used_issuance_id: issuanceId, used_at: at });
}
