import { type ComponentType, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, AppShell, Button, LanguageSwitcher } from '../shared/components';
import { fetchMunicipalities, type Municipality } from '../shared/municipalities';
import {
  onServerActivity,
  onSessionLost,
  readCsrfToken,
  type SessionEnd,
  storeCsrfToken,
} from './api/session';
import { fetchMe, type LoginResult, logOut, type StaffMe } from './api/staff';
import { ConsoleContext, type ConsoleSession } from './ConsoleContext';
import { ConsoleShell } from './ConsoleShell';
import { mayOpen, type ScreenId, screenOfRoute } from './navigation';
import { navigate, useRoute } from './router';
import { focusNextHeading } from './ScreenHeading';
import { AccountScreen } from './screens/AccountScreen';
import { AuditScreen } from './screens/AuditScreen';
import { FeesScreen } from './screens/admin/FeesScreen';
import { HoursScreen } from './screens/admin/HoursScreen';
import { KiosksScreen } from './screens/admin/KiosksScreen';
import { HomeScreen } from './screens/HomeScreen';
import { IssueScreen } from './screens/issue/IssueScreen';
import { LoginScreen } from './screens/LoginScreen';
import { MailScreen } from './screens/mail/MailScreen';
import { NotAllowedScreen, NotFoundScreen } from './screens/NotAllowedScreen';
import { ReviewsScreen } from './screens/ReviewsScreen';
import { SetupScreen } from './screens/SetupScreen';
import { StaffScreen } from './screens/StaffScreen';
import { StatsScreen } from './screens/StatsScreen';
import { municipalityLabel } from './screens/WorkstationForm';
import { loadWorkstation, type WorkstationSettings } from './workstation';

/** The screens this build has; the menu offers only these (navigation.ts lists them all). */
const SCREENS: Partial<Record<ScreenId, ComponentType>> = {
  home: HomeScreen,
  issue: IssueScreen,
  mail: MailScreen,
  reviews: ReviewsScreen,
  audit: AuditScreen,
  stats: StatsScreen,
  staff: StaffScreen,
  fees: FeesScreen,
  hours: HoursScreen,
  kiosks: KiosksScreen,
  account: AccountScreen,
};
const BUILT = new Set(Object.keys(SCREENS) as ScreenId[]);

/**
 * The server ends a session after `sessionIdleSeconds` without a request (30
 * minutes by default, src/staff/domain/login-limits.ts; GET /staff/me says how
 * long). The console clears the screen at the same moment, so that no resident's
 * record stays on an unattended desk, and warns shortly before.
 */
export const IDLE_LIMIT_MS = 30 * 60 * 1000;
const IDLE_CHECK_MS = 15 * 1000;

/** How long before the idle end the console warns: two minutes, or a quarter of a short limit. */
export function idleWarningMs(idleLimitMs: number): number {
  return Math.min(2 * 60 * 1000, Math.floor(idleLimitMs / 4));
}

type State =
  | { status: 'checking' }
  | { status: 'signedOut'; notice?: SessionEnd }
  | { status: 'signedIn'; me: StaffMe };

/** The staff console: login, first-login setup, then the shell with the screens the roles open. */
export function CounterApp() {
  const { t } = useTranslation();
  const route = useRoute();
  const [state, setState] = useState<State>({ status: 'checking' });
  const [workstation, setWorkstation] = useState<WorkstationSettings | undefined>(() => loadWorkstation());
  const [municipalities, setMunicipalities] = useState<Municipality[] | undefined>();
  const lastActivity = useRef(Date.now());
  const [idleWarning, setIdleWarning] = useState(false);
  // The idle limit of the session in hand, so the login screen can say how long the desk waited.
  const idleMinutes = useRef(IDLE_LIMIT_MS / 60_000);

  const signOut = useCallback((notice: SessionEnd) => {
    storeCsrfToken(undefined);
    focusNextHeading();
    setState((previous) =>
      previous.status === 'signedOut' && previous.notice ? previous : { status: 'signedOut', notice },
    );
  }, []);

  useEffect(() => {
    onSessionLost(signOut);
    onServerActivity(() => {
      lastActivity.current = Date.now();
      setIdleWarning(false);
    });
    return () => {
      onSessionLost(undefined);
      onServerActivity(undefined);
    };
  }, [signOut]);

  // A reload of a signed-in tab carries on; a tab without the CSRF token logs in afresh.
  useEffect(() => {
    if (!readCsrfToken()) {
      setState({ status: 'signedOut' });
      return;
    }
    const abort = new AbortController();
    fetchMe(abort.signal).then(
      (me) => setState({ status: 'signedIn', me }),
      () => {
        if (!abort.signal.aborted)
          setState((previous) => (previous.status === 'signedOut' ? previous : { status: 'signedOut' }));
      },
    );
    return () => abort.abort();
  }, []);

  const signedIn = state.status === 'signedIn' ? state.me : undefined;

  useEffect(() => {
    if (!signedIn || municipalities) return;
    fetchMunicipalities().then(setMunicipalities, () => setMunicipalities([]));
  }, [signedIn, municipalities]);

  // The idle and absolute ends of the session, mirrored so the screen clears itself on time.
  useEffect(() => {
    if (!signedIn) return;
    lastActivity.current = Date.now();
    const expiresAt = Date.parse(signedIn.expiresAt);
    const idleLimit = signedIn.sessionIdleSeconds ? signedIn.sessionIdleSeconds * 1000 : IDLE_LIMIT_MS;
    idleMinutes.current = Math.round(idleLimit / 60_000);
    const warnFrom = idleLimit - idleWarningMs(idleLimit);
    const timer = window.setInterval(() => {
      const now = Date.now();
      const idle = now - lastActivity.current;
      if (now >= expiresAt) signOut('expired');
      else if (idle >= idleLimit) {
        // End it on the server too, in case its limit is longer; a refusal changes nothing. The call
        // takes the CSRF token as it starts, before signing out forgets it.
        void logOut().catch(() => undefined);
        setIdleWarning(false);
        signOut('idle');
      } else setIdleWarning(idle >= warnFrom);
    }, IDLE_CHECK_MS);
    return () => {
      window.clearInterval(timer);
      setIdleWarning(false);
    };
  }, [signedIn, signOut]);

  const refreshMe = useCallback(async () => {
    const me = await fetchMe();
    setState({ status: 'signedIn', me });
  }, []);

  const loggedIn = useCallback(async (_result: LoginResult, desk: WorkstationSettings) => {
    setWorkstation(desk);
    const me = await fetchMe();
    focusNextHeading();
    setState({ status: 'signedIn', me });
  }, []);

  const logout = useCallback(async () => {
    try {
      await logOut();
    } catch {
      // Already ended on the server (expired, revoked): the desk is signed out all the same.
    }
    navigate('', { replace: true });
    signOut('loggedOut');
  }, [signOut]);

  const screen = screenOfRoute(route);
  const screenTitle = screen ? t(`counter.nav.${screen.id}`) : undefined;
  useEffect(() => {
    if (signedIn && !signedIn.setup.required && screenTitle)
      document.title = `${screenTitle} | ${t('counter.documentTitle')}`;
    else document.title = t('counter.documentTitle');
  }, [signedIn, screenTitle, t]);

  if (state.status === 'checking')
    return (
      <AppShell product={t('counter.title')} badge={t('counter.badge')} headerEnd={<LanguageSwitcher />}>
        <p className="console-checking" role="status">
          {t('common.loading')}
        </p>
      </AppShell>
    );

  if (state.status === 'signedOut')
    return <LoginScreen notice={state.notice} idleMinutes={idleMinutes.current} onLoggedIn={loggedIn} />;

  const me = state.me;
  if (me.setup.required) return <SetupScreen me={me} onDone={refreshMe} onLogout={() => void logout()} />;

  const session: ConsoleSession = {
    me,
    municipalityName: municipalityLabel(municipalities, me.municipalityCode),
    workstation,
    built: BUILT,
    refreshMe,
  };
  const Screen = screen ? SCREENS[screen.id] : undefined;
  let content: ReactNode;
  if (!screen || !Screen) content = <NotFoundScreen />;
  else if (!mayOpen(screen, me.permissions)) content = <NotAllowedScreen />;
  else content = <Screen />;

  return (
    <ConsoleContext.Provider value={session}>
      <ConsoleShell current={screen?.id} onLogout={() => void logout()}>
        {idleWarning && <IdleWarning onContinue={() => void refreshMe().catch(() => undefined)} />}
        {content}
      </ConsoleShell>
    </ConsoleContext.Provider>
  );
}

/** Shown shortly before an idle session ends: one press (a request to the server) keeps it. */
function IdleWarning({ onContinue }: { onContinue: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="console-idle-warning" data-testid="idle-warning">
      <Alert tone="warning" live="assertive" title={t('counter.session.idleWarningTitle')}>
        <p>{t('counter.session.idleWarning')}</p>
        <Button variant="secondary" onClick={onContinue}>
          {t('counter.session.idleContinue')}
        </Button>
      </Alert>
    </div>
  );
}
