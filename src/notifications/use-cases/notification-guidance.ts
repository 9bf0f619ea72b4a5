import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/index.js';
import type { DB } from '../../db/schema.js';
import type { NotificationRow } from '../data/notification.repository.js';
import { findHouseholdView, findMunicipalityRow, findResidentsByIds } from '../data/register.repository.js';
import { KIND_NAMES } from '../domain/draft-content.js';
import { municipalityNotFound } from '../domain/errors.js';
import type { PrefilledForm } from '../domain/prefill.js';
import { renderGuidanceSheet } from '../render/guidance-sheet.js';
import { type Guidance, guidanceFor, prefilledForms } from './guidance.js';
import { type NotificationDeps, nowOf, type StaffActor, tokyoDate } from './notification-deps.js';
import { loadOwnDraft, type ResidentDraftKey } from './resident-access.js';
import { contentOf, inTransaction, loadNotification, matchOf } from './sealed-notification.js';

interface AcceptedResult {
  householdId?: number;
  notifiedOn?: string;
  residents?: { index: number; residentId: number }[];
}

/** The register's ids of the movers and the head of their household after the move, as far as known. */
async function registerFacts(trx: Kysely<DB>, row: NotificationRow) {
  const result = (row.result ?? {}) as AcceptedResult;
  const snapshot = matchOf(row);
  const residentIds: (number | undefined)[] = [];
  for (const r of result.residents ?? snapshot?.movers ?? []) residentIds[r.index] = r.residentId;
  const householdId = result.householdId ?? snapshot?.join?.householdId ?? snapshot?.household?.householdId;
  let head: { familyName: string; givenName: string } | undefined;
  if (householdId !== undefined) {
    const household = await findHouseholdView(trx, row.municipality_code, householdId);
    const headId = household?.headResidentId;
    if (headId !== null && headId !== undefined) {
      const [person] = await findResidentsByIds(trx, row.municipality_code, [headId]);
      if (person) head = { familyName: person.familyName, givenName: person.givenName };
    }
  }
  return { residentIds, head, notifiedOn: result.notifiedOn };
}

/**
 * The counter's guidance: the procedures that apply and, for each, the data
 * its department's form receives (ワンスオンリー).
 */
export async function notificationGuidance(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { reference: string },
): Promise<Guidance & { forms: PrefilledForm[] }> {
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
      const content = contentOf(row);
      const guidance = await guidanceFor(trx, {
        municipalityCode: row.municipality_code,
        kind: row.kind,
        content,
        today: tokyoDate(now),
      });
      const facts = await registerFacts(trx, row);
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.guidance',
        subjectType: 'notification',
        subjectId: row.reference,
        details: { procedures: guidance.procedures.map((p) => p.id) },
      });
      return { ...guidance, forms: prefilledForms(guidance, { kind: row.kind, content, ...facts }) };
    },
  );
}

/** The same guidance for the resident's phone, before the visit: what to bring to which counter. */
export async function residentGuidance(deps: NotificationDeps, key: ResidentDraftKey): Promise<Guidance> {
  const now = nowOf(deps);
  return inTransaction(deps, { ...key, actorId: 'resident', actorType: 'resident' }, async (trx) => {
    const row = await loadOwnDraft(trx, deps, key, now);
    return guidanceFor(trx, {
      municipalityCode: row.municipality_code,
      kind: row.kind,
      content: contentOf(row),
      today: tokyoDate(now),
    });
  });
}

/** The guidance sheet PDF for the household. */
export async function guidanceSheetPdf(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { reference: string },
) {
  const now = nowOf(deps);
  const sheet = await inTransaction(
    deps,
    {
      municipalityCode: staff.municipalityCode,
      reference: input.reference,
      actorId: staff.id,
      actorType: 'staff',
    },
    async (trx) => {
      const row = await loadNotification(trx, deps, staff.municipalityCode, input.reference, now);
      const municipality = await findMunicipalityRow(trx, row.municipality_code);
      if (!municipality) throw municipalityNotFound();
      const content = contentOf(row);
      const today = tokyoDate(now);
      const guidance = await guidanceFor(trx, {
        municipalityCode: row.municipality_code,
        kind: row.kind,
        content,
        today,
      });
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.guidance_sheet',
        subjectType: 'notification',
        subjectId: row.reference,
      });
      const address = row.kind === 'tenshutsu' ? content.from : content.to;
      return {
        municipalityName: municipality.name,
        kindName: KIND_NAMES[row.kind].ja,
        moveDate: content.moveDate,
        issuedOn: today,
        address: address ? [address.address, address.katagaki].filter(Boolean).join('　') : undefined,
        household: content.movers.map((m) =>
          m.givenName ? `${m.familyName}　${m.givenName}` : m.familyName,
        ),
        procedures: guidance.procedures.map((p) => ({
          title: p.title.ja,
          department: p.department.ja,
          place: p.place.ja,
          persons: p.personNames,
          bring: p.bring.map((b) => b.ja),
          notes: p.notes?.ja,
        })),
      };
    },
  );
  return renderGuidanceSheet(sheet);
}
