import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorAlert } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import { listVisits, type VisitSummary } from '../../api/counter';
import { formatClock, formatDay, todayInJapan } from '../../format';
import { navigate } from '../../router';

/** This clerk's visits still in hand (waiting for 審査, interrupted while paying), to carry on. */
export function TodaysVisits() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [visits, setVisits] = useState<VisitSummary[] | undefined>();
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    listVisits({ mine: true, limit: 50 }, abort.signal).then(
      (list) => setVisits(list.filter((v) => v.status === 'open' || v.status === 'paying')),
      (error: unknown) => {
        if (!abort.signal.aborted) setFailure(error);
      },
    );
    return () => abort.abort();
  }, []);

  if (failure !== undefined) return <ErrorAlert error={failure} />;
  if (!visits || visits.length === 0) return null;
  const today = todayInJapan();
  return (
    <section className="console-section" aria-labelledby="open-visits-title">
      <h3 id="open-visits-title" className="console-subtitle">
        {t('counter.issue.openVisits')}
      </h3>
      <ul className="console-list console-list--rows">
        {visits.map((visit) => {
          const opened = new Date(visit.openedAt);
          const when =
            todayInJapan(opened) === today
              ? formatClock(opened, lng)
              : `${formatDay(opened, lng)} ${formatClock(opened, lng)}`;
          return (
            <li key={visit.transactionId}>
              <span>
                {t('counter.issue.openVisit', { time: when })}
                <span className="console-muted">（{t(`counter.issue.visit.statuses.${visit.status}`)}）</span>
              </span>
              <Button
                variant="secondary"
                onClick={() => navigate('issue', { search: `visit=${visit.transactionId}` })}
                aria-label={t('counter.issue.resumeLabel', { time: when })}
              >
                {t('counter.issue.resume')}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
