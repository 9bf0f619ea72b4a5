import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DEMO_SERVICE_HOURS, type ServiceHoursConfig } from '../../domain/service-hours.js';
import { latestServiceHours, latestServiceHoursOfAll } from '../data/service-hours.repository.js';

/** A municipality that never set its hours gets the standard (demo) hours the engine used so far. */
export const FALLBACK_SERVICE_HOURS: ServiceHoursConfig = DEMO_SERVICE_HOURS;

/** The hours in force for a municipality: its latest saved version, or the standard hours. */
export async function loadServiceHours(
  db: Kysely<DB>,
  municipalityCode: string,
): Promise<ServiceHoursConfig> {
  const row = await latestServiceHours(db, municipalityCode);
  return row ? (row.config as ServiceHoursConfig) : FALLBACK_SERVICE_HOURS;
}

export interface ServiceHoursProvider {
  /** Synchronous, as the engine's `serviceHours` dependency is: answers from memory. */
  get(municipalityCode: string): ServiceHoursConfig;
  /** Reloads one municipality (after an admin change) or all of them (periodically, with several processes). */
  refresh(municipalityCode?: string): Promise<void>;
}

/**
 * Every municipality's hours in memory, for the engine's synchronous
 * `serviceHours(code)`. The admin routes call `refresh(code)` after a change;
 * with several server processes, call `refresh()` on a timer as well.
 */
export async function serviceHoursProvider(db: Kysely<DB>): Promise<ServiceHoursProvider> {
  const cache = new Map<string, ServiceHoursConfig>();
  const provider: ServiceHoursProvider = {
    get: (code) => cache.get(code) ?? FALLBACK_SERVICE_HOURS,
    async refresh(code) {
      if (code) {
        cache.set(code, await loadServiceHours(db, code));
        return;
      }
      const rows = await latestServiceHoursOfAll(db);
      cache.clear();
      for (const row of rows) cache.set(row.municipality_code, row.config as ServiceHoursConfig);
    },
  };
  await provider.refresh();
  return provider;
}
