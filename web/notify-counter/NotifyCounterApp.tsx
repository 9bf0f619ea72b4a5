import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell, Button, ErrorAlert, LanguageSwitcher } from '../shared/components';
import { MOVE_KINDS, type MoveKind } from '../shared/moving/content';
import { useFamilyRoute } from '../shared/moving/router';
import { openTabletChannel, type TabletMessage } from '../shared/moving/tabletChannel';
import { LoginScreen } from './LoginScreen';
import { NotificationScreen } from './NotificationScreen';
import { PaperScreen } from './PaperScreen';
import { ReceptionScreen } from './ReceptionScreen';
import { fetchMe, logOut, readCsrf, type StaffMe } from './session';
import { TabletContext, type TabletLink } from './tablet';

/**
 * The clerk's screens of 書かない窓口, beside the staff console:
 *   /notify-counter/                  reception: scan the QR code (or type the reference), or start a paper form
 *   /notify-counter/n/<reference>     one notification: draft beside the register, tablet, ID check, decision
 *   /notify-counter/paper/<kind>      the paper path: the clerk types the resident's form
 * The tablet (/tablet/) is this terminal's second screen; they talk over a BroadcastChannel.
 */
export function NotifyCounterApp() {
  const { t } = useTranslation();
  const { path, navigate } = useFamilyRoute('notify-counter');
  const [me, setMe] = useState<StaffMe | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const refreshMe = useCallback(async () => {
    // Without the CSRF token (a new tab) the session cannot write anyway: log in here first.
    if (!readCsrf()) {
      setMe(null);
      return;
    }
    try {
      const who = await fetchMe();
      setMe(who && !who.setup.required ? who : null);
    } catch (error) {
      setFailure(error);
      setMe(null);
    }
  }, []);

  useEffect(() => {
    void refreshMe();
  }, [refreshMe]);

  // ---- the tablet: what it shows, and what it tells us
  const channel = useRef<BroadcastChannel | undefined>(undefined);
  const shown = useRef<string | undefined>(undefined);
  const listeners = useRef(new Set<(message: TabletMessage) => void>());
  const tabletSeen = useRef(false);
  useEffect(() => {
    channel.current = openTabletChannel((message) => {
      if (message.type === 'hello') {
        tabletSeen.current = true;
        const csrf = readCsrf();
        // A tablet that (re)opened while a notification was shown gets it again.
        if (shown.current && csrf)
          channel.current?.postMessage({ type: 'show', reference: shown.current, csrf });
      }
      for (const listener of listeners.current) listener(message);
    });
    return () => channel.current?.close();
  }, []);

  const tablet = useMemo<TabletLink>(
    () => ({
      available: typeof BroadcastChannel !== 'undefined',
      get seen() {
        return tabletSeen.current;
      },
      show(reference) {
        const csrf = readCsrf();
        if (!csrf || !channel.current) return false;
        shown.current = reference;
        channel.current.postMessage({ type: 'show', reference, csrf } satisfies TabletMessage);
        return true;
      },
      clear() {
        shown.current = undefined;
        channel.current?.postMessage({ type: 'clear' } satisfies TabletMessage);
      },
      subscribe(listener) {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [],
  );

  const parts = path.split('/').filter(Boolean);
  let screen: React.ReactNode;
  if (me === undefined) screen = <p role="status">{t('common.loading')}</p>;
  else if (me === null)
    screen = (
      <LoginScreen
        ended={ended}
        onLoggedIn={async () => {
          setEnded(false);
          await refreshMe();
        }}
      />
    );
  else if (parts[0] === 'n' && parts[1])
    screen = (
      <NotificationScreen
        key={parts[1]}
        reference={decodeURIComponent(parts[1])}
        navigate={navigate}
        onSessionLost={() => {
          setEnded(true);
          setMe(null);
        }}
      />
    );
  else if (parts[0] === 'paper' && (MOVE_KINDS as readonly string[]).includes(parts[1] ?? ''))
    screen = <PaperScreen key={parts[1]} kind={parts[1] as MoveKind} navigate={navigate} />;
  else screen = <ReceptionScreen navigate={navigate} />;

  return (
    <TabletContext.Provider value={tablet}>
      <AppShell
        product={t('notify-counter.title')}
        badge={t('notify-counter.badge')}
        className="notify-shell"
        headerEnd={
          <>
            {me && (
              <span className="notify-header__who">
                {t('notify-counter.loggedInAs', { name: me.displayName })}
              </span>
            )}
            {me && (
              <Button
                variant="secondary"
                onClick={() => {
                  // The second screen opens in its own window, to be moved to the tablet display.
                  window.open('/tablet/', 'madoguchi-tablet');
                }}
              >
                {t('notify-counter.openTablet')}
              </Button>
            )}
            <LanguageSwitcher />
            {me && (
              <Button
                variant="tertiary"
                onClick={() => {
                  tablet.clear();
                  void logOut().finally(() => setMe(null));
                }}
              >
                {t('notify-counter.logout')}
              </Button>
            )}
          </>
        }
      >
        {failure !== undefined && <ErrorAlert error={failure} />}
        {screen}
      </AppShell>
    </TabletContext.Provider>
  );
}
