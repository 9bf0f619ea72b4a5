import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  AppShell,
  Button,
  ErrorAlert,
  LanguageSwitcher,
  QrCode,
  type Step,
  Stepper,
  TextField,
} from '../../shared/components';
import { confirmTotpEnrolment, type StaffMe, startTotpEnrolment } from '../api/staff';
import { focusNextHeading, ScreenHeading } from '../ScreenHeading';
import { normalizeCode } from './LoginScreen';
import { PasswordForm } from './PasswordForm';

/** The base32 secret in groups of four, as authenticator apps show and accept it. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The first login (or the one after an administrator's reset): the member
 * chooses their own password and enrols an authenticator before anything else
 * opens. Confirming a code from the app proves the second factor, so the same
 * session becomes a full one.
 */
export function SetupScreen({
  me,
  onDone,
  onLogout,
}: {
  me: StaffMe;
  /** Reloads the member; the console opens when nothing is left to set up. */
  onDone: () => Promise<void>;
  onLogout: () => void;
}) {
  const { t } = useTranslation();
  // The steps this account needs, fixed when the screen opens so the stepper does not shrink under the clerk.
  const [plan] = useState(() => ({
    password: me.setup.mustChangePassword,
    totp: me.setup.totpEnrolmentRequired,
  }));
  const steps: Step[] = [
    ...(plan.password ? [{ id: 'password', label: t('counter.setup.stepPassword') }] : []),
    ...(plan.totp ? [{ id: 'totp', label: t('counter.setup.stepTotp') }] : []),
    { id: 'done', label: t('counter.setup.stepDone') },
  ];
  const current = me.setup.mustChangePassword ? 'password' : me.setup.totpEnrolmentRequired ? 'totp' : 'done';
  const index = Math.max(
    0,
    steps.findIndex((step) => step.id === current),
  );

  const advance = async () => {
    focusNextHeading();
    await onDone();
  };

  return (
    <AppShell
      product={t('counter.title')}
      badge={t('counter.badge')}
      headerEnd={
        <>
          <LanguageSwitcher />
          <Button variant="secondary" onClick={onLogout}>
            {t('counter.shell.logout')}
          </Button>
        </>
      }
    >
      <Stepper steps={steps} current={index} className="console-setup__stepper" />
      {current === 'password' && (
        <section key="password" aria-labelledby="setup-password">
          <ScreenHeading id="setup-password">{t('counter.setup.passwordTitle')}</ScreenHeading>
          <p className="mg-lead">{t('counter.setup.passwordLead', { name: me.displayName })}</p>
          <div className="mg-card console-narrow">
            <PasswordForm loginName={me.loginName} temporary onChanged={advance} />
          </div>
        </section>
      )}
      {current === 'totp' && <TotpEnrolment key="totp" onConfirmed={advance} />}
    </AppShell>
  );
}

function TotpEnrolment({ onConfirmed }: { onConfirmed: () => Promise<void> }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<{ otpauthUri: string; secret: string } | undefined>();
  const [startError, setStartError] = useState<unknown>();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const failureRef = useRef<HTMLDivElement>(null);
  const started = useRef(false);

  const start = useCallback(async () => {
    setStartError(undefined);
    try {
      setEnrolment(await startTotpEnrolment());
    } catch (error) {
      setStartError(error);
    }
  }, []);

  useEffect(() => {
    // Once: each start makes a new secret, and a second one would silently replace the code just scanned.
    if (started.current) return;
    started.current = true;
    void start();
  }, [start]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const normalized = normalizeCode(code);
    if (!/^[0-9]{6}$/.test(normalized)) {
      setCodeError(t('counter.login.totpInvalid'));
      return;
    }
    setCodeError(undefined);
    setFailure(undefined);
    setBusy(true);
    try {
      await confirmTotpEnrolment(normalized);
      await onConfirmed();
    } catch (error) {
      setFailure(error);
      setCode('');
      setBusy(false);
      requestAnimationFrame(() => failureRef.current?.focus());
    }
  };

  return (
    <section aria-labelledby="setup-totp">
      <ScreenHeading id="setup-totp">{t('counter.setup.totpTitle')}</ScreenHeading>
      <p className="mg-lead">{t('counter.setup.totpLead')}</p>
      {startError !== undefined && (
        <>
          <ErrorAlert error={startError} />
          <Button variant="secondary" onClick={() => void start()}>
            {t('counter.setup.retry')}
          </Button>
        </>
      )}
      {enrolment && (
        <div className="console-totp">
          <div className="mg-card console-totp__scan">
            <h2 className="mg-card__title">{t('counter.setup.scanTitle')}</h2>
            <ol className="console-steps">
              <li>{t('counter.setup.scan1')}</li>
              <li>{t('counter.setup.scan2')}</li>
              <li>{t('counter.setup.scan3')}</li>
            </ol>
            <QrCode value={enrolment.otpauthUri} label={t('counter.setup.qrLabel')} size={220} />
            <details className="console-details">
              <summary>{t('counter.setup.manualTitle')}</summary>
              <p>{t('counter.setup.manualLead')}</p>
              <p className="console-secret" data-testid="totp-secret">
                {groupSecret(enrolment.secret)}
              </p>
            </details>
          </div>
          <div className="mg-card mg-card--accent console-totp__confirm">
            <h2 className="mg-card__title">{t('counter.setup.confirmTitle')}</h2>
            {failure !== undefined && (
              <div ref={failureRef} tabIndex={-1} className="console-focus-target">
                <ErrorAlert error={failure} />
              </div>
            )}
            <form noValidate onSubmit={submit}>
              <TextField
                id="setup-totp-code"
                label={t('counter.setup.codeLabel')}
                description={t('counter.setup.codeDescription')}
                required
                inputMode="numeric"
                autoComplete="one-time-code"
                className="console-code-field"
                maxLength={12}
                value={code}
                onChange={(event) => setCode(event.target.value)}
                error={codeError}
              />
              <Button type="submit" size="lg" data-primary disabled={busy}>
                {t('counter.setup.confirm')}
              </Button>
            </form>
            <Alert tone="info">{t('counter.setup.keepPhone')}</Alert>
          </div>
        </div>
      )}
    </section>
  );
}
