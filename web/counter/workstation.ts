/**
 * Which counter this workstation is: kept in the browser, read by the login
 * (municipality and terminal ID), the calling and the reception screens.
 */
export const COUNTER_KINDS = ['certificates', 'notifications', 'general'] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

export interface WorkstationSettings {
  municipality: string;
  counterNumber: number;
  kind: CounterKind;
  /**
   * The terminal's own name as the IT department labels the PC (資産番号), when
   * it has one; otherwise one is made from the counter number. It goes into
   * every audit row written from this desk.
   */
  terminalId?: string;
}

const STORAGE_KEY = 'madoguchi.counter.workstation';

/** What the server accepts as a terminal ID (src/staff/http/staff.schemas.ts). */
const TERMINAL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function loadWorkstation(): WorkstationSettings | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<WorkstationSettings>;
    if (
      typeof value.municipality === 'string' &&
      typeof value.counterNumber === 'number' &&
      COUNTER_KINDS.includes(value.kind as CounterKind)
    ) {
      const settings: WorkstationSettings = {
        municipality: value.municipality,
        counterNumber: value.counterNumber,
        kind: value.kind as CounterKind,
      };
      if (typeof value.terminalId === 'string' && TERMINAL_ID.test(value.terminalId))
        settings.terminalId = value.terminalId;
      return settings;
    }
  } catch {
    // Unreadable or disabled storage: the desk is simply not set up yet.
  }
  return undefined;
}

export function saveWorkstation(settings: WorkstationSettings): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
}

/**
 * Reads a counter number as typed: full-width digits from a Japanese IME
 * count (「３」 is 3), anything but 1–99 does not.
 */
export function parseCounterNumber(input: string): number | undefined {
  const normalized = input.normalize('NFKC').trim();
  if (!/^[1-9][0-9]?$/.test(normalized)) return undefined;
  return Number(normalized);
}

/**
 * Reads a typed terminal ID: empty means "make one from the counter number";
 * full-width letters from an IME are folded; anything the server would refuse
 * is `null`.
 */
export function parseTerminalId(input: string): string | undefined | null {
  const normalized = input.normalize('NFKC').trim();
  if (normalized === '') return undefined;
  return TERMINAL_ID.test(normalized) ? normalized : null;
}

/** The terminal ID this desk logs in with: its own label, or `counter-07` from the counter number. */
export function terminalIdOf(settings: WorkstationSettings): string {
  return settings.terminalId ?? `counter-${String(settings.counterNumber).padStart(2, '0')}`;
}
