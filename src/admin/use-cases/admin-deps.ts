import type { Kysely } from 'kysely';
import type { AuditActor } from '../../audit/index.js';
import type { DB } from '../../db/schema.js';
import { tokyoDate } from '../../issuance/domain/build-document.js';

export interface AdminDeps {
  db: Kysely<DB>;
  clock?: () => Date;
  /** Told after a municipality's hours changed, so a cache the engine reads can reload. */
  onServiceHoursChanged?: (municipalityCode: string) => void | Promise<void>;
}

/** The administrator acting (from the staff session). */
export interface Administrator {
  municipalityCode: string;
  staffId: string;
  terminalId: string;
}

export function actorOf(admin: Administrator): AuditActor {
  return { type: 'staff', id: admin.staffId, terminalId: admin.terminalId };
}

export function nowOf(deps: AdminDeps): Date {
  return (deps.clock ?? (() => new Date()))();
}

/** Today in Japan: fee dates are Tokyo dates whatever the server's zone. */
export function todayOf(deps: AdminDeps): string {
  return tokyoDate(nowOf(deps));
}
