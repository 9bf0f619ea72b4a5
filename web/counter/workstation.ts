/** Which counter this workstation is: kept in the browser, read by the calling and reception screens. */
export const COUNTER_KINDS = ['certificates', 'notifications', 'general'] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];

export interface WorkstationSettings {
  municipality: string;
  counterNumber: number;
  kind: CounterKind;
}

const STORAGE_KEY = 'madoguchi.counter.workstation';

export function loadWorkstation(): WorkstationSettings | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<WorkstationSettings>;
    if (
      typeof value.municipality === 'string' &&
      typeof value.counterNumber === 'number' &&
      COUNTER_KINDS.includes(value.kind as CounterKind)
    )
      return value as WorkstationSettings;
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
