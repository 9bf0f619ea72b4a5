import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api';
import { Alert, ArrowLeftIcon, ArrowRightIcon, Button, ErrorAlert, Stepper } from '../shared/components';
import { useLanguage } from '../shared/i18n/useLanguage';
import {
  type DraftKey,
  type NotificationSummary,
  readDraft,
  saveDraft,
  submitDraft,
} from '../shared/moving/api';
import { checkStep, type FieldChecks } from '../shared/moving/checks';
import {
  type ContentProblem,
  cleanContent,
  type DraftContent,
  type StepId,
  stepOfPath,
  stepsFor,
  tokyoToday,
  withFirstMover,
} from '../shared/moving/content';
import { DraftSummary, formatMoment } from '../shared/moving/DraftSummary';
import { ErrorSummary, focusField, type SummaryEntry } from '../shared/moving/ErrorSummary';
import { contentPath, type FieldErrors, fieldErrors, pathLabel } from '../shared/moving/fieldText';
import { changedAt } from '../shared/moving/paths';
import { QuestionnaireStep } from '../shared/moving/Questionnaire';
import { forgetDraft, loadDraft, type StoredDraft, storeDraft } from './drafts';
import { MovingDoneView } from './MovingDoneView';
import { setFlash } from './router';

type View = StepId | 'qr';

interface Props {
  municipalityCode: string;
  reference: string;
  view: View;
  navigate: (path: string, options?: { replace?: boolean }) => void;
}

/** Why a draft cannot be shown: each has its own words and way back. */
type Unavailable = 'notStored' | 'expired' | 'notFound' | 'secret';

/** How long drafts live on the server, from the draft itself (createdAt → expiresAt). */
function lifetimeDaysOf(summary: NotificationSummary): number {
  const created = summary.timings.createdAt;
  if (!created) return 7;
  return Math.max(0, Math.round((Date.parse(summary.expiresAt) - Date.parse(created)) / 86_400_000));
}

/** A 400's per-field details as content problems. */
function problemsOfError(error: unknown): ContentProblem[] {
  if (!isApiError(error)) return [];
  return (error.problem.errors ?? []).map((detail) => ({ ...detail, at: contentPath(detail.at) }));
}

export function MovingScreen({ municipalityCode, reference, view, navigate }: Props) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const heading = useRef<HTMLHeadingElement>(null);
  const [stored] = useState<StoredDraft | undefined>(() => loadDraft(municipalityCode, reference));
  const [summary, setSummary] = useState<NotificationSummary>();
  const [content, setContent] = useState<DraftContent>({ movers: [] });
  const [unavailable, setUnavailable] = useState<Unavailable | undefined>(stored ? undefined : 'notStored');
  const [failure, setFailure] = useState<unknown>();
  const [serverProblems, setServerProblems] = useState<ContentProblem[]>([]);
  const [attempted, setAttempted] = useState<ReadonlySet<View>>(new Set());
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const firstView = useRef(true);

  const key: DraftKey | undefined = stored
    ? { municipalityCode, reference, editSecret: stored.editSecret }
    : undefined;

  const remember = useCallback(
    (next: NotificationSummary) => {
      setSummary(next);
      if (stored) storeDraft({ ...stored, kind: next.kind, expiresAt: next.expiresAt, status: next.status });
    },
    [stored],
  );

  const refuse = useCallback(
    (error: unknown): boolean => {
      if (!isApiError(error)) return false;
      const why: Unavailable | undefined =
        error.code === 'notification_expired'
          ? 'expired'
          : error.code === 'notification_not_found'
            ? 'notFound'
            : error.code === 'notification_secret_mismatch'
              ? 'secret'
              : undefined;
      if (!why) return false;
      forgetDraft(municipalityCode, reference);
      setUnavailable(why);
      return true;
    },
    [municipalityCode, reference],
  );

  useEffect(() => {
    if (!stored) return;
    const abort = new AbortController();
    readDraft({ municipalityCode, reference, editSecret: stored.editSecret }, abort.signal)
      .then((loaded) => {
        remember(loaded);
        setContent(withFirstMover(loaded.kind, loaded.content));
        setServerProblems(loaded.problems);
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        if (!refuse(error)) setFailure(error);
      });
    return () => abort.abort();
  }, [municipalityCode, reference, stored, remember, refuse]);

  // A new step is a new page for a screen reader: focus its heading (not on the first load).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the step (view) changing is the trigger.
  useEffect(() => {
    if (!summary) return;
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    heading.current?.focus();
  }, [view, summary]);

  const kind = summary?.kind ?? stored?.kind ?? 'tennyu';
  const today = tokyoToday();
  const steps = stepsFor(kind, content);
  const ctx = { kind, today, draftLifetimeDays: summary ? lifetimeDaysOf(summary) : 7 };

  // A step that does not apply to this move (a 転出 without a household change): on to the review.
  const applies = view === 'qr' || view === 'review' || steps.includes(view);
  useEffect(() => {
    if (summary && !applies) navigate(`moving/${municipalityCode}/${reference}/review`, { replace: true });
  }, [summary, applies, navigate, municipalityCode, reference]);

  const change = (next: DraftContent) => {
    // A server problem goes away once its field is edited; the next save says whether it is fixed.
    setServerProblems((problems) => problems.filter((p) => !p.at || !changedAt(content, next, p.at)));
    setContent(next);
  };

  const go = (target: View, options?: { replace?: boolean }) =>
    navigate(`moving/${municipalityCode}/${reference}/${target}`, options);

  /** Saves the whole questionnaire; returns the server's view of it, or undefined when refused. */
  const save = async (): Promise<NotificationSummary | undefined> => {
    if (!key || !summary) return undefined;
    setBusy(true);
    setFailure(undefined);
    setNotice(undefined);
    try {
      const saved = await saveDraft(key, cleanContent(content), summary.contentVersion);
      remember(saved);
      // Show what the town keeps: kana in katakana, postal codes as digits (names exactly as typed).
      setContent(withFirstMover(saved.kind, saved.content));
      setServerProblems(saved.problems);
      return saved;
    } catch (error) {
      if (refuse(error)) return undefined;
      if (isApiError(error) && error.code === 'notification_content_changed') {
        // Another tab saved meanwhile: show what the server has, and say so.
        const latest = await readDraft(key).catch(() => undefined);
        if (latest) {
          remember(latest);
          setContent(withFirstMover(latest.kind, latest.content));
          setServerProblems(latest.problems);
        }
        setNotice(t('resident.moving.changedElsewhere'));
        return undefined;
      }
      const problems = problemsOfError(error);
      if (problems.length > 0) setServerProblems(problems);
      else setFailure(error);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const stepChecks = (step: View): FieldChecks =>
    step === 'qr' || step === 'review' ? {} : checkStep(step, content, ctx);
  const problemsOfStep = (step: View) =>
    step === 'review' ? serverProblems : serverProblems.filter((p) => stepOfPath(p.at) === step);
  const errorsOf = (step: View): FieldErrors =>
    attempted.has(step) ? fieldErrors(t, lng, stepChecks(step), problemsOfStep(step)) : {};

  const next = async () => {
    if (view === 'qr' || view === 'review') return;
    setAttempted((seen) => new Set(seen).add(view));
    if (Object.keys(stepChecks(view)).length > 0) return;
    const saved = await save();
    if (!saved) return;
    if (saved.problems.some((p) => stepOfPath(p.at) === view)) return;
    const following = stepsFor(kind, saved.content);
    const position = following.indexOf(view);
    go(following[position + 1] ?? 'review');
  };

  const back = async () => {
    if (view === 'qr') return;
    const position = steps.indexOf(view);
    // Going back never blocks: what is on this step stays in the page, and is saved once it is valid.
    if (view !== 'review' && Object.keys(stepChecks(view)).length === 0) await save();
    if (position <= 0) navigate('moving/');
    else go(steps[position - 1] ?? 'when');
  };

  const submit = async () => {
    if (!key) return;
    setAttempted((seen) => new Set(seen).add('review'));
    setBusy(true);
    setFailure(undefined);
    try {
      const submitted = await submitDraft(key);
      remember(submitted);
      setServerProblems([]);
      go('qr');
    } catch (error) {
      if (!refuse(error)) {
        const problems = problemsOfError(error);
        if (problems.length > 0) setServerProblems(problems);
        else setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  if (unavailable) return <UnavailableView why={unavailable} navigate={navigate} />;
  if (!summary || !key) {
    return (
      <div className="moving-page">
        <h1 className="mg-page-title">{t('resident.moving.loadingTitle')}</h1>
        {failure !== undefined ? <ErrorAlert error={failure} /> : <p role="status">{t('common.loading')}</p>}
      </div>
    );
  }

  const editable = summary.status === 'draft' || summary.status === 'submitted';
  if (view === 'qr' || !editable) {
    return (
      <MovingDoneView
        summary={summary}
        draftKey={key}
        headingRef={heading}
        onEdit={() => go('review')}
        onDeleted={() => {
          forgetDraft(municipalityCode, reference);
          setFlash('deleted');
          navigate('', { replace: true });
        }}
        onForget={() => {
          forgetDraft(municipalityCode, reference);
          navigate('', { replace: true });
        }}
      />
    );
  }
  const position = view === 'review' ? steps.length - 1 : Math.max(0, steps.indexOf(view));
  const errors = errorsOf(view);
  const entries: SummaryEntry[] = Object.entries(errors).map(([path, message]) => ({
    path,
    message,
    label: pathLabel(t, kind, path),
    ...(view === 'review' && stepOfPath(path) !== 'review'
      ? {
          onActivate: () => {
            const step = stepOfPath(path);
            setAttempted((seen) => new Set(seen).add(step));
            go(step);
            requestAnimationFrame(() => requestAnimationFrame(() => focusField(path)));
          },
        }
      : {}),
  }));

  return (
    <div className="moving-page">
      <p className="moving-kind-label">{t(`moving.kinds.${kind}`)}</p>
      <Stepper
        steps={steps.map((id) => ({ id, label: t(`moving.steps.${id}`) }))}
        current={position}
        className="moving-stepper"
      />
      <h1 className="mg-page-title moving-step-title" tabIndex={-1} ref={heading}>
        {t(`moving.stepTitles.${view}`)}
      </h1>
      {notice && <Alert tone="warning">{notice}</Alert>}
      <ErrorSummary entries={entries} />
      {failure !== undefined && <ErrorAlert error={failure} />}
      <form
        noValidate
        className="moving-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (view === 'review') void submit();
          else void next();
        }}
      >
        {view === 'review' ? (
          <>
            <p>{t('resident.moving.reviewLead')}</p>
            <DraftSummary
              kind={kind}
              content={content}
              onEdit={(step) => {
                setAttempted((seen) => new Set(seen).add(step));
                go(step);
              }}
            />
          </>
        ) : (
          <QuestionnaireStep
            step={view}
            kind={kind}
            content={content}
            onChange={change}
            errors={errors}
            today={today}
            audience="resident"
          />
        )}
        <p className="moving-expiry">
          {t('resident.moving.expires', { when: formatMoment(summary.expiresAt, lng) })}
        </p>
        <div className="moving-nav">
          <Button variant="secondary" icon={<ArrowLeftIcon />} onClick={() => void back()} disabled={busy}>
            {t('moving.back')}
          </Button>
          <Button type="submit" size="lg" iconEnd={<ArrowRightIcon />} disabled={busy} data-primary>
            {view === 'review' ? t('resident.moving.submit') : t('moving.next')}
          </Button>
        </div>
      </form>
    </div>
  );
}

function UnavailableView({ why, navigate }: { why: Unavailable; navigate: (path: string) => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="moving-page">
      <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
        {t(`resident.moving.unavailable.${why}.title`)}
      </h1>
      <Alert tone={why === 'expired' ? 'warning' : 'error'} live="assertive">
        {t(`resident.moving.unavailable.${why}.text`)}
      </Alert>
      <div className="mg-actions">
        <Button size="lg" onClick={() => navigate('moving/')} data-primary>
          {t('resident.moving.startAgain')}
        </Button>
        <Button variant="secondary" onClick={() => navigate('')}>
          {t('resident.moving.toLanding')}
        </Button>
      </div>
    </div>
  );
}
