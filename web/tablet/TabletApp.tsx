import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api';
import { Alert, AppShell, Button, ErrorAlert, LanguageSwitcher, TextField } from '../shared/components';
import { changeLanguage } from '../shared/i18n';
import {
  confirmNotification,
  type SignatureStrokes,
  type TabletView,
  tabletView,
} from '../shared/moving/api';
import { fullName, sameName } from '../shared/moving/content';
import { DraftSummary } from '../shared/moving/DraftSummary';
import { openTabletChannel, type TabletMessage } from '../shared/moving/tabletChannel';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';

type Screen =
  | { name: 'waiting' }
  | { name: 'loading'; reference: string }
  | { name: 'confirm'; view: TabletView }
  | { name: 'signed'; view: TabletView }
  | { name: 'failed'; error: unknown };

/**
 * The resident's screen at the counter (書かない窓口): the notification as it
 * will be filed, in large type, then a signature with a finger — or, for
 * anyone who cannot draw, a confirmation by typing the name. It is the counter
 * terminal's second screen: it shows what the clerk sends it and nothing else,
 * never the register's other data.
 */
export function TabletApp() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ name: 'waiting' });
  const csrf = useRef<string | undefined>(undefined);
  const channel = useRef<BroadcastChannel | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);

  const show = useCallback(async (reference: string) => {
    setScreen({ name: 'loading', reference });
    try {
      const view = await tabletView({ csrf: csrf.current }, reference);
      setScreen(view.signed ? { name: 'signed', view } : { name: 'confirm', view });
    } catch (error) {
      setScreen({ name: 'failed', error });
    }
  }, []);

  useEffect(() => {
    const onMessage = (message: TabletMessage) => {
      if (message.type === 'show') {
        csrf.current = message.csrf;
        void show(message.reference);
      } else if (message.type === 'clear') {
        // The next resident starts afresh, in Japanese.
        setScreen({ name: 'waiting' });
        void changeLanguage('ja');
      }
    };
    channel.current = openTabletChannel(onMessage);
    channel.current?.postMessage({ type: 'hello' } satisfies TabletMessage);
    return () => channel.current?.close();
  }, [show]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new screen (not a new render) moves focus to its heading.
  useEffect(() => {
    heading.current?.focus();
  }, [screen.name]);

  const post = (message: TabletMessage) => channel.current?.postMessage(message);

  return (
    <AppShell product={t('tablet.title')} headerEnd={<LanguageSwitcher />} className="tablet-shell">
      {screen.name === 'waiting' && (
        <div className="tablet-waiting">
          <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
            {t('tablet.waitingTitle')}
          </h1>
          <p className="mg-lead">{t('tablet.waitingText')}</p>
        </div>
      )}
      {screen.name === 'loading' && (
        <div>
          <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
            {t('tablet.loadingTitle')}
          </h1>
          <p role="status">{t('common.loading')}</p>
        </div>
      )}
      {screen.name === 'failed' && (
        <div>
          <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
            {t('tablet.failedTitle')}
          </h1>
          <ErrorAlert error={screen.error} />
          <p>{t('tablet.failedText')}</p>
        </div>
      )}
      {screen.name === 'confirm' && (
        <ConfirmScreen
          view={screen.view}
          headingRef={heading}
          csrf={csrf.current}
          onSigned={(view) => {
            setScreen({ name: 'signed', view });
            post({ type: 'signed', reference: view.reference, contentVersion: view.contentVersion });
          }}
          onDeclined={() => post({ type: 'declined', reference: screen.view.reference })}
          onStale={() => void show(screen.view.reference)}
        />
      )}
      {screen.name === 'signed' && (
        <div className="tablet-signed">
          <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
            {t('tablet.signedTitle')}
          </h1>
          <Alert tone="success">{t('tablet.signedText')}</Alert>
        </div>
      )}
    </AppShell>
  );
}

function ConfirmScreen({
  view,
  headingRef,
  csrf,
  onSigned,
  onDeclined,
  onStale,
}: {
  view: TabletView;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  csrf: string | undefined;
  onSigned: (view: TabletView) => void;
  onDeclined: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const pad = useRef<SignaturePadHandle>(null);
  const [signature, setSignature] = useState<SignatureStrokes>();
  const [typing, setTyping] = useState(false);
  const [typedName, setTypedName] = useState('');
  const [typedError, setTypedError] = useState<string>();
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [typedUnsupported, setTypedUnsupported] = useState(false);
  const [declined, setDeclined] = useState(false);
  const [busy, setBusy] = useState(false);
  const typedField = useRef<HTMLInputElement>(null);

  const send = async (body: Parameters<typeof confirmNotification>[2]) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await confirmNotification({ csrf }, view.reference, body);
      onSigned(view);
    } catch (error) {
      if (isApiError(error) && error.code === 'notification_content_changed') onStale();
      // The server does not know a typed confirmation: say so plainly rather than show a validation error.
      else if ('typedName' in body && isApiError(error) && error.code === 'invalid_input')
        setTypedUnsupported(true);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const signWithStrokes = () => {
    if (!signature) {
      setMissing(true);
      return;
    }
    void send({ contentVersion: view.contentVersion, signature });
  };

  // Who may confirm by name: the person filing, or (when no one is named) one of the movers.
  const names = [...(view.notifier ? [fullName(view.notifier)] : []), ...view.movers.map((m) => fullName(m))];
  const signWithName = () => {
    const typed = typedName.trim();
    if (!typed) {
      setTypedError(t('tablet.typedRequired'));
      typedField.current?.focus();
      return;
    }
    if (!names.some((name) => sameName(name, typed))) {
      setTypedError(t('tablet.typedMismatch'));
      typedField.current?.focus();
      return;
    }
    setTypedError(undefined);
    void send({ contentVersion: view.contentVersion, typedName: typed });
  };

  return (
    <div className="tablet-confirm">
      <p className="moving-kind-label">{t(`moving.kinds.${view.kind}`)}</p>
      <h1 className="mg-page-title" tabIndex={-1} ref={headingRef}>
        {t('tablet.confirmTitle')}
      </h1>
      <p className="mg-lead">{t('tablet.confirmLead')}</p>
      <div className="tablet-contents">
        <DraftSummary
          kind={view.kind}
          headingLevel={2}
          compact
          content={{
            moveDate: view.moveDate ?? undefined,
            from: view.from ?? undefined,
            to: view.to ?? undefined,
            wholeHousehold: view.wholeHousehold ?? undefined,
            household: view.household ?? undefined,
            dogs: view.dogs,
            notifier: view.notifier ?? undefined,
            movers: view.movers.map((m) => ({ ...m, sex: m.sex === 'F' ? 'F' : 'M' })),
          }}
        />
      </div>

      {declined ? (
        <Alert tone="info" live="polite">
          {t('tablet.declinedText')}
        </Alert>
      ) : (
        <section className="tablet-signature" aria-labelledby="signature-heading">
          <h2 id="signature-heading" className="mg-section-title">
            {t('tablet.signTitle')}
          </h2>
          <p id="signature-help">{t('tablet.signHelp')}</p>
          {failure !== undefined && <ErrorAlert error={failure} />}
          {missing && !signature && (
            <Alert tone="error" live="assertive">
              {t('tablet.signatureMissing')}
            </Alert>
          )}
          <SignaturePad
            ref={pad}
            label={t('tablet.padLabel')}
            describedBy="signature-help"
            onChange={setSignature}
          />
          <div className="mg-actions tablet-actions">
            <Button variant="secondary" onClick={() => pad.current?.clear()} disabled={busy}>
              {t('tablet.clear')}
            </Button>
            <Button size="lg" onClick={signWithStrokes} disabled={busy} data-primary>
              {t('tablet.sign')}
            </Button>
          </div>

          <div className="tablet-typed">
            <Button
              variant="tertiary"
              aria-expanded={typing}
              aria-controls="typed-confirmation"
              onClick={() => {
                setTyping((open) => !open);
                requestAnimationFrame(() => typedField.current?.focus());
              }}
            >
              {t('tablet.typedToggle')}
            </Button>
            <div id="typed-confirmation" hidden={!typing} className="tablet-typed__form">
              <p>{t('tablet.typedHelp')}</p>
              {typedUnsupported && (
                <Alert tone="warning" live="assertive">
                  {t('tablet.typedUnsupported')}
                </Alert>
              )}
              <form
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  signWithName();
                }}
              >
                <TextField
                  ref={typedField}
                  label={t('tablet.typedLabel')}
                  description={t('tablet.typedDescription')}
                  value={typedName}
                  onChange={(event) => setTypedName(event.target.value)}
                  error={typedError}
                  autoComplete="off"
                  required
                />
                <div className="mg-actions">
                  <Button type="submit" variant="primary" disabled={busy}>
                    {t('tablet.typedSubmit')}
                  </Button>
                </div>
              </form>
            </div>
          </div>

          <div className="tablet-decline">
            <Button
              variant="tertiary"
              onClick={() => {
                setDeclined(true);
                onDeclined();
              }}
            >
              {t('tablet.decline')}
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
