import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api';
import {
  AppShell,
  Button,
  Dialog,
  GlobeIcon,
  InfoIcon,
  LanguageTiles,
  type Step,
  Stepper,
} from '../shared/components';
import { changeLanguage, currentLanguage } from '../shared/i18n';
import { useLanguage } from '../shared/i18n/useLanguage';
import {
  type AgentStatus,
  agent,
  type Menu,
  type MenuCertificate,
  type MenuMunicipality,
  type Order,
  type Quote,
  type SaleOutcome,
} from './agent';
import { useInactivity, usePolling } from './hooks';
import { type Draft, defaultDraft, orderOptions } from './order';
import { KioskProblem, StepFrame, sessionLost, useYen } from './parts';
import { CertificateStep, MunicipalityStep, OptionsStep } from './steps/ChooseSteps';
import { ConfirmStep, PaymentStep } from './steps/PaySteps';
import { PinStep } from './steps/PinStep';
import { DoneStep, PrintStep, TakeCardStep } from './steps/ReceiveSteps';
import { RegistrationFlow } from './steps/RegistrationSteps';
import { CardStep, LanguageStep, type StartNotice } from './steps/StartSteps';

type KioskStep =
  | 'language'
  | 'card'
  | 'pin'
  | 'municipality'
  | 'registration'
  | 'certificate'
  | 'options'
  | 'confirm'
  | 'payment'
  | 'printing'
  | 'takeCard'
  | 'done'
  | 'failed';

/** Where each screen sits in the progress indicator (the choices share one step, as on store machines). */
const PROGRESS: Record<KioskStep, number> = {
  language: 0,
  card: 1,
  pin: 2,
  municipality: 3,
  registration: 3,
  certificate: 3,
  options: 3,
  confirm: 4,
  payment: 5,
  printing: 6,
  takeCard: 6,
  done: 6,
  failed: 6,
};

/** Screens where a card should lie on the reader; taking it away ends the procedure. */
const CARD_HELD: readonly KioskStep[] = [
  'pin',
  'municipality',
  'registration',
  'certificate',
  'options',
  'confirm',
];

const FALLBACK_TIMEOUTS = { screenIdleMs: 60_000, screenWarningMs: 15_000 };

/**
 * The certificate kiosk, in the order of a convenience-store machine:
 * language → card → PIN → municipality → certificate → options → confirm →
 * pay → print → take the card → done. The screen keeps only what it shows;
 * the agent (/kiosk-agent) holds the session and drives the devices, and
 * everything is forgotten when the procedure ends, is cancelled or times out.
 */
export function KioskApp() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const yen = useYen();
  const [status, setStatus] = useState<AgentStatus | null>(null);
  const [step, setStep] = useState<KioskStep>('language');
  const [notice, setNotice] = useState<StartNotice>(null);
  const [menu, setMenu] = useState<Menu | null>(null);
  const [place, setPlace] = useState<MenuMunicipality | null>(null);
  const [placeMenu, setPlaceMenu] = useState<Menu | null>(null);
  const [certificate, setCertificate] = useState<MenuCertificate | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [quote, setQuote] = useState<Quote | null>(null);
  const [due, setDue] = useState(0);
  const [outcome, setOutcome] = useState<SaleOutcome | null>(null);
  const [returned, setReturned] = useState(0);
  const [takeReason, setTakeReason] = useState<'done' | 'cancelled' | 'refused'>('done');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [choosingLanguage, setChoosingLanguage] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const leaving = useRef(false);

  useEffect(() => {
    let cancelled = false;
    agent
      .status()
      .then((answer) => !cancelled && setStatus(answer))
      .catch(() => !cancelled && setStatus({ configured: false }));
    return () => {
      cancelled = true;
    };
  }, []);

  const configured = status?.configured === true ? status : null;
  const townHall = configured?.kiosk.kind === 'town_hall';
  const timeouts = configured?.timeouts ?? FALLBACK_TIMEOUTS;
  const statusLoadedAt = useRef(performance.now());
  const kioskNow = () => {
    // The kiosk's clock, not the browser's: fees, tax years and hours follow it.
    if (!configured) return new Date();
    return new Date(Date.parse(configured.now) + (performance.now() - statusLoadedAt.current));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the status is the trigger.
  useEffect(() => {
    statusLoadedAt.current = performance.now();
  }, [status]);

  // Each new screen starts at its heading, for screen readers and keyboard users alike.
  const screenKey = `${step}:${outcome?.status ?? ''}:${busy && step === 'printing'}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the screen is the trigger, not an input.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [screenKey]);

  const forget = useCallback(() => {
    setMenu(null);
    setPlace(null);
    setPlaceMenu(null);
    setCertificate(null);
    setDraft(null);
    setQuote(null);
    setDue(0);
    setOutcome(null);
    setReturned(0);
    setBusy(false);
    setError(null);
  }, []);

  const restart = useCallback(
    async (next: Omit<NonNullable<StartNotice>, 'lang'> | null) => {
      setConfirmingCancel(false);
      forget();
      // Told in the language the session was in too, before the screen goes back to Japanese.
      setNotice(next && { ...next, lang: currentLanguage() });
      await changeLanguage('ja');
      setStep('language');
    },
    [forget],
  );

  /** Ends the session; then the card must be taken, or (no card) back to the start. */
  const finish = async (reason: 'cancel' | 'timeout') => {
    setConfirmingCancel(false);
    // The session is being closed on purpose: the card leaving now is part of it, not a surprise.
    leaving.current = true;
    // Without an agent there is no session or card to close: just start over.
    if (!configured) return restart(null);
    const end = await agent.endSession(reason).catch(() => null);
    const money = end?.returned ?? 0;
    if (reason === 'timeout') return restart({ kind: 'timeout', returned: money });
    const state = await agent.state().catch(() => null);
    if (state?.card.present) {
      forget();
      leaving.current = false;
      setReturned(money);
      setTakeReason('cancelled');
      setStep('takeCard');
      return;
    }
    return restart({ kind: 'cancelled', returned: money });
  };

  const { secondsLeft, keepAlive } = useInactivity({
    active: step !== 'language' && step !== 'done' && !(step === 'printing' && busy),
    idleMs: timeouts.screenIdleMs,
    warningMs: timeouts.screenWarningMs,
    onActivity: () => {
      if (configured) void agent.activity().catch(() => undefined);
    },
    onTimeout: () => void finish('timeout'),
  });

  // Taking the card away in the middle ends the procedure (the agent has already closed the session).
  usePolling(
    async () => {
      const state = await agent.state();
      if (leaving.current) return;
      if (!state.card.present || !state.session.open) void restart({ kind: 'card_removed', returned: 0 });
    },
    1500,
    configured !== null && CARD_HELD.includes(step) && !busy,
  );

  /** Failures that leave nothing to continue with go to one screen offering a fresh start. */
  const fail = (failure: unknown) => {
    setBusy(false);
    if (sessionLost(failure)) {
      setError(failure);
      setStep('failed');
      return true;
    }
    return false;
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setBusy(false);
    } catch (failure) {
      if (!fail(failure)) {
        setError(failure);
        setBusy(false);
      }
    }
  };

  const order = (): Order | null =>
    certificate && draft && place
      ? {
          ...(place.residence ? {} : { municipalityCode: place.code }),
          options: orderOptions(certificate.type, draft),
          copies: draft.copies,
        }
      : null;

  const steps: Step[] = [
    { id: 'language', label: t('kiosk.steps.language') },
    { id: 'card', label: t('kiosk.steps.card') },
    { id: 'pin', label: t('kiosk.steps.pin') },
    { id: 'certificate', label: t('kiosk.steps.certificate') },
    { id: 'confirm', label: t('kiosk.steps.confirm') },
    { id: 'payment', label: t('kiosk.steps.payment') },
    { id: 'receive', label: t('kiosk.steps.receive') },
  ];

  const cancel = () => setConfirmingCancel(true);
  const activeMenu = placeMenu ?? menu;

  const screen = (() => {
    switch (step) {
      case 'language':
        return (
          <LanguageStep
            heading={heading}
            notice={notice}
            onChosen={() => {
              setNotice(null);
              setStep('card');
            }}
          />
        );
      case 'card':
        return (
          <CardStep
            heading={heading}
            agentReady={status === null ? null : configured !== null}
            cards={configured?.simulator?.cards ?? null}
            onBack={() => setStep('language')}
            onCancel={cancel}
            onChecked={() => setStep('pin')}
          />
        );
      case 'pin':
        return (
          <PinStep
            heading={heading}
            onCancel={cancel}
            onLocked={() => {
              setTakeReason('refused');
              setStep('takeCard');
            }}
            onAuthenticated={() =>
              void run(async () => {
                setMenu(await agent.menu());
                setStep('municipality');
              })
            }
          />
        );
      case 'municipality':
        if (!menu) return null;
        return (
          <MunicipalityStep
            heading={heading}
            menu={menu}
            error={error}
            busy={busy}
            onCancel={cancel}
            onRegistration={() => {
              setError(null);
              setStep('registration');
            }}
            onChoose={(chosen) =>
              void run(async () => {
                setPlace(chosen);
                setPlaceMenu(chosen.residence ? menu : await agent.menu(chosen.code));
                setStep('certificate');
              })
            }
          />
        );
      case 'registration':
        return (
          <RegistrationFlow
            heading={heading}
            now={kioskNow}
            onCancel={cancel}
            onBack={() => setStep('municipality')}
            onFinish={() =>
              void (async () => {
                // Applying is done at the kiosk: the card comes back, as after a certificate.
                const state = await agent.state().catch(() => null);
                if (!state?.card.present) return restart(null);
                forget();
                setTakeReason('done');
                setStep('takeCard');
              })()
            }
            onSessionLost={fail}
          />
        );
      case 'certificate':
        if (!activeMenu || !place) return null;
        return (
          <CertificateStep
            heading={heading}
            menu={activeMenu}
            place={place}
            onBack={() => setStep('municipality')}
            onCancel={cancel}
            onChoose={(chosen) => {
              setCertificate(chosen);
              setDraft(defaultDraft(chosen.type, activeMenu, kioskNow()));
              setError(null);
              setStep('options');
            }}
          />
        );
      case 'options':
        if (!activeMenu || !certificate || !draft) return null;
        return (
          <OptionsStep
            heading={heading}
            menu={activeMenu}
            certificate={certificate}
            draft={draft}
            now={kioskNow()}
            error={error}
            busy={busy}
            onChange={setDraft}
            onBack={() => {
              setError(null);
              setStep('certificate');
            }}
            onCancel={cancel}
            onNext={() =>
              void run(async () => {
                const current = order();
                if (!current) return;
                setQuote(await agent.quote(current));
                setReturned(0);
                setStep('confirm');
              })
            }
          />
        );
      case 'confirm':
        if (!activeMenu || !place || !certificate || !draft || !quote) return null;
        return (
          <ConfirmStep
            heading={heading}
            menu={activeMenu}
            place={place}
            certificate={certificate}
            draft={draft}
            quote={quote}
            error={error}
            busy={busy}
            notice={returned}
            onBack={() => {
              setError(null);
              setStep('options');
            }}
            onCancel={cancel}
            onPay={() =>
              void run(async () => {
                const current = order();
                if (!current) return;
                const payment = await agent.startPayment(current);
                setDue(payment.due);
                setReturned(0);
                setStep('payment');
              })
            }
          />
        );
      case 'payment':
        return (
          <PaymentStep
            heading={heading}
            due={due}
            denominations={configured?.simulator?.cash ?? []}
            error={error}
            onCash={keepAlive}
            onCancel={cancel}
            onBack={() =>
              void run(async () => {
                const back = await agent.cancelPayment();
                setReturned(back.returned);
                setStep('confirm');
              })
            }
            onPrint={() => {
              setStep('printing');
              void run(async () => {
                setOutcome(await agent.completeSale());
              });
            }}
          />
        );
      case 'printing':
        return (
          <PrintStep
            heading={heading}
            outcome={outcome}
            error={error}
            busy={busy}
            onReprint={() => void run(async () => setOutcome(await agent.reprint()))}
            onRefund={() => void run(async () => setOutcome(await agent.refund()))}
            onNext={() => {
              if (!outcome) {
                // Nothing was issued: the money came back; the order may be changed or cancelled.
                const back = isApiError(error) ? Number(error.problem.returned ?? 0) : 0;
                setReturned(back);
                setStep('confirm');
                return;
              }
              setTakeReason('done');
              setStep('takeCard');
            }}
          />
        );
      case 'takeCard':
        return (
          <TakeCardStep
            heading={heading}
            simulated={Boolean(configured?.simulator?.cards.length)}
            reason={takeReason}
            onTaken={() =>
              void (async () => {
                await agent.endSession('done').catch(() => undefined);
                forget();
                setStep('done');
              })()
            }
          />
        );
      case 'done':
        return <DoneStep heading={heading} onRestart={() => void restart(null)} />;
      case 'failed':
        return (
          <StepFrame
            heading={heading}
            screen="failed"
            title={t('kiosk.failed.title')}
            next={
              <Button variant="primary" size="kiosk" onClick={() => void finish('cancel')}>
                {t('kiosk.failed.restart')}
              </Button>
            }
          >
            <KioskProblem error={error} />
          </StepFrame>
        );
    }
  })();

  return (
    <AppShell
      variant="kiosk"
      className={townHall ? 'kiosk-town-hall' : 'kiosk-store'}
      product={t('kiosk.terminalName')}
      badge={townHall ? t('kiosk.townHall.badge') : undefined}
      headerEnd={
        <>
          {townHall && (
            <div className="kiosk-helper" role="note" aria-label={t('kiosk.townHall.helperLabel')}>
              <InfoIcon className="kiosk-helper__icon" />
              <p>
                <strong>{t('kiosk.townHall.helper')}</strong> {t('kiosk.townHall.helperBody')}
              </p>
            </div>
          )}
          {step !== 'language' && (
            <Button
              variant="secondary"
              size="kiosk"
              icon={<GlobeIcon />}
              onClick={() => setChoosingLanguage(true)}
              data-action="language"
            >
              {t('kiosk.languageButton')}
              {lng !== 'en' && <span lang="en"> / Language</span>}
            </Button>
          )}
        </>
      }
    >
      <Stepper steps={steps} current={PROGRESS[step]} size="kiosk" className="kiosk-stepper" />
      {screen}
      {townHall && (
        <div className="kiosk-teach" role="note" aria-label={t('kiosk.townHall.teachLabel')}>
          <p>{t('kiosk.townHall.teach')}</p>
        </div>
      )}
      {configured?.kiosk.location && (
        <p className="kiosk-location" lang="ja">
          {configured.kiosk.location}
        </p>
      )}
      <CancelDialog
        open={confirmingCancel}
        onContinue={() => setConfirmingCancel(false)}
        onCancel={() => void finish('cancel')}
      />
      <IdleDialog secondsLeft={secondsLeft} onContinue={keepAlive} />
      <Dialog
        open={choosingLanguage}
        onClose={() => setChoosingLanguage(false)}
        size="kiosk"
        className="kiosk-language-dialog"
        title={
          <>
            {t('kiosk.languageButton')}
            {lng !== 'en' && <span lang="en"> / Language</span>}
          </>
        }
        actions={
          <Button variant="secondary" size="kiosk" onClick={() => setChoosingLanguage(false)}>
            {t('common.close')}
          </Button>
        }
      >
        <LanguageTiles onChosen={() => setChoosingLanguage(false)} />
      </Dialog>
      {returned > 0 && step === 'takeCard' && (
        <p className="kiosk-returned" role="status">
          {t('kiosk.cashReturned', { amount: yen(returned) })}
        </p>
      )}
    </AppShell>
  );
}

function CancelDialog({
  open,
  onContinue,
  onCancel,
}: {
  open: boolean;
  onContinue: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  // Focus starts on the harmless choice: a stray tap must not throw the procedure away.
  const keepGoing = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      onClose={onContinue}
      role="alertdialog"
      size="kiosk"
      initialFocus={keepGoing}
      title={t('kiosk.cancelDialogTitle')}
      actions={
        <>
          <Button variant="danger" size="kiosk" onClick={onCancel}>
            {t('kiosk.cancelConfirm')}
          </Button>
          <Button ref={keepGoing} variant="primary" size="kiosk" onClick={onContinue}>
            {t('kiosk.cancelContinue')}
          </Button>
        </>
      }
    >
      <p>{t('kiosk.cancelDialogBody')}</p>
    </Dialog>
  );
}

/** "Still there?": the seconds count down; any touch (or the button) keeps the procedure. */
function IdleDialog({ secondsLeft, onContinue }: { secondsLeft: number | null; onContinue: () => void }) {
  const { t } = useTranslation();
  const keepGoing = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={secondsLeft !== null}
      onClose={onContinue}
      role="alertdialog"
      size="kiosk"
      initialFocus={keepGoing}
      className="kiosk-idle"
      title={t('kiosk.idle.title')}
      actions={
        <Button ref={keepGoing} variant="primary" size="kiosk" onClick={onContinue} data-action="keep-going">
          {t('kiosk.idle.continue')}
        </Button>
      }
    >
      <p>{t('kiosk.idle.body')}</p>
      <p className="kiosk-idle__seconds" aria-hidden="true">
        {t('kiosk.idle.seconds', { seconds: secondsLeft ?? 0 })}
      </p>
    </Dialog>
  );
}
