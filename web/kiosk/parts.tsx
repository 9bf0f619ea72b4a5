import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api';
import { Alert, Button, CloseIcon, ErrorAlert, errorMessage } from '../shared/components';
import { cx } from '../shared/components/classes';
import { formatDate, formatTime } from '../shared/format';
import { useLanguage } from '../shared/i18n/useLanguage';

/** 200円 / ¥200 / 200 yen…, with the number in the reader's own digits grouping. */
export function useYen() {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (amount: number) => t('kiosk.yen', { amount: new Intl.NumberFormat(lng).format(amount) });
}

export interface StepFrameProps {
  heading: RefObject<HTMLHeadingElement | null>;
  title: ReactNode;
  lead?: ReactNode;
  children?: ReactNode;
  /** Left of the action bar: 戻る. */
  back?: ReactNode;
  /** The procedure's 中止. */
  cancel?: ReactNode;
  /** Right of the action bar: the way forward. */
  next?: ReactNode;
  className?: string;
  /** For tests and styles: which screen this is. */
  screen: string;
}

/**
 * One screen of the flow: its heading (focused when the screen appears),
 * the content, and the action bar every screen has in the same place, as on
 * the machines in stores: back and cancel on the left, the way on at the right.
 */
export function StepFrame({
  heading,
  title,
  lead,
  children,
  back,
  cancel,
  next,
  className,
  screen,
}: StepFrameProps) {
  return (
    <section className={cx('kiosk-step', className)} aria-labelledby="kiosk-step-title" data-screen={screen}>
      <h1 id="kiosk-step-title" ref={heading} tabIndex={-1} className="kiosk-title">
        {title}
      </h1>
      {lead && <p className="kiosk-lead">{lead}</p>}
      <div className="kiosk-body">{children}</div>
      {(back || cancel || next) && (
        <div className="kiosk-actions">
          <div className="kiosk-actions__start">
            {back}
            {cancel}
          </div>
          <div className="kiosk-actions__end">{next}</div>
        </div>
      )}
    </section>
  );
}

export function CancelButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="tertiary" size="kiosk" icon={<CloseIcon />} onClick={onClick} data-action="cancel">
      {t('kiosk.cancel')}
    </Button>
  );
}

/** Codes whose problem carries the reopening time (the service is closed now). */
const CLOSED_CODES = new Set([
  'service_outside_hours',
  'service_closed_period',
  'service_closed_holiday',
  'certificate_outside_hours',
  'service_maintenance',
]);

/** When a closed service opens again, in the reader's language and Tokyo's clock. */
export function useReopening() {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (iso: string) => {
    const at = new Date(iso);
    return t('kiosk.reopensAt', { date: formatDate(at, lng), time: formatTime(at, lng) });
  };
}

/**
 * A refusal from the agent or the server, in the reader's language. When the
 * service is closed the reopening time is shown on its own line, so nobody
 * has to read it out of a sentence.
 */
export function KioskProblem({ error, className }: { error: unknown; className?: string }) {
  const { t, i18n } = useTranslation();
  const lng = useLanguage();
  const reopening = useReopening();
  if (isApiError(error) && CLOSED_CODES.has(error.code)) {
    const reopensAt = typeof error.problem.reopensAt === 'string' ? error.problem.reopensAt : null;
    return (
      <Alert tone="error" title={t('kiosk.closedTitle')} className={cx('kiosk-problem', className)}>
        <p data-error-code={error.code}>{errorMessage(error, i18n, lng)}</p>
        {reopensAt && (
          <p className="kiosk-problem__reopens" data-reopens-at={reopensAt}>
            {reopening(reopensAt)}
          </p>
        )}
      </Alert>
    );
  }
  if (isApiError(error) && error.code === 'kiosk_agent.pin_incorrect') {
    const left = Number(error.problem.retriesLeft ?? 0);
    return (
      <Alert tone="error" title={t('kiosk.pin.wrongTitle')} className={cx('kiosk-problem', className)}>
        <p data-error-code={error.code}>{t('kiosk.pin.wrongBody', { count: left })}</p>
      </Alert>
    );
  }
  return <ErrorAlert error={error} className={cx('kiosk-problem', className)} />;
}

/** Whether an error means the resident's session is gone and only starting over helps. */
export function sessionLost(error: unknown): boolean {
  return (
    isApiError(error) &&
    [
      'kiosk_agent.no_session',
      'kiosk_agent.not_authenticated',
      'kiosk_agent.no_card',
      'card_session.invalid',
      'card_session.expired',
    ].includes(error.code)
  );
}

export function InfoNote({ children }: { children: ReactNode }) {
  return <Alert tone="info">{children}</Alert>;
}

/** A certificate's name in the reader's language, with the official Japanese name when reading another. */
export function CertificateName({
  type,
  nameJa,
  showJapanese = true,
}: {
  type: string;
  nameJa: string;
  showJapanese?: boolean;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const own = t(`kiosk.certificates.${type}.name` as 'kiosk.certificates.juminhyo.name');
  return (
    <>
      <span className="kiosk-cert-name">{own}</span>
      {lng !== 'ja' && showJapanese && (
        <span className="kiosk-cert-name__ja" lang="ja">
          {' '}
          {nameJa}
        </span>
      )}
    </>
  );
}

/** 令和8年度（令和7年中の所得） for Japanese readers; the Western years for everyone else. */
export function useFiscalYearLabel() {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (year: number) => {
    if (lng !== 'ja')
      return t('kiosk.options.taxYearLabel', { year: String(year), income: String(year - 1) });
    const era = (y: number) =>
      new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric' })
        .format(new Date(Date.UTC(y, 6, 1)))
        .replace(/年$/, '');
    return t('kiosk.options.taxYearLabel', { year: era(year), income: era(year - 1) });
  };
}
