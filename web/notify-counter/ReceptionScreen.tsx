import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorAlert, TextField } from '../shared/components';
import { openNotification } from '../shared/moving/api';
import { MOVE_KINDS, referenceFromScan } from '../shared/moving/content';
import { CameraScanner, cameraScanningAvailable } from './CameraScanner';
import { readCsrf } from './session';
import { useTablet } from './tablet';

/**
 * 受付: the resident shows the QR code. A USB scanner types the code's text
 * into the focused field and presses Enter; a camera reads it where the browser
 * can; a reference read aloud can be typed. The paper path starts here too.
 */
export function ReceptionScreen({ navigate }: { navigate: (path: string) => void }) {
  const { t } = useTranslation();
  const tablet = useTablet();
  const field = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);
  const [canUseCamera] = useState(cameraScanningAvailable);

  useEffect(() => {
    // A new person at the counter: the tablet waits, the scanner field is ready.
    tablet.clear();
    field.current?.focus();
  }, [tablet]);

  const open = useCallback(
    async (scanned: string) => {
      const reference = referenceFromScan(scanned);
      if (!reference) {
        setError(t('notify-counter.scan.empty'));
        field.current?.focus();
        return;
      }
      setError(undefined);
      setFailure(undefined);
      setBusy(true);
      try {
        const view = await openNotification({ csrf: readCsrf() }, reference);
        navigate(`n/${view.reference}`);
      } catch (caught) {
        setFailure(caught);
        // Ready for the next scan: the old text selected, so a scan replaces it.
        requestAnimationFrame(() => field.current?.select());
      } finally {
        setBusy(false);
      }
    },
    [navigate, t],
  );

  return (
    <div className="notify-reception">
      <h1 className="mg-page-title" tabIndex={-1}>
        {t('notify-counter.reception.title')}
      </h1>
      <p className="mg-lead">{t('notify-counter.reception.lead')}</p>

      <div className="notify-reception__grid">
        <section className="mg-card mg-card--accent" aria-labelledby="scan-title">
          <h2 id="scan-title" className="mg-card__title">
            {t('notify-counter.scan.title')}
          </h2>
          {failure !== undefined && <ErrorAlert error={failure} className="notify-scan__error" />}
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void open(text);
            }}
          >
            <TextField
              ref={field}
              id="scan-input"
              label={t('notify-counter.scan.label')}
              description={t('notify-counter.scan.hint')}
              value={text}
              onChange={(event) => setText(event.target.value)}
              error={error}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              className="notify-scan__field"
            />
            <div className="mg-actions">
              <Button type="submit" size="lg" disabled={busy} data-primary>
                {t('notify-counter.scan.open')}
              </Button>
              {canUseCamera && !camera && (
                <Button variant="secondary" onClick={() => setCamera(true)}>
                  {t('notify-counter.scan.camera')}
                </Button>
              )}
            </div>
          </form>
          {camera && (
            <CameraScanner
              onDetected={(value) => {
                setCamera(false);
                setText(value);
                void open(value);
              }}
              onClose={() => {
                setCamera(false);
                field.current?.focus();
              }}
            />
          )}
        </section>

        <section className="mg-card" aria-labelledby="paper-title">
          <h2 id="paper-title" className="mg-card__title">
            {t('notify-counter.paper.title')}
          </h2>
          <p>{t('notify-counter.paper.lead')}</p>
          <ul className="notify-paper-kinds">
            {MOVE_KINDS.map((kind) => (
              <li key={kind}>
                <Button variant="secondary" onClick={() => navigate(`paper/${kind}`)}>
                  {t('notify-counter.paper.start', { kind: t(`moving.kinds.${kind}`) })}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
