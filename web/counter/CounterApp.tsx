import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  AppShell,
  Button,
  ErrorAlert,
  LanguageSwitcher,
  RadioGroup,
  Select,
  TextField,
} from '../shared/components';
import { fetchMunicipalities, type Municipality } from '../shared/municipalities';
import {
  COUNTER_KINDS,
  type CounterKind,
  loadWorkstation,
  parseCounterNumber,
  saveWorkstation,
  type WorkstationSettings,
} from './workstation';

type Field = 'municipality' | 'counterNumber' | 'kind';
type Errors = Partial<Record<Field, string>>;

const FIELD_IDS: Record<Field, string> = {
  municipality: 'workstation-municipality',
  counterNumber: 'workstation-counter-number',
  kind: 'workstation-kind',
};

/** The staff counter's landing: set up which counter this workstation is. */
export function CounterApp() {
  const { t } = useTranslation();
  const saved = useRef(loadWorkstation()).current;
  const [municipalities, setMunicipalities] = useState<Municipality[] | undefined>();
  const [loadError, setLoadError] = useState<unknown>();
  const [municipality, setMunicipality] = useState(saved?.municipality ?? '');
  const [counterNumber, setCounterNumber] = useState(saved ? String(saved.counterNumber) : '');
  const [kind, setKind] = useState<CounterKind | undefined>(saved?.kind);
  const [errors, setErrors] = useState<Errors>({});
  const [savedNow, setSavedNow] = useState<WorkstationSettings | undefined>();
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    fetchMunicipalities(abort.signal).then(setMunicipalities, (error: unknown) => {
      if (!abort.signal.aborted) setLoadError(error);
    });
    return () => abort.abort();
  }, []);

  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount > 0) summary.current?.focus();
  }, [errorCount]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = parseCounterNumber(counterNumber);
    const found: Errors = {};
    if (!municipality) found.municipality = t('counter.municipalityRequired');
    if (number === undefined) found.counterNumber = t('counter.counterNumberInvalid');
    if (!kind) found.kind = t('counter.kindRequired');
    setErrors(found);
    if (Object.keys(found).length > 0 || number === undefined || !kind) {
      setSavedNow(undefined);
      return;
    }
    const settings = { municipality, counterNumber: number, kind };
    saveWorkstation(settings);
    setSavedNow(settings);
  };

  const municipalityName = (code: string) => {
    const found = municipalities?.find((m) => m.code === code);
    return found ? `${found.prefecture} ${found.name}` : code;
  };

  return (
    <AppShell product={t('counter.title')} badge={t('counter.badge')} headerEnd={<LanguageSwitcher />}>
      <h1 className="mg-page-title">{t('counter.title')}</h1>
      <p className="mg-lead">{t('counter.lead')}</p>

      <section className="mg-card mg-card--accent counter-settings" aria-labelledby="settings-title">
        <h2 id="settings-title" className="mg-card__title">
          {t('counter.settingsTitle')}
        </h2>

        {errorCount > 0 && (
          <div ref={summary} tabIndex={-1} className="counter-error-summary">
            <Alert tone="error" title={t('counter.errorSummary')}>
              <ul>
                {(Object.keys(errors) as Field[]).map((field) => (
                  <li key={field}>
                    <a href={`#${FIELD_IDS[field]}`}>{errors[field]}</a>
                  </li>
                ))}
              </ul>
            </Alert>
          </div>
        )}
        {savedNow && (
          <Alert tone="success">
            {t('counter.saved', {
              municipality: municipalityName(savedNow.municipality),
              number: savedNow.counterNumber,
              kind: t(`counter.kinds.${savedNow.kind}`),
            })}
          </Alert>
        )}
        {loadError !== undefined && <ErrorAlert error={loadError} />}
        {municipalities?.length === 0 && <Alert tone="warning">{t('counter.noMunicipalities')}</Alert>}

        <form noValidate onSubmit={submit}>
          <Select
            id={FIELD_IDS.municipality}
            label={t('counter.municipalityLabel')}
            description={t('counter.municipalityDescription')}
            placeholder={municipalities ? t('counter.municipalityPlaceholder') : t('common.loading')}
            required
            value={municipality}
            onChange={(event) => setMunicipality(event.target.value)}
            error={errors.municipality}
            options={(municipalities ?? []).map((m) => ({
              value: m.code,
              label: `${m.prefecture} ${m.name}（${m.code}）`,
            }))}
          />
          <TextField
            id={FIELD_IDS.counterNumber}
            label={t('counter.counterNumberLabel')}
            description={t('counter.counterNumberDescription')}
            required
            inputMode="numeric"
            autoComplete="off"
            className="counter-number"
            value={counterNumber}
            onChange={(event) => setCounterNumber(event.target.value)}
            error={errors.counterNumber}
          />
          <RadioGroup
            id={FIELD_IDS.kind}
            name="kind"
            legend={t('counter.kindLabel')}
            required
            value={kind}
            onChange={(value) => setKind(value as CounterKind)}
            error={errors.kind}
            options={COUNTER_KINDS.map((value) => ({ value, label: t(`counter.kinds.${value}`) }))}
          />
          <Button type="submit" size="lg" data-primary>
            {t('counter.save')}
          </Button>
        </form>
      </section>
    </AppShell>
  );
}
