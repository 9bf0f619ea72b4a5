import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '../../shared/components';
import { formatTime } from '../../shared/format';
import { useLanguage } from '../../shared/i18n/useLanguage';
import { agent, type SaleOutcome } from '../agent';
import { CardReaderIllustration } from '../CardReaderIllustration';
import { usePolling } from '../hooks';
import { KioskProblem, StepFrame, useYen } from '../parts';

type Heading = RefObject<HTMLHeadingElement | null>;

/**
 * Printing, and what happens when the printer fails after payment: the same
 * certificate again (free, within the window) or the fee back. Nobody leaves
 * without the certificate or the money.
 */
export function PrintStep({
  heading,
  outcome,
  error,
  busy,
  onReprint,
  onRefund,
  onNext,
}: {
  heading: Heading;
  outcome: SaleOutcome | null;
  error: unknown;
  busy: boolean;
  onReprint: () => void;
  onRefund: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const yen = useYen();

  if (!outcome || busy)
    return (
      <StepFrame
        heading={heading}
        screen="printing"
        title={t('kiosk.print.title')}
        className="kiosk-printing"
      >
        {error ? (
          <KioskProblem error={error} />
        ) : (
          <div className="kiosk-progress" role="status">
            <span className="kiosk-progress__bar" aria-hidden="true" />
            <p>{busy && outcome ? t('kiosk.print.working') : t('kiosk.print.issuing')}</p>
            <p className="kiosk-progress__hint">{t('kiosk.print.wait')}</p>
          </div>
        )}
        {error ? (
          <div className="kiosk-actions">
            <div className="kiosk-actions__start" />
            <div className="kiosk-actions__end">
              <Button variant="primary" size="kiosk" onClick={onNext}>
                {t('kiosk.next')}
              </Button>
            </div>
          </div>
        ) : null}
      </StepFrame>
    );

  if (outcome.status === 'print_failed') {
    const until = formatTime(new Date(outcome.reprintUntil), lng);
    return (
      <StepFrame
        heading={heading}
        screen="print-failed"
        title={t('kiosk.print.failedTitle')}
        className="kiosk-printing"
      >
        <Alert tone="error" title={t(`kiosk.print.reasons.${outcome.reason}`)}>
          <p>{t('kiosk.print.failedBody')}</p>
        </Alert>
        {error ? <KioskProblem error={error} /> : null}
        <div className="kiosk-choice">
          {outcome.reprintAllowed && (
            <div className="kiosk-choice__option">
              <p className="kiosk-choice__text">{t('kiosk.print.reprintText', { time: until })}</p>
              <Button variant="primary" size="kiosk" fullWidth onClick={onReprint} data-action="reprint">
                {t('kiosk.print.reprint')}
              </Button>
            </div>
          )}
          <div className="kiosk-choice__option">
            <p className="kiosk-choice__text">
              {t('kiosk.print.refundText', { amount: yen(outcome.refundAmount) })}
            </p>
            <Button
              variant={outcome.reprintAllowed ? 'secondary' : 'primary'}
              size="kiosk"
              fullWidth
              onClick={onRefund}
              data-action="refund"
            >
              {t('kiosk.print.refund', { amount: yen(outcome.refundAmount) })}
            </Button>
          </div>
        </div>
        {outcome.change > 0 && (
          <p className="kiosk-change">{t('kiosk.print.changeGiven', { amount: yen(outcome.change) })}</p>
        )}
      </StepFrame>
    );
  }

  const printed = outcome.status === 'printed';
  return (
    <StepFrame
      heading={heading}
      screen={printed ? 'printed' : 'refunded'}
      title={printed ? t('kiosk.print.doneTitle') : t('kiosk.print.refundedTitle')}
      className="kiosk-printing"
      next={
        <Button variant="primary" size="kiosk" onClick={onNext} data-action="after-print">
          {t('kiosk.next')}
        </Button>
      }
    >
      <Alert tone="success" live="polite">
        {printed ? (
          <p>{t('kiosk.print.doneBody', { count: outcome.copies })}</p>
        ) : (
          <p data-refunded={outcome.amount}>
            {t('kiosk.print.refundedBody', { amount: yen(outcome.amount) })}
          </p>
        )}
        {outcome.change > 0 && <p>{t('kiosk.print.changeGiven', { amount: yen(outcome.change) })}</p>}
      </Alert>
      {printed && (
        <p className="kiosk-issue-number">
          {t('kiosk.print.issueNumber')} <span lang="ja">{outcome.issueNumber}</span>
        </p>
      )}
    </StepFrame>
  );
}

/** 「カードの取り忘れにご注意ください」: the session ends only when the card has left the reader. */
export function TakeCardStep({
  heading,
  simulated,
  reason,
  onTaken,
}: {
  heading: Heading;
  simulated: boolean;
  /** Why the procedure ended here: finished, cancelled, or a locked/refused card. */
  reason: 'done' | 'cancelled' | 'refused';
  onTaken: () => void;
}) {
  const { t } = useTranslation();
  usePolling(
    async () => {
      const state = await agent.state();
      if (!state.card.present) onTaken();
    },
    250,
    true,
  );
  return (
    <StepFrame heading={heading} screen="take-card" title={t('kiosk.takeCard.title')} className="kiosk-take">
      <div className="kiosk-card__layout">
        <div>
          <p className="kiosk-take__warning" role="alert">
            {t('kiosk.takeCard.warning')}
          </p>
          <p className="kiosk-card__lead">{t(`kiosk.takeCard.${reason}`)}</p>
          <p className="kiosk-card__waiting" role="status">
            <span className="kiosk-card__pulse" aria-hidden="true" />
            {t('kiosk.takeCard.waiting')}
          </p>
        </div>
        <CardReaderIllustration className="kiosk-card__illustration kiosk-card__illustration--up" taking />
      </div>
      {simulated && (
        <section className="kiosk-sim" aria-labelledby="kiosk-sim-take">
          <h2 id="kiosk-sim-take" className="kiosk-sim__title">
            <span className="kiosk-sim__badge">{t('kiosk.sim.badge')}</span>
            {t('kiosk.sim.takeTitle')}
          </h2>
          <Button
            variant="secondary"
            size="kiosk"
            onClick={() => void agent.simulator.takeCard()}
            data-action="take-card"
          >
            {t('kiosk.sim.takeCard')}
          </Button>
        </section>
      )}
    </StepFrame>
  );
}

const DONE_RETURN_MS = 10_000;

export function DoneStep({ heading, onRestart }: { heading: Heading; onRestart: () => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(Math.ceil(DONE_RETURN_MS / 1000));
  const restart = useRef(onRestart);
  restart.current = onRestart;
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = Math.ceil((DONE_RETURN_MS - (Date.now() - started)) / 1000);
      if (remaining <= 0) {
        clearInterval(timer);
        restart.current();
      } else setLeft(remaining);
    }, 250);
    return () => clearInterval(timer);
  }, []);
  return (
    <StepFrame
      heading={heading}
      screen="done"
      title={t('kiosk.done.title')}
      next={
        <Button variant="primary" size="kiosk" onClick={onRestart} data-action="restart">
          {t('kiosk.done.restart')}
        </Button>
      }
    >
      <p className="kiosk-card__lead">{t('kiosk.done.body')}</p>
      <p className="kiosk-done__countdown">{t('kiosk.done.countdown', { seconds: left })}</p>
    </StepFrame>
  );
}
