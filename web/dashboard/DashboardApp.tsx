import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../shared/api';
import {
  Alert,
  AppShell,
  Button,
  CheckCircleIcon,
  ErrorAlert,
  LanguageSwitcher,
  RefreshIcon,
} from '../shared/components';
import { formatTime } from '../shared/format';
import { useLanguage } from '../shared/i18n/useLanguage';
import { fetchMunicipalities, type Municipality } from '../shared/municipalities';

/** What GET /healthz answers. */
interface Health {
  status: string;
  database: 'pglite' | 'postgres';
  databaseMs: number;
}

type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'failed'; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Loaded<T>> {
  return promise.then(
    (value) => ({ state: 'ok', value }),
    (error: unknown) => ({ state: 'failed', error }),
  );
}

/** The operations dashboard's landing: is the server up, which database, which municipalities. */
export function DashboardApp() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [health, setHealth] = useState<Loaded<Health>>({ state: 'loading' });
  const [municipalities, setMunicipalities] = useState<Loaded<Municipality[]>>({ state: 'loading' });
  const [updatedAt, setUpdatedAt] = useState<Date | undefined>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setBusy(true);
    // Each panel stands on its own: a failing list must not hide a healthy server, nor the reverse.
    const [nextHealth, nextMunicipalities] = await Promise.all([
      settle(apiFetch<Health>('/healthz')),
      settle(fetchMunicipalities()),
    ]);
    setHealth(nextHealth);
    setMunicipalities(nextMunicipalities);
    setUpdatedAt(new Date());
    setBusy(false);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <AppShell product={t('dashboard.title')} headerEnd={<LanguageSwitcher />}>
      <div className="dashboard-heading">
        <div>
          <h1 className="mg-page-title">{t('dashboard.title')}</h1>
          <p className="mg-lead">{t('dashboard.lead')}</p>
        </div>
        <div className="dashboard-refresh">
          <Button
            variant="secondary"
            icon={<RefreshIcon />}
            onClick={() => void load()}
            disabled={busy}
            aria-describedby={updatedAt ? 'dashboard-updated' : undefined}
            data-primary
          >
            {t('dashboard.refresh')}
          </Button>
          {updatedAt && (
            <p id="dashboard-updated" className="dashboard-updated" role="status">
              {t('dashboard.updatedAt', { time: formatTime(updatedAt, lng, true) })}
            </p>
          )}
        </div>
      </div>

      <div className="dashboard-grid">
        <section className="mg-card" aria-labelledby="status-title" aria-busy={health.state === 'loading'}>
          <h2 id="status-title" className="mg-card__title">
            {t('dashboard.statusTitle')}
          </h2>
          {health.state === 'loading' && <p>{t('common.loading')}</p>}
          {health.state === 'failed' && <ErrorAlert error={health.error} />}
          {health.state === 'ok' && (
            <>
              <p className="dashboard-ok">
                <CheckCircleIcon />
                {t('dashboard.statusOk')}
              </p>
              <dl className="mg-facts">
                <dt>{t('dashboard.databaseLabel')}</dt>
                <dd>{t(`dashboard.databaseKinds.${health.value.database}`)}</dd>
                <dt>{t('dashboard.responseLabel')}</dt>
                <dd>{t('dashboard.responseValue', { ms: health.value.databaseMs })}</dd>
              </dl>
            </>
          )}
        </section>

        <section
          className="mg-card dashboard-municipalities"
          aria-labelledby="municipalities-title"
          aria-busy={municipalities.state === 'loading'}
        >
          <h2 id="municipalities-title" className="mg-card__title">
            {t('dashboard.municipalitiesTitle')}
          </h2>
          {municipalities.state === 'loading' && <p>{t('common.loading')}</p>}
          {municipalities.state === 'failed' && <ErrorAlert error={municipalities.error} />}
          {municipalities.state === 'ok' && municipalities.value.length === 0 && (
            <Alert tone="info">{t('dashboard.noMunicipalities')}</Alert>
          )}
          {municipalities.state === 'ok' && municipalities.value.length > 0 && (
            <table className="mg-table">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.municipalityCode')}</th>
                  <th scope="col">{t('dashboard.prefecture')}</th>
                  <th scope="col">{t('dashboard.municipalityName')}</th>
                </tr>
              </thead>
              <tbody>
                {municipalities.value.map((m) => (
                  <tr key={m.code}>
                    <td className="dashboard-code">{m.code}</td>
                    <td>{m.prefecture}</td>
                    <td lang="ja">{m.name}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </AppShell>
  );
}
