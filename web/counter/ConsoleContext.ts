import { createContext, useContext } from 'react';
import type { StaffMe } from './api/staff';
import type { ScreenId } from './navigation';
import type { WorkstationSettings } from './workstation';

export interface ConsoleSession {
  me: StaffMe;
  /** 見本県 見本市, or the code when the list could not be read. */
  municipalityName: string;
  workstation: WorkstationSettings | undefined;
  /** The screens this build has. */
  built: ReadonlySet<ScreenId>;
  /** Reads the member again (roles may have changed). */
  refreshMe: () => Promise<void>;
}

export const ConsoleContext = createContext<ConsoleSession | undefined>(undefined);

/** The signed-in member and their desk; only inside the console shell. */
export function useConsole(): ConsoleSession {
  const session = useContext(ConsoleContext);
  if (!session) throw new Error('useConsole outside the console shell');
  return session;
}

export function can(session: ConsoleSession, permission: string): boolean {
  return session.me.permissions.includes(permission);
}
