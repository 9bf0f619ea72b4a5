import type { IssuanceDeps } from '../../../issuance/use-cases/issue-certificate.js';

/** What the counter and mail use cases need: the engine (its database, keys, renderer and clock). */
export interface CounterDeps {
  issuance: IssuanceDeps;
}

/** The staff member acting, as the routes pass them down (never a whole request object). */
export interface ActingStaff {
  municipalityCode: string;
  staffId: string;
  displayName: string;
  terminalId: string;
}

export function nowOf(deps: CounterDeps): Date {
  return (deps.issuance.clock ?? (() => new Date()))();
}

export function staffActor(staff: ActingStaff) {
  return { type: 'staff' as const, id: staff.staffId, terminalId: staff.terminalId };
}
