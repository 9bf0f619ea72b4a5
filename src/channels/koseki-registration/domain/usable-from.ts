import { addDays, fromTokyoWallClock, toTokyoWallClock } from '../../../domain/service-hours.js';

/** The municipalities promise "about five days" from the application (domain.md). */
export const DEFAULT_WAIT_DAYS = 5;

/**
 * When an approved registration becomes usable unless the reviewer opens it at
 * once: the start of the Japanese calendar day `days` after the application
 * day, so the promise reads as a date ("from 11月29日") whatever the hour.
 */
export function defaultUsableFrom(appliedAt: Date, days = DEFAULT_WAIT_DAYS): Date {
  const appliedOn = toTokyoWallClock(appliedAt).date;
  return fromTokyoWallClock(`${addDays(appliedOn, days)}T00:00`);
}

/** The Tokyo calendar date of an instant (usable_from is shown to people as a date). */
export { tokyoDate as tokyoDateOf } from '../../../domain/service-hours.js';
