import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type IdentityLimits, identityLimits } from '../domain/limits.js';

/** What the identity use cases need: the database, a clock (tests move it) and the limits. */
export interface IdentityDeps {
  db: Kysely<DB>;
  clock?: () => Date;
  limits?: Partial<IdentityLimits>;
}

export interface ResolvedIdentityDeps {
  db: Kysely<DB>;
  now: () => Date;
  limits: IdentityLimits;
}

export function resolveIdentityDeps(deps: IdentityDeps): ResolvedIdentityDeps {
  return {
    db: deps.db,
    now: deps.clock ?? (() => new Date()),
    limits: identityLimits(deps.limits),
  };
}
