/**
 * 他課手続き案内 as data: each rule says for which kinds of move and for whom
 * (a condition over the facts of household-facts.ts) another department's
 * procedure applies, where to go, what to bring, and which data its form may be
 * pre-filled with (ワンスオンリー). Administrators edit rules through the API; the
 * same zod schema validates them and is published as JSON Schema.
 */
import { z } from 'zod';
import { NOTIFICATION_KINDS, type NotificationKind } from './draft-content.js';
import type { HouseholdFacts, PersonFacts } from './household-facts.js';

export const PERSON_FACTS = [
  'age',
  'schoolGrade',
  'sex',
  'insurance',
  'pension',
  'disability',
  'disabilities',
  'careCertified',
  'myNumberCard',
  'schoolTransfer',
  'foreign',
] as const;
export const HOUSEHOLD_FACTS = ['kind', 'moveType', 'wholeHousehold', 'dogs', 'movers'] as const;
export const FACTS = [...PERSON_FACTS, ...HOUSEHOLD_FACTS] as const;
export type FactName = (typeof FACTS)[number];

export const PREFILL_FIELDS = [
  'residentId',
  'name',
  'kana',
  'birthDate',
  'age',
  'sex',
  'relationship',
  'address',
  'postalCode',
  'previousAddress',
  'destination',
  'moveDate',
  'notifiedOn',
  'phone',
  'head',
  'insurance',
  'pension',
  'disabilities',
  'careCertified',
  'school',
  'schoolGrade',
  'dogs',
] as const;
export type PrefillField = (typeof PREFILL_FIELDS)[number];

type Scalar = string | number | boolean;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { anyPerson: Condition }
  | { fact: FactName; equals?: Scalar; in?: Scalar[]; min?: number; max?: number };

const scalar = z.union([z.string().max(40), z.number(), z.boolean()]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ anyPerson: conditionSchema }),
    z
      .strictObject({
        fact: z.enum(FACTS),
        equals: scalar.optional(),
        in: z.array(scalar).min(1).max(20).optional(),
        min: z.number().optional(),
        max: z.number().optional(),
      })
      .refine((p) => [p.equals, p.in, p.min, p.max].some((v) => v !== undefined), {
        message: 'a fact needs equals, in, min or max',
        params: { ja: '条件には equals・in・min・max のいずれかが必要です。' },
      }),
  ]),
);

const bilingual = (max: number) =>
  z.strictObject({ ja: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });

const variantSchema = z.strictObject({
  title: bilingual(80).optional(),
  bring: z.array(bilingual(120)).max(20).optional(),
  notes: bilingual(400).optional(),
});

export const procedureRuleSchema = z.strictObject({
  id: z.string().refine((id) => /^[a-z0-9][a-z0-9_-]{0,39}$/.test(id), {
    message: 'lower-case letters, digits, _ and -, up to 40',
    params: { ja: 'IDは英小文字・数字・_・- の40文字以内です。' },
  }),
  title: bilingual(80),
  department: bilingual(80),
  /** Where to go: floor, counter number. */
  place: bilingual(120),
  bring: z.array(bilingual(120)).max(20).default([]),
  notes: bilingual(400).optional(),
  /** The kinds of move the procedure follows. */
  kinds: z.array(z.enum(NOTIFICATION_KINDS)).min(1).max(3),
  /** 'person': checked for each mover, lists who it concerns; 'household': once for the household. */
  scope: z.enum(['person', 'household']),
  /** Absent: always, for the kinds listed. */
  when: conditionSchema.optional(),
  /** Text per kind of move, replacing title, bring or notes. */
  variants: z
    .strictObject({
      tennyu: variantSchema.optional(),
      tenkyo: variantSchema.optional(),
      tenshutsu: variantSchema.optional(),
    })
    .optional(),
  /** Data the department's form receives pre-filled. */
  prefill: z.array(z.enum(PREFILL_FIELDS)).max(PREFILL_FIELDS.length).default([]),
});
export type ProcedureRule = z.infer<typeof procedureRuleSchema>;
export type ProcedureRuleInput = z.input<typeof procedureRuleSchema>;

/** The rule format as JSON Schema, for the administrators' editor. */
export function procedureRuleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(procedureRuleSchema, { io: 'input' }) as Record<string, unknown>;
}

type Facts = Partial<Record<FactName, unknown>>;

function factTest(value: unknown, p: Extract<Condition, { fact: FactName }>): boolean {
  if (value === undefined) return false;
  // A list fact (disabilities) holds when any of its values does.
  if (Array.isArray(value)) return value.some((v) => factTest(v, p));
  if (p.equals !== undefined && value !== p.equals) return false;
  if (p.in !== undefined && !p.in.includes(value as Scalar)) return false;
  if (p.min !== undefined && !(typeof value === 'number' && value >= p.min)) return false;
  if (p.max !== undefined && !(typeof value === 'number' && value <= p.max)) return false;
  return true;
}

/** Evaluates a condition; `people` is what anyPerson ranges over. Unknown facts are false. */
export function holds(condition: Condition, facts: Facts, people: readonly Facts[]): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, facts, people));
  if ('any' in condition) return condition.any.some((c) => holds(c, facts, people));
  if ('not' in condition) return !holds(condition.not, facts, people);
  if ('anyPerson' in condition) return people.some((p) => holds(condition.anyPerson, p, people));
  return factTest(facts[condition.fact], condition);
}

export interface SelectedProcedure {
  id: string;
  title: { ja: string; en: string };
  department: { ja: string; en: string };
  place: { ja: string; en: string };
  bring: { ja: string; en: string }[];
  notes?: { ja: string; en: string };
  scope: 'person' | 'household';
  /** Positions (in the notification's movers) of the people it concerns; every mover for a household rule. */
  persons: number[];
  prefill: PrefillField[];
}

/** The procedures that apply, in the rules' order. */
export function selectProcedures(
  rules: readonly ProcedureRule[],
  household: HouseholdFacts,
  persons: readonly PersonFacts[],
): SelectedProcedure[] {
  const householdFacts = household as unknown as Facts;
  const people = persons.map((p) => ({ ...householdFacts, ...(p as unknown as Facts) }));
  const out: SelectedProcedure[] = [];
  for (const rule of rules) {
    if (!rule.kinds.includes(household.kind)) continue;
    let concerned: number[];
    if (rule.scope === 'household') {
      if (rule.when && !holds(rule.when, householdFacts, people)) continue;
      concerned = persons.map((p) => p.index);
    } else {
      concerned = persons
        .filter((_, i) => !rule.when || holds(rule.when, people[i]!, people))
        .map((p) => p.index);
      if (concerned.length === 0) continue;
    }
    const variant = rule.variants?.[household.kind as NotificationKind];
    out.push({
      id: rule.id,
      title: variant?.title ?? rule.title,
      department: rule.department,
      place: rule.place,
      bring: variant?.bring ?? rule.bring,
      ...((variant?.notes ?? rule.notes) ? { notes: variant?.notes ?? rule.notes } : {}),
      scope: rule.scope,
      persons: concerned,
      prefill: rule.prefill,
    });
  }
  return out;
}
