import { useTranslation } from 'react-i18next';
import { Alert, AppShell, ArrowRightIcon, ButtonLink, LanguageSwitcher } from '../shared/components';
import { useLanguage } from '../shared/i18n/useLanguage';

/** The resident's online front office: what can be done from a phone today. */
export function ResidentApp() {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (
    <AppShell product={t('resident.title')} headerEnd={<LanguageSwitcher />}>
      <div className="resident-hero">
        <h1 className="mg-page-title">{t('resident.title')}</h1>
        <p className="mg-lead">{t('resident.lead')}</p>
      </div>

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
            data-primary
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
    </AppShell>
  );
}
