/**
 * ワンスオンリー: the data each department's form receives from the notification,
 * so nobody writes a name or an address again. A rule lists the fields its form
 * may have; nothing else is handed over (a dog registration does not need a date
 * of birth).
 */
import { ageOn } from '../../domain/japanese-era.js';
import type { DraftContent, NotificationKind } from './draft-content.js';
import { HEAD } from './draft-content.js';
import { schoolGradeOn } from './household-facts.js';
import type { PrefillField, SelectedProcedure } from './procedure-rules.js';

export interface PrefillContext {
  kind: NotificationKind;
  content: DraftContent;
  /** The register's ids of the movers, once known (after acceptance, or matched at the counter). */
  residentIds: (number | undefined)[];
  notifiedOn: string | undefined;
  /** 世帯主 of the household after the move, as registered. */
  head: { familyName: string; givenName: string } | undefined;
}

export interface PrefilledForm {
  procedureId: string;
  title: { ja: string; en: string };
  department: { ja: string; en: string };
  kind: NotificationKind;
  household: Record<string, unknown>;
  persons: Record<string, unknown>[];
}

const fullName = (family: string, given: string) => (given ? `${family}　${given}` : family);

function addressLine(address: DraftContent['from']) {
  if (!address) return undefined;
  return {
    ...(address.country ? { country: address.country } : {}),
    ...(address.postalCode ? { postalCode: address.postalCode } : {}),
    address: address.address,
    ...(address.katagaki ? { katagaki: address.katagaki } : {}),
  };
}

export function prefillForm(procedure: SelectedProcedure, ctx: PrefillContext): PrefilledForm {
  const wants = new Set<PrefillField>(procedure.prefill);
  const { content, kind } = ctx;
  const on = content.moveDate ?? ctx.notifiedOn ?? '';
  const current = kind === 'tenshutsu' ? content.from : content.to;
  const household: Record<string, unknown> = {};
  const put = (field: PrefillField, value: unknown) => {
    if (wants.has(field) && value !== undefined && value !== null) household[field] = value;
  };
  put('address', addressLine(current));
  if (wants.has('postalCode') && current?.postalCode) household.postalCode = current.postalCode;
  put('previousAddress', kind === 'tenshutsu' ? undefined : addressLine(content.from));
  put('destination', kind === 'tenshutsu' ? addressLine(content.to) : undefined);
  put('moveDate', content.moveDate);
  put('notifiedOn', ctx.notifiedOn);
  put('phone', content.phone);
  put('dogs', content.dogs);
  const head = ctx.head ?? content.movers.find((m) => m.relationship === HEAD);
  put('head', head ? fullName(head.familyName, head.givenName) : undefined);

  const persons = procedure.persons.map((index) => {
    const mover = content.movers[index]!;
    const person: Record<string, unknown> = {};
    const add = (field: PrefillField, value: unknown) => {
      if (wants.has(field) && value !== undefined && value !== null) person[field] = value;
    };
    add('residentId', ctx.residentIds[index]);
    add('name', { familyName: mover.familyName, givenName: mover.givenName });
    add('kana', { familyName: mover.familyNameKana, givenName: mover.givenNameKana });
    add('birthDate', mover.birthDate);
    add('age', on ? ageOn(mover.birthDate, on) : undefined);
    add('sex', mover.sex);
    add('relationship', mover.relationship);
    add('insurance', mover.insurance);
    add('pension', mover.pension);
    add('disabilities', mover.disabilities);
    add('careCertified', mover.careCertified);
    add('school', mover.school);
    add('schoolGrade', on ? schoolGradeOn(mover.birthDate, on) : undefined);
    return person;
  });
  return {
    procedureId: procedure.id,
    title: procedure.title,
    department: procedure.department,
    kind,
    household,
    persons,
  };
}
