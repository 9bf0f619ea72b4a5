import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ErrorAlert, Select, TextField } from '../shared/components';
import { ErrorSummary } from '../shared/moving/ErrorSummary';
import { fetchMunicipalities, type Municipality } from '../shared/municipalities';
import { logIn, workstationDefaults } from './session';

type Field = 'municipality' | 'terminalId' | 'loginName' | 'password' | 'totp';

/**
 * Both factors, as everywhere on the staff side: password and the six-digit
 * code of the authenticator. A new account must first finish its setup in the
 * staff console (password change, authenticator enrolment).
 */
export function LoginScreen({ onLoggedIn, ended }: { onLoggedIn: () => Promise<void>; ended: boolean }) {
  const { t } = useTranslation();
  const defaults = useRef(workstationDefaults());
  const heading = useRef<HTMLHeadingElement>(null);
  const [municipalities, setMunicipalities] = useState<Municipality[]>();
  const [values, setValues] = useState<Record<Field, string>>({
    municipality: defaults.current.municipality ?? '',
    terminalId: defaults.current.terminalId ?? '',
    loginName: '',
    password: '',
    totp: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    heading.current?.focus();
    const abort = new AbortController();
    fetchMunicipalities(abort.signal)
      .then((list) => {
        setMunicipalities(list);
        if (list.length === 1 && list[0])
          setValues((current) => ({
            ...current,
            municipality: current.municipality || (list[0]?.code ?? ''),
          }));
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setFailure(error);
      });
    return () => abort.abort();
  }, []);

  const set = (field: Field) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const submit = async () => {
    const next: Partial<Record<Field, string>> = {};
    const required = t('moving.check.required');
    if (!values.municipality) next.municipality = required;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(values.terminalId.normalize('NFKC').trim()))
      next.terminalId = t('notify-counter.login.terminalInvalid');
    if (!values.loginName.trim()) next.loginName = required;
    if (!values.password) next.password = required;
    const code = values.totp.normalize('NFKC').replace(/[\s-]/g, '');
    if (!/^\d{6}$/.test(code)) next.totp = t('notify-counter.login.totpInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await logIn({
        municipalityCode: values.municipality,
        terminalId: values.terminalId.normalize('NFKC').trim(),
        loginName: values.loginName.trim(),
        password: values.password,
        totp: code,
      });
      setValues((current) => ({ ...current, password: '', totp: '' }));
      await onLoggedIn();
    } catch (error) {
      setFailure(error);
      setValues((current) => ({ ...current, totp: '' }));
    } finally {
      setBusy(false);
    }
  };

  const entries = (Object.entries(errors) as [Field, string][]).map(([field, message]) => ({
    path: `login.${field}`,
    message,
    label: t(`notify-counter.login.${field}`),
  }));

  return (
    <div className="notify-login">
      <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
        {t('notify-counter.login.title')}
      </h1>
      <p className="mg-lead">{t('notify-counter.login.lead')}</p>
      {ended && <Alert tone="warning">{t('notify-counter.login.ended')}</Alert>}
      <ErrorSummary entries={entries} />
      {failure !== undefined && <ErrorAlert error={failure} />}
      <form
        className="mg-stack mg-card notify-login__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Select
          id="f-login-municipality"
          label={t('notify-counter.login.municipality')}
          placeholder={t('moving.choose')}
          options={(municipalities ?? []).map((m) => ({
            value: m.code,
            label: `${m.prefecture} ${m.name}（${m.code}）`,
          }))}
          value={values.municipality}
          onChange={set('municipality')}
          error={errors.municipality}
          required
        />
        <TextField
          id="f-login-terminalId"
          label={t('notify-counter.login.terminalId')}
          description={t('notify-counter.login.terminalHint')}
          value={values.terminalId}
          onChange={set('terminalId')}
          error={errors.terminalId}
          autoComplete="off"
          required
        />
        <TextField
          id="f-login-loginName"
          label={t('notify-counter.login.loginName')}
          value={values.loginName}
          onChange={set('loginName')}
          error={errors.loginName}
          autoComplete="username"
          required
        />
        <TextField
          id="f-login-password"
          type="password"
          label={t('notify-counter.login.password')}
          value={values.password}
          onChange={set('password')}
          error={errors.password}
          autoComplete="current-password"
          required
        />
        <TextField
          id="f-login-totp"
          label={t('notify-counter.login.totp')}
          description={t('notify-counter.login.totpHint')}
          value={values.totp}
          onChange={set('totp')}
          error={errors.totp}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
        />
        <div className="mg-actions">
          <Button type="submit" size="lg" disabled={busy} data-primary>
            {t('notify-counter.login.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
