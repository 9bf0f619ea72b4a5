import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ArrowLeftIcon, Button, LanguageTiles } from '../../shared/components';
import { LANGUAGES, type LanguageCode, languageInfo } from '../../shared/i18n/languages';
import { useLanguage } from '../../shared/i18n/useLanguage';
import { type AgentState, agent, type SimulatedCardInfo } from '../agent';
import { CardReaderIllustration } from '../CardReaderIllustration';
import { usePolling } from '../hooks';
import { CancelButton, KioskProblem, StepFrame } from '../parts';

/**
 * Why the previous person's session ended, told to whoever comes next (nothing
 * personal in it), with the language that session was in: the start screen is
 * back in Japanese, and the person who walked away or cancelled, coming back
 * for their money, reads it in their own language as well.
 */
export type StartNotice = {
  kind: 'timeout' | 'cancelled' | 'card_removed';
  returned: number;
  lang: LanguageCode;
} | null;

/** The notice in one language: the start screen's own, or (marked with its `lang`) the ended session's. */
function StartNoticeText({ notice, lang }: { notice: NonNullable<StartNotice>; lang: LanguageCode }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(lang);
  const amount = t('kiosk.yen', { amount: new Intl.NumberFormat(lang).format(notice.returned) });
  return (
    <div lang={lang} className="kiosk-start-notice__text" data-notice-lang={lang}>
      <p>{t(`kiosk.startNotice.${notice.kind}`)}</p>
      {notice.returned > 0 && <p>{t('kiosk.cashReturned', { amount })}</p>}
    </div>
  );
}

export function LanguageStep({
  heading,
  notice,
  onChosen,
}: {
  heading: RefObject<HTMLHeadingElement | null>;
  notice: StartNotice;
  onChosen: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const others = LANGUAGES.filter((language) => language.code !== lng);
  return (
    <section className="kiosk-step kiosk-language" aria-labelledby="kiosk-step-title" data-screen="language">
      {notice && (
        <Alert tone="info" live="polite" className="kiosk-start-notice">
          <StartNoticeText notice={notice} lang={lng} />
          {notice.lang !== lng && <StartNoticeText notice={notice} lang={notice.lang} />}
        </Alert>
      )}
      <h1 id="kiosk-step-title" ref={heading} tabIndex={-1} className="kiosk-title">
        {languageInfo(lng).choosePrompt}
      </h1>
      <p className="kiosk-prompts">
        {others.map((language) => (
          <span key={language.code} lang={language.code}>
            {language.choosePrompt}
          </span>
        ))}
      </p>
      <p className="kiosk-intro">{t('kiosk.intro')}</p>
      <LanguageTiles onChosen={onChosen} className="kiosk-language__tiles" />
    </section>
  );
}

/**
 * "Place your card": waits for the reader to report a card, then has the
 * agent read it and the server check it. In the demo a card slot offers a few
 * residents' virtual cards.
 */
export function CardStep({
  heading,
  agentReady,
  cards,
  onBack,
  onCancel,
  onChecked,
}: {
  heading: RefObject<HTMLHeadingElement | null>;
  /** The terminal's agent answered and is set up; `null` while asking. Nothing is polled without it. */
  agentReady: boolean | null;
  cards: SimulatedCardInfo[] | null;
  onBack: () => void;
  onCancel: () => void;
  onChecked: () => void;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<AgentState | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A refused card must be taken away before another try, so the same card is not read again and again.
  const [refusedUntilRemoved, setRefusedUntilRemoved] = useState(false);

  usePolling(
    async () => {
      const next = await agent.state();
      setState(next);
      if (!next.card.present) {
        if (refusedUntilRemoved) setRefusedUntilRemoved(false);
        return;
      }
      if (checking || refusedUntilRemoved) return;
      setChecking(true);
      setError(null);
      try {
        await agent.checkCard();
        onChecked();
      } catch (failure) {
        setError(failure);
        setRefusedUntilRemoved(true);
      } finally {
        setChecking(false);
      }
    },
    250,
    agentReady === true,
  );

  const present = state?.card.present ?? false;
  return (
    <StepFrame
      heading={heading}
      screen="card"
      title={t('kiosk.placeCardTitle')}
      className="kiosk-card"
      back={
        <Button variant="secondary" size="kiosk" icon={<ArrowLeftIcon />} onClick={onBack}>
          {t('kiosk.back')}
        </Button>
      }
      cancel={<CancelButton onClick={onCancel} />}
    >
      <div className="kiosk-card__layout">
        <div className="kiosk-card__text">
          <p className="kiosk-card__lead">{t('kiosk.placeCardLead')}</p>
          <ul className="kiosk-card__hints">
            <li>{t('kiosk.placeCardHints.keep')}</li>
            <li>{t('kiosk.placeCardHints.pin')}</li>
            <li>{t('kiosk.placeCardHints.noCard')}</li>
          </ul>
          {agentReady === false ? (
            <Alert tone="error" title={t('kiosk.notConfigured.title')}>
              <p data-error-code="kiosk_agent.not_configured">{t('errors.kiosk_agent.not_configured')}</p>
            </Alert>
          ) : error ? (
            <>
              <KioskProblem error={error} />
              {present && <p className="kiosk-card__take">{t('kiosk.takeCardToRetry')}</p>}
            </>
          ) : (
            <p className="kiosk-card__waiting" role="status">
              <span className="kiosk-card__pulse" aria-hidden="true" />
              {checking || present ? t('kiosk.readingCard') : t('kiosk.waitingForCard')}
            </p>
          )}
        </div>
        <CardReaderIllustration className="kiosk-card__illustration" />
      </div>
      {cards && cards.length > 0 && (
        <CardSlot cards={cards} placedId={state?.card.placedId ?? null} onError={setError} />
      )}
    </StepFrame>
  );
}

/** The demo's stand-in for a hand putting a card on the reader. */
function CardSlot({
  cards,
  placedId,
  onError,
}: {
  cards: SimulatedCardInfo[];
  placedId: string | null;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="kiosk-sim" aria-labelledby="kiosk-sim-cards">
      <h2 id="kiosk-sim-cards" className="kiosk-sim__title">
        <span className="kiosk-sim__badge">{t('kiosk.sim.badge')}</span>
        {t('kiosk.sim.cardsTitle')}
      </h2>
      <p className="kiosk-sim__lead">{t('kiosk.sim.cardsLead')}</p>
      <ul className="kiosk-sim__cards">
        {cards.map((card) => (
          <li key={card.id}>
            <Button
              variant={placedId === card.id ? 'primary' : 'secondary'}
              size="kiosk"
              fullWidth
              className="kiosk-sim__card"
              data-card={card.id}
              aria-pressed={placedId === card.id}
              onClick={async () => {
                try {
                  await agent.simulator.placeCard(card.id);
                } catch (error) {
                  onError(error);
                }
              }}
            >
              <span className="kiosk-sim__card-name" lang="ja">
                {card.holderName}
              </span>
              <span className="kiosk-sim__card-traits">
                {[
                  t('kiosk.sim.household', { count: card.householdSize }),
                  card.hasSeal && t('kiosk.sim.seal'),
                  card.hasKoseki && t('kiosk.sim.koseki'),
                  card.hasTax && t('kiosk.sim.tax'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </Button>
          </li>
        ))}
      </ul>
      <p className="kiosk-sim__pin">{t('kiosk.sim.pinHint')}</p>
    </section>
  );
}
