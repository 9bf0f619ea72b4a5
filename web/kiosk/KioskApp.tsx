import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AppShell,
  ArrowLeftIcon,
  Button,
  CloseIcon,
  Dialog,
  GlobeIcon,
  LanguageTiles,
  type Step,
  Stepper,
} from '../shared/components';
import { changeLanguage } from '../shared/i18n';
import { LANGUAGES, languageInfo } from '../shared/i18n/languages';
import { useLanguage } from '../shared/i18n/useLanguage';
import { CardReaderIllustration } from './CardReaderIllustration';

type KioskStep = 'language' | 'card';

/**
 * The certificate kiosk. This is the start of its flow: choose a language,
 * then place the My Number Card. PIN entry, the certificate choice, payment
 * and printing follow in later screens.
 */
export function KioskApp() {
  const { t } = useTranslation();
  const [step, setStep] = useState<KioskStep>('language');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Each new step starts at its heading, for screen readers and keyboard users alike.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the step is the trigger, not an input.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const steps: Step[] = [
    { id: 'language', label: t('kiosk.steps.language') },
    { id: 'card', label: t('kiosk.steps.card') },
    { id: 'pin', label: t('kiosk.steps.pin') },
    { id: 'certificate', label: t('kiosk.steps.certificate') },
    { id: 'confirm', label: t('kiosk.steps.confirm') },
    { id: 'receive', label: t('kiosk.steps.receive') },
  ];

  const startOver = async () => {
    setConfirmingCancel(false);
    await changeLanguage('ja');
    setStep('language');
  };

  return (
    <AppShell
      variant="kiosk"
      product={t('kiosk.terminalName')}
      headerEnd={
        step !== 'language' && (
          <Button variant="secondary" size="kiosk" icon={<GlobeIcon />} onClick={() => setStep('language')}>
            {t('kiosk.languageButton')}
            <span lang="en"> / Language</span>
          </Button>
        )
      }
    >
      <Stepper steps={steps} current={step === 'language' ? 0 : 1} size="kiosk" className="kiosk-stepper" />
      {step === 'language' ? (
        <LanguageStep heading={heading} onChosen={() => setStep('card')} />
      ) : (
        <CardStep
          heading={heading}
          onBack={() => setStep('language')}
          onCancel={() => setConfirmingCancel(true)}
        />
      )}
      <CancelDialog
        open={confirmingCancel}
        onContinue={() => setConfirmingCancel(false)}
        onCancel={() => void startOver()}
      />
    </AppShell>
  );
}

function LanguageStep({
  heading,
  onChosen,
}: {
  heading: React.RefObject<HTMLHeadingElement | null>;
  onChosen: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const others = LANGUAGES.filter((language) => language.code !== lng);
  return (
    <section className="kiosk-step kiosk-language" aria-labelledby="kiosk-step-title">
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

function CardStep({
  heading,
  onBack,
  onCancel,
}: {
  heading: React.RefObject<HTMLHeadingElement | null>;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="kiosk-step kiosk-card" aria-labelledby="kiosk-step-title">
      <div className="kiosk-card__layout">
        <div className="kiosk-card__text">
          <h1 id="kiosk-step-title" ref={heading} tabIndex={-1} className="kiosk-title">
            {t('kiosk.placeCardTitle')}
          </h1>
          <p className="kiosk-card__lead">{t('kiosk.placeCardLead')}</p>
          <ul className="kiosk-card__hints">
            <li>{t('kiosk.placeCardHints.keep')}</li>
            <li>{t('kiosk.placeCardHints.pin')}</li>
            <li>{t('kiosk.placeCardHints.noCard')}</li>
          </ul>
          <p className="kiosk-card__waiting" role="status">
            <span className="kiosk-card__pulse" aria-hidden="true" />
            {t('kiosk.waitingForCard')}
          </p>
        </div>
        <CardReaderIllustration className="kiosk-card__illustration" />
      </div>
      <div className="kiosk-actions">
        <Button variant="secondary" size="kiosk" icon={<ArrowLeftIcon />} onClick={onBack}>
          {t('kiosk.back')}
        </Button>
        <Button variant="tertiary" size="kiosk" icon={<CloseIcon />} onClick={onCancel} data-action="cancel">
          {t('kiosk.cancel')}
        </Button>
      </div>
    </section>
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
