import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorAlert, TextField } from '../../shared/components';
import { changeOwnPassword } from '../api/staff';
import { ErrorSummary, type FieldErrors } from '../ErrorSummary';

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';

const FIELD_IDS: Record<Field, string> = {
  currentPassword: 'password-current',
  newPassword: 'password-new',
  confirmPassword: 'password-confirm',
};

/** The password policy as the server holds it (docs/staff.md), checked here first to spare a round trip. */
export function passwordProblems(
  input: { currentPassword: string; newPassword: string; confirmPassword: string },
  loginName: string,
): { [K in Field]?: PasswordProblem } {
  const found: { [K in Field]?: PasswordProblem } = {};
  if (!input.currentPassword) found.currentPassword = 'currentRequired';
  const length = [...input.newPassword].length;
  if (length < 12) found.newPassword = 'tooShort';
  else if (length > 128) found.newPassword = 'tooLong';
  else if (input.newPassword.toLowerCase().includes(loginName.toLowerCase()))
    found.newPassword = 'containsLogin';
  else if (input.newPassword === input.currentPassword) found.newPassword = 'sameAsCurrent';
  if (!found.newPassword && input.confirmPassword !== input.newPassword) found.confirmPassword = 'mismatch';
  return found;
}

export type PasswordProblem =
  | 'currentRequired'
  | 'tooShort'
  | 'tooLong'
  | 'containsLogin'
  | 'sameAsCurrent'
  | 'mismatch';

/** Changing one's own password: at first login (temporary → own) and from 「自分のアカウント」. */
export function PasswordForm({
  loginName,
  temporary,
  onChanged,
}: {
  loginName: string;
  /** The current password is the temporary one handed over by the administrator. */
  temporary: boolean;
  onChanged: () => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirmPassword, setConfirm] = useState('');
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
    const problems = passwordProblems({ currentPassword, newPassword, confirmPassword }, loginName);
    const found: FieldErrors<Field> = {};
    for (const field of Object.keys(problems) as Field[]) {
      const problem = problems[field];
      if (problem) found[field] = t(`counter.password.problems.${problem}`);
    }
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await changeOwnPassword({ currentPassword, newPassword });
      setCurrent('');
      setNew('');
      setConfirm('');
      await onChanged();
    } catch (error) {
      setFailure(error);
      requestAnimationFrame(() => failureRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary ref={summary} title={t('counter.errorSummary')} errors={errors} fieldIds={FIELD_IDS} />
      {failure !== undefined && (
        <div ref={failureRef} tabIndex={-1} className="console-focus-target">
          <ErrorAlert error={failure} />
        </div>
      )}
      <form noValidate onSubmit={submit}>
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={loginName} readOnly hidden />
        <TextField
          id={FIELD_IDS.currentPassword}
          label={temporary ? t('counter.password.temporary') : t('counter.password.current')}
          type="password"
          required
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrent(event.target.value)}
          error={errors.currentPassword}
        />
        <TextField
          id={FIELD_IDS.newPassword}
          label={t('counter.password.new')}
          description={t('counter.password.policy')}
          type="password"
          required
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNew(event.target.value)}
          error={errors.newPassword}
        />
        <TextField
          id={FIELD_IDS.confirmPassword}
          label={t('counter.password.confirm')}
          type="password"
          required
          autoComplete="new-password"
          value={confirmPassword}
          onChange={(event) => setConfirm(event.target.value)}
          error={errors.confirmPassword}
        />
        <Button type="submit" size="lg" data-primary disabled={busy}>
          {t('counter.password.submit')}
        </Button>
      </form>
    </>
  );
}
