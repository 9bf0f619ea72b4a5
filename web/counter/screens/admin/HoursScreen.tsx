import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  ArrowLeftIcon,
  ArrowRightIcon,
  Button,
  ErrorAlert,
  Select,
  TextField,
} from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import {
  type CalendarDay,
  CHANNELS,
  type Channel,
  type HoursPlan,
  type HoursView,
  hoursCalendar,
  hoursHistory,
  PLANS,
  type PlanName,
  saveHours,
  showHours,
} from '../../api/admin';
import { formatIsoDate, formatMoment, todayInJapan } from '../../format';
import { ScreenHeading } from '../../ScreenHeading';
import { type DraftProblem, daysLabel, draftOf, newKey, type PlanDraft, planOf, WEEK } from './hoursModel';

function useDayNames() {
  const { t } = useTranslation();
  return {
    names: WEEK.map((d) => t(`counter.admin.hours.weekdays.d${d}` as 'counter.admin.hours.weekdays.d0')),
    through: t('counter.admin.hours.through'),
    and: t('counter.admin.hours.and'),
  };
}

/** 開庁日・時間: the hours in force per channel, editing one channel's plan, the month's calendar, the history. */
export function HoursScreen() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [view, setView] = useState<HoursView | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [editing, setEditing] = useState<PlanName | undefined>();
  const [done, setDone] = useState<string>();
  const [historyKey, setHistoryKey] = useState(0);
  const dayNames = useDayNames();

  const load = useCallback(async () => {
    try {
      setView(await showHours());
    } catch (error) {
      setFailure(error);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const summary = (plan: HoursPlan) =>
    plan.windows.length === 0
      ? t('counter.admin.hours.closed')
      : plan.windows
          .map(
            (w) =>
              t('counter.admin.hours.window', {
                days: daysLabel(w.days, dayNames.names, dayNames.through, dayNames.and),
                open: w.open,
                close: w.close,
              }) + (w.onHolidays ? '' : t('counter.admin.hours.notHolidays')),
          )
          .join(' ／ ');

  return (
    <>
      <ScreenHeading>{t('counter.nav.hours')}</ScreenHeading>
      <p className="mg-lead">{t('counter.admin.hours.lead')}</p>
      {done && <Alert tone="success">{done}</Alert>}
      {failure !== undefined && <ErrorAlert error={failure} />}
      {view && (
        <section className="console-section" aria-labelledby="hours-now">
          <h2 id="hours-now" className="mg-section-title">
            {t('counter.admin.hours.nowTitle')}
          </h2>
          <p className="console-muted">
            {view.source === 'standard'
              ? t('counter.admin.hours.standard')
              : t('counter.admin.hours.version', {
                  version: view.version,
                  time: view.recordedAt ? formatMoment(new Date(view.recordedAt), lng, false) : '',
                })}
          </p>
          <div className="console-table-wrap">
            <table className="mg-table console-table" data-testid="hours-table">
              <caption className="mg-visually-hidden">{t('counter.admin.hours.nowTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('counter.admin.channel')}</th>
                  <th scope="col">{t('counter.admin.hours.weekly')}</th>
                  <th scope="col">{t('counter.admin.hours.specials')}</th>
                  <th scope="col">
                    <span className="mg-visually-hidden">{t('counter.staff.colActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {PLANS.map((name) => {
                  const plan = view.config[name];
                  return (
                    <tr key={name} data-plan={name}>
                      <th scope="row" className="console-row-head">
                        {t(`counter.admin.hours.plans.${name}`)}
                      </th>
                      <td>{plan ? summary(plan) : t('counter.admin.hours.sameAsKiosk')}</td>
                      <td>
                        {(plan?.annualClosures ?? []).map((c) => (
                          <span key={`${c.from}-${c.to}`} className="console-cell-sub">
                            {lng === 'ja' ? c.name.ja : c.name.en}
                          </span>
                        ))}
                        {(plan?.specialOpenings ?? []).map((o) => (
                          <span key={o.date} className="console-cell-sub">
                            {t('counter.admin.hours.specialOpening', {
                              date: formatIsoDate(o.date, lng),
                              open: o.open,
                              close: o.close,
                            })}
                          </span>
                        ))}
                        {(plan?.outages ?? []).map((o) => (
                          <span key={o.from} className="console-cell-sub">
                            {t('counter.admin.hours.outage', {
                              from: o.from.replace('T', ' '),
                              to: o.to.replace('T', ' '),
                              reason: lng === 'ja' ? o.reason.ja : o.reason.en,
                            })}
                          </span>
                        ))}
                      </td>
                      <td>
                        <Button
                          variant="secondary"
                          onClick={() => setEditing(name)}
                          aria-label={t('counter.admin.hours.editLabel', {
                            plan: t(`counter.admin.hours.plans.${name}`),
                          })}
                        >
                          {t('counter.admin.hours.edit')}
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {editing && (
            <PlanEditor
              key={editing}
              name={editing}
              view={view}
              onCancel={() => setEditing(undefined)}
              onSaved={async () => {
                setEditing(undefined);
                setDone(t('counter.admin.hours.saved', { plan: t(`counter.admin.hours.plans.${editing}`) }));
                setHistoryKey((k) => k + 1);
                await load();
              }}
            />
          )}
        </section>
      )}
      <MonthCalendar key={`calendar-${historyKey}`} />
      <History key={`history-${historyKey}`} />
    </>
  );
}

function PlanEditor({
  name,
  view,
  onCancel,
  onSaved,
}: {
  name: PlanName;
  view: HoursView;
  onCancel: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const dayNames = useDayNames();
  const base = view.config[name] ?? view.config.kiosk;
  const [draft, setDraft] = useState<PlanDraft>(() => draftOf(base));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [reasonError, setReasonError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const problemAt = (at: string) => {
    const found = problems.find((p) => p.at === at);
    return found ? t(`counter.admin.hours.problems.${found.key}`) : undefined;
  };
  /** Applies a change to a copy of the draft (the state itself is never mutated). */
  const edit = (change: (d: PlanDraft) => void) =>
    setDraft((d) => {
      const next = structuredClone(d);
      change(next);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = planOf(draft, base);
    setReasonError(reason.trim() ? undefined : t('counter.staff.reasonRequired'));
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    if (!reason.trim()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await saveHours({ ...view.config, [name]: result.plan }, view.version, reason.trim());
      await onSaved();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      className="mg-card mg-card--accent console-section"
      aria-labelledby="plan-editor-title"
    >
      <h3 id="plan-editor-title" className="console-subtitle">
        {t('counter.admin.hours.editTitle', { plan: t(`counter.admin.hours.plans.${name}`) })}
      </h3>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {problems.length > 0 && <Alert tone="error">{t('counter.errorSummary')}</Alert>}
      <fieldset className="console-fieldset console-fieldset--wide">
        <legend className="mg-field__label">{t('counter.admin.hours.weekly')}</legend>
        {draft.windows.map((w, i) => (
          <div key={w.key} className="console-window">
            <fieldset
              className="console-days"
              aria-describedby={problemAt(`windows.${i}.days`) ? `w${i}-days-error` : undefined}
            >
              <legend className="mg-visually-hidden">
                {t('counter.admin.hours.daysOf', { number: i + 1 })}
              </legend>
              {WEEK.map((d, k) => (
                <label key={d} className="console-day" htmlFor={`w${i}-d${d}`}>
                  <input
                    id={`w${i}-d${d}`}
                    type="checkbox"
                    checked={w.days.includes(d)}
                    onChange={(event) =>
                      edit((x) => {
                        const win = x.windows[i]!;
                        win.days = event.target.checked ? [...win.days, d] : win.days.filter((v) => v !== d);
                      })
                    }
                  />
                  <span>{dayNames.names[k]}</span>
                </label>
              ))}
              {problemAt(`windows.${i}.days`) && (
                <p id={`w${i}-days-error`} className="mg-field__error">
                  {problemAt(`windows.${i}.days`)}
                </p>
              )}
            </fieldset>
            <TextField
              id={`w${i}-open`}
              label={t('counter.admin.hours.open')}
              className="console-clock"
              value={w.open}
              onChange={(event) =>
                edit((x) => {
                  x.windows[i]!.open = event.target.value;
                })
              }
              error={problemAt(`windows.${i}.open`)}
            />
            <TextField
              id={`w${i}-close`}
              label={t('counter.admin.hours.close')}
              className="console-clock"
              value={w.close}
              onChange={(event) =>
                edit((x) => {
                  x.windows[i]!.close = event.target.value;
                })
              }
              error={problemAt(`windows.${i}.close`)}
            />
            <label className="console-check" htmlFor={`w${i}-holidays`}>
              <input
                id={`w${i}-holidays`}
                type="checkbox"
                checked={w.onHolidays}
                onChange={(event) =>
                  edit((x) => {
                    x.windows[i]!.onHolidays = event.target.checked;
                  })
                }
              />
              <span>{t('counter.admin.hours.onHolidays')}</span>
            </label>
            <Button
              variant="tertiary"
              onClick={() =>
                edit((x) => {
                  x.windows = x.windows.filter((_, k) => k !== i);
                })
              }
              aria-label={t('counter.admin.hours.removeWindow', { number: i + 1 })}
            >
              {t('counter.issue.lines.remove')}
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          onClick={() =>
            edit((x) => {
              x.windows = [
                ...x.windows,
                { key: newKey(), days: [1, 2, 3, 4, 5], open: '08:30', close: '17:15', onHolidays: false },
              ];
            })
          }
        >
          {t('counter.admin.hours.addWindow')}
        </Button>
      </fieldset>

      <fieldset className="console-fieldset console-fieldset--wide">
        <legend className="mg-field__label">{t('counter.admin.hours.specialOpenings')}</legend>
        <p className="mg-field__description">{t('counter.admin.hours.specialOpeningsDescription')}</p>
        {draft.specialOpenings.map((o, i) => (
          <div key={o.key} className="console-window">
            <TextField
              id={`o${i}-date`}
              type="date"
              label={t('counter.admin.hours.date')}
              value={o.date}
              onChange={(event) =>
                edit((x) => {
                  x.specialOpenings[i]!.date = event.target.value;
                })
              }
              error={problemAt(`specialOpenings.${i}.date`)}
            />
            <TextField
              id={`o${i}-open`}
              label={t('counter.admin.hours.open')}
              className="console-clock"
              value={o.open}
              onChange={(event) =>
                edit((x) => {
                  x.specialOpenings[i]!.open = event.target.value;
                })
              }
              error={problemAt(`specialOpenings.${i}.open`)}
            />
            <TextField
              id={`o${i}-close`}
              label={t('counter.admin.hours.close')}
              className="console-clock"
              value={o.close}
              onChange={(event) =>
                edit((x) => {
                  x.specialOpenings[i]!.close = event.target.value;
                })
              }
              error={problemAt(`specialOpenings.${i}.close`)}
            />
            <Button
              variant="tertiary"
              onClick={() =>
                edit((x) => {
                  x.specialOpenings = x.specialOpenings.filter((_, k) => k !== i);
                })
              }
              aria-label={t('counter.admin.hours.removeOpening', { number: i + 1 })}
            >
              {t('counter.issue.lines.remove')}
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          onClick={() =>
            edit((x) => {
              x.specialOpenings = [
                ...x.specialOpenings,
                { key: newKey(), date: todayInJapan(), open: '09:00', close: '12:00' },
              ];
            })
          }
        >
          {t('counter.admin.hours.addOpening')}
        </Button>
      </fieldset>

      <fieldset className="console-fieldset console-fieldset--wide">
        <legend className="mg-field__label">{t('counter.admin.hours.outages')}</legend>
        <p className="mg-field__description">{t('counter.admin.hours.outagesDescription')}</p>
        {draft.outages.map((o, i) => (
          <div key={o.key} className="console-window">
            <TextField
              id={`x${i}-from`}
              type="datetime-local"
              label={t('counter.admin.hours.from')}
              value={o.from}
              onChange={(event) =>
                edit((x) => {
                  x.outages[i]!.from = event.target.value;
                })
              }
              error={problemAt(`outages.${i}.from`)}
            />
            <TextField
              id={`x${i}-to`}
              type="datetime-local"
              label={t('counter.admin.hours.to')}
              value={o.to}
              onChange={(event) =>
                edit((x) => {
                  x.outages[i]!.to = event.target.value;
                })
              }
              error={problemAt(`outages.${i}.to`)}
            />
            <TextField
              id={`x${i}-ja`}
              label={t('counter.admin.hours.reasonJa')}
              maxLength={100}
              value={o.reasonJa}
              onChange={(event) =>
                edit((x) => {
                  x.outages[i]!.reasonJa = event.target.value;
                })
              }
              error={problemAt(`outages.${i}.reason`)}
            />
            <TextField
              id={`x${i}-en`}
              label={t('counter.admin.hours.reasonEn')}
              lang="en"
              maxLength={200}
              value={o.reasonEn}
              onChange={(event) =>
                edit((x) => {
                  x.outages[i]!.reasonEn = event.target.value;
                })
              }
            />
            <Button
              variant="tertiary"
              onClick={() =>
                edit((x) => {
                  x.outages = x.outages.filter((_, k) => k !== i);
                })
              }
              aria-label={t('counter.admin.hours.removeOutage', { number: i + 1 })}
            >
              {t('counter.issue.lines.remove')}
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          onClick={() =>
            edit((x) => {
              x.outages = [
                ...x.outages,
                {
                  key: newKey(),
                  from: `${todayInJapan()}T18:00`,
                  to: `${todayInJapan()}T22:00`,
                  reasonJa: '',
                  reasonEn: '',
                },
              ];
            })
          }
        >
          {t('counter.admin.hours.addOutage')}
        </Button>
      </fieldset>

      <TextField
        id="hours-reason"
        label={t('counter.staff.reason')}
        description={t('counter.admin.hours.reasonDescription')}
        required
        maxLength={400}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={reasonError}
      />
      <div className="mg-actions">
        <Button type="submit" data-primary disabled={busy}>
          {t('counter.admin.hours.save')}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('counter.staff.cancel')}
        </Button>
      </div>
    </form>
  );
}

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function MonthCalendar() {
  const { t } = useTranslation();
  const dayNames = useDayNames();
  const [month, setMonth] = useState(() => todayInJapan().slice(0, 7));
  const [channel, setChannel] = useState<Channel>('counter');
  const [days, setDays] = useState<CalendarDay[] | undefined>();
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    hoursCalendar(month, channel, abort.signal).then(
      (answer) => setDays(answer.days),
      (error: unknown) => {
        if (!abort.signal.aborted) setFailure(error);
      },
    );
    return () => abort.abort();
  }, [month, channel]);

  const [year, monthNo] = month.split('-').map(Number) as [number, number];
  const leading = days?.[0] ? (days[0].weekday + 6) % 7 : 0;
  return (
    <section className="console-section" aria-labelledby="calendar-title">
      <h2 id="calendar-title" className="mg-section-title">
        {t('counter.admin.hours.calendarTitle')}
      </h2>
      <div className="console-filter-row">
        <Select
          id="calendar-channel"
          label={t('counter.admin.channel')}
          value={channel}
          onChange={(event) => setChannel(event.target.value as Channel)}
          options={CHANNELS.map((value) => ({ value, label: t(`counter.admin.channels.${value}`) }))}
        />
        <nav className="console-pager" aria-label={t('counter.admin.hours.monthNav')}>
          <Button
            variant="secondary"
            icon={<ArrowLeftIcon />}
            onClick={() => setMonth(shiftMonth(month, -1))}
          >
            {t('counter.admin.hours.previousMonth')}
          </Button>
          <span className="console-pager__where" aria-live="polite">
            {t('counter.admin.hours.month', { year, month: monthNo })}
          </span>
          <Button
            variant="secondary"
            iconEnd={<ArrowRightIcon />}
            onClick={() => setMonth(shiftMonth(month, 1))}
          >
            {t('counter.admin.hours.nextMonth')}
          </Button>
        </nav>
      </div>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {days && (
        <table className="console-calendar" data-testid="hours-calendar">
          <caption className="mg-visually-hidden">
            {t('counter.admin.hours.calendarCaption', {
              year,
              month: monthNo,
              channel: t(`counter.admin.channels.${channel}`),
            })}
          </caption>
          <thead>
            <tr>
              {dayNames.names.map((n) => (
                <th key={n} scope="col">
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeksOf(days, leading).map((week) => (
              <tr key={week.find(Boolean)?.date}>
                {week.map((day, i) =>
                  day ? (
                    <td
                      key={day.date}
                      className={`${day.open.length ? 'is-open' : 'is-closed'}${day.holiday ? ' is-holiday' : ''}`}
                      data-date={day.date}
                    >
                      <span className="console-calendar__day">{Number(day.date.slice(8))}</span>
                      {day.holiday && <span className="console-calendar__holiday">{day.holiday}</span>}
                      <span className="console-calendar__hours">
                        {day.open.length
                          ? day.open.map((o) => `${o.from}–${o.to}`).join(' ')
                          : t('counter.admin.hours.closedDay')}
                      </span>
                    </td>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the 1st have no identity.
                    <td key={`blank-${i}`} className="is-blank" />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function weeksOf(days: CalendarDay[], leading: number): (CalendarDay | undefined)[][] {
  const cells: (CalendarDay | undefined)[] = [...Array.from({ length: leading }, () => undefined), ...days];
  while (cells.length % 7) cells.push(undefined);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

function History() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [versions, setVersions] = useState<Awaited<ReturnType<typeof hoursHistory>> | undefined>();
  useEffect(() => {
    hoursHistory().then(setVersions, () => setVersions([]));
  }, []);
  if (!versions || versions.length === 0) return null;
  return (
    <section className="console-section" aria-labelledby="hours-history">
      <h2 id="hours-history" className="mg-section-title">
        {t('counter.admin.hours.history')}
      </h2>
      <ul className="console-list console-list--rows">
        {[...versions].reverse().map((v) => (
          <li key={v.version}>
            <span>
              {t('counter.admin.hours.versionShort', { version: v.version })}　{v.reason}
            </span>
            <span className="console-muted">{formatMoment(new Date(v.recordedAt), lng, false)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
