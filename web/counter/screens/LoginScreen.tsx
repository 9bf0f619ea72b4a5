import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api';
import { Alert, AppShell, Button, ErrorAlert, LanguageSwitcher, TextField } from '../../shared/components';
import { fetchMunicipalities, type Municipality } from '../../shared/municipalities';
import type { SessionEnd } from '../api/session';
import { type LoginResult, logIn } from '../api/staff';
import { ErrorSummary, type FieldErrors } from '../ErrorSummary';
import { ScreenHeading } from '../ScreenHeading';
import { loadWorkstation, terminalIdOf, type WorkstationSettings } from '../workstation';
import { municipalityLabel, WorkstationForm } from './WorkstationForm';

type Field = 'loginName' | 'password' | 'totp';

const FIELD_IDS: Record<Field, string> = {
  loginName: 'login-name',
  password: 'login-password',
  totp: 'login-totp',
};

/** A TOTP code as typed: full-width digits and spaces from an IME or a copy are fine. */
export function normalizeCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '');
}

/**
 * The console's door: the desk's settings (which municipality, which counter,
 * which terminal) and the member's two factors. A desk that is not set up yet
 * is set up first, since the login needs its municipality and terminal.
 */
export function LoginScreen({
  notice,
  idleMinutes = 30,
  onLoggedIn,
}: {
  notice: SessionEnd | undefined;
  /** The server's idle limit of the session that ended, for the 'idle' notice. */
  idleMinutes?: number;
  onLoggedIn: (result: LoginResult, workstation: WorkstationSettings) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [workstation, setWorkstation] = useState<WorkstationSettings | undefined>(() => loadWorkstation());
  const [editing, setEditing] = useState(() => workstation === undefined);
  const [municipalities, setMunicipalities] = useState<Municipality[] | undefined>();
  const [loadError, setLoadError] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    fetchMunicipalities(abort.signal).then(setMunicipalities, (error: unknown) => {
      if (!abort.signal.aborted) setLoadError(error);
    });
    return () => abort.abort();
  }, []);

  return (
    <AppShell product={t('counter.title')} badge={t('counter.badge')} headerEnd={<LanguageSwitcher />}>
      <ScreenHeading>{t('counter.title')}</ScreenHeading>
      <p className="mg-lead">{t('counter.lead')}</p>
      <SessionNotice notice={notice} idleMinutes={idleMinutes} />

      <div className="console-login">
        <section className="mg-card mg-card--accent console-login__card" aria-labelledby="login-title">
          <h2 id="login-title" className="mg-card__title">
            {t('counter.login.title')}
          </h2>
          {workstation ? (
            <LoginForm
              workstation={workstation}
              municipalityName={municipalityLabel(municipalities, workstation.municipality)}
              onLoggedIn={onLoggedIn}
            />
          ) : (
            <Alert tone="info">
              {t('counter.login.setUpFirst')} <a href="#settings-title">{t('counter.settingsTitle')}</a>
            </Alert>
          )}
        </section>

        <section className="mg-card console-login__terminal" aria-labelledby="settings-title">
          <h2 id="settings-title" className="mg-card__title">
            {t('counter.settingsTitle')}
          </h2>
          {editing ? (
            <>
              <p>{t('counter.settingsLead')}</p>
              <WorkstationForm
                saved={workstation}
                municipalities={municipalities}
                loadError={loadError}
                onSaved={setWorkstation}
              />
            </>
          ) : (
            workstation && (
              <>
                <dl className="console-facts">
                  <div>
                    <dt>{t('counter.municipalityLabel')}</dt>
                    <dd>
                      {municipalityLabel(municipalities, workstation.municipality)}（
                      {workstation.municipality}）
                    </dd>
                  </div>
                  <div>
                    <dt>{t('counter.counterNumberLabel')}</dt>
                    <dd>
                      {t('counter.counterName', {
                        number: workstation.counterNumber,
                        kind: t(`counter.kinds.${workstation.kind}`),
                      })}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('counter.terminalIdLabel')}</dt>
                    <dd className="console-code">{terminalIdOf(workstation)}</dd>
                  </div>
                </dl>
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  {t('counter.changeSettings')}
                </Button>
              </>
            )
          )}
        </section>
      </div>
    </AppShell>
  );
}

function SessionNotice({ notice, idleMinutes }: { notice: SessionEnd | undefined; idleMinutes: number }) {
  const { t } = useTranslation();
  if (!notice) return null;
  if (notice === 'loggedOut')
    return (
      <Alert tone="success" className="console-session-notice">
        {t('counter.session.loggedOut')}
      </Alert>
    );
  return (
    <Alert
      tone="warning"
      live="assertive"
      title={t(`counter.session.${notice}Title`)}
      className="console-session-notice"
    >
      {notice === 'idle'
        ? t('counter.session.idle', { minutes: idleMinutes })
        : t(`counter.session.${notice}`)}
    </Alert>
  );
}

function LoginForm({
  workstation,
  municipalityName,
  onLoggedIn,
}: {
  workstation: WorkstationSettings;
  municipalityName: string;
  onLoggedIn: (result: LoginResult, workstation: WorkstationSettings) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount > 0) summary.current?.focus();
  }, [errorCount]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const code = normalizeCode(totp);
    const name = loginName.normalize('NFKC').trim().toLowerCase();
    const found: FieldErrors<Field> = {};
    if (!name) found.loginName = t('counter.login.loginNameRequired');
    if (!password) found.password = t('counter.login.passwordRequired');
    if (code && !/^[0-9]{6}$/.test(code)) found.totp = t('counter.login.totpInvalid');
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await logIn({
        municipalityCode: workstation.municipality,
        loginName: name,
        password,
        ...(code ? { totp: code } : {}),
        terminalId: terminalIdOf(workstation),
      });
      await onLoggedIn(result, workstation);
    } catch (error) {
      setFailure(error);
      // A refused login must not leave the secrets filled in for the next try on a shared desk.
      setPassword('');
      setTotp('');
      setBusy(false);
      requestAnimationFrame(() => failureRef.current?.focus());
    }
  };

  const refusedLogin = isApiError(failure) && failure.code === 'staff.login_failed';
  const rateLimited = isApiError(failure) && failure.code === 'staff.login_rate_limited';
  const retryAfter =
    rateLimited && typeof failure.problem.retryAfterSeconds === 'number'
      ? Math.max(1, Math.ceil(failure.problem.retryAfterSeconds / 60))
      : undefined;

  return (
    <>
      <p className="console-login__where">
        {t('counter.login.where', { municipality: municipalityName, terminal: terminalIdOf(workstation) })}
      </p>
      <ErrorSummary ref={summary} title={t('counter.errorSummary')} errors={errors} fieldIds={FIELD_IDS} />
      {failure !== undefined && (
        <div ref={failureRef} tabIndex={-1} className="console-login__failure" data-testid="login-failure">
          <ErrorAlert error={failure} />
          {refusedLogin && <Alert tone="info">{t('counter.login.lockoutHint')}</Alert>}
          {retryAfter !== undefined && (
            <Alert tone="info">{t('counter.login.retryAfter', { minutes: retryAfter })}</Alert>
          )}
        </div>
      )}
      <form noValidate onSubmit={submit} aria-busy={busy || undefined}>
        <TextField
          id={FIELD_IDS.loginName}
          label={t('counter.login.loginName')}
          required
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          value={loginName}
          onChange={(event) => setLoginName(event.target.value)}
          error={errors.loginName}
        />
        <TextField
          id={FIELD_IDS.password}
          label={t('counter.login.password')}
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <TextField
          id={FIELD_IDS.totp}
          label={t('counter.login.totp')}
          description={t('counter.login.totpDescription')}
          inputMode="numeric"
          autoComplete="one-time-code"
          className="console-code-field"
          maxLength={12}
          value={totp}
          onChange={(event) => setTotp(event.target.value)}
          error={errors.totp}
        />
        <Button type="submit" size="lg" data-primary disabled={busy}>
          {busy ? t('counter.login.submitting') : t('counter.login.submit')}
        </Button>
      </form>
    </>
  );
}
