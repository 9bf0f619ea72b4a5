import type { TFunction } from 'i18next';
import { pickMessage } from '../api';
import type { LanguageCode } from '../i18n/languages';
import type { FieldChecks } from './checks';
import type { ContentProblem } from './content';
import { formatIsoDate } from './dates';

/** Problems by content path, each already in the reader's language. */
export type FieldErrors = Record<string, string>;

/** Our own checks (translated keys) and the server's problems (ja/en) in one map; ours win a tie. */
export function fieldErrors(
  t: TFunction,
  lng: LanguageCode,
  checks: FieldChecks,
  server: readonly ContentProblem[] = [],
): FieldErrors {
  const out: FieldErrors = {};
  const ours = Object.keys(checks);
  for (const problem of server) {
    const at = problem.at ?? '';
    // Our own finer check already says it (the server's "enter who moves" while a person is half-written).
    if (ours.some((path) => path === at || path.startsWith(`${at}.`))) continue;
    // Validation details start with their own path ("movers.0.birthDate: …"): beside the field it is noise.
    if (!(at in out)) out[at] = pickMessage({ ja: problem.ja, en: problem.en }, lng).replace(`${at}: `, '');
  }
  for (const [at, check] of Object.entries(checks)) {
    const values = { ...check.values };
    if (typeof values.date === 'string') values.date = formatIsoDate(values.date, lng);
    out[at] = t(`moving.check.${check.key}`, values);
  }
  return out;
}

/** The id of the control that shows a content path: error summaries link to it. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** Server paths may carry a `content.` prefix (invalid_input on the whole body); ours never do. */
export function contentPath(at: string | undefined): string | undefined {
  if (!at) return at;
  return at.replace(/^(body\.)?content\./, '');
}

const MOVER_FIELD_KEYS: Record<string, string> = {
  familyName: 'moving.people.familyName',
  givenName: 'moving.people.givenName',
  familyNameKana: 'moving.people.familyNameKana',
  givenNameKana: 'moving.people.givenNameKana',
  birthDate: 'moving.people.birthDate',
  sex: 'moving.people.sex',
  relationship: 'moving.people.relationshipShort',
  nationality: 'moving.people.nationality',
  honseki: 'moving.people.honseki',
  hittosha: 'moving.people.hittosha',
  juminhyoCode: 'moving.people.juminhyoCode',
  myNumber: 'moving.people.myNumber',
  insurance: 'moving.life.insurance',
  pension: 'moving.life.pension',
  school: 'moving.life.schoolTransfer',
  careCertified: 'moving.life.care',
  disabilities: 'moving.life.disabilities',
  myNumberCard: 'moving.life.myNumberCard',
};

const ADDRESS_FIELD_KEYS: Record<string, string> = {
  postalCode: 'moving.address.postalCode',
  address: 'moving.address.address',
  katagaki: 'moving.address.katagaki',
  country: 'moving.address.country',
};

/** What a content path is called, for error summaries ("1人目 — 氏のふりがな"). */
export function pathLabel(t: TFunction, kind: string, path: string): string {
  const parts = path.split('.');
  const [head, second, third] = parts;
  const tr = (key: string, values?: Record<string, unknown>) => String(t(key as never, values as never));
  switch (head) {
    case 'moveDate':
      return tr(`moving.when.moveDate.${kind}`);
    case 'moveType':
      return tr(`moving.when.moveType.${kind}`);
    case 'wholeHousehold':
      return tr(`moving.people.whole.${kind}`);
    case 'from':
    case 'to': {
      const place = tr(`moving.addresses.${head}.${kind}`);
      const field = second ? ADDRESS_FIELD_KEYS[second] : undefined;
      return field ? `${place} — ${tr(field)}` : place;
    }
    case 'movers': {
      if (second === undefined || !/^\d+$/.test(second)) return tr('moving.steps.people');
      const who = tr('moving.people.person', { n: Number(second) + 1 });
      const field = third ? MOVER_FIELD_KEYS[third] : undefined;
      return field ? `${who} — ${tr(field)}` : who;
    }
    case 'household':
      if (second === 'joinHead') return tr('moving.household.joinHead');
      if (second === 'remainingHead') return tr('moving.household.remainingHead');
      return tr('moving.household.arrangement');
    case 'dogs':
      return tr('moving.life.dogs');
    case 'notifier':
      return tr('moving.contact.who');
    case 'phone':
      return tr('moving.contact.phone');
    case 'notes':
      return tr('moving.contact.notes');
    default:
      return tr('moving.review.title');
  }
}
