import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  CheckboxGroup,
  Dialog,
  ErrorAlert,
  RadioGroup,
  TextField,
} from '../../shared/components';
import { useLanguage } from '../../shared/i18n/useLanguage';
import {
  type AccountAction,
  actOnAccount,
  changeAccountRoles,
  createStaffAccount,
  isRole,
  listStaffAccounts,
  ROLES,
  type Role,
  roleConflict,
  type StaffAccount,
} from '../api/staff';
import { useConsole } from '../ConsoleContext';
import { ErrorSummary, type FieldErrors } from '../ErrorSummary';
import { formatClock, formatMoment } from '../format';
import { ScreenHeading } from '../ScreenHeading';

/** What the login ID may be (src/staff/http/staff.schemas.ts). */
const LOGIN_NAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

type DialogAction = AccountAction | 'roles';

/** The actions that make sense for an account in its present state, in the order offered. */
export function actionsFor(account: StaffAccount): DialogAction[] {
  if (account.status === 'disabled') return ['enable'];
  return [
    ...(account.status === 'locked' ? (['unlock'] as const) : []),
    'password-reset',
    ...(account.totpEnrolled ? (['totp-reset'] as const) : []),
    'roles',
    'disable',
  ];
}

/** 職員管理: the municipality's staff accounts, for the administrator. */
export function StaffScreen() {
  const { t } = useTranslation();
  const { me } = useConsole();
  const [accounts, setAccounts] = useState<
    { state: 'loading' } | { state: 'ok'; list: StaffAccount[] } | { state: 'failed'; error: unknown }
  >({ state: 'loading' });
  const [creating, setCreating] = useState(false);
  const [managing, setManaging] = useState<StaffAccount | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const doneRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    try {
      setAccounts({ state: 'ok', list: await listStaffAccounts() });
    } catch (error) {
      setAccounts({ state: 'failed', error });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const finished = async (message: string) => {
    await load();
    setDone(message);
    requestAnimationFrame(() => doneRef.current?.focus());
  };

  return (
    <>
      <ScreenHeading>{t('counter.nav.staff')}</ScreenHeading>
      <p className="mg-lead">{t('counter.staff.lead')}</p>
      <div ref={doneRef} tabIndex={-1} className="console-focus-target">
        {done && <Alert tone="success">{done}</Alert>}
      </div>
      <div className="mg-actions console-toolbar">
        <Button
          aria-expanded={creating}
          aria-controls="staff-create"
          variant={creating ? 'secondary' : 'primary'}
          onClick={() => setCreating(!creating)}
        >
          {creating ? t('counter.staff.closeCreate') : t('counter.staff.openCreate')}
        </Button>
      </div>
      {creating && (
        <CreateStaff
          onCreated={(name) => void load().then(() => setDone(t('counter.staff.created', { name })))}
        />
      )}

      <section className="console-section" aria-labelledby="staff-list-title">
        <h2 id="staff-list-title" className="mg-section-title">
          {t('counter.staff.listTitle')}
        </h2>
        {accounts.state === 'loading' && <p role="status">{t('common.loading')}</p>}
        {accounts.state === 'failed' && <ErrorAlert error={accounts.error} />}
        {accounts.state === 'ok' && (
          <StaffTable list={accounts.list} selfId={me.staffId} onManage={setManaging} />
        )}
      </section>

      {managing && (
        <ManageAccount
          account={managing}
          onClose={() => setManaging(undefined)}
          onDone={(message) => {
            setManaging(undefined);
            void finished(message);
          }}
          onChanged={() => void load()}
        />
      )}
    </>
  );
}

function StaffTable({
  list,
  selfId,
  onManage,
}: {
  list: StaffAccount[];
  selfId: string;
  onManage: (account: StaffAccount) => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  return (
    <div className="console-table-wrap">
      <table className="mg-table console-table">
        <caption className="mg-visually-hidden">
          {t('counter.staff.caption', { number: list.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('counter.staff.colName')}</th>
            <th scope="col">{t('counter.staff.colLogin')}</th>
            <th scope="col">{t('counter.staff.colRoles')}</th>
            <th scope="col">{t('counter.staff.colStatus')}</th>
            <th scope="col">{t('counter.staff.colSetup')}</th>
            <th scope="col">{t('counter.staff.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((account) => (
            <tr key={account.staffId} data-login={account.loginName}>
              <th scope="row" className="console-row-head">
                {account.displayName}
              </th>
              <td className="console-code">{account.loginName}</td>
              <td>
                {account.roles
                  .filter(isRole)
                  .map((role) => t(`counter.roles.${role}`))
                  .join('・')}
              </td>
              <td>
                <span className={`console-status console-status--${account.status}`}>
                  {t(`counter.staff.status.${account.status}`)}
                </span>
                {account.status === 'locked' && account.lockedUntil && (
                  <span className="console-cell-sub">
                    {t('counter.staff.lockedUntil', {
                      time: formatClock(new Date(account.lockedUntil), lng),
                    })}
                  </span>
                )}
                {account.failedAttempts > 0 && account.status !== 'locked' && (
                  <span className="console-cell-sub">
                    {t('counter.staff.failedAttempts', { number: account.failedAttempts })}
                  </span>
                )}
              </td>
              <td>
                {account.mustChangePassword && (
                  <span className="console-cell-main">{t('counter.staff.setupPassword')}</span>
                )}
                {!account.totpEnrolled && (
                  <span className="console-cell-main">{t('counter.staff.setupTotp')}</span>
                )}
                {!account.mustChangePassword && account.totpEnrolled && (
                  <span className="console-cell-main">{t('counter.staff.setupDone')}</span>
                )}
                <span className="console-cell-sub">
                  {t('counter.staff.passwordChangedAt', {
                    time: formatMoment(new Date(account.passwordChangedAt), lng, false),
                  })}
                </span>
              </td>
              <td>
                {account.staffId === selfId ? (
                  <span className="console-cell-sub">{t('counter.staff.self')}</span>
                ) : (
                  <Button
                    variant="secondary"
                    onClick={() => onManage(account)}
                    aria-label={t('counter.staff.manageLabel', { name: account.displayName })}
                  >
                    {t('counter.staff.manage')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type CreateField = 'displayName' | 'loginName' | 'roles';
const CREATE_IDS: Record<CreateField, string> = {
  displayName: 'staff-display-name',
  loginName: 'staff-login-name',
  roles: 'staff-roles',
};

function CreateStaff({ onCreated }: { onCreated: (name: string) => void }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState('');
  const [loginName, setLoginName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors<CreateField>>({});
  const [failure, setFailure] = useState<unknown>();
  const [created, setCreated] = useState<{ name: string; loginName: string; temporaryPassword: string }>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const createdRef = useRef<HTMLDivElement>(null);

  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount > 0) summary.current?.focus();
  }, [errorCount]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const name = displayName.trim();
    const login = loginName.normalize('NFKC').trim().toLowerCase();
    const found: FieldErrors<CreateField> = {};
    if (!name) found.displayName = t('counter.staff.displayNameRequired');
    if (!LOGIN_NAME.test(login)) found.loginName = t('counter.staff.loginNameInvalid');
    if (roles.length === 0) found.roles = t('counter.staff.rolesRequired');
    else if (roleConflict(roles)) found.roles = t('counter.staff.rolesConflict');
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await createStaffAccount({
        displayName: name,
        loginName: login,
        roles: roles.filter(isRole),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setCreated({ name, loginName: result.loginName, temporaryPassword: result.temporaryPassword });
      setDisplayName('');
      setLoginName('');
      setRoles([]);
      setReason('');
      onCreated(name);
      requestAnimationFrame(() => createdRef.current?.focus());
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      id="staff-create"
      className="mg-card mg-card--accent console-section"
      aria-labelledby="staff-create-title"
    >
      <h2 id="staff-create-title" className="mg-card__title">
        {t('counter.staff.createTitle')}
      </h2>
      <div ref={createdRef} tabIndex={-1} className="console-focus-target">
        {created && (
          <TemporaryPassword
            title={t('counter.staff.createdTitle', { name: created.name, login: created.loginName })}
            password={created.temporaryPassword}
            onDismiss={() => setCreated(undefined)}
          />
        )}
      </div>
      <p>{t('counter.staff.createLead')}</p>
      <ErrorSummary ref={summary} title={t('counter.errorSummary')} errors={errors} fieldIds={CREATE_IDS} />
      {failure !== undefined && <ErrorAlert error={failure} />}
      <form noValidate onSubmit={submit}>
        <TextField
          id={CREATE_IDS.displayName}
          label={t('counter.staff.displayName')}
          description={t('counter.staff.displayNameDescription')}
          required
          maxLength={100}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={errors.displayName}
        />
        <TextField
          id={CREATE_IDS.loginName}
          label={t('counter.staff.loginName')}
          description={t('counter.staff.loginNameDescription')}
          required
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={32}
          value={loginName}
          onChange={(event) => setLoginName(event.target.value)}
          error={errors.loginName}
        />
        <RoleChoice id={CREATE_IDS.roles} values={roles} onChange={setRoles} error={errors.roles} />
        <TextField
          id="staff-create-reason"
          label={t('counter.staff.reasonOptional')}
          description={t('counter.staff.reasonDescription')}
          maxLength={400}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <Button type="submit" data-primary disabled={busy}>
          {t('counter.staff.create')}
        </Button>
      </form>
    </section>
  );
}

function RoleChoice({
  id,
  values,
  onChange,
  error,
}: {
  id: string;
  values: string[];
  onChange: (values: string[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <CheckboxGroup
      id={id}
      name={id}
      legend={t('counter.staff.roles')}
      description={t('counter.staff.rolesDescription')}
      required
      values={values}
      onChange={onChange}
      error={error}
      options={ROLES.map((role: Role) => ({
        value: role,
        label: t(`counter.roles.${role}`),
        hint: t(`counter.roleHints.${role}`),
      }))}
    />
  );
}

/** Shown once: the server never tells it again. */
function TemporaryPassword({
  title,
  password,
  onDismiss,
}: {
  title: string;
  password: string;
  onDismiss?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert tone="warning" title={title} live="polite">
      <p>{t('counter.staff.temporaryPasswordLead')}</p>
      <p className="console-secret" data-testid="temporary-password">
        {password}
      </p>
      <p>{t('counter.staff.temporaryPasswordOnce')}</p>
      {onDismiss && (
        <Button variant="secondary" onClick={onDismiss}>
          {t('counter.staff.temporaryPasswordDone')}
        </Button>
      )}
    </Alert>
  );
}

function ManageAccount({
  account,
  onClose,
  onDone,
  onChanged,
}: {
  account: StaffAccount;
  onClose: () => void;
  onDone: (message: string) => void;
  /** Something changed but the dialog stays (a temporary password is on show). */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const actions = actionsFor(account);
  const [action, setAction] = useState<DialogAction | undefined>(
    actions.length === 1 ? actions[0] : undefined,
  );
  const [roles, setRoles] = useState<string[]>(account.roles.filter(isRole));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ action?: string; reason?: string; roles?: string }>({});
  const [failure, setFailure] = useState<unknown>();
  const [temporary, setTemporary] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const name = account.displayName;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    if (!action) found.action = t('counter.staff.actionRequired');
    if (!reason.trim()) found.reason = t('counter.staff.reasonRequired');
    if (action === 'roles') {
      if (roles.length === 0) found.roles = t('counter.staff.rolesRequired');
      else if (roleConflict(roles)) found.roles = t('counter.staff.rolesConflict');
    }
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0 || !action) return;
    setBusy(true);
    try {
      if (action === 'roles') {
        await changeAccountRoles(account.staffId, roles.filter(isRole), reason.trim());
        onDone(t('counter.staff.done.roles', { name }));
        return;
      }
      const result = await actOnAccount(account.staffId, action, reason.trim());
      if (action === 'password-reset' && result.temporaryPassword) {
        setTemporary(result.temporaryPassword);
        onChanged();
      } else onDone(t(`counter.staff.done.${action}`, { name }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const title = t('counter.staff.manageTitle', { name, login: account.loginName });
  if (temporary)
    return (
      <Dialog
        open
        onClose={() => onDone(t('counter.staff.done.password-reset', { name }))}
        title={title}
        actions={
          <Button onClick={() => onDone(t('counter.staff.done.password-reset', { name }))}>
            {t('counter.staff.temporaryPasswordDone')}
          </Button>
        }
      >
        <TemporaryPassword title={t('counter.staff.resetTitle')} password={temporary} />
      </Dialog>
    );

  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      actions={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('counter.staff.cancel')}
          </Button>
          <Button
            variant={action === 'disable' ? 'danger' : 'primary'}
            onClick={() => void submit()}
            disabled={busy}
          >
            {action ? t(`counter.staff.actions.${action}`) : t('counter.staff.run')}
          </Button>
        </>
      }
    >
      {failure !== undefined && <ErrorAlert error={failure} />}
      <form noValidate onSubmit={submit} className="console-dialog-form">
        <RadioGroup
          id="manage-action"
          name="manage-action"
          legend={t('counter.staff.actionLegend')}
          required
          value={action}
          onChange={(value) => setAction(value as DialogAction)}
          error={errors.action}
          options={actions.map((value) => ({
            value,
            label: t(`counter.staff.actions.${value}`),
            hint: t(`counter.staff.actionHints.${value}`),
          }))}
        />
        {action === 'roles' && (
          <RoleChoice id="manage-roles" values={roles} onChange={setRoles} error={errors.roles} />
        )}
        <TextField
          id="manage-reason"
          label={t('counter.staff.reason')}
          description={t('counter.staff.reasonDescription')}
          required
          maxLength={400}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
        />
      </form>
    </Dialog>
  );
}
