import { useTranslation } from 'react-i18next';
import { Alert } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import type { PersonCard } from '../../api/counter';
import { formatIsoDate } from '../../format';

/** The person the certificate is about, as registered (names never normalised). */
export function PersonCardView({ person, compact }: { person: PersonCard; compact?: boolean }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (
    <section
      className="mg-card console-person"
      aria-labelledby={`person-${person.residentId}`}
      data-testid="person-card"
    >
      {person.supportMeasure && (
        <Alert tone="error" live="off" title={t('counter.issue.supportMeasureTitle')}>
          {person.warning?.ja && lng === 'ja'
            ? person.warning.ja
            : (person.warning?.en ?? t('counter.issue.supportMeasureBody'))}
        </Alert>
      )}
      <h3 id={`person-${person.residentId}`} className="console-person__name">
        {person.familyName}　{person.givenName}
        <span className="console-person__kana">
          {person.familyNameKana}　{person.givenNameKana}
        </span>
      </h3>
      <dl className="console-facts console-facts--row">
        <div>
          <dt>{t('counter.issue.birthDate')}</dt>
          <dd>{formatIsoDate(person.birthDate, lng)}</dd>
        </div>
        <div>
          <dt>{t('counter.issue.address')}</dt>
          <dd>
            {person.address}
            {person.katagaki && <span className="console-cell-sub">{person.katagaki}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('counter.issue.status')}</dt>
          <dd>{t(`counter.issue.statuses.${statusKey(person.status)}`)}</dd>
        </div>
        <div>
          <dt>{t('counter.issue.seal')}</dt>
          <dd>{person.sealRegistered ? t('counter.issue.sealYes') : t('counter.issue.sealNo')}</dd>
        </div>
      </dl>
      {!compact && (
        <div className="console-person__more">
          <div>
            <h4 className="console-subtitle">{t('counter.issue.household')}</h4>
            <ul className="console-list">
              {person.household.map((member) => (
                <li key={member.residentId}>
                  {member.familyName}　{member.givenName}
                  <span className="console-muted">
                    （{member.relationship ?? '—'}・{formatIsoDate(member.birthDate, lng)}）
                  </span>
                  {member.supportMeasure && (
                    <span className="console-status console-status--locked">
                      {t('counter.issue.supportMeasure')}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h4 className="console-subtitle">{t('counter.issue.registers')}</h4>
            {person.registers.length === 0 ? (
              <p className="console-muted">{t('counter.issue.noRegister')}</p>
            ) : (
              <ul className="console-list">
                {person.registers.map((register) => (
                  <li key={register.kosekiId}>
                    {t('counter.issue.registerLine', {
                      honseki: register.honseki,
                      hittosha: register.hittosha,
                    })}
                    <span className="console-muted">
                      （{t(`counter.issue.registerStatus.${registerStatusKey(register.registerStatus)}`)}）
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

export function statusKey(status: string): 'active' | 'moved_out' | 'deceased' {
  return status === 'moved_out' || status === 'deceased' ? status : 'active';
}

export function registerStatusKey(status: string): 'current' | 'closed' | 'kaisei_gen' {
  return status === 'closed' || status === 'kaisei_gen' ? status : 'current';
}
