import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorAlert, RadioGroup, Select } from '../shared/components';
import { createDraft } from '../shared/moving/api';
import { MOVE_KINDS, type MoveKind } from '../shared/moving/content';
import { focusField } from '../shared/moving/ErrorSummary';
import { fieldId } from '../shared/moving/fieldText';
import { fetchMunicipalities, type Municipality } from '../shared/municipalities';
import { storeDraft } from './drafts';

/** A municipality code given by a printed notice's link (`?m=082082`). */
function municipalityFromUrl(): string | undefined {
  const code = new URLSearchParams(window.location.search).get('m');
  return code && /^\d{6}$/.test(code) ? code : undefined;
}

/** Which move, in which town: the first question, and the draft is made from the answer. */
export function MovingStartScreen({ navigate }: { navigate: (path: string) => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [municipalities, setMunicipalities] = useState<Municipality[] | undefined>();
  const [municipality, setMunicipality] = useState<string>(municipalityFromUrl() ?? '');
  const [kind, setKind] = useState<MoveKind | undefined>();
  const [errors, setErrors] = useState<{ municipality?: string; kind?: string }>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    heading.current?.focus();
    const abort = new AbortController();
    fetchMunicipalities(abort.signal)
      .then((list) => {
        setMunicipalities(list);
        // One town served (the usual case): nothing to choose.
        if (list.length === 1 && list[0]) setMunicipality((current) => current || (list[0]?.code ?? ''));
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setFailure(error);
      });
    return () => abort.abort();
  }, []);

  const town = municipalities?.find((m) => m.code === municipality);
  const townName = town?.name ?? t('resident.moving.thisTown');

  const start = async () => {
    const next: typeof errors = {};
    if (!municipality) next.municipality = t('moving.check.required');
    if (!kind) next.kind = t('moving.check.required');
    setErrors(next);
    if (!kind || !municipality) {
      focusField(next.municipality ? 'municipality' : 'kind');
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const created = await createDraft(municipality, kind);
      storeDraft({
        municipalityCode: created.municipalityCode,
        reference: created.reference,
        editSecret: created.editSecret,
        kind: created.kind,
        expiresAt: created.expiresAt,
        status: created.status,
      });
      navigate(`moving/${created.municipalityCode}/${created.reference}/when`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="moving-page">
      <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
        {t('resident.moving.startTitle')}
      </h1>
      <p className="mg-lead">{t('resident.moving.startLead')}</p>
      <ol className="resident-moving__steps">
        <li>{t('resident.moving.step1')}</li>
        <li>{t('resident.moving.step2')}</li>
        <li>{t('resident.moving.step3')}</li>
      </ol>
      <form
        className="mg-stack moving-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        {municipalities && municipalities.length > 1 && (
          <Select
            id={fieldId('municipality')}
            label={t('resident.moving.municipality')}
            placeholder={t('moving.choose')}
            options={municipalities.map((m) => ({ value: m.code, label: `${m.prefecture} ${m.name}` }))}
            value={municipality}
            onChange={(event) => setMunicipality(event.target.value)}
            error={errors.municipality}
            required
          />
        )}
        <RadioGroup
          id={fieldId('kind')}
          name="kind"
          legend={t('resident.moving.kindQuestion')}
          options={MOVE_KINDS.map((value) => ({
            value,
            label: t(`moving.kinds.${value}`),
            hint: t(`resident.moving.kindHint.${value}`, { town: townName }),
          }))}
          value={kind}
          onChange={(value) => setKind(value as MoveKind)}
          error={errors.kind}
          required
        />
        <p className="moving-privacy">{t('resident.moving.privacy', { days: 7 })}</p>
        {failure !== undefined && <ErrorAlert error={failure} />}
        <div className="mg-actions">
          <Button type="submit" size="lg" disabled={busy} data-primary>
            {t('resident.moving.begin')}
          </Button>
        </div>
      </form>
    </div>
  );
}
