import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/components';
import { followLink, hrefOf } from '../router';
import { ScreenHeading } from '../ScreenHeading';

/** A screen the member's roles do not open (typed or bookmarked URL). The server would refuse it too. */
export function NotAllowedScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeading>{t('counter.notAllowed.title')}</ScreenHeading>
      <Alert tone="warning">{t('counter.notAllowed.body')}</Alert>
      <a href={hrefOf('')} onClick={(event) => followLink(event, '')}>
        {t('counter.notAllowed.home')}
      </a>
    </>
  );
}

export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeading>{t('counter.notFound.title')}</ScreenHeading>
      <p>{t('counter.notFound.body')}</p>
      <a href={hrefOf('')} onClick={(event) => followLink(event, '')}>
        {t('counter.notAllowed.home')}
      </a>
    </>
  );
}
