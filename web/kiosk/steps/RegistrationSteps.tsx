import { type RefObject, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api';
import { Alert, ArrowLeftIcon, ArrowRightIcon, Button, TextField } from '../../shared/components';
import { formatDate } from '../../shared/format';
import { useLanguage } from '../../shared/i18n/useLanguage';
import { agent, type Registration, type RegistrationMunicipality } from '../agent';
import { CancelButton, KioskProblem, StepFrame } from '../parts';
import { hittoshaProblem, honsekiProblem, type TypedProblem, typedFieldOf } from '../registration';

type Heading = RefObject<HTMLHeadingElement | null>;

type Stage = 'loading' | 'status' | 'town' | 'form' | 'confirm' | 'done';

/** A calendar date (YYYY-MM-DD, Japan's calendar) in the reader's form: 令和8年11月29日(日), 29 November 2026 … */
function useCalendarDate() {
  const lng = useLanguage();
  // Noon in Tokyo is the same calendar day in every time zone a browser might be set to.
  return (isoDate: string) => formatDate(new Date(`${isoDate}T12:00:00+09:00`), lng);
}

function BackButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="secondary" size="kiosk" icon={<ArrowLeftIcon />} onClick={onClick}>
      {t('kiosk.back')}
    </Button>
  );
}

/**
 * 本籍地 利用者登録申請 at the kiosk (docs/koseki-registration.md): a person
 * whose 戸籍 is kept by another municipality applies to it once; its staff
 * check the register, and from about five days later every kiosk offers that
 * 戸籍. Who applies comes from the card session (the agent and the server);
 * the person chooses the municipality and types only 本籍 and 筆頭者.
 *
 * status (when there are applications) → municipality → 本籍 and 筆頭者 → confirm → done
 */
export function RegistrationFlow({
  heading,
  now,
  onBack,
  onCancel,
  onFinish,
  onSessionLost,
}: {
  heading: Heading;
  /** The kiosk's clock: whether an approved registration is usable yet. */
  now: () => Date;
  /** Back to the choice of municipality for a certificate. */
  onBack: () => void;
  onCancel: () => void;
  /** The person is done: the card comes back. */
  onFinish: () => void;
  /** A failure that ended the session; true when the kiosk has taken over. */
  onSessionLost: (error: unknown) => boolean;
}) {
  const [stage, setStage] = useState<Stage>('loading');
  const [registrations, setRegistrations] = useState<Registration[]>([]);
  const [towns, setTowns] = useState<RegistrationMunicipality[] | null>(null);
  const [town, setTown] = useState<RegistrationMunicipality | null>(null);
  const [honseki, setHonseki] = useState('');
  const [hittosha, setHittosha] = useState('');
  const [serverProblems, setServerProblems] = useState<Partial<Record<'honseki' | 'hittosha', string>>>({});
  const [applied, setApplied] = useState<Registration | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const lng = useLanguage();

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      const [status, where] = await Promise.all([
        agent.registration.status(),
        agent.registration.municipalities(),
      ]);
      setRegistrations(status.registrations);
      setTowns(where.municipalities);
      setStage(status.registrations.length > 0 ? 'status' : 'town');
    } catch (failure) {
      if (!onSessionLost(failure)) {
        setError(failure);
        setStage('status');
      }
    } finally {
      setBusy(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once, when the flow opens.
  useEffect(() => {
    void load();
  }, []);

  // Each stage is a screen of its own: it starts at its heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the stage is the trigger, not an input.
  useEffect(() => {
    heading.current?.focus();
  }, [stage]);

  const submit = async () => {
    if (!town) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await agent.registration.apply({ municipalityCode: town.code, honseki, hittosha });
      setApplied(answer);
      setStage('done');
    } catch (failure) {
      if (onSessionLost(failure)) return;
      // The server's word on a typed field goes back beside that field.
      const fields: Partial<Record<'honseki' | 'hittosha', string>> = {};
      if (isApiError(failure))
        for (const detail of failure.detailsIn(lng)) {
          const field = typedFieldOf(detail.at);
          if (field) fields[field] = detail.message.replace(/^[\w.]+:\s*/, '');
        }
      if (Object.keys(fields).length > 0) {
        setServerProblems(fields);
        setStage('form');
      } else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  switch (stage) {
    case 'loading':
      return <LoadingScreen heading={heading} onCancel={onCancel} />;
    case 'status':
      return (
        <StatusScreen
          heading={heading}
          registrations={registrations}
          now={now}
          error={error}
          canApply={towns !== null}
          onBack={onBack}
          onCancel={onCancel}
          onApply={() => {
            setError(null);
            setStage('town');
          }}
        />
      );
    case 'town':
      return (
        <TownScreen
          heading={heading}
          towns={towns ?? []}
          onBack={() => (registrations.length > 0 ? setStage('status') : onBack())}
          onCancel={onCancel}
          onChoose={(chosen) => {
            if (chosen.code !== town?.code) {
              setHonseki('');
              setHittosha('');
            }
            setServerProblems({});
            setTown(chosen);
            setStage('form');
          }}
        />
      );
    case 'form':
      if (!town) return null;
      return (
        <FormScreen
          heading={heading}
          town={town}
          honseki={honseki}
          hittosha={hittosha}
          serverProblems={serverProblems}
          onHonseki={(value) => {
            setHonseki(value);
            setServerProblems(({ honseki: _, ...rest }) => rest);
          }}
          onHittosha={(value) => {
            setHittosha(value);
            setServerProblems(({ hittosha: _, ...rest }) => rest);
          }}
          onBack={() => setStage('town')}
          onCancel={onCancel}
          onNext={() => {
            setError(null);
            setStage('confirm');
          }}
        />
      );
    case 'confirm':
      if (!town) return null;
      return (
        <ConfirmScreen
          heading={heading}
          town={town}
          honseki={honseki}
          hittosha={hittosha}
          error={error}
          busy={busy}
          onBack={() => {
            setError(null);
            setStage('form');
          }}
          onCancel={onCancel}
          onSubmit={() => void submit()}
        />
      );
    case 'done':
      if (!applied) return null;
      return (
        <DoneScreen
          heading={heading}
          applied={applied}
          onMenu={onBack}
          onStatus={() => void load()}
          onFinish={onFinish}
        />
      );
  }
}

function LoadingScreen({ heading, onCancel }: { heading: Heading; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <StepFrame
      heading={heading}
      screen="registration-loading"
      title={t('kiosk.registration.title')}
      cancel={<CancelButton onClick={onCancel} />}
    >
      <p className="kiosk-card__waiting" role="status">
        <span className="kiosk-card__pulse" aria-hidden="true" />
        {t('kiosk.registration.loading')}
      </p>
    </StepFrame>
  );
}

/** The person's applications: waiting, usable (from when), or refused and why. */
function StatusScreen({
  heading,
  registrations,
  now,
  error,
  canApply,
  onBack,
  onCancel,
  onApply,
}: {
  heading: Heading;
  registrations: Registration[];
  now: () => Date;
  error: unknown;
  canApply: boolean;
  onBack: () => void;
  onCancel: () => void;
  onApply: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const day = useCalendarDate();
  return (
    <StepFrame
      heading={heading}
      screen="registration-status"
      title={t('kiosk.registration.title')}
      lead={t('kiosk.registration.statusLead')}
      back={<BackButton onClick={onBack} />}
      cancel={<CancelButton onClick={onCancel} />}
      next={
        canApply ? (
          <Button
            variant="primary"
            size="kiosk"
            iconEnd={<ArrowRightIcon />}
            onClick={onApply}
            data-action="registration-new"
          >
            {t('kiosk.registration.newApplication')}
          </Button>
        ) : undefined
      }
    >
      {error ? <KioskProblem error={error} /> : null}
      <ul className="kiosk-registrations">
        {registrations.map((r) => {
          const usableNow = r.status === 'approved' && r.usableFrom && Date.parse(r.usableFrom) <= +now();
          return (
            <li
              key={r.registrationId}
              className={`kiosk-registration kiosk-registration--${r.status}`}
              data-registration={r.status}
              data-usable={usableNow ? 'true' : 'false'}
            >
              <p className="kiosk-registration__state">
                <span className="kiosk-registration__badge">{t(`kiosk.registration.state.${r.status}`)}</span>{' '}
                <span lang="ja">{r.municipality.name}</span>
              </p>
              <dl className="kiosk-summary">
                <div>
                  <dt>{t('kiosk.registration.fields.honseki')}</dt>
                  <dd lang="ja">{r.honseki}</dd>
                </div>
                <div>
                  <dt>{t('kiosk.registration.fields.hittosha')}</dt>
                  <dd lang="ja">{r.hittosha}</dd>
                </div>
                <div>
                  <dt>{t('kiosk.registration.fields.appliedOn')}</dt>
                  <dd>{formatDate(new Date(r.appliedAt), lng)}</dd>
                </div>
              </dl>
              <p className="kiosk-registration__note">
                {r.status === 'pending' &&
                  r.expectedUsableOn &&
                  t('kiosk.registration.pendingNote', { date: day(r.expectedUsableOn) })}
                {r.status === 'approved' &&
                  (usableNow
                    ? t('kiosk.registration.approvedNow')
                    : r.usableOn && t('kiosk.registration.approvedFrom', { date: day(r.usableOn) }))}
                {r.status === 'rejected' && r.rejection && (
                  <>
                    <span className="kiosk-registration__reason">
                      {t('kiosk.registration.reasonLabel')}{' '}
                      {t(`kiosk.registration.reasons.${r.rejection.reason}`)}
                      {r.rejection.note && (
                        <>
                          {' '}
                          <span lang="ja">（{r.rejection.note}）</span>
                        </>
                      )}
                    </span>{' '}
                    {t('kiosk.registration.rejectedNote')}
                  </>
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </StepFrame>
  );
}

/** Where the 戸籍 is kept: the municipalities served here, grouped by prefecture. */
function TownScreen({
  heading,
  towns,
  onChoose,
  onBack,
  onCancel,
}: {
  heading: Heading;
  towns: RegistrationMunicipality[];
  onChoose: (town: RegistrationMunicipality) => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const prefectures = [...new Set(towns.map((town) => town.prefecture))];
  return (
    <StepFrame
      heading={heading}
      screen="registration-town"
      title={t('kiosk.registration.townTitle')}
      lead={t('kiosk.registration.townLead')}
      back={<BackButton onClick={onBack} />}
      cancel={<CancelButton onClick={onCancel} />}
    >
      {towns.length === 0 && (
        <Alert tone="info">
          <p>{t('kiosk.registration.noTowns')}</p>
        </Alert>
      )}
      {prefectures.map((prefecture, index) => (
        <section key={prefecture} aria-labelledby={`kiosk-prefecture-${index}`}>
          <h2 id={`kiosk-prefecture-${index}`} className="kiosk-registration__prefecture" lang="ja">
            {prefecture}
          </h2>
          <ul className="kiosk-tiles">
            {towns
              .filter((town) => town.prefecture === prefecture)
              .map((town) => (
                <li key={town.code}>
                  <button
                    type="button"
                    className="kiosk-tile"
                    onClick={() => onChoose(town)}
                    data-registration-town={town.code}
                  >
                    <span className="kiosk-tile__name" lang="ja">
                      {town.name}
                    </span>
                    <span className="kiosk-tile__note" lang="ja">
                      {town.nameKana}
                    </span>
                    <ArrowRightIcon className="kiosk-tile__arrow" />
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </StepFrame>
  );
}

/** 本籍 and 筆頭者, typed as the register has them; problems show beside the field when going on. */
function FormScreen({
  heading,
  town,
  honseki,
  hittosha,
  serverProblems,
  onHonseki,
  onHittosha,
  onNext,
  onBack,
  onCancel,
}: {
  heading: Heading;
  town: RegistrationMunicipality;
  honseki: string;
  hittosha: string;
  serverProblems: Partial<Record<'honseki' | 'hittosha', string>>;
  onHonseki: (value: string) => void;
  onHittosha: (value: string) => void;
  onNext: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  // Problems are pointed out when the person tries to go on (or the server refused), not while typing.
  const [attempted, setAttempted] = useState(Object.keys(serverProblems).length > 0);
  const problemText = (problem: TypedProblem | null) =>
    problem ? t(`kiosk.registration.problems.${problem}`) : undefined;
  const honsekiError = attempted
    ? (problemText(honsekiProblem(honseki)) ?? serverProblems.honseki)
    : undefined;
  const hittoshaError = attempted
    ? (problemText(hittoshaProblem(hittosha)) ?? serverProblems.hittosha)
    : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the server sent the person back here.
  useEffect(() => {
    if (Object.keys(serverProblems).length > 0)
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.kiosk-registration-form [aria-invalid="true"]')?.focus(),
      );
  }, []);
  const next = () => {
    setAttempted(true);
    const wrong =
      honsekiProblem(honseki) || serverProblems.honseki
        ? 'registration-honseki'
        : hittoshaProblem(hittosha) || serverProblems.hittosha
          ? 'registration-hittosha'
          : null;
    if (wrong) {
      // Straight to the first thing to fix.
      requestAnimationFrame(() => document.getElementById(wrong)?.focus());
      return;
    }
    onNext();
  };
  return (
    <StepFrame
      heading={heading}
      screen="registration-form"
      title={t('kiosk.registration.formTitle')}
      lead={
        <>
          <span className="kiosk-place" lang="ja">
            {town.prefecture} {town.name}
          </span>{' '}
          {t('kiosk.registration.formLead')}
        </>
      }
      className="kiosk-registration-form"
      back={<BackButton onClick={onBack} />}
      cancel={<CancelButton onClick={onCancel} />}
      next={
        <Button
          variant="primary"
          size="kiosk"
          iconEnd={<ArrowRightIcon />}
          onClick={next}
          data-action="registration-to-confirm"
        >
          {t('kiosk.toConfirm')}
        </Button>
      }
    >
      <form
        className="kiosk-registration-form__fields"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          next();
        }}
      >
        <TextField
          id="registration-honseki"
          size="kiosk"
          required
          lang="ja"
          autoComplete="off"
          spellCheck={false}
          label={t('kiosk.registration.honsekiLabel')}
          description={t('kiosk.registration.honsekiHint')}
          error={honsekiError}
          value={honseki}
          onChange={(event) => onHonseki(event.target.value)}
          name="honseki"
        />
        <TextField
          id="registration-hittosha"
          size="kiosk"
          required
          lang="ja"
          autoComplete="off"
          spellCheck={false}
          label={t('kiosk.registration.hittoshaLabel')}
          description={t('kiosk.registration.hittoshaHint')}
          error={hittoshaError}
          value={hittosha}
          onChange={(event) => onHittosha(event.target.value)}
          name="hittosha"
        />
        {/* Enter in a field goes on, as the button does. */}
        <button type="submit" hidden tabIndex={-1} />
      </form>
      <Alert tone="info">
        <p>{t('kiosk.registration.inputHint')}</p>
      </Alert>
    </StepFrame>
  );
}

function ConfirmScreen({
  heading,
  town,
  honseki,
  hittosha,
  error,
  busy,
  onSubmit,
  onBack,
  onCancel,
}: {
  heading: Heading;
  town: RegistrationMunicipality;
  honseki: string;
  hittosha: string;
  error: unknown;
  busy: boolean;
  onSubmit: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <StepFrame
      heading={heading}
      screen="registration-confirm"
      title={t('kiosk.registration.confirmTitle')}
      back={<BackButton onClick={onBack} />}
      cancel={<CancelButton onClick={onCancel} />}
      next={
        <Button
          variant="primary"
          size="kiosk"
          iconEnd={<ArrowRightIcon />}
          disabled={busy}
          onClick={onSubmit}
          data-action="registration-submit"
        >
          {t('kiosk.registration.submit')}
        </Button>
      }
    >
      {error ? <KioskProblem error={error} /> : null}
      <div className="kiosk-confirm">
        <dl className="kiosk-summary">
          <div>
            <dt>{t('kiosk.registration.fields.municipality')}</dt>
            <dd lang="ja">
              {town.prefecture} {town.name}
            </dd>
          </div>
          <div>
            <dt>{t('kiosk.registration.fields.honseki')}</dt>
            <dd lang="ja" data-typed="honseki">
              {honseki.trim()}
            </dd>
          </div>
          <div>
            <dt>{t('kiosk.registration.fields.hittosha')}</dt>
            <dd lang="ja" data-typed="hittosha">
              {hittosha.trim()}
            </dd>
          </div>
        </dl>
        <Alert tone="info">
          <p>{t('kiosk.registration.confirmIdentity')}</p>
          <p>{t('kiosk.registration.confirmFree')}</p>
          <p>{t('kiosk.registration.confirmWait')}</p>
        </Alert>
      </div>
    </StepFrame>
  );
}

function DoneScreen({
  heading,
  applied,
  onMenu,
  onStatus,
  onFinish,
}: {
  heading: Heading;
  applied: Registration;
  onMenu: () => void;
  onStatus: () => void;
  onFinish: () => void;
}) {
  const { t } = useTranslation();
  const day = useCalendarDate();
  return (
    <StepFrame
      heading={heading}
      screen="registration-done"
      title={t('kiosk.registration.doneTitle')}
      back={
        <>
          <Button variant="secondary" size="kiosk" onClick={onMenu} data-action="registration-to-menu">
            {t('kiosk.registration.toMenu')}
          </Button>
          <Button variant="secondary" size="kiosk" onClick={onStatus} data-action="registration-status">
            {t('kiosk.registration.toStatus')}
          </Button>
        </>
      }
      next={
        <Button variant="primary" size="kiosk" onClick={onFinish} data-action="registration-finish">
          {t('kiosk.registration.finish')}
        </Button>
      }
    >
      <Alert tone="success" live="polite">
        {applied.expectedUsableOn && (
          <p data-usable-on={applied.expectedUsableOn}>
            {t('kiosk.registration.doneBody', { date: day(applied.expectedUsableOn) })}
          </p>
        )}
        <p>{t('kiosk.registration.doneStatus')}</p>
      </Alert>
      <dl className="kiosk-summary">
        <div>
          <dt>{t('kiosk.registration.fields.municipality')}</dt>
          <dd lang="ja">{applied.municipality.name}</dd>
        </div>
        <div>
          <dt>{t('kiosk.registration.fields.honseki')}</dt>
          <dd lang="ja">{applied.honseki}</dd>
        </div>
        <div>
          <dt>{t('kiosk.registration.fields.hittosha')}</dt>
          <dd lang="ja">{applied.hittosha}</dd>
        </div>
      </dl>
    </StepFrame>
  );
}
