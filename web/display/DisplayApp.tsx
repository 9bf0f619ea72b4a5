import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell, Button, ExpandIcon, LanguageSwitcher } from '../shared/components';
import { formatDate, formatTime } from '../shared/format';
import { useLanguage } from '../shared/i18n/useLanguage';

function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function Clock() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const now = useNow(1000);
  return (
    // Not a live region: a clock that speaks every minute would drown everything else.
    <p className="display-clock">
      <span className="mg-visually-hidden">{t('display.clockLabel')}</span>
      <span className="display-clock__date">{formatDate(now, lng)}</span>
      <time className="display-clock__time" dateTime={now.toISOString()}>
        {formatTime(now, lng)}
      </time>
    </p>
  );
}

/** The calling board in the waiting area. Numbers arrive with the queue module; until then it says none is called. */
export function DisplayApp() {
  const { t } = useTranslation();
  const [fullscreen, setFullscreen] = useState(() => Boolean(document.fullscreenElement));

  useEffect(() => {
    const update = () => setFullscreen(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);

  const toggleFullscreen = async () => {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await document.documentElement.requestFullscreen();
  };

  return (
    <AppShell
      variant="display"
      product={t('display.title')}
      headerEnd={
        <>
          <Clock />
          <LanguageSwitcher className="display-language" />
        </>
      }
    >
      <div className="display-heading">
        <div>
          <h1 className="display-title">{t('display.title')}</h1>
          <p className="display-lead">{t('display.lead')}</p>
        </div>
        <Button
          variant="secondary"
          size="lg"
          icon={<ExpandIcon />}
          onClick={() => void toggleFullscreen().catch(() => undefined)}
          aria-pressed={fullscreen}
          data-primary
        >
          {fullscreen ? t('display.exitFullscreen') : t('display.fullscreen')}
        </Button>
      </div>
      <section className="display-board" aria-labelledby="calling-title">
        <h2 id="calling-title" className="display-board__title">
          {t('display.callingTitle')}
        </h2>
        <p className="display-board__empty" role="status">
          {t('display.empty')}
        </p>
      </section>
    </AppShell>
  );
}
