import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/components';
import { isRole } from '../api/staff';
import { useConsole } from '../ConsoleContext';
import { ScreenHeading } from '../ScreenHeading';
import { PasswordForm } from './PasswordForm';

/** 自分のアカウント: who the console thinks I am, and changing my password. */
export function AccountScreen() {
  const { t } = useTranslation();
  const { me } = useConsole();
  const [changed, setChanged] = useState(false);
  return (
    <>
      <ScreenHeading>{t('counter.nav.account')}</ScreenHeading>
      <section className="mg-card console-section" aria-labelledby="account-facts">
        <h2 id="account-facts" className="mg-card__title">
          {t('counter.account.factsTitle')}
        </h2>
        <dl className="console-facts console-facts--row">
          <div>
            <dt>{t('counter.account.name')}</dt>
            <dd>{me.displayName}</dd>
          </div>
          <div>
            <dt>{t('counter.shell.loginId')}</dt>
            <dd className="console-code">{me.loginName}</dd>
          </div>
          <div>
            <dt>{t('counter.account.roles')}</dt>
            <dd>
              {me.roles
                .filter(isRole)
                .map((role) => t(`counter.roles.${role}`))
                .join('・')}
            </dd>
          </div>
        </dl>
      </section>
      <section className="mg-card console-section console-narrow" aria-labelledby="account-password">
        <h2 id="account-password" className="mg-card__title">
          {t('counter.account.passwordTitle')}
        </h2>
        <p>{t('counter.account.passwordLead')}</p>
        {changed && <Alert tone="success">{t('counter.account.passwordChanged')}</Alert>}
        <PasswordForm loginName={me.loginName} temporary={false} onChanged={() => setChanged(true)} />
      </section>
    </>
  );
}
