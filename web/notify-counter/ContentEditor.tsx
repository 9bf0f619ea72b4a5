import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../shared/components';
import { useLanguage } from '../shared/i18n/useLanguage';
import { checkStep, type FieldChecks } from '../shared/moving/checks';
import {
  type ContentProblem,
  type DraftContent,
  type MoveKind,
  stepsFor,
  tokyoToday,
} from '../shared/moving/content';
import { ErrorSummary } from '../shared/moving/ErrorSummary';
import { fieldErrors, pathLabel } from '../shared/moving/fieldText';
import { changedAt } from '../shared/moving/paths';
import { QuestionnaireStep } from '../shared/moving/Questionnaire';

/**
 * The whole questionnaire on one page, for the clerk: typing a paper form
 * (the paper path) and correcting what a resident wrote. The same steps and
 * checks as the phone; at the counter the law's periods apply as of today.
 */
export function ContentEditor({
  kind,
  initial,
  serverProblems = [],
  submitLabel,
  busy,
  onSubmit,
  onCancel,
  headingLevel,
}: {
  /** The level of the editor's section headings: 2 on a page of its own, 3 inside a section. */
  headingLevel: 2 | 3;
  kind: MoveKind;
  initial: DraftContent;
  serverProblems?: ContentProblem[];
  submitLabel: string;
  busy: boolean;
  onSubmit: (content: DraftContent) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [content, setContent] = useState<DraftContent>(initial);
  const [attempted, setAttempted] = useState(false);
  const [stale, setStale] = useState<ContentProblem[]>(serverProblems);
  const today = tokyoToday();
  const steps = stepsFor(kind, content).filter((step) => step !== 'review');
  const checks: FieldChecks = {};
  for (const step of steps)
    Object.assign(checks, checkStep(step, content, { kind, today, draftLifetimeDays: 0 }));
  const errors = attempted ? fieldErrors(t, lng, checks, stale) : fieldErrors(t, lng, {}, stale);
  const entries = Object.entries(errors).map(([path, message]) => ({
    path,
    message,
    label: pathLabel(t, kind, path),
  }));
  const SectionHeading = headingLevel === 2 ? 'h2' : 'h3';
  const [shownServer, setShownServer] = useState(serverProblems);
  if (shownServer !== serverProblems) {
    // New problems from the server (after a save): show them again.
    setShownServer(serverProblems);
    setStale(serverProblems);
  }

  return (
    <form
      noValidate
      className="notify-editor"
      onSubmit={(event) => {
        event.preventDefault();
        setAttempted(true);
        if (Object.keys(checks).length > 0) return;
        onSubmit(content);
      }}
    >
      <ErrorSummary entries={entries} focusOnShow={attempted} />
      {steps.map((step) => (
        <section key={step} className="notify-editor__section" aria-labelledby={`editor-${step}`}>
          <SectionHeading id={`editor-${step}`} className="notify-editor__title">
            {t(`moving.steps.${step}`)}
          </SectionHeading>
          <QuestionnaireStep
            step={step}
            level={headingLevel === 2 ? 'h3' : 'h4'}
            kind={kind}
            content={content}
            onChange={(next) => {
              setStale((problems) => problems.filter((p) => !p.at || !changedAt(content, next, p.at)));
              setContent(next);
            }}
            errors={errors}
            today={today}
            audience="clerk"
          />
        </section>
      ))}
      <div className="mg-actions notify-editor__actions">
        {onCancel && (
          <Button variant="secondary" onClick={onCancel} disabled={busy}>
            {t('notify-counter.editor.cancel')}
          </Button>
        )}
        <Button type="submit" size="lg" disabled={busy} data-primary>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
