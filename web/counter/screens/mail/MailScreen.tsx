import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ErrorAlert, RadioGroup } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import { listMailRequests, MAIL_STATUSES, type MailStatus, type MailWorkItem } from '../../api/mail';
import { formatIsoDate, formatYen } from '../../format';
import { navigate, useSearch } from '../../router';
import { ScreenHeading } from '../../ScreenHeading';
import { MailDetailView } from './MailDetailView';
import { MailRegistrationView } from './MailRegistrationView';

type Filter = MailStatus | 'all';

/**
 * 郵送請求: the desk's worklist by state, registering a letter as it arrives,
 * and one request's detail with the step it is at. `?request=` names the
 * request shown, `?new` the registration, so the browser's back button works.
 */
export function MailScreen() {
  const { t } = useTranslation();
  const search = useSearch();
  const requestId = search.get('request');
  const registering = search.has('new');

  return (
    <>
      <ScreenHeading>{t('counter.nav.mail')}</ScreenHeading>
      {registering ? (
        <MailRegistrationView
          onRegistered={(id) => navigate('mail', { search: `request=${id}`, replace: true })}
          onCancel={() => navigate('mail')}
        />
      ) : requestId ? (
        <MailDetailView key={requestId} requestId={requestId} onBack={() => navigate('mail')} />
      ) : (
        <MailWorklist />
      )}
    </>
  );
}

function MailWorklist() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [filter, setFilter] = useState<Filter>('received');
  const [requests, setRequests] = useState<MailWorkItem[] | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setFailure(undefined);
    listMailRequests(filter === 'all' ? undefined : filter, abort.signal).then(
      setRequests,
      (error: unknown) => {
        if (!abort.signal.aborted) setFailure(error);
      },
    );
    return () => abort.abort();
  }, [filter]);

  return (
    <>
      <p className="mg-lead">{t('counter.mail.lead')}</p>
      <div className="mg-actions console-toolbar">
        <Button size="lg" data-primary onClick={() => navigate('mail', { search: 'new' })}>
          {t('counter.mail.register')}
        </Button>
      </div>
      <section className="console-section" aria-labelledby="mail-list-title">
        <h2 id="mail-list-title" ref={heading} tabIndex={-1} className="mg-section-title">
          {t('counter.mail.listTitle')}
        </h2>
        <RadioGroup
          id="mail-filter"
          name="mail-filter"
          legend={t('counter.mail.show')}
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          className="console-inline-radios"
          options={[...MAIL_STATUSES, 'all' as const].map((value) => ({
            value,
            label: t(`counter.mail.statuses.${value}`),
          }))}
        />
        {failure !== undefined && <ErrorAlert error={failure} />}
        {requests && requests.length === 0 && <Alert tone="info">{t('counter.mail.none')}</Alert>}
        {requests && requests.length > 0 && (
          <div className="console-table-wrap">
            <table className="mg-table console-table" data-testid="mail-list">
              <caption className="mg-visually-hidden">{t('counter.mail.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('counter.mail.reference')}</th>
                  <th scope="col">{t('counter.mail.receivedOn')}</th>
                  <th scope="col">{t('counter.mail.status')}</th>
                  <th scope="col" className="console-num">
                    {t('counter.mail.fee')}
                  </th>
                  <th scope="col">
                    <span className="mg-visually-hidden">{t('counter.staff.colActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {requests.map((request) => (
                  <tr key={request.requestId} data-reference={request.reference}>
                    <th scope="row" className="console-row-head console-code">
                      {request.reference}
                    </th>
                    <td>{formatIsoDate(request.receivedOn, lng)}</td>
                    <td>
                      <MailStatusTag status={request.status} />
                    </td>
                    <td className="console-num">
                      {request.feeTotal === null ? '—' : formatYen(request.feeTotal, lng)}
                    </td>
                    <td>
                      <Button
                        variant="secondary"
                        onClick={() => navigate('mail', { search: `request=${request.requestId}` })}
                        aria-label={t('counter.mail.openLabel', { reference: request.reference })}
                      >
                        {t('counter.mail.open')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function MailStatusTag({ status }: { status: MailStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`console-status console-status--mail-${status}`}>
      {t(`counter.mail.statuses.${status}`)}
    </span>
  );
}
