import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  ArrowLeftIcon,
  ArrowRightIcon,
  Button,
  ErrorAlert,
  Select,
  TextField,
} from '../../shared/components';
import { useLanguage } from '../../shared/i18n/useLanguage';
import {
  type AuditEntry,
  type AuditFilter,
  type AuditPage,
  type ChainReport,
  searchAudit,
  verifyAuditChain,
} from '../api/audit';
import { ACTOR_TYPES, AUDIT_ACTIONS, actionKey } from '../auditActions';
import { formatMoment } from '../format';
import { navigate, useSearch } from '../router';
import { ScreenHeading } from '../ScreenHeading';

const PAGE_SIZE = 50;
const OTHER = '__other';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Form = {
  actor: string;
  action: string;
  customAction: string;
  subject: string;
  from: string;
  to: string;
  reason: string;
};

/** The filter a URL describes: searches are links, so back, reload and bookmarks work. */
export function filterFromSearch(search: URLSearchParams): AuditFilter {
  const page = Number(search.get('page'));
  const filter: AuditFilter = { page: Number.isInteger(page) && page > 0 ? page : 1, pageSize: PAGE_SIZE };
  for (const key of ['actor', 'action', 'subject', 'from', 'to', 'reason'] as const) {
    const value = search.get(key)?.trim();
    if (value) filter[key] = value;
  }
  return filter;
}

export function searchOfFilter(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'subject', 'from', 'to', 'reason'] as const) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  if (filter.page > 1) params.set('page', String(filter.page));
  return params.toString();
}

function formOf(filter: AuditFilter): Form {
  const known = !filter.action || (AUDIT_ACTIONS as readonly string[]).includes(filter.action);
  return {
    actor: filter.actor ?? '',
    action: known ? (filter.action ?? '') : OTHER,
    customAction: known ? '' : (filter.action ?? ''),
    subject: filter.subject ?? '',
    from: filter.from ?? '',
    to: filter.to ?? '',
    reason: filter.reason ?? '',
  };
}

/** 監査: search the municipality's trail and check that nobody has altered it. */
export function AuditScreen() {
  const { t } = useTranslation();
  const search = useSearch();
  const searchKey = search.toString();
  const filter = filterFromSearch(search);
  const [form, setForm] = useState<Form>(() => formOf(filter));
  const [formErrors, setFormErrors] = useState<{ customAction?: string; from?: string; to?: string }>({});
  const [result, setResult] = useState<
    { state: 'loading' } | { state: 'ok'; page: AuditPage } | { state: 'failed'; error: unknown }
  >({ state: 'loading' });
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const searched = useRef(false);
  // The same search again (new rows may have arrived) has the same URL: this makes it run anyway.
  const [again, setAgain] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string (and a repeat) is the whole input of the search.
  useEffect(() => {
    const abort = new AbortController();
    setResult({ state: 'loading' });
    setForm(formOf(filterFromSearch(new URLSearchParams(searchKey))));
    searchAudit(filterFromSearch(new URLSearchParams(searchKey)), abort.signal).then(
      (page) => {
        setResult({ state: 'ok', page });
        // After a search the clerk asked for, the result is where to read on.
        if (searched.current) resultHeading.current?.focus();
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setResult({ state: 'failed', error });
      },
    );
    return () => abort.abort();
  }, [searchKey, again]);

  const set = (key: keyof Form) => (value: string) => setForm((previous) => ({ ...previous, [key]: value }));

  const go = (next: AuditFilter) => {
    searched.current = true;
    const search = searchOfFilter(next);
    if (search === searchKey) setAgain((n) => n + 1);
    else navigate('audit', { search });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const action = form.action === OTHER ? form.customAction.trim() : form.action;
    const errors: typeof formErrors = {};
    if (form.action === OTHER && !/^[a-z0-9._-]+\*?$/.test(action))
      errors.customAction = t('counter.audit.customActionInvalid');
    if (form.from && !DATE.test(form.from)) errors.from = t('counter.audit.dateInvalid');
    if (form.to && !DATE.test(form.to)) errors.to = t('counter.audit.dateInvalid');
    if (!errors.from && !errors.to && form.from && form.to && form.from > form.to)
      errors.to = t('counter.audit.rangeInvalid');
    setFormErrors(errors);
    if (Object.keys(errors).length > 0) return;
    go({
      actor: form.actor,
      action,
      subject: form.subject,
      from: form.from,
      to: form.to,
      reason: form.reason,
      page: 1,
      pageSize: PAGE_SIZE,
    });
  };

  const clear = () => {
    setFormErrors({});
    go({ page: 1, pageSize: PAGE_SIZE });
  };

  const narrow = (key: 'actor' | 'subject', value: string) => go({ ...filter, [key]: value, page: 1 });

  return (
    <>
      <ScreenHeading>{t('counter.nav.audit')}</ScreenHeading>
      <p className="mg-lead">{t('counter.audit.lead')}</p>

      <section className="mg-card console-section" aria-labelledby="audit-search-title">
        <h2 id="audit-search-title" className="mg-card__title">
          {t('counter.audit.searchTitle')}
        </h2>
        <form noValidate onSubmit={submit} className="console-filter">
          <div className="console-filter__grid">
            <Select
              id="audit-action"
              label={t('counter.audit.action')}
              value={form.action}
              onChange={(event) => set('action')(event.target.value)}
              placeholder={t('counter.audit.anyAction')}
              options={[
                ...AUDIT_ACTIONS.map((code) => ({
                  value: code,
                  label: `${t(`counter.auditActions.${actionKey(code)}` as 'counter.auditActions.staff_login')}（${code}）`,
                })),
                { value: OTHER, label: t('counter.audit.otherAction') },
              ]}
            />
            {form.action === OTHER && (
              <TextField
                id="audit-custom-action"
                label={t('counter.audit.customAction')}
                description={t('counter.audit.customActionDescription')}
                spellCheck={false}
                autoCapitalize="off"
                value={form.customAction}
                onChange={(event) => set('customAction')(event.target.value)}
                error={formErrors.customAction}
              />
            )}
            <TextField
              id="audit-actor"
              label={t('counter.audit.actor')}
              description={t('counter.audit.actorDescription')}
              spellCheck={false}
              autoCapitalize="off"
              value={form.actor}
              onChange={(event) => set('actor')(event.target.value)}
            />
            <TextField
              id="audit-subject"
              label={t('counter.audit.subject')}
              description={t('counter.audit.subjectDescription')}
              spellCheck={false}
              autoCapitalize="off"
              value={form.subject}
              onChange={(event) => set('subject')(event.target.value)}
            />
            <div className="console-filter__dates">
              <TextField
                id="audit-from"
                type="date"
                label={t('counter.audit.from')}
                value={form.from}
                onChange={(event) => set('from')(event.target.value)}
                error={formErrors.from}
              />
              <TextField
                id="audit-to"
                type="date"
                label={t('counter.audit.to')}
                value={form.to}
                onChange={(event) => set('to')(event.target.value)}
                error={formErrors.to}
              />
            </div>
            <TextField
              id="audit-reason"
              label={t('counter.audit.reason')}
              description={t('counter.audit.reasonDescription')}
              value={form.reason}
              maxLength={400}
              onChange={(event) => set('reason')(event.target.value)}
            />
          </div>
          <div className="mg-actions">
            <Button type="submit" data-primary>
              {t('counter.audit.search')}
            </Button>
            <Button variant="tertiary" onClick={clear}>
              {t('counter.audit.clear')}
            </Button>
          </div>
        </form>
      </section>

      <section className="console-section" aria-labelledby="audit-results-title">
        <h2 id="audit-results-title" ref={resultHeading} tabIndex={-1} className="mg-section-title">
          {t('counter.audit.resultsTitle')}
        </h2>
        {result.state === 'loading' && <p role="status">{t('common.loading')}</p>}
        {result.state === 'failed' && <ErrorAlert error={result.error} />}
        {result.state === 'ok' && (
          <AuditResults page={result.page} filter={filter} onPage={go} onNarrow={narrow} />
        )}
      </section>

      <ChainCheck />
    </>
  );
}

function AuditResults({
  page,
  filter,
  onPage,
  onNarrow,
}: {
  page: AuditPage;
  filter: AuditFilter;
  onPage: (filter: AuditFilter) => void;
  onNarrow: (key: 'actor' | 'subject', value: string) => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  if (page.total === 0) return <Alert tone="info">{t('counter.audit.none')}</Alert>;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const first = (page.page - 1) * page.pageSize + 1;
  const last = first + page.entries.length - 1;
  const summary = t('counter.audit.count', { total: page.total, first, last });
  return (
    <>
      <p className="console-result-count" role="status">
        {summary}
      </p>
      <div className="console-table-wrap">
        <table className="mg-table console-table console-audit-table">
          <caption className="mg-visually-hidden">{t('counter.audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('counter.audit.colSeq')}</th>
              <th scope="col">{t('counter.audit.colTime')}</th>
              <th scope="col">{t('counter.audit.colAction')}</th>
              <th scope="col">{t('counter.audit.colActor')}</th>
              <th scope="col">{t('counter.audit.colSubject')}</th>
              <th scope="col">{t('counter.audit.colReason')}</th>
              <th scope="col">{t('counter.audit.colDetails')}</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((entry) => (
              <AuditRow key={entry.seq} entry={entry} lng={lng} onNarrow={onNarrow} />
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="console-pager" aria-label={t('counter.audit.pager')}>
          <Button
            variant="secondary"
            icon={<ArrowLeftIcon />}
            disabled={page.page <= 1}
            onClick={() => onPage({ ...filter, page: page.page - 1 })}
          >
            {t('counter.audit.previous')}
          </Button>
          <span className="console-pager__where">
            {t('counter.audit.pageOf', { page: page.page, pages })}
          </span>
          <Button
            variant="secondary"
            iconEnd={<ArrowRightIcon />}
            disabled={page.page >= pages}
            onClick={() => onPage({ ...filter, page: page.page + 1 })}
          >
            {t('counter.audit.next')}
          </Button>
        </nav>
      )}
    </>
  );
}

function AuditRow({
  entry,
  lng,
  onNarrow,
}: {
  entry: AuditEntry;
  lng: ReturnType<typeof useLanguage>;
  onNarrow: (key: 'actor' | 'subject', value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const labelKey = `counter.auditActions.${actionKey(entry.action)}`;
  const label = i18n.exists(labelKey) ? t(labelKey as 'counter.auditActions.staff_login') : undefined;
  const actorType = (ACTOR_TYPES as readonly string[]).includes(entry.actorType)
    ? t(`counter.audit.actorTypes.${entry.actorType as (typeof ACTOR_TYPES)[number]}`)
    : entry.actorType;
  const subject = entry.subjectType
    ? `${entry.subjectType}:${entry.subjectId ?? ''}`
    : (entry.subjectId ?? undefined);
  const details = entry.details && typeof entry.details === 'object' && Object.keys(entry.details).length > 0;
  return (
    <tr data-seq={entry.seq} data-action={entry.action}>
      <td className="console-num">{entry.seq}</td>
      <td className="console-nowrap">{formatMoment(new Date(entry.occurredAt), lng)}</td>
      <td>
        {label && <span className="console-cell-main">{label}</span>}
        <span className="console-code console-cell-sub">{entry.action}</span>
      </td>
      <td>
        <span className="console-cell-main">
          {actorType}
          {entry.actorName && (
            <>
              {'：'}
              <span data-testid="audit-actor-name">{entry.actorName}</span>
            </>
          )}
        </span>
        <button
          type="button"
          className="console-linkbutton console-code"
          aria-label={t('counter.audit.narrowActor', { id: entry.actorId })}
          onClick={() => onNarrow('actor', entry.actorId)}
        >
          {entry.actorId}
        </button>
        {entry.terminalId && (
          <span className="console-cell-sub">{t('counter.audit.terminal', { id: entry.terminalId })}</span>
        )}
      </td>
      <td>
        {entry.subjectName && <span className="console-cell-main">{entry.subjectName}</span>}
        {subject ? (
          <button
            type="button"
            className="console-linkbutton console-code"
            aria-label={t('counter.audit.narrowSubject', { id: subject })}
            onClick={() => onNarrow('subject', subject)}
          >
            {subject}
          </button>
        ) : (
          <>
            <span aria-hidden="true">—</span>
            <span className="mg-visually-hidden">{t('counter.audit.noSubject')}</span>
          </>
        )}
      </td>
      <td>{entry.reason ?? ''}</td>
      <td>
        {details ? (
          <details className="console-details">
            <summary>{t('counter.audit.showDetails')}</summary>
            <pre className="console-json">{JSON.stringify(entry.details, null, 2)}</pre>
          </details>
        ) : (
          ''
        )}
      </td>
    </tr>
  );
}

function ChainCheck() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [state, setState] = useState<
    | { state: 'idle' }
    | { state: 'checking' }
    | { state: 'done'; report: ChainReport; at: Date }
    | { state: 'failed'; error: unknown }
  >({ state: 'idle' });
  const resultRef = useRef<HTMLDivElement>(null);

  const check = async () => {
    setState({ state: 'checking' });
    try {
      const report = await verifyAuditChain();
      setState({ state: 'done', report, at: new Date() });
    } catch (error) {
      setState({ state: 'failed', error });
    }
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  return (
    <section className="mg-card console-section" aria-labelledby="audit-verify-title">
      <h2 id="audit-verify-title" className="mg-card__title">
        {t('counter.audit.verifyTitle')}
      </h2>
      <p>{t('counter.audit.verifyLead')}</p>
      <Button variant="secondary" onClick={() => void check()} disabled={state.state === 'checking'}>
        {state.state === 'checking' ? t('counter.audit.verifying') : t('counter.audit.verify')}
      </Button>
      <div ref={resultRef} tabIndex={-1} className="console-focus-target console-verify-result">
        {state.state === 'failed' && <ErrorAlert error={state.error} />}
        {state.state === 'done' && state.report.valid && (
          <Alert tone="success" title={t('counter.audit.chainOk')}>
            {t('counter.audit.chainOkBody', {
              rows: state.report.rows,
              time: formatMoment(state.at, lng),
            })}
          </Alert>
        )}
        {state.state === 'done' && !state.report.valid && (
          <Alert
            tone="error"
            title={t('counter.audit.chainBroken', { number: state.report.problems.length })}
          >
            <p>{t('counter.audit.chainBrokenBody', { rows: state.report.rows })}</p>
            <ul data-testid="chain-problems">
              {state.report.problems.map((problem) => (
                <li key={`${problem.seq}-${problem.problem}`}>
                  {t('counter.audit.problemRow', {
                    seq: problem.seq,
                    problem: t(`counter.audit.problems.${problem.problem}`),
                  })}
                </li>
              ))}
            </ul>
          </Alert>
        )}
      </div>
    </section>
  );
}
