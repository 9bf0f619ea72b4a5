import { useTranslation } from 'react-i18next';
import { Alert, ArrowRightIcon } from '../../shared/components';
import { isRole } from '../api/staff';
import { useConsole } from '../ConsoleContext';
import { mayOpen, SCREENS, type ScreenId, type ScreenInfo } from '../navigation';
import { followLink, hrefOf } from '../router';
import { ScreenHeading } from '../ScreenHeading';

type TaskId = Exclude<ScreenId, 'home' | 'account'>;

/** The first screen after login: the work this member's roles open, one card each. */
export function HomeScreen() {
  const { t } = useTranslation();
  const { me, built } = useConsole();
  const tasks = SCREENS.filter(
    (screen): screen is ScreenInfo & { id: TaskId } =>
      screen.id !== 'home' && screen.id !== 'account' && built.has(screen.id),
  ).filter((screen) => mayOpen(screen, me.permissions));
  const roles = me.roles.filter(isRole);
  return (
    <>
      <ScreenHeading>{t('counter.home.title', { name: me.displayName })}</ScreenHeading>
      <p className="mg-lead">
        {t('counter.home.lead', { roles: roles.map((role) => t(`counter.roles.${role}`)).join('・') })}
      </p>
      {tasks.length === 0 ? (
        <Alert tone="info">{t('counter.home.nothing')}</Alert>
      ) : (
        <ul className="console-tasks">
          {tasks.map((screen) => (
            <li key={screen.id} className="mg-card console-task">
              <h2 className="console-task__title">
                <a
                  href={hrefOf(screen.route)}
                  onClick={(event) => followLink(event, screen.route)}
                  className="console-task__link"
                >
                  {t(`counter.nav.${screen.id}`)}
                  <ArrowRightIcon />
                </a>
              </h2>
              <p className="console-task__text">{t(`counter.home.tasks.${screen.id}`)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
