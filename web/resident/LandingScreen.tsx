import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ArrowRightIcon, ButtonLink } from '../shared/components';
import { useLanguage } from '../shared/i18n/useLanguage';
import { formatMoment } from '../shared/moving/DraftSummary';
import { listDrafts } from './drafts';
import { takeFlash } from './router';

/**
 * What a resident can do from a phone today. The moving questionnaire comes
 * first and large: in つくば市 only about 5% of moves used the pre-filled path,
 * mostly because people did not know it existed.
 */
export function LandingScreen({ navigate }: { navigate: (path: string) => void }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const drafts = useMemo(() => listDrafts(), []);
  const [flash] = useState(takeFlash);
  const go = (path: string) => (event: React.MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(path);
  };
  return (
    <>
      <div className="resident-hero">
        <h1 className="mg-page-title" tabIndex={-1}>
          {t('resident.title')}
        </h1>
        <p className="mg-lead">{t('resident.lead')}</p>
      </div>
      {flash === 'deleted' && <Alert tone="success">{t('resident.moving.deleted')}</Alert>}

      <section className="mg-section resident-moving" aria-labelledby="moving-title">
        <article className="mg-card mg-card--accent resident-service resident-service--featured">
          <p className="resident-service__tag">{t('resident.moving.tag')}</p>
          <h2 id="moving-title" className="mg-card__title">
            {t('resident.moving.title')}
          </h2>
          <p>{t('resident.moving.text')}</p>
          <ol className="resident-moving__steps">
            <li>{t('resident.moving.step1')}</li>
            <li>{t('resident.moving.step2')}</li>
            <li>{t('resident.moving.step3')}</li>
          </ol>
          <ButtonLink
            href="/resident/moving/"
            onClick={go('moving/')}
            size="lg"
            iconEnd={<ArrowRightIcon />}
            data-primary
          >
            {t('resident.moving.action')}
          </ButtonLink>
        </article>
        {drafts.length > 0 && (
          <div className="resident-drafts">
            <h2 className="resident-drafts__title">{t('resident.moving.savedTitle')}</h2>
            <ul className="resident-drafts__list">
              {drafts.map((draft) => {
                const base = `moving/${draft.municipalityCode}/${draft.reference}/`;
                const target = draft.status === 'draft' ? `${base}review` : `${base}qr`;
                return (
                  <li key={`${draft.municipalityCode}/${draft.reference}`} className="resident-drafts__item">
                    <a href={`/resident/${target}`} onClick={go(target)} className="resident-drafts__link">
                      <span className="resident-drafts__kind">{t(`moving.kinds.${draft.kind}`)}</span>
                      <span className="resident-drafts__expiry">
                        {t('resident.moving.savedUntil', { when: formatMoment(draft.expiresAt, lng) })}
                      </span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </section>

      <section className="mg-section" aria-labelledby="available-title">
        <h2 id="available-title" className="mg-section-title">
          {t('resident.availableTitle')}
        </h2>
        <article className="mg-card mg-card--accent resident-service" aria-labelledby="verify-title">
          <h3 id="verify-title" className="mg-card__title">
            {t('resident.verifyTitle')}
          </h3>
          <p>{t('resident.verifyText')}</p>
          {/* The verification page is server-rendered and bilingual (Japanese and English). */}
          <ButtonLink
            href="/verify"
            size="lg"
            iconEnd={<ArrowRightIcon />}
            hrefLang={lng === 'ja' ? undefined : 'ja'}
            variant="secondary"
          >
            {t('resident.verifyAction')}
          </ButtonLink>
        </article>
      </section>

      <section className="mg-section" aria-labelledby="coming-title">
        <h2 id="coming-title" className="mg-section-title">
          {t('resident.comingTitle')}
        </h2>
        <Alert tone="info">{t('resident.comingText')}</Alert>
      </section>
    </>
  );
}
