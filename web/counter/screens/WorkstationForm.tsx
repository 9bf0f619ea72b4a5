import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ErrorAlert, RadioGroup, Select, TextField } from '../../shared/components';
import type { Municipality } from '../../shared/municipalities';
import { ErrorSummary, type FieldErrors } from '../ErrorSummary';
import {
  COUNTER_KINDS,
  type CounterKind,
  parseCounterNumber,
  parseTerminalId,
  saveWorkstation,
  type WorkstationSettings,
} from '../workstation';

type Field = 'municipality' | 'counterNumber' | 'kind' | 'terminalId';

const FIELD_IDS: Record<Field, string> = {
  municipality: 'workstation-municipality',
  counterNumber: 'workstation-counter-number',
  kind: 'workstation-kind',
  terminalId: 'workstation-terminal-id',
};

export function municipalityLabel(municipalities: readonly Municipality[] | undefined, code: string): string {
  const found = municipalities?.find((m) => m.code === code);
  return found ? `${found.prefecture} ${found.name}` : code;
}

/** Which counter this workstation is: set once per desk, before anyone logs in on it. */
export function WorkstationForm({
  saved,
  municipalities,
  loadError,
  onSaved,
}: {
  saved: WorkstationSettings | undefined;
  municipalities: Municipality[] | undefined;
  loadError: unknown;
  onSaved: (settings: WorkstationSettings) => void;
}) {
  const { t } = useTranslation();
  const [municipality, setMunicipality] = useState(saved?.municipality ?? '');
  const [counterNumber, setCounterNumber] = useState(saved ? String(saved.counterNumber) : '');
  const [kind, setKind] = useState<CounterKind | undefined>(saved?.kind);
  const [terminalId, setTerminalId] = useState(saved?.terminalId ?? '');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [savedNow, setSavedNow] = useState<WorkstationSettings | undefined>();
  const summary = useRef<HTMLDivElement>(null);

  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount > 0) summary.current?.focus();
  }, [errorCount]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = parseCounterNumber(counterNumber);
    const terminal = parseTerminalId(terminalId);
    const found: FieldErrors<Field> = {};
    if (!municipality) found.municipality = t('counter.municipalityRequired');
    if (number === undefined) found.counterNumber = t('counter.counterNumberInvalid');
    if (!kind) found.kind = t('counter.kindRequired');
    if (terminal === null) found.terminalId = t('counter.terminalIdInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0 || number === undefined || !kind || terminal === null) {
      setSavedNow(undefined);
      return;
    }
    const settings: WorkstationSettings = {
      municipality,
      counterNumber: number,
      kind,
      ...(terminal ? { terminalId: terminal } : {}),
    };
    saveWorkstation(settings);
    setSavedNow(settings);
    onSaved(settings);
  };

  return (
    <>
      <ErrorSummary ref={summary} title={t('counter.errorSummary')} errors={errors} fieldIds={FIELD_IDS} />
      {savedNow && (
        <Alert tone="success">
          {t('counter.saved', {
            municipality: municipalityLabel(municipalities, savedNow.municipality),
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
        <TextField
          id={FIELD_IDS.terminalId}
          label={t('counter.terminalIdLabel')}
          description={t('counter.terminalIdDescription')}
          autoComplete="off"
          spellCheck={false}
          className="counter-terminal-id"
          value={terminalId}
          onChange={(event) => setTerminalId(event.target.value)}
          error={errors.terminalId}
        />
        <Button type="submit" size="lg" data-primary>
          {t('counter.save')}
        </Button>
      </form>
    </>
  );
}
