/** The clerk's screen of a notification: the draft, the register beside it, the differences, the guidance. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ErrorDetail } from '../../shared/errors.js';
import type { NotificationRow } from '../data/notification.repository.js';
import { findMunicipalityRow } from '../data/register.repository.js';
import { draftProblems } from '../domain/draft-content.js';
import { canonicalJson } from '../domain/draft-seal.js';
import { municipalityNotFound } from '../domain/errors.js';
import type { MatchSnapshot } from '../domain/household-match.js';
import { type Guidance, guidanceFor } from './guidance.js';
import {
  type MoverComparison,
  matchRegister,
  type PlannedMove,
  type RegisterMatch,
} from './match-register.js';
import { lifetimeDays, type NotificationDeps, tokyoDate } from './notification-deps.js';
import { counterFactsOf, type NotificationSummary, summaryOf } from './notification-view.js';
import { contentOf, matchOf, transferRecordOf } from './sealed-notification.js';

export interface CounterView extends NotificationSummary, ReturnType<typeof counterFactsOf> {
  comparison: {
    warnings: ErrorDetail[];
    movers: MoverComparison[];
    plan: PlannedMove[];
    /** The 世帯 in the register (転居・転出): members with their current data. */
    household: { householdId: number; headResidentId: number | null; members: unknown[] } | null;
  };
  transferRecord: {
    from: unknown;
    certificateNumber: string;
    persons: number;
    signatureVerified: boolean;
  } | null;
  guidance: Guidance;
  /** True when the notification may be confirmed and accepted as it stands. */
  acceptable: boolean;
}

export async function buildCounterView(
  trx: Kysely<DB>,
  deps: NotificationDeps,
  row: NotificationRow,
  now: Date,
  chosen?: ReadonlyMap<number, number>,
): Promise<{ view: CounterView; match: RegisterMatch }> {
  const municipality = await findMunicipalityRow(trx, row.municipality_code);
  if (!municipality) throw municipalityNotFound();
  const content = contentOf(row);
  const record = transferRecordOf(row);
  const today = tokyoDate(now);
  const finished = row.status === 'accepted' || row.status === 'rejected';
  // A finished notification is shown as it was decided; matching it again would compare it with its own result.
  const match: RegisterMatch = finished
    ? { problems: [], warnings: [], comparisons: [], plan: [], people: new Map() }
    : await matchRegister(trx, {
        municipality,
        kind: row.kind,
        content,
        record,
        ...(chosen ? { chosen } : {}),
      });
  const problems = finished
    ? []
    : [
        ...draftProblems(content, {
          kind: row.kind,
          today,
          municipality,
          stage: 'accept',
          draftLifetimeDays: lifetimeDays(deps),
        }),
        ...match.problems,
      ];
  const guidance = await guidanceFor(trx, {
    municipalityCode: row.municipality_code,
    kind: row.kind,
    content,
    today,
  });
  const stored = row.transfer_record as { signatureVerified?: boolean } | null;
  const view: CounterView = {
    ...summaryOf(row, content, problems),
    ...counterFactsOf(row),
    comparison: {
      warnings: match.warnings,
      movers: match.comparisons,
      plan: match.plan,
      household: match.household
        ? {
            householdId: match.household.householdId,
            headResidentId: match.household.headResidentId,
            members: match.household.members.map((m) => ({
              residentId: m.residentId,
              familyName: m.familyName,
              givenName: m.givenName,
              familyNameKana: m.familyNameKana,
              givenNameKana: m.givenNameKana,
              birthDate: m.birthDate,
              sex: m.sex,
              relationship: m.relationship,
              address: m.address,
              katagaki: m.katagaki,
              version: m.version,
            })),
          }
        : null,
    },
    transferRecord: record
      ? {
          from: record.from,
          certificateNumber: record.certificateNumber,
          persons: record.persons.length,
          signatureVerified: stored?.signatureVerified === true,
        }
      : null,
    guidance,
    acceptable: problems.length === 0 && match.snapshot !== undefined,
  };
  return { view, match };
}

export function sameSnapshot(a: MatchSnapshot | undefined, b: MatchSnapshot | undefined): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

export { matchOf };
