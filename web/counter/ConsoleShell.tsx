import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, LanguageSwitcher, SkipLink } from '../shared/components';
import { useLanguage } from '../shared/i18n/useLanguage';
import { isRole } from './api/staff';
import { useConsole } from './ConsoleContext';
import { formatClock } from './format';
import { menuFor, type ScreenId } from './navigation';
import { followLink, hrefOf } from './router';
import { terminalIdOf } from './workstation';

/**
 * The frame of every signed-in screen: who is working (name, roles), where
 * (municipality, counter, terminal), until when, the menu of what their roles
 * allow, and logout. Landmarks: banner, navigation, main, contentinfo.
 */
export function ConsoleShell({
  current,
  onLogout,
  children,
}: {
  current: ScreenId | undefined;
  onLogout: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const { me, municipalityName, workstation, built } = useConsole();
  const menu = menuFor(me.permissions, built);
  const roles = me.roles.filter(isRole).map((role) => t(`counter.roles.${role}`));

  return (
    <div className="mg-shell mg-shell--standard console-shell">
      <SkipLink />
      <header className="mg-header console-header">
        <div className="console-header__inner">
          <p className="mg-header__brand">
            <span className="mg-header__logo" aria-hidden="true">
              窓
            </span>
            <span className="mg-header__names">
              <span className="mg-header__app">{t('common.appName')}</span>
              <span className="mg-header__product">
                {t('counter.title')}
                <span className="mg-header__badge">{t('counter.badge')}</span>
              </span>
            </span>
          </p>
          <div className="console-header__end">
            <LanguageSwitcher />
            <p className="console-user">
              <span className="console-user__name" data-testid="staff-name">
                {me.displayName}
              </span>
              <span className="console-user__roles">{roles.join('・')}</span>
            </p>
            <Button variant="secondary" onClick={onLogout} className="console-logout">
              {t('counter.shell.logout')}
            </Button>
          </div>
        </div>
        <dl className="console-context" aria-label={t('counter.shell.contextLabel')}>
          <div>
            <dt>{t('counter.shell.municipality')}</dt>
            <dd>
              {municipalityName}（{me.municipalityCode}）
            </dd>
          </div>
          {workstation && workstation.municipality === me.municipalityCode && (
            <div>
              <dt>{t('counter.shell.counter')}</dt>
              <dd>
                {t('counter.counterName', {
                  number: workstation.counterNumber,
                  kind: t(`counter.kinds.${workstation.kind}`),
                })}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('counter.shell.terminal')}</dt>
            <dd className="console-code" data-testid="terminal-id">
              {me.terminalId || (workstation ? terminalIdOf(workstation) : '')}
            </dd>
          </div>
          <div>
            <dt>{t('counter.shell.loginId')}</dt>
            <dd className="console-code">{me.loginName}</dd>
          </div>
          <div>
            <dt>{t('counter.shell.expires')}</dt>
            <dd>{t('counter.shell.until', { time: formatClock(new Date(me.expiresAt), lng) })}</dd>
          </div>
        </dl>
      </header>
      <div className="console-body">
        <nav className="console-nav" aria-label={t('counter.shell.navLabel')}>
          {menu.map(({ group, screens }) => (
            <div key={group} className="console-nav__group">
              <p id={`nav-group-${group}`} className="console-nav__heading">
                {t(`counter.nav.groups.${group}`)}
              </p>
              <ul aria-labelledby={`nav-group-${group}`} className="console-nav__list">
                {screens.map((screen) => (
                  <li key={screen.id}>
                    <a
                      href={hrefOf(screen.route)}
                      className="console-nav__link"
                      aria-current={screen.id === current ? 'page' : undefined}
                      data-screen={screen.id}
                      onClick={(event) => followLink(event, screen.route)}
                    >
                      {t(`counter.nav.${screen.id}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main id="main" tabIndex={-1} className="console-main">
          {children}
        </main>
      </div>
      <footer className="mg-footer">
        <p>{t('counter.shell.footer')}</p>
      </footer>
    </div>
  );
}
