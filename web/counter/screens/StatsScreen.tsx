import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ErrorAlert, RadioGroup, TextField } from '../../shared/components';
import type { LanguageCode } from '../../shared/i18n/languages';
import { useLanguage } from '../../shared/i18n/useLanguage';
import {
  fetchIssuanceStatistics,
  type IssuanceStatistics,
  type StatsCell,
  type StatsPeriod,
} from '../api/stats';
import { formatIsoDate, formatYen, todayInJapan } from '../format';
import { navigate, useSearch } from '../router';
import { ScreenHeading } from '../ScreenHeading';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Query {
  from: string;
  to: string;
  period: StatsPeriod;
}

/** The query a URL describes (so back, reload and bookmarks work); this month so far by default. */
export function statsQueryOf(search: URLSearchParams, today: string): Query {
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  return {
    from: DATE.test(from) ? from : `${today.slice(0, 8)}01`,
    to: DATE.test(to) ? to : today,
    period: search.get('period') === 'month' ? 'month' : 'day',
  };
}

/** 統計: issuances, copies and fees of the town, aggregates only, small cells shown as "<3". */
export function StatsScreen() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const search = useSearch();
  const searchKey = search.toString();
  const query = statsQueryOf(search, todayInJapan());
  const [form, setForm] = useState<Query>(query);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const [result, setResult] = useState<
    { state: 'loading' } | { state: 'ok'; stats: IssuanceStatistics } | { state: 'failed'; error: unknown }
  >({ state: 'loading' });
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const asked = useRef(false);

  // The query string is the whole input: back, reload and bookmarks show the same figures.
  useEffect(() => {
    const abort = new AbortController();
    const next = statsQueryOf(new URLSearchParams(searchKey), todayInJapan());
    setForm(next);
    setResult({ state: 'loading' });
    fetchIssuanceStatistics(next, abort.signal).then(
      (stats) => {
        setResult({ state: 'ok', stats });
        if (asked.current) resultHeading.current?.focus();
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setResult({ state: 'failed', error });
      },
    );
    return () => abort.abort();
  }, [searchKey]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!DATE.test(form.from)) found.from = t('counter.stats.dateInvalid');
    if (!DATE.test(form.to)) found.to = t('counter.stats.dateInvalid');
    if (!found.from && !found.to && form.from > form.to) found.to = t('counter.stats.rangeInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    asked.current = true;
    navigate('stats', { search: new URLSearchParams({ ...form }).toString() });
  };

  return (
    <>
      <ScreenHeading>{t('counter.nav.stats')}</ScreenHeading>
      <p className="mg-lead">{t('counter.stats.lead')}</p>

      <section className="mg-card console-section" aria-labelledby="stats-query-title">
        <h2 id="stats-query-title" className="mg-card__title">
          {t('counter.stats.queryTitle')}
        </h2>
        <form noValidate onSubmit={submit} className="console-filter">
          <div className="console-filter__grid">
            <div className="console-filter__dates">
              <TextField
                id="stats-from"
                type="date"
                label={t('counter.stats.from')}
                required
                value={form.from}
                onChange={(event) => setForm({ ...form, from: event.target.value })}
                error={errors.from}
              />
              <TextField
                id="stats-to"
                type="date"
                label={t('counter.stats.to')}
                required
                value={form.to}
                onChange={(event) => setForm({ ...form, to: event.target.value })}
                error={errors.to}
              />
            </div>
            <RadioGroup
              id="stats-period"
              name="stats-period"
              legend={t('counter.stats.period')}
              description={t('counter.stats.periodDescription')}
              value={form.period}
              onChange={(value) => setForm({ ...form, period: value === 'month' ? 'month' : 'day' })}
              options={[
                { value: 'day', label: t('counter.stats.periods.day') },
                { value: 'month', label: t('counter.stats.periods.month') },
              ]}
            />
          </div>
          <div className="mg-actions">
            <Button type="submit" data-primary>
              {t('counter.stats.show')}
            </Button>
          </div>
        </form>
      </section>

      <section className="console-section" aria-labelledby="stats-results-title">
        <h2 id="stats-results-title" ref={resultHeading} tabIndex={-1} className="mg-section-title">
          {t('counter.stats.resultsTitle')}
        </h2>
        {result.state === 'loading' && <p role="status">{t('common.loading')}</p>}
        {result.state === 'failed' && <ErrorAlert error={result.error} />}
        {result.state === 'ok' && <StatsResults stats={result.stats} lng={lng} />}
      </section>
    </>
  );
}

function StatsResults({ stats, lng }: { stats: IssuanceStatistics; lng: LanguageCode }) {
  const { t } = useTranslation();
  const range = t('counter.stats.range', {
    from: formatIsoDate(stats.from, lng),
    to: formatIsoDate(stats.to, lng),
  });
  const periodLabel = (period: string) =>
    stats.period === 'day'
      ? formatIsoDate(period, lng)
      : t('counter.stats.monthLabel', { year: period.slice(0, 4), month: Number(period.slice(5, 7)) });
  return (
    <div data-testid="stats-results">
      <p className="console-result-count" role="status">
        {range}
      </p>
      <dl className="console-visit" data-testid="stats-total">
        <div>
          <dt>{t('counter.stats.colCount')}</dt>
          <dd>
            <Figure cell={stats.total} value={stats.total.count} lng={lng} />
          </dd>
        </div>
        <div>
          <dt>{t('counter.stats.colCopies')}</dt>
          <dd>
            <Figure cell={stats.total} value={stats.total.copies} lng={lng} />
          </dd>
        </div>
        <div>
          <dt>{t('counter.stats.colFees')}</dt>
          <dd>
            <Figure cell={stats.total} value={stats.total.fees} lng={lng} yen />
          </dd>
        </div>
      </dl>
      <Alert tone="info" title={t('counter.stats.suppressionTitle', { minimum: stats.minimumCount })}>
        {t('counter.stats.suppression', { minimum: stats.minimumCount })}
      </Alert>
      <StatsTable
        id="stats-by-certificate"
        caption={t('counter.stats.byCertificate')}
        rowHeader={t('counter.stats.colCertificate')}
        rows={stats.byCertificate.map((row) => ({
          key: row.certificate,
          label: t(`counter.certificates.${row.certificate}`),
          cell: row,
        }))}
        lng={lng}
      />
      <StatsTable
        id="stats-by-channel"
        caption={t('counter.stats.byChannel')}
        rowHeader={t('counter.stats.colChannel')}
        rows={stats.byChannel.map((row) => ({
          key: row.channel,
          label: t(`counter.admin.channels.${row.channel}`),
          cell: row,
        }))}
        lng={lng}
      />
      <StatsTable
        id="stats-by-period"
        caption={stats.period === 'day' ? t('counter.stats.byDay') : t('counter.stats.byMonth')}
        rowHeader={stats.period === 'day' ? t('counter.stats.colDay') : t('counter.stats.colMonth')}
        rows={stats.byPeriod.map((row) => ({ key: row.period, label: periodLabel(row.period), cell: row }))}
        lng={lng}
      />
    </div>
  );
}

function StatsTable({
  id,
  caption,
  rowHeader,
  rows,
  lng,
}: {
  id: string;
  caption: string;
  rowHeader: string;
  rows: { key: string; label: string; cell: StatsCell }[];
  lng: LanguageCode;
}) {
  const { t } = useTranslation();
  return (
    <div className="console-table-wrap console-section">
      <table className="mg-table console-table console-stats-table" data-testid={id}>
        <caption className="console-stats-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            <th scope="col" className="console-num">
              {t('counter.stats.colCount')}
            </th>
            <th scope="col" className="console-num">
              {t('counter.stats.colCopies')}
            </th>
            <th scope="col" className="console-num">
              {t('counter.stats.colFees')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-key={row.key} data-suppressed={row.cell.suppression ?? undefined}>
              <th scope="row">{row.label}</th>
              <td className="console-num">
                <Figure cell={row.cell} value={row.cell.count} lng={lng} />
              </td>
              <td className="console-num">
                <Figure cell={row.cell} value={row.cell.copies} lng={lng} />
              </td>
              <td className="console-num">
                <Figure cell={row.cell} value={row.cell.fees} lng={lng} yen />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A number; "<3" when the server withheld a small cell, "＊" when it withheld a larger
 * one to protect a small cell; each with its meaning for screen readers.
 */
function Figure({
  cell,
  value,
  lng,
  yen,
}: {
  cell: StatsCell;
  value: number | null;
  lng: LanguageCode;
  yen?: boolean;
}) {
  const { t } = useTranslation();
  if (cell.suppressed || value === null) {
    const complementary = cell.suppression === 'complementary';
    return (
      <>
        <span aria-hidden="true">{complementary ? '＊' : '<3'}</span>
        <span className="mg-visually-hidden">
          {complementary ? t('counter.stats.complementary') : t('counter.stats.withheld')}
        </span>
      </>
    );
  }
  return <>{yen ? formatYen(value, lng) : new Intl.NumberFormat(lng).format(value)}</>;
}
