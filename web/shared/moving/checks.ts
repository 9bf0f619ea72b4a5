/**
 * The questionnaire's checks per step, as translation keys: the phone says
 * what is wrong in the reader's language before anything is sent. The keys
 * live under `moving.check.*` in every language file.
 */
import {
  addressFormProblem,
  type DraftContent,
  HEAD,
  hasControlCharacters,
  isIsoDate,
  isKana,
  isPhoneNumber,
  type MoveKind,
  moveDateWindow,
  needsRemainingHead,
  normalizePostalCode,
  type PersonRef,
  type StepId,
} from './content.js';

export type CheckKey =
  | 'required'
  | 'date'
  | 'dateTooEarly'
  | 'dateTooLate'
  | 'birthFuture'
  | 'birthTooEarly'
  | 'kana'
  | 'spaces'
  | 'control'
  | 'postalCode'
  | 'prefecture'
  | 'municipality'
  | 'number'
  | 'phone'
  | 'oneHead'
  | 'noHeadWhenJoining'
  | 'noMovers'
  | 'dogs'
  | 'sameAddress';

export interface FieldCheck {
  key: CheckKey;
  values?: Record<string, string | number>;
}

/** Problems by content path (`movers.0.familyNameKana`), the server's way of naming fields. */
export type FieldChecks = Record<string, FieldCheck>;

export interface CheckContext {
  kind: MoveKind;
  /** Today in Tokyo (YYYY-MM-DD). */
  today: string;
  /** How long a phone draft lives: a move may be prepared this far ahead. 0 at the counter. */
  draftLifetimeDays: number;
}

function nameProblem(value: string, required: boolean): FieldCheck | undefined {
  if (!value) return required ? { key: 'required' } : undefined;
  if (hasControlCharacters(value)) return { key: 'control' };
  if (value.trim() !== value || /^[\s　]|[\s　]$/.test(value)) return { key: 'spaces' };
  return undefined;
}

function kanaProblem(value: string, required: boolean): FieldCheck | undefined {
  if (!value.trim()) return required ? { key: 'required' } : undefined;
  return isKana(value.trim()) ? undefined : { key: 'kana' };
}

function birthProblem(value: string, today: string): FieldCheck | undefined {
  if (!value) return { key: 'required' };
  if (!isIsoDate(value)) return { key: 'date' };
  if (value > today) return { key: 'birthFuture' };
  if (value < '1890-01-01') return { key: 'birthTooEarly' };
  return undefined;
}

function personRefChecks(at: string, ref: PersonRef | undefined, today: string, out: FieldChecks) {
  const add = (path: string, problem: FieldCheck | undefined) => {
    if (problem) out[`${at}.${path}`] = problem;
  };
  add('familyName', nameProblem(ref?.familyName ?? '', true));
  add('givenName', nameProblem(ref?.givenName ?? '', false));
  add('birthDate', birthProblem(ref?.birthDate ?? '', today));
}

function addressChecks(at: 'from' | 'to', content: DraftContent, abroad: boolean, out: FieldChecks): void {
  const address = content[at];
  if (abroad) {
    if (!address?.country?.trim()) out[`${at}.country`] = { key: 'required' };
    if (!address?.address?.trim()) out[`${at}.address`] = { key: 'required' };
    return;
  }
  const postal = address?.postalCode?.trim() ?? '';
  if (!postal) out[`${at}.postalCode`] = { key: 'required' };
  else if (!normalizePostalCode(postal)) out[`${at}.postalCode`] = { key: 'postalCode' };
  const line = address?.address?.trim() ?? '';
  if (!line) out[`${at}.address`] = { key: 'required' };
  else if (hasControlCharacters(line)) out[`${at}.address`] = { key: 'control' };
  else {
    const form = addressFormProblem(line);
    if (form) out[`${at}.address`] = { key: form };
  }
  if (address?.katagaki && hasControlCharacters(address.katagaki)) out[`${at}.katagaki`] = { key: 'control' };
}

/** The checks of one step; an empty object when the step may be left. */
export function checkStep(step: StepId, content: DraftContent, ctx: CheckContext): FieldChecks {
  const out: FieldChecks = {};
  const { kind, today } = ctx;
  switch (step) {
    case 'when': {
      if (!content.moveDate) out.moveDate = { key: 'required' };
      else if (!isIsoDate(content.moveDate)) out.moveDate = { key: 'date' };
      else {
        const window = moveDateWindow(kind, today, ctx.draftLifetimeDays);
        if (content.moveDate < window.earliest) out.moveDate = { key: 'dateTooEarly' };
        else if (content.moveDate > window.latest)
          out.moveDate = { key: 'dateTooLate', values: { date: window.latest } };
      }
      if (kind !== 'tenkyo' && !content.moveType) out.moveType = { key: 'required' };
      return out;
    }
    case 'addresses': {
      const abroad = content.moveType === 'abroad';
      addressChecks('from', content, abroad && kind === 'tennyu', out);
      addressChecks('to', content, abroad && kind === 'tenshutsu', out);
      if (
        kind === 'tenkyo' &&
        content.from?.address &&
        content.from.address.trim() === content.to?.address?.trim() &&
        (content.from.katagaki ?? '') === (content.to?.katagaki ?? '')
      )
        out['to.address'] = { key: 'sameAddress' };
      return out;
    }
    case 'people': {
      if (kind !== 'tennyu' && content.wholeHousehold === undefined) out.wholeHousehold = { key: 'required' };
      if (content.movers.length === 0) out.movers = { key: 'noMovers' };
      content.movers.forEach((m, i) => {
        const add = (field: string, problem: FieldCheck | undefined) => {
          if (problem) out[`movers.${i}.${field}`] = problem;
        };
        add('familyName', nameProblem(m.familyName, true));
        add('givenName', nameProblem(m.givenName, false));
        add('familyNameKana', kanaProblem(m.familyNameKana, true));
        add('givenNameKana', kanaProblem(m.givenNameKana, Boolean(m.givenName)));
        add('birthDate', birthProblem(m.birthDate, today));
        add('relationship', m.relationship.trim() ? undefined : { key: 'required' });
        // "Not a Japanese national" ticked: the nationality is then asked for.
        if (m.nationality !== undefined && !m.nationality.trim()) add('nationality', { key: 'required' });
      });
      return out;
    }
    case 'household': {
      const arrangement = content.household?.arrangement;
      if (kind !== 'tenshutsu') {
        if (!arrangement) out['household.arrangement'] = { key: 'required' };
        const heads = content.movers.filter((m) => m.relationship === HEAD).length;
        if (arrangement === 'new' && heads !== 1) out['household.arrangement'] = { key: 'oneHead' };
        if (arrangement === 'join') {
          if (heads > 0) out['household.arrangement'] = { key: 'noHeadWhenJoining' };
          personRefChecks('household.joinHead', content.household?.joinHead, today, out);
        }
      }
      if (needsRemainingHead(kind, content))
        personRefChecks('household.remainingHead', content.household?.remainingHead, today, out);
      return out;
    }
    case 'life': {
      const dogs = content.dogs ?? 0;
      if (!Number.isInteger(dogs) || dogs < 0 || dogs > 20) out.dogs = { key: 'dogs' };
      return out;
    }
    case 'contact': {
      const n = content.notifier;
      const family = nameProblem(n?.familyName ?? '', true);
      if (family) out['notifier.familyName'] = family;
      const given = nameProblem(n?.givenName ?? '', false);
      if (given) out['notifier.givenName'] = given;
      if (content.phone?.trim() && !isPhoneNumber(content.phone)) out.phone = { key: 'phone' };
      if (content.notes && hasControlCharacters(content.notes)) out.notes = { key: 'control' };
      return out;
    }
    case 'review':
      return out;
  }
}
