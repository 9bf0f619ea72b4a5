import { type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api';
import { Alert, Button } from '../../shared/components';
import { agent } from '../agent';
import { CancelButton, KioskProblem, StepFrame } from '../parts';

const PIN_LENGTH = 4;
/** One box per digit position. */
const BOXES = ['first', 'second', 'third', 'fourth'] as const;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * The 4-digit 利用者証明用 PIN on an on-screen keypad. The digits never show
 * (only dots) and are never stored; after a wrong PIN the tries left are
 * shown, and a locked card sends the resident to the municipal counter.
 * A keyboard's digit keys work too.
 */
export function PinStep({
  heading,
  onCancel,
  onAuthenticated,
  onLocked,
}: {
  heading: RefObject<HTMLHeadingElement | null>;
  onCancel: () => void;
  onAuthenticated: () => void;
  onLocked: () => void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [locked, setLocked] = useState(false);
  const displayId = useId();
  const problem = useRef<HTMLDivElement>(null);

  // The submit button goes disabled with the cleared PIN: keyboard focus moves to what happened.
  useEffect(() => {
    if (locked) heading.current?.focus();
    else if (error) problem.current?.focus();
  }, [error, locked, heading]);

  const press = (digit: string) => {
    if (busy || locked) return;
    setPin((current) => (current.length < PIN_LENGTH ? current + digit : current));
  };
  const erase = () => setPin((current) => current.slice(0, -1));
  const submit = async () => {
    if (pin.length !== PIN_LENGTH || busy || locked) return;
    setBusy(true);
    setError(null);
    try {
      await agent.enterPin(pin);
      onAuthenticated();
    } catch (failure) {
      setPin('');
      setError(failure);
      if (
        isApiError(failure) &&
        (failure.code === 'kiosk_agent.card_locked' || failure.code === 'card_auth.card_pin_locked')
      )
        setLocked(true);
    } finally {
      setBusy(false);
    }
  };

  // Digits, Backspace and Enter from a keyboard (for keyboard users and for kiosks with a PIN pad).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLElement && event.target.closest('dialog')) return;
      if (/^[0-9]$/.test(event.key)) {
        event.preventDefault();
        press(event.key);
      } else if (event.key === 'Backspace') {
        event.preventDefault();
        erase();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  if (locked)
    return (
      <StepFrame
        heading={heading}
        screen="pin-locked"
        title={t('kiosk.pin.lockedTitle')}
        next={
          <Button variant="primary" size="kiosk" onClick={onLocked}>
            {t('kiosk.next')}
          </Button>
        }
      >
        <Alert tone="error" title={t('kiosk.pin.lockedTitle')}>
          <p data-error-code="kiosk_agent.card_locked">{t('kiosk.pin.lockedBody')}</p>
          <p>{t('kiosk.pin.lockedCounter')}</p>
        </Alert>
      </StepFrame>
    );

  return (
    <StepFrame
      heading={heading}
      screen="pin"
      title={t('kiosk.pin.title')}
      lead={t('kiosk.pin.lead')}
      className="kiosk-pin"
      cancel={<CancelButton onClick={onCancel} />}
      next={
        <Button
          variant="primary"
          size="kiosk"
          disabled={pin.length !== PIN_LENGTH || busy}
          onClick={() => void submit()}
          data-action="pin-submit"
        >
          {busy ? t('kiosk.pin.checking') : t('kiosk.pin.submit')}
        </Button>
      }
    >
      <div className="kiosk-pin__layout">
        <div className="kiosk-pin__side">
          {error ? (
            <div ref={problem} tabIndex={-1} className="kiosk-pin__problem">
              <KioskProblem error={error} />
            </div>
          ) : null}
          <p id={`${displayId}-label`} className="kiosk-pin__label">
            {t('kiosk.pin.label')}
          </p>
          <div
            className="kiosk-pin__display"
            role="img"
            aria-labelledby={`${displayId}-label ${displayId}-count`}
            data-digits={pin.length}
          >
            {BOXES.map((box, index) => (
              <span key={box} className={index < pin.length ? 'kiosk-pin__box is-filled' : 'kiosk-pin__box'}>
                {index < pin.length ? '●' : ''}
              </span>
            ))}
          </div>
          <p id={`${displayId}-count`} className="kiosk-pin__count" aria-live="polite">
            {t('kiosk.pin.entered', { count: pin.length, total: PIN_LENGTH })}
          </p>
          <ul className="kiosk-pin__hints">
            <li>{t('kiosk.pin.hintCover')}</li>
            <li>{t('kiosk.pin.hintTries')}</li>
          </ul>
        </div>
        <fieldset className="kiosk-keypad">
          <legend className="mg-visually-hidden">{t('kiosk.pin.keypad')}</legend>
          {KEYS.map((digit) => (
            <Button
              key={digit}
              variant="secondary"
              size="kiosk"
              className="kiosk-keypad__key"
              onClick={() => press(digit)}
              data-key={digit}
            >
              {digit}
            </Button>
          ))}
          <Button
            variant="secondary"
            size="kiosk"
            className="kiosk-keypad__key kiosk-keypad__key--erase"
            onClick={erase}
            disabled={pin.length === 0}
            data-key="erase"
          >
            {t('kiosk.pin.erase')}
          </Button>
          <Button
            variant="secondary"
            size="kiosk"
            className="kiosk-keypad__key"
            onClick={() => press('0')}
            data-key="0"
          >
            0
          </Button>
          <Button
            variant="secondary"
            size="kiosk"
            className="kiosk-keypad__key kiosk-keypad__key--clear"
            onClick={() => setPin('')}
            disabled={pin.length === 0}
            data-key="clear"
          >
            {t('kiosk.pin.clear')}
          </Button>
        </fieldset>
      </div>
    </StepFrame>
  );
}
