import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, ErrorAlert, TextField } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import { kioskHistory, listKiosks, registerKiosk, setKioskStatus, type TownKiosk } from '../../api/admin';
import { formatMoment } from '../../format';
import { ScreenHeading } from '../../ScreenHeading';
import { useSubmission } from '../../useSubmission';

const KIOSK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/** 交付端末: the town's own certificate kiosks, registered with their public key, stopped and resumed. */
export function KiosksScreen() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [kiosks, setKiosks] = useState<TownKiosk[] | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [changing, setChanging] = useState<TownKiosk | undefined>();

  const load = useCallback(async () => {
    try {
      setKiosks(await listKiosks());
    } catch (error) {
      setFailure(error);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <ScreenHeading>{t('counter.nav.kiosks')}</ScreenHeading>
      <p className="mg-lead">{t('counter.admin.kiosks.lead')}</p>
      {done && <Alert tone="success">{done}</Alert>}
      {failure !== undefined && <ErrorAlert error={failure} />}
      <section className="console-section" aria-labelledby="kiosks-title">
        <h2 id="kiosks-title" className="mg-section-title">
          {t('counter.admin.kiosks.listTitle')}
        </h2>
        {kiosks && kiosks.length === 0 && <p className="console-muted">{t('counter.admin.kiosks.none')}</p>}
        {kiosks && kiosks.length > 0 && (
          <div className="console-table-wrap">
            <table className="mg-table console-table" data-testid="kiosks">
              <caption className="mg-visually-hidden">{t('counter.admin.kiosks.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('counter.admin.kiosks.kioskId')}</th>
                  <th scope="col">{t('counter.admin.kiosks.location')}</th>
                  <th scope="col">{t('counter.issue.status')}</th>
                  <th scope="col">{t('counter.admin.kiosks.history')}</th>
                  <th scope="col">
                    <span className="mg-visually-hidden">{t('counter.staff.colActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {kiosks.map((kiosk) => {
                  const inService = kiosk.status === 'in_service';
                  return (
                    <tr key={kiosk.kioskId} data-kiosk={kiosk.kioskId}>
                      <th scope="row" className="console-row-head console-code">
                        {kiosk.kioskId}
                      </th>
                      <td>
                        {kiosk.location}
                        <span className="console-cell-sub">
                          {kiosk.prefecture}・{kiosk.keyAlgorithm}
                        </span>
                      </td>
                      <td>
                        <span className={`console-status console-status--${inService ? 'active' : 'locked'}`}>
                          {inService
                            ? t('counter.admin.kiosks.inService')
                            : t('counter.admin.kiosks.outOfService')}
                        </span>
                        {kiosk.statusReason && <span className="console-cell-sub">{kiosk.statusReason}</span>}
                        {kiosk.statusChangedAt && (
                          <span className="console-cell-sub">
                            {formatMoment(new Date(kiosk.statusChangedAt), lng, false)}
                          </span>
                        )}
                      </td>
                      <td>
                        <KioskHistory kioskId={kiosk.kioskId} />
                      </td>
                      <td>
                        <Button variant="secondary" onClick={() => setChanging(kiosk)}>
                          {inService ? t('counter.admin.kiosks.stop') : t('counter.admin.kiosks.resume')}
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <RegisterKiosk
        onRegistered={async (kiosk) => {
          await load();
          setDone(t('counter.admin.kiosks.registered', { id: kiosk.kioskId }));
        }}
      />
      {changing && (
        <StatusDialog
          kiosk={changing}
          onClose={() => setChanging(undefined)}
          onDone={async (message) => {
            setChanging(undefined);
            await load();
            setDone(message);
          }}
        />
      )}
    </>
  );
}

function KioskHistory({ kioskId }: { kioskId: string }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [events, setEvents] = useState<Awaited<ReturnType<typeof kioskHistory>> | undefined>();
  return (
    <details
      className="console-details"
      onToggle={(event) => {
        if ((event.target as HTMLDetailsElement).open && !events)
          kioskHistory(kioskId).then(setEvents, () => setEvents([]));
      }}
    >
      <summary>{t('counter.audit.showDetails')}</summary>
      <ul className="console-list">
        {(events ?? []).map((e) => (
          <li key={e.seq}>
            {e.at ? formatMoment(new Date(e.at), lng, false) : ''} {e.action}
            {e.reason && <span className="console-muted">（{e.reason}）</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function StatusDialog({
  kiosk,
  onClose,
  onDone,
}: {
  kiosk: TownKiosk;
  onClose: () => void;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const stopping = kiosk.status === 'in_service';
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const submit = async () => {
    if (stopping && !reason.trim()) {
      setError(t('counter.staff.reasonRequired'));
      return;
    }
    try {
      await setKioskStatus(kiosk.kioskId, !stopping, reason.trim());
      await onDone(
        stopping
          ? t('counter.admin.kiosks.stopped', { id: kiosk.kioskId })
          : t('counter.admin.kiosks.resumed', { id: kiosk.kioskId }),
      );
    } catch (caught) {
      setFailure(caught);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={
        stopping
          ? t('counter.admin.kiosks.stopTitle', { id: kiosk.kioskId })
          : t('counter.admin.kiosks.resumeTitle', { id: kiosk.kioskId })
      }
      actions={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('counter.staff.cancel')}
          </Button>
          <Button variant={stopping ? 'danger' : 'primary'} onClick={() => void submit()}>
            {stopping ? t('counter.admin.kiosks.stop') : t('counter.admin.kiosks.resume')}
          </Button>
        </>
      }
    >
      <p>{stopping ? t('counter.admin.kiosks.stopLead') : t('counter.admin.kiosks.resumeLead')}</p>
      {failure !== undefined && <ErrorAlert error={failure} />}
      <TextField
        id="kiosk-status-reason"
        label={stopping ? t('counter.staff.reason') : t('counter.staff.reasonOptional')}
        description={t('counter.admin.kiosks.reasonDescription')}
        required={stopping}
        maxLength={200}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={error}
      />
    </Dialog>
  );
}

function RegisterKiosk({ onRegistered }: { onRegistered: (kiosk: TownKiosk) => Promise<void> }) {
  const { t } = useTranslation();
  const pemId = useId();
  const [kioskId, setKioskId] = useState('');
  const [location, setLocation] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [inCity, setInCity] = useState(true);
  const [pem, setPem] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, failure, setFailure, run } = useSubmission();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const id = kioskId.normalize('NFKC').trim();
    if (!KIOSK_ID.test(id)) found.kioskId = t('counter.admin.kiosks.errors.kioskId');
    if (!location.trim()) found.location = t('counter.admin.kiosks.errors.location');
    if ([...prefecture.trim()].length < 2) found.prefecture = t('counter.admin.kiosks.errors.prefecture');
    if (!/-----BEGIN PUBLIC KEY-----/.test(pem)) found.pem = t('counter.admin.kiosks.errors.pem');
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      const kiosk = await registerKiosk({
        kioskId: id,
        location: location.trim(),
        prefecture: prefecture.trim(),
        inCity,
        publicKeyPem: pem.trim(),
      });
      setKioskId('');
      setLocation('');
      setPem('');
      await onRegistered(kiosk);
    });
  };

  return (
    <section className="mg-card console-section" aria-labelledby="kiosk-register-title">
      <h2 id="kiosk-register-title" className="mg-card__title">
        {t('counter.admin.kiosks.registerTitle')}
      </h2>
      <p>{t('counter.admin.kiosks.registerLead')}</p>
      {failure !== undefined && <ErrorAlert error={failure} />}
      <form noValidate onSubmit={submit}>
        <div className="console-line-form__grid">
          <TextField
            id="kiosk-id"
            label={t('counter.admin.kiosks.kioskId')}
            description={t('counter.admin.kiosks.kioskIdDescription')}
            required
            autoComplete="off"
            spellCheck={false}
            value={kioskId}
            onChange={(event) => setKioskId(event.target.value)}
            error={errors.kioskId}
          />
          <TextField
            id="kiosk-location"
            label={t('counter.admin.kiosks.location')}
            description={t('counter.admin.kiosks.locationDescription')}
            required
            maxLength={200}
            value={location}
            onChange={(event) => setLocation(event.target.value)}
            error={errors.location}
          />
          <TextField
            id="kiosk-prefecture"
            label={t('counter.admin.kiosks.prefecture')}
            required
            maxLength={10}
            value={prefecture}
            onChange={(event) => setPrefecture(event.target.value)}
            error={errors.prefecture}
          />
        </div>
        <label className="console-check" htmlFor="kiosk-in-city">
          <input
            id="kiosk-in-city"
            type="checkbox"
            checked={inCity}
            onChange={(event) => setInCity(event.target.checked)}
          />
          <span>{t('counter.admin.kiosks.inCity')}</span>
        </label>
        <div className={`mg-field${errors.pem ? ' mg-field--invalid' : ''}`}>
          <label htmlFor={pemId} className="mg-field__label">
            {t('counter.admin.kiosks.publicKey')}
            <span className="mg-field__required" aria-hidden="true">
              {t('common.required')}
            </span>
          </label>
          <p id={`${pemId}-description`} className="mg-field__description">
            {t('counter.admin.kiosks.publicKeyDescription')}
          </p>
          <textarea
            id={pemId}
            className="mg-input console-textarea console-code"
            required
            rows={6}
            spellCheck={false}
            aria-invalid={errors.pem ? true : undefined}
            aria-describedby={`${pemId}-description${errors.pem ? ` ${pemId}-error` : ''}`}
            value={pem}
            onChange={(event) => setPem(event.target.value)}
          />
          {errors.pem && (
            <p id={`${pemId}-error`} className="mg-field__error">
              {errors.pem}
            </p>
          )}
        </div>
        <Button type="submit" data-primary disabled={busy}>
          {t('counter.admin.kiosks.register')}
        </Button>
      </form>
    </section>
  );
}
