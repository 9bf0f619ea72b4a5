/** The related procedures of one notification and the pre-filled data for each department's form. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DraftContent, NotificationKind } from '../domain/draft-content.js';
import { factsDate, householdFacts, personFacts } from '../domain/household-facts.js';
import { type PrefilledForm, prefillForm } from '../domain/prefill.js';
import { type SelectedProcedure, selectProcedures } from '../domain/procedure-rules.js';
import { loadEnabledRules } from './procedure-rule-set.js';

export interface Guidance {
  /** The facts were taken on this date (the move date). */
  on: string;
  procedures: (SelectedProcedure & { personNames: string[] })[];
}

export async function guidanceFor(
  trx: Kysely<DB>,
  input: { municipalityCode: string; kind: NotificationKind; content: DraftContent; today: string },
): Promise<Guidance> {
  const rules = await loadEnabledRules(trx, input.municipalityCode);
  const on = factsDate(input.content, input.today);
  const persons = input.content.movers.map((m, i) => personFacts(m, i, on));
  const procedures = selectProcedures(rules, householdFacts(input.kind, input.content), persons).map((p) => ({
    ...p,
    personNames: p.persons.map((i) => {
      const m = input.content.movers[i]!;
      return m.givenName ? `${m.familyName}　${m.givenName}` : m.familyName;
    }),
  }));
  return { on, procedures };
}

export function prefilledForms(
  guidance: Guidance,
  input: {
    kind: NotificationKind;
    content: DraftContent;
    residentIds: (number | undefined)[];
    notifiedOn: string | undefined;
    head: { familyName: string; givenName: string } | undefined;
  },
): PrefilledForm[] {
  return guidance.procedures.map((p) => prefillForm(p, input));
}
