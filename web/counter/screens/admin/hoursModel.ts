/**
 * Opening hours as the administrator edits them: one channel's plan at a
 * time, text fields as typed, turned back into the ServiceHoursConfig the
 * server validates (src/admin/domain/service-hours-config.ts).
 */
import type { HoursPlan, WeeklyWindow } from '../../domain.js';

/** Monday first, as Japanese office calendars are read; values are JavaScript weekdays (0 = Sunday). */
export const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

/** A stable identity for a row being edited (React keys), never sent to the server. */
let lastKey = 0;
export const newKey = () => ++lastKey;

export interface WindowDraft {
  key: number;
  days: number[];
  open: string;
  close: string;
  onHolidays: boolean;
}
export interface OpeningDraft {
  key: number;
  date: string;
  open: string;
  close: string;
}
export interface OutageDraft {
  key: number;
  from: string;
  to: string;
  reasonJa: string;
  reasonEn: string;
}
export interface PlanDraft {
  windows: WindowDraft[];
  specialOpenings: OpeningDraft[];
  outages: OutageDraft[];
}

export function draftOf(plan: HoursPlan): PlanDraft {
  return {
    windows: plan.windows.map((w) => ({ ...w, key: newKey(), days: [...w.days] })),
    specialOpenings: (plan.specialOpenings ?? []).map((o) => ({ ...o, key: newKey() })),
    outages: (plan.outages ?? []).map((o) => ({
      key: newKey(),
      from: o.from,
      to: o.to,
      reasonJa: o.reason.ja,
      reasonEn: o.reason.en,
    })),
  };
}

/** 8:30, ０８：３０ and 0830 are all 08:30; 24:00 only where a window may end at midnight. */
export function parseClock(text: string, allow24: boolean): string | undefined {
  const t = text.normalize('NFKC').trim().replace('：', ':');
  const m = /^(\d{1,2}):?(\d{2})$/.exec(t);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (Number(m[2]) >= 60 || minutes > (allow24 ? 1440 : 1439)) return undefined;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

export type DraftProblem = { at: string; key: 'days' | 'clock' | 'order' | 'date' | 'reason' };

/** The plan of a draft, or where it is wrong (`windows.0.close`, …). */
export function planOf(
  draft: PlanDraft,
  base: HoursPlan,
): { plan: HoursPlan } | { problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const windows: WeeklyWindow[] = draft.windows.map((w, i) => {
    const open = parseClock(w.open, false);
    const close = parseClock(w.close, true);
    if (w.days.length === 0) problems.push({ at: `windows.${i}.days`, key: 'days' });
    if (!open) problems.push({ at: `windows.${i}.open`, key: 'clock' });
    if (!close) problems.push({ at: `windows.${i}.close`, key: 'clock' });
    else if (open && open >= close) problems.push({ at: `windows.${i}.close`, key: 'order' });
    return {
      days: WEEK.filter((d) => w.days.includes(d)),
      open: open ?? '',
      close: close ?? '',
      onHolidays: w.onHolidays,
    };
  });
  const specialOpenings = draft.specialOpenings.map((o, i) => {
    const open = parseClock(o.open, false);
    const close = parseClock(o.close, true);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(o.date)) problems.push({ at: `specialOpenings.${i}.date`, key: 'date' });
    if (!open) problems.push({ at: `specialOpenings.${i}.open`, key: 'clock' });
    if (!close) problems.push({ at: `specialOpenings.${i}.close`, key: 'clock' });
    else if (open && open >= close) problems.push({ at: `specialOpenings.${i}.close`, key: 'order' });
    return { date: o.date, open: open ?? '', close: close ?? '' };
  });
  const outages = draft.outages.map((o, i) => {
    const ok = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v);
    if (!ok(o.from)) problems.push({ at: `outages.${i}.from`, key: 'date' });
    if (!ok(o.to)) problems.push({ at: `outages.${i}.to`, key: 'date' });
    else if (ok(o.from) && o.from >= o.to) problems.push({ at: `outages.${i}.to`, key: 'order' });
    if (!o.reasonJa.trim() || !o.reasonEn.trim()) problems.push({ at: `outages.${i}.reason`, key: 'reason' });
    return { from: o.from, to: o.to, reason: { ja: o.reasonJa.trim(), en: o.reasonEn.trim() } };
  });
  if (problems.length > 0) return { problems };
  return {
    plan: {
      windows,
      ...(base.annualClosures ? { annualClosures: base.annualClosures } : {}),
      ...(outages.length ? { outages } : {}),
      ...(specialOpenings.length ? { specialOpenings } : {}),
    },
  };
}

/**
 * Weekdays as a person reads them: 月〜金, 土・日, 月・水・金. `names` is
 * Monday-first; consecutive runs of three or more are joined with `through`.
 */
export function daysLabel(
  days: readonly number[],
  names: readonly string[],
  through: string,
  and: string,
): string {
  const order = WEEK.map((d, i) => ({ d, i })).filter(({ d }) => days.includes(d));
  const parts: string[] = [];
  let k = 0;
  while (k < order.length) {
    let end = k;
    while (end + 1 < order.length && order[end + 1]!.i === order[end]!.i + 1) end++;
    if (end - k >= 2) parts.push(`${names[order[k]!.i]}${through}${names[order[end]!.i]}`);
    else for (let j = k; j <= end; j++) parts.push(names[order[j]!.i]!);
    k = end + 1;
  }
  return parts.join(and);
}
