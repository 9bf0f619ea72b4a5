/**
 * When each channel serves: the Japanese national holiday calendar (by rule,
 * not by a downloaded list), weekly opening windows, annual closures
 * (年末年始), maintenance windows and per-certificate exceptions, and the
 * next opening time when a request arrives while closed.
 *
 * Time zone: Japan Standard Time is UTC+9 all year (no daylight saving since
 * 1952), so the wall clock is computed by adding nine hours to the instant;
 * nothing here depends on the machine's time zone.
 */
import type { UserMessage } from '../shared/errors.js';
import { CERTIFICATES, type CertificateType, type Refusal } from './certificates.js';
import { CHANNEL_NAMES, type Channel, type KioskKind } from './channel-rules.js';
import { isIsoDate } from './japanese-era.js';

export type IsoDate = string;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const JST_OFFSET_MINUTES = 9 * 60;

// ---------------------------------------------------------------------------
// Tokyo wall clock

export interface TokyoWallClock {
  date: IsoDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: Weekday;
  hour: number;
  minute: number;
  second: number;
  /** 2025-01-04T06:30:00 (no offset: it is the Tokyo wall clock). */
  local: string;
}

export function toTokyoWallClock(at: Date): TokyoWallClock {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid date');
  const shifted = new Date(ms + JST_OFFSET_MINUTES * MINUTE_MS);
  const date = shifted.toISOString().slice(0, 10);
  return {
    date,
    weekday: shifted.getUTCDay() as Weekday,
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    local: shifted.toISOString().slice(0, 19),
  };
}

/** The calendar date on the Tokyo wall clock (UTC+9, no daylight saving): 2025-01-04. */
export function tokyoDate(at: Date): IsoDate {
  return toTokyoWallClock(at).date;
}

/** The instant as a Tokyo date-time with its offset, to the second: 2025-01-04T06:30:00+09:00. */
export function tokyoDateTime(at: Date): string {
  return `${toTokyoWallClock(at).local}+09:00`;
}

/** The instant of a Tokyo wall-clock time (`2025-01-04T06:30` or with seconds). */
export function fromTokyoWallClock(local: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m || !isIsoDate(m[1]!)) throw new RangeError(`not a local date-time: ${local}`);
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) throw new RangeError(`not a local date-time: ${local}`);
  const utc = Date.parse(`${m[1]}T00:00:00Z`) + ((hh * 60 + mm) * 60 + ss) * 1000;
  return new Date(utc - JST_OFFSET_MINUTES * MINUTE_MS);
}

/** Days since 1970-01-01 of a date; weekday and arithmetic without Date objects leaking around. */
function dayNumber(iso: IsoDate): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

function isoOfDay(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function weekdayOfDay(day: number): Weekday {
  return ((((day + 4) % 7) + 7) % 7) as Weekday; // 1970-01-01 was a Thursday
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoOfDay(dayNumber(iso) + days);
}

export function weekdayOf(iso: IsoDate): Weekday {
  return weekdayOfDay(dayNumber(iso));
}

// ---------------------------------------------------------------------------
// National holidays (国民の祝日に関する法律)

export const FIRST_HOLIDAY_YEAR = 1949;
export const LAST_HOLIDAY_YEAR = 2099;

/** Holidays decreed for one day by their own law; each counts as a 国民の祝日. */
const ONE_OFF_HOLIDAYS: ReadonlyArray<[IsoDate, string]> = [
  ['1959-04-10', '皇太子明仁親王の結婚の儀'],
  ['1989-02-24', '昭和天皇の大喪の礼'],
  ['1990-11-12', '即位礼正殿の儀'],
  ['1993-06-09', '皇太子徳仁親王の結婚の儀'],
  ['2019-05-01', '天皇の即位の日'],
  ['2019-10-22', '即位礼正殿の儀'],
];

/** The day of the month of the n-th Monday (ハッピーマンデー). */
function nthMonday(year: number, month: number, n: number): number {
  const first = weekdayOf(`${year}-${pad2(month)}-01`);
  return 1 + ((8 - first) % 7) + (n - 1) * 7;
}

/**
 * 春分日 and 秋分日 by the standard approximation used to announce them
 * (valid 1900–2099; the official dates are fixed each February in the 官報
 * and have matched it for every year of that range published so far).
 */
export function vernalEquinoxDay(year: number): number {
  if (year < 1900 || year > 2099) throw new RangeError(`no equinox formula for ${year}`);
  return year < 1980
    ? Math.floor(20.8357 + 0.242194 * (year - 1980) - Math.trunc((year - 1983) / 4))
    : Math.floor(20.8431 + 0.242194 * (year - 1980) - Math.trunc((year - 1980) / 4));
}

export function autumnalEquinoxDay(year: number): number {
  if (year < 1900 || year > 2099) throw new RangeError(`no equinox formula for ${year}`);
  return year < 1980
    ? Math.floor(23.2588 + 0.242194 * (year - 1980) - Math.trunc((year - 1983) / 4))
    : Math.floor(23.2488 + 0.242194 * (year - 1980) - Math.trunc((year - 1980) / 4));
}

/** The 国民の祝日 proper of a year, before substitute days and sandwiched days. */
function properHolidays(year: number): Map<IsoDate, string> {
  const days = new Map<IsoDate, string>();
  const add = (month: number, day: number, name: string) =>
    days.set(`${year}-${pad2(month)}-${pad2(day)}`, name);

  add(1, 1, '元日');
  add(1, year < 2000 ? 15 : nthMonday(year, 1, 2), '成人の日');
  if (year >= 1967) add(2, 11, '建国記念の日');
  add(3, vernalEquinoxDay(year), '春分の日');
  if (year <= 1988) add(4, 29, '天皇誕生日');
  else if (year <= 2006) add(4, 29, 'みどりの日');
  else add(4, 29, '昭和の日');
  add(5, 3, '憲法記念日');
  if (year >= 2007) add(5, 4, 'みどりの日');
  add(5, 5, 'こどもの日');
  if (year === 2020) add(7, 23, '海の日');
  else if (year === 2021) add(7, 22, '海の日');
  else if (year >= 2003) add(7, nthMonday(year, 7, 3), '海の日');
  else if (year >= 1996) add(7, 20, '海の日');
  if (year === 2020) add(8, 10, '山の日');
  else if (year === 2021) add(8, 8, '山の日');
  else if (year >= 2016) add(8, 11, '山の日');
  if (year >= 2003) add(9, nthMonday(year, 9, 3), '敬老の日');
  else if (year >= 1966) add(9, 15, '敬老の日');
  add(9, autumnalEquinoxDay(year), '秋分の日');
  if (year === 2020) add(7, 24, 'スポーツの日');
  else if (year === 2021) add(7, 23, 'スポーツの日');
  else if (year >= 2020) add(10, nthMonday(year, 10, 2), 'スポーツの日');
  else if (year >= 2000) add(10, nthMonday(year, 10, 2), '体育の日');
  else if (year >= 1966) add(10, 10, '体育の日');
  add(11, 3, '文化の日');
  add(11, 23, '勤労感謝の日');
  if (year >= 1989 && year <= 2018) add(12, 23, '天皇誕生日');
  else if (year >= 2020) add(2, 23, '天皇誕生日');
  for (const [date, name] of ONE_OFF_HOLIDAYS) if (date.startsWith(`${year}-`)) days.set(date, name);
  return days;
}

const holidayCache = new Map<number, ReadonlyMap<IsoDate, string>>();

/** Every 休日 of the year by law: 国民の祝日, 振替休日 and 国民の休日, by date. */
export function nationalHolidaysOf(year: number): ReadonlyMap<IsoDate, string> {
  if (!Number.isInteger(year) || year < FIRST_HOLIDAY_YEAR || year > LAST_HOLIDAY_YEAR) {
    throw new RangeError(`holidays are computed for ${FIRST_HOLIDAY_YEAR}–${LAST_HOLIDAY_YEAR}, not ${year}`);
  }
  const cached = holidayCache.get(year);
  if (cached) return cached;

  const proper = properHolidays(year);
  const all = new Map(proper);

  // 振替休日 (from 1973-04-12): a 祝日 on a Sunday moves the rest to the Monday; since 2007 to the first
  // following day that is not itself a 祝日 (so 5/3 on a Sunday gives 5/6).
  for (const date of [...proper.keys()].sort()) {
    if (date < '1973-04-12' || weekdayOf(date) !== 0) continue;
    let next = addDays(date, 1);
    if (date >= '2007-01-01') {
      while (proper.has(next)) next = addDays(next, 1);
    } else if (proper.has(next)) {
      continue;
    }
    if (next.startsWith(`${year}-`)) all.set(next, '振替休日');
  }

  // 国民の休日 (from 1985-12-27): a day between two 祝日. Until 2006 it did not apply to Sundays or to a
  // 振替休日; since 2007 only the day itself being a 祝日 excludes it.
  if (year >= 1986) {
    for (const date of proper.keys()) {
      const middle = addDays(date, 1);
      if (proper.has(middle) || !proper.has(addDays(middle, 1)) || !middle.startsWith(`${year}-`)) continue;
      if (year < 2007 && (weekdayOf(middle) === 0 || all.get(middle) === '振替休日')) continue;
      all.set(middle, '国民の休日');
    }
  }

  const sorted = new Map([...all.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  holidayCache.set(year, sorted);
  return sorted;
}

/** The holiday's name (「元日」「振替休日」「国民の休日」…), or null on an ordinary day. */
export function nationalHolidayName(date: IsoDate): string | null {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  return nationalHolidaysOf(Number(date.slice(0, 4))).get(date) ?? null;
}

export function isNationalHoliday(date: IsoDate): boolean {
  return nationalHolidayName(date) !== null;
}

/** 行政機関の休日 (12/29–1/3) on top of weekends and holidays: the days municipal offices close. */
export function isYearEndHoliday(date: IsoDate): boolean {
  const md = date.slice(5);
  return md >= '12-29' || md <= '01-03';
}

/** A day the municipal office works (開庁日). */
export function isBusinessDay(date: IsoDate): boolean {
  const wd = weekdayOf(date);
  return wd !== 0 && wd !== 6 && !isNationalHoliday(date) && !isYearEndHoliday(date);
}

/** The business day `n` business days after `date` (n ≥ 0; 0 gives the first business day from `date`). */
export function addBusinessDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
  let d = date;
  while (!isBusinessDay(d)) d = addDays(d, 1);
  for (let i = 0; i < n; i++) {
    d = addDays(d, 1);
    while (!isBusinessDay(d)) d = addDays(d, 1);
  }
  return d;
}

// ---------------------------------------------------------------------------
// Opening hours

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5];
export const EVERY_DAY: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** Open from `open` (inclusive) to `close` (exclusive), wall clock `HH:MM`; `close` may be `24:00`. */
export interface WeeklyWindow {
  days: readonly Weekday[];
  open: string;
  close: string;
  /** Whether the window also applies on national holidays that fall on those days. */
  onHolidays: boolean;
}

/** A closure every year, `MM-DD` to `MM-DD` inclusive; may wrap the new year (12-29 → 01-03). */
export interface AnnualClosure {
  from: string;
  to: string;
  name: UserMessage;
}

/** A one-off closure, e.g. system maintenance: Tokyo wall clock `YYYY-MM-DDTHH:MM`, from inclusive, to exclusive. */
export interface Outage {
  from: string;
  to: string;
  reason: UserMessage;
}

/** A one-off opening outside the weekly windows (休日開庁), even on a holiday or in a closure. */
export interface SpecialOpening {
  date: IsoDate;
  open: string;
  close: string;
}

export interface HoursPlan {
  windows: readonly WeeklyWindow[];
  annualClosures?: readonly AnnualClosure[];
  outages?: readonly Outage[];
  specialOpenings?: readonly SpecialOpening[];
}

/**
 * A certificate with its own, narrower hours on some channels (e.g. 戸籍 at
 * kiosks only on weekdays 9:00–17:00, because the register system is
 * staffed then). It applies on top of the channel's hours: both must be open.
 */
export interface HoursException {
  certificates: readonly CertificateType[];
  channels: readonly Channel[];
  kioskKinds?: readonly KioskKind[];
  windows: readonly WeeklyWindow[];
  outages?: readonly Outage[];
}

export interface ServiceHoursConfig {
  counter: HoursPlan;
  mail: HoursPlan;
  kiosk: HoursPlan;
  /** The municipality's own terminals when their hours differ from the convenience stores'. */
  kioskTownHall?: HoursPlan;
  online: HoursPlan;
  exceptions?: readonly HoursException[];
}

export const YEAR_END_CLOSURE: AnnualClosure = {
  from: '12-29',
  to: '01-03',
  name: { ja: '年末年始（12月29日～1月3日）', en: 'the year-end holidays (29 December – 3 January)' },
};

const ALL_DAY: WeeklyWindow = { days: EVERY_DAY, open: '00:00', close: '24:00', onHolidays: true };

/**
 * Counter: weekdays 8:30–17:15 except holidays and the year end. Kiosks:
 * 6:30–23:00 every day except the year end. Mail is received at any time
 * (processed in office hours) and online is open 24 hours.
 */
export const DEFAULT_SERVICE_HOURS: ServiceHoursConfig = {
  counter: {
    windows: [{ days: WEEKDAYS, open: '08:30', close: '17:15', onHolidays: false }],
    annualClosures: [YEAR_END_CLOSURE],
  },
  mail: { windows: [ALL_DAY] },
  kiosk: {
    windows: [{ days: EVERY_DAY, open: '06:30', close: '23:00', onHolidays: true }],
    annualClosures: [YEAR_END_CLOSURE],
  },
  online: { windows: [ALL_DAY] },
  exceptions: [],
};

/** 戸籍 and 附票 at kiosks only on weekdays 9:00–17:00, as many towns do. */
export const KOSEKI_KIOSK_WEEKDAYS: HoursException = {
  certificates: ['koseki-zenbu', 'koseki-kojin', 'fuhyo'],
  channels: ['kiosk'],
  windows: [{ days: WEEKDAYS, open: '09:00', close: '17:00', onHolidays: false }],
};

/** The demo town: the defaults plus 戸籍 at kiosks on weekdays only. */
export const DEMO_SERVICE_HOURS: ServiceHoursConfig = {
  ...DEFAULT_SERVICE_HOURS,
  exceptions: [KOSEKI_KIOSK_WEEKDAYS],
};

type Interval = [number, number]; // absolute local minutes since 1970-01-01T00:00 (Tokyo)

function parseClock(value: string, allow24: boolean): number {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || minutes > (allow24 ? DAY_MINUTES : DAY_MINUTES - 1)) {
    throw new RangeError(`not a wall-clock time: ${value}`);
  }
  return minutes;
}

function localMinutes(local: string): number {
  const at = fromTokyoWallClock(local);
  return Math.floor(at.getTime() / MINUTE_MS) + JST_OFFSET_MINUTES;
}

function inAnnualClosure(date: IsoDate, closure: AnnualClosure): boolean {
  const md = date.slice(5);
  return closure.from <= closure.to
    ? md >= closure.from && md <= closure.to
    : md >= closure.from || md <= closure.to;
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function subtract(intervals: Interval[], holes: Interval[]): Interval[] {
  let current = intervals;
  for (const [h0, h1] of holes) {
    const next: Interval[] = [];
    for (const [a, b] of current) {
      if (h1 <= a || h0 >= b) next.push([a, b]);
      else {
        if (h0 > a) next.push([a, h0]);
        if (h1 < b) next.push([h1, b]);
      }
    }
    current = next;
  }
  return current;
}

function intersect(x: Interval[], y: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of x) {
    for (const [c, d] of y) {
      const lo = Math.max(a, c);
      const hi = Math.min(b, d);
      if (hi > lo) out.push([lo, hi]);
    }
  }
  return merge(out);
}

function windowsOn(windows: readonly WeeklyWindow[], day: number, holiday: boolean): Interval[] {
  const wd = weekdayOfDay(day);
  const base = day * DAY_MINUTES;
  return windows
    .filter((w) => w.days.includes(wd) && (w.onHolidays || !holiday))
    .map((w): Interval => [base + parseClock(w.open, false), base + parseClock(w.close, true)]);
}

function outageIntervals(outages: readonly Outage[] | undefined): Interval[] {
  return (outages ?? []).map((o): Interval => [localMinutes(o.from), localMinutes(o.to)]);
}

function planIntervals(plan: HoursPlan, day: number): Interval[] {
  const date = isoOfDay(day);
  const closed = (plan.annualClosures ?? []).some((c) => inAnnualClosure(date, c));
  const regular = closed ? [] : windowsOn(plan.windows, day, isNationalHoliday(date));
  const base = day * DAY_MINUTES;
  const special = (plan.specialOpenings ?? [])
    .filter((s) => s.date === date)
    .map((s): Interval => [base + parseClock(s.open, false), base + parseClock(s.close, true)]);
  return subtract(merge([...regular, ...special]), outageIntervals(plan.outages));
}

function exceptionIntervals(exception: HoursException, day: number): Interval[] {
  const date = isoOfDay(day);
  return subtract(
    merge(windowsOn(exception.windows, day, isNationalHoliday(date))),
    outageIntervals(exception.outages),
  );
}

interface Schedule {
  plan: HoursPlan;
  exceptions: HoursException[];
}

function scheduleFor(
  config: ServiceHoursConfig,
  channel: Channel,
  certificate: CertificateType,
  kioskKind: KioskKind | undefined,
): Schedule {
  const plan =
    channel === 'kiosk' && kioskKind === 'town_hall' && config.kioskTownHall
      ? config.kioskTownHall
      : config[channel];
  const exceptions = (config.exceptions ?? []).filter(
    (e) =>
      e.certificates.includes(certificate) &&
      e.channels.includes(channel) &&
      (channel !== 'kiosk' || !e.kioskKinds || (kioskKind !== undefined && e.kioskKinds.includes(kioskKind))),
  );
  return { plan, exceptions };
}

function openIntervals(schedule: Schedule, day: number): Interval[] {
  let intervals = planIntervals(schedule.plan, day);
  for (const e of schedule.exceptions) intervals = intersect(intervals, exceptionIntervals(e, day));
  return intervals;
}

/** How far ahead the next opening is searched; a longer closure is reported as no known opening. */
export const SEARCH_DAYS = 400;
/**
 * How far ahead the end of the current opening is searched: a service open round
 * the clock for longer is reported as not closing (null). Every request checks its
 * hours, and following a 24-hour service day by day to SEARCH_DAYS cost 2.5 ms.
 */
export const CLOSING_SEARCH_DAYS = 31;

// ---------------------------------------------------------------------------
// The check

export interface LocalMoment {
  /** Tokyo wall clock, e.g. 2025-01-04T06:30:00. */
  local: string;
  instant: Date;
  /** 「明日 6時30分から」「1月4日 6時30分から」. */
  ja: string;
  /** "from 6:30 tomorrow", "from 6:30 on 4 January". */
  en: string;
}

export type ClosedReason =
  | 'maintenance'
  | 'closed_period'
  | 'holiday'
  | 'certificate_hours'
  | 'outside_hours';

export type ServiceHoursDecision =
  /** `closesAt`: when this opening ends (null if it does not within CLOSING_SEARCH_DAYS). */
  | { ok: true; closesAt: LocalMoment | null }
  | { ok: false; refusals: Refusal[]; reason: ClosedReason; nextOpening: LocalMoment | null };

export interface ServiceHoursInput {
  channel: Channel;
  certificate: CertificateType;
  /** The instant of the request; converted to the Tokyo wall clock here. */
  at: Date;
  kioskKind?: KioskKind;
  config?: ServiceHoursConfig;
}

export function checkServiceHours(input: ServiceHoursInput): ServiceHoursDecision {
  const config = input.config ?? DEFAULT_SERVICE_HOURS;
  const schedule = scheduleFor(config, input.channel, input.certificate, input.kioskKind);
  const now = Math.floor(input.at.getTime() / MINUTE_MS) + JST_OFFSET_MINUTES;
  if (!Number.isFinite(now)) throw new RangeError('invalid date');
  const today = Math.floor(now / DAY_MINUTES);

  for (let day = today; day <= today + SEARCH_DAYS; day++) {
    const intervals = openIntervals(schedule, day);
    const current = intervals.find(([a, b]) => a <= now && now < b);
    if (current) return { ok: true, closesAt: closingOf(schedule, current, day, today) };
    const next = intervals.find(([a]) => a > now);
    if (next) return closed(input, schedule, now, today, describeMoment(next[0], today));
  }
  return closed(input, schedule, now, today, null);
}

function closingOf(schedule: Schedule, current: Interval, day: number, today: number): LocalMoment | null {
  let end = current[1];
  for (let d = day + 1; d <= today + CLOSING_SEARCH_DAYS + 1; d++) {
    if (end !== d * DAY_MINUTES) return describeMoment(end, today, 'until');
    const first = openIntervals(schedule, d)[0];
    if (!first || first[0] !== end) return describeMoment(end, today, 'until');
    end = first[1];
  }
  return null;
}

function closed(
  input: ServiceHoursInput,
  schedule: Schedule,
  now: number,
  today: number,
  nextOpening: LocalMoment | null,
): ServiceHoursDecision {
  const reason = closedReason(schedule, now, today);
  const channel = CHANNEL_NAMES[input.channel];
  const cert = CERTIFICATES[input.certificate];
  const date = isoOfDay(today);
  let ja: string;
  let en: string;
  switch (reason.kind) {
    case 'maintenance':
      ja = `システムメンテナンス（${reason.message.ja}）のため、ただいまご利用いただけません。`;
      en = `Unavailable for system maintenance (${reason.message.en}).`;
      break;
    case 'closed_period':
      ja = `${reason.message.ja}は、${channel.ja}はご利用いただけません。`;
      en = `${capitalise(channel.en)} ${input.channel === 'counter' ? 'is' : 'are'} closed during ${reason.message.en}.`;
      break;
    case 'holiday':
      ja = `本日は${nationalHolidayName(date)}のため、${channel.ja}は休業しています。`;
      en = `${capitalise(channel.en)} ${input.channel === 'counter' ? 'is' : 'are'} closed on national holidays.`;
      break;
    case 'certificate_hours':
      ja = `「${cert.nameJa}」は、${channel.ja}では${describeWindowsJa(reason.windows)}に交付しています。`;
      en = `"${cert.nameEn}" is issued through ${channel.en} only ${describeWindowsEn(reason.windows)}.`;
      break;
    case 'outside_hours':
      ja = `受付時間外です。${channel.ja}の受付時間は${describeWindowsJa(schedule.plan.windows)}です。`;
      en = `Outside service hours. ${capitalise(channel.en)} ${input.channel === 'counter' ? 'serves' : 'serve'} ${describeWindowsEn(schedule.plan.windows)}.`;
      break;
  }
  if (nextOpening) {
    ja += `${nextOpening.ja}ご利用いただけます。`;
    en += ` Open again ${nextOpening.en}.`;
  } else {
    ja += '再開の予定は未定です。';
    en += ' No reopening is scheduled yet.';
  }
  const code = {
    maintenance: 'service_maintenance',
    closed_period: 'service_closed_period',
    holiday: 'service_closed_holiday',
    certificate_hours: 'certificate_outside_hours',
    outside_hours: 'service_outside_hours',
  }[reason.kind];
  return { ok: false, refusals: [{ code, ja, en, at: 'at' }], reason: reason.kind, nextOpening };
}

type ReasonDetail =
  | { kind: 'maintenance'; message: UserMessage }
  | { kind: 'closed_period'; message: UserMessage }
  | { kind: 'holiday' }
  | { kind: 'certificate_hours'; windows: readonly WeeklyWindow[] }
  | { kind: 'outside_hours' };

function closedReason(schedule: Schedule, now: number, today: number): ReasonDetail {
  const outages = [...(schedule.plan.outages ?? []), ...schedule.exceptions.flatMap((e) => e.outages ?? [])];
  const outage = outages.find((o) => localMinutes(o.from) <= now && now < localMinutes(o.to));
  if (outage) return { kind: 'maintenance', message: outage.reason };

  const date = isoOfDay(today);
  const closure = (schedule.plan.annualClosures ?? []).find((c) => inAnnualClosure(date, c));
  if (closure) return { kind: 'closed_period', message: closure.name };

  const covers = (intervals: Interval[]) => intervals.some(([a, b]) => a <= now && now < b);
  const planWouldOpen = covers(windowsOn(schedule.plan.windows, today, false));
  if (isNationalHoliday(date) && planWouldOpen && !covers(windowsOn(schedule.plan.windows, today, true))) {
    return { kind: 'holiday' };
  }
  if (covers(planIntervals(schedule.plan, today))) {
    const blocking = schedule.exceptions.find((e) => !covers(exceptionIntervals(e, today)));
    if (blocking) return { kind: 'certificate_hours', windows: blocking.windows };
  }
  return { kind: 'outside_hours' };
}

// ---------------------------------------------------------------------------
// Words

function describeMoment(minutes: number, today: number, mode: 'from' | 'until' = 'from'): LocalMoment {
  const day = Math.floor(minutes / DAY_MINUTES);
  const ofDay = minutes - day * DAY_MINUTES;
  const date = isoOfDay(day);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const local = `${date}T${pad2(Math.floor(ofDay / 60))}:${pad2(ofDay % 60)}:00`;
  const instant = new Date((minutes - JST_OFFSET_MINUTES) * MINUTE_MS);
  // Far dates carry the year so that 「1月4日」 is never read as the coming one by mistake.
  const far = day - today >= 180;
  const dayJa = day === today ? '本日' : day === today + 1 ? '明日' : `${far ? `${y}年` : ''}${m}月${d}日`;
  const dayEn =
    day === today
      ? 'today'
      : day === today + 1
        ? 'tomorrow'
        : `on ${d} ${MONTHS_EN[m - 1]}${far ? ` ${y}` : ''}`;
  const timeJa = clockJa(ofDay);
  const timeEn = `${Math.floor(ofDay / 60)}:${pad2(ofDay % 60)}`;
  return mode === 'from'
    ? { local, instant, ja: `${dayJa} ${timeJa}から`, en: `from ${timeEn} ${dayEn}` }
    : { local, instant, ja: `${dayJa} ${timeJa}まで`, en: `until ${timeEn} ${dayEn}` };
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 6時30分, 9時 (whole hours drop the minutes, as on municipal notices). */
function clockJa(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return m === 0 ? `${h}時` : `${h}時${m}分`;
}

const DAY_NAMES_JA = ['日', '月', '火', '水', '木', '金', '土'];
const DAY_NAMES_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function daysJa(days: readonly Weekday[], onHolidays: boolean): string {
  const set = [...new Set(days)].sort();
  const text =
    set.length === 7
      ? '毎日'
      : set.join() === '1,2,3,4,5'
        ? '平日'
        : set.join() === '0,6'
          ? '土日'
          : `${set.map((d) => DAY_NAMES_JA[d]).join('・')}曜日`;
  return onHolidays || set.length === 7 ? text : `${text}（祝日を除く）`;
}

function daysEn(days: readonly Weekday[], onHolidays: boolean): string {
  const set = [...new Set(days)].sort();
  const text =
    set.length === 7
      ? 'every day'
      : set.join() === '1,2,3,4,5'
        ? 'on weekdays'
        : `on ${set.map((d) => DAY_NAMES_EN[d]).join(', ')}`;
  return onHolidays || set.length === 7 ? text : `${text} except national holidays`;
}

function describeWindowsJa(windows: readonly WeeklyWindow[]): string {
  return windows
    .map((w) =>
      w.open === '00:00' && w.close === '24:00'
        ? `${daysJa(w.days, w.onHolidays)} 24時間`
        : `${daysJa(w.days, w.onHolidays)} ${clockJa(parseClock(w.open, false))}～${clockJa(parseClock(w.close, true))}`,
    )
    .join('、');
}

function describeWindowsEn(windows: readonly WeeklyWindow[]): string {
  return windows
    .map((w) =>
      w.open === '00:00' && w.close === '24:00'
        ? `${daysEn(w.days, w.onHolidays)}, 24 hours`
        : `${daysEn(w.days, w.onHolidays)}, ${w.open.replace(/^0/, '')}–${w.close.replace(/^0/, '')}`,
    )
    .join('; ');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
