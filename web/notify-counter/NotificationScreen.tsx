import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, pickMessage } from '../shared/api';
import { Alert, Button, ButtonLink, Dialog, ErrorAlert, Select, TextField } from '../shared/components';
import { useLanguage } from '../shared/i18n/useLanguage';
import {
  type AcceptedNotification,
  acceptNotification,
  attachTransferRecord,
  type CounterView,
  confirmNotification,
  correctNotification,
  guidanceSheetUrl,
  IDENTITY_DOCUMENTS,
  type IdentityDocumentKind,
  openNotification,
  rejectNotification,
  tenshutsuCertificateUrl,
  viewNotification,
} from '../shared/moving/api';
import { cleanContent, fullName, groupedReference } from '../shared/moving/content';
import { DraftSummary } from '../shared/moving/DraftSummary';
import { formatIsoDate, formatMoment } from '../shared/moving/dates';
import { contentPath, pathLabel } from '../shared/moving/fieldText';
import { ProcedureList } from '../shared/moving/ProcedureList';
import { HouseholdTable, MoverComparisons, PlanTable } from './Comparison';
import { ContentEditor } from './ContentEditor';
import { readCsrf } from './session';
import { useTablet } from './tablet';

type TabletState = 'idle' | 'shown' | 'declined' | 'noWindow';

/**
 * One notification at the counter: the draft beside the register with every
 * difference marked, corrections, the tablet for the resident's signature,
 * the ID document checked, and the decision. After acceptance: what changed,
 * the related procedures, the guidance sheet and (転出) the 転出証明書.
 */
export function NotificationScreen({
  reference,
  navigate,
  onSessionLost,
}: {
  reference: string;
  navigate: (path: string) => void;
  onSessionLost: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const tablet = useTablet();
  const heading = useRef<HTMLHeadingElement>(null);
  const [view, setView] = useState<CounterView>();
  const [accepted, setAccepted] = useState<AcceptedNotification>();
  const [loadFailure, setLoadFailure] = useState<unknown>();
  const [failure, setFailure] = useState<unknown>();
  const [editing, setEditing] = useState(false);
  const [editProblems, setEditProblems] = useState<CounterView['problems']>([]);
  const [identity, setIdentity] = useState<{ kind: IdentityDocumentKind | ''; note: string }>({
    kind: '',
    note: '',
  });
  const [identityError, setIdentityError] = useState<string>();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [tabletState, setTabletState] = useState<TabletState>('idle');
  const [announcement, setAnnouncement] = useState('');
  const keepOpen = useRef<HTMLButtonElement>(null);
  const call = () => ({ csrf: readCsrf() });

  const handle = useCallback(
    (error: unknown, onOther: (error: unknown) => void) => {
      if (isApiError(error) && error.status === 401) onSessionLost();
      else onOther(error);
    },
    [onSessionLost],
  );

  const load = useCallback(async () => {
    try {
      const next = await viewNotification({ csrf: readCsrf() }, reference);
      setView(next);
      return next;
    } catch (error) {
      handle(error, setLoadFailure);
      return undefined;
    }
  }, [reference, handle]);

  useEffect(() => {
    void load().then(() => heading.current?.focus());
  }, [load]);

  // The tablet tells us when the resident has signed (or says something is wrong).
  useEffect(
    () =>
      tablet.subscribe((message) => {
        if (message.type === 'signed' && message.reference === view?.reference) {
          setAnnouncement(t('notify-counter.tablet.signedNow'));
          void load();
        }
        if (message.type === 'declined' && message.reference === view?.reference) {
          setTabletState('declined');
          setAnnouncement(t('notify-counter.tablet.declined'));
        }
      }),
    [tablet, view?.reference, load, t],
  );

  // Should a message be lost (the tablet window reloaded), the screen still learns of the signature.
  const waiting = view?.status === 'opened' && tabletState === 'shown';
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => void load(), 3000);
    return () => window.clearInterval(timer);
  }, [waiting, load]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (error) {
      handle(error, setFailure);
    } finally {
      setBusy(false);
    }
  };

  if (!view) {
    return (
      <div>
        <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
          {t('notify-counter.case.loadingTitle')}
        </h1>
        {loadFailure !== undefined ? (
          <ErrorAlert error={loadFailure} />
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
        <div className="mg-actions">
          <Button variant="secondary" onClick={() => navigate('')}>
            {t('notify-counter.case.toReception')}
          </Button>
        </div>
      </div>
    );
  }

  const finished = view.status === 'accepted' || view.status === 'rejected';
  const signed = view.status === 'confirmed';
  const kindName = t(`moving.kinds.${view.kind}`);

  const sendToTablet = () => {
    if (!tablet.show(view.reference)) {
      setTabletState('noWindow');
      return;
    }
    setTabletState('shown');
    setAnnouncement(t('notify-counter.tablet.sent'));
  };

  const accept = () =>
    run(async () => {
      if (!identity.kind) {
        setIdentityError(t('notify-counter.identity.required'));
        document.getElementById('identity-kind')?.focus();
        return;
      }
      setIdentityError(undefined);
      const result = await acceptNotification(call(), view.reference, view.contentVersion, {
        kind: identity.kind,
        ...(identity.note.trim() ? { note: identity.note.trim() } : {}),
      });
      setAccepted(result);
      tablet.clear();
      await load();
      setAnnouncement(t('notify-counter.accepted.title'));
      heading.current?.focus();
    });

  const reject = () =>
    run(async () => {
      if (!reason.trim()) {
        setReasonError(t('notify-counter.reject.reasonRequired'));
        return;
      }
      await rejectNotification(call(), view.reference, reason.trim());
      setRejecting(false);
      tablet.clear();
      await load();
      heading.current?.focus();
    });

  return (
    <div className="notify-case" data-status={view.status}>
      <p className="moving-kind-label">{kindName}</p>
      <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
        {finished
          ? t(`notify-counter.case.${view.status === 'accepted' ? 'acceptedTitle' : 'rejectedTitle'}`, {
              kind: kindName,
            })
          : t('notify-counter.case.title', { kind: kindName })}
      </h1>
      <dl className="notify-case__meta">
        <div>
          <dt>{t('notify-counter.case.reference')}</dt>
          <dd className="notify-case__reference">{groupedReference(view.reference)}</dd>
        </div>
        <div>
          <dt>{t('notify-counter.case.status')}</dt>
          <dd>
            <span className={`notify-status notify-status--${view.status}`} data-status={view.status}>
              {t(`notify-counter.statuses.${view.status}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('notify-counter.case.path')}</dt>
          <dd>{t(`notify-counter.paths.${view.path}`)}</dd>
        </div>
        {view.timings.receivedAt && (
          <div>
            <dt>{t('notify-counter.case.received')}</dt>
            <dd>{formatMoment(view.timings.receivedAt, lng)}</dd>
          </div>
        )}
        {view.clerkEdits > 0 && (
          <div>
            <dt>{t('notify-counter.case.clerkEdits')}</dt>
            <dd>{view.clerkEdits}</dd>
          </div>
        )}
      </dl>
      <p className="mg-visually-hidden" role="status">
        {announcement}
      </p>
      {failure !== undefined && <ErrorAlert error={failure} className="notify-case__failure" />}

      {finished ? (
        <FinishedPanel view={view} accepted={accepted} onNext={() => navigate('')} />
      ) : (
        <>
          {view.problems.length > 0 && (
            <Alert tone="error" title={t('notify-counter.case.problemsTitle')} className="notify-problems">
              <ul>
                {view.problems.map((problem) => (
                  <li key={`${problem.at}:${problem.ja}`}>
                    {problem.at && (
                      <span className="mg-alert__at">{pathLabel(t, view.kind, problem.at)}: </span>
                    )}
                    {pickMessage(problem, lng)}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <ChooseResident
            view={view}
            busy={busy}
            onChoose={(movers) =>
              run(async () => {
                setView(await openNotification(call(), view.reference, movers));
                setTabletState('idle');
                setAnnouncement(t('notify-counter.case.rechecked'));
              })
            }
          />
          {view.comparison.warnings.length > 0 && (
            <Alert tone="warning" title={t('notify-counter.case.warningsTitle')}>
              <ul>
                {view.comparison.warnings.map((warning) => (
                  <li key={`${warning.at}:${warning.ja}`}>{pickMessage(warning, lng)}</li>
                ))}
              </ul>
            </Alert>
          )}
          <div className="notify-case__grid">
            <div className="notify-case__main">
              <section className="notify-section" aria-labelledby="compare-title">
                <h2 id="compare-title" className="mg-section-title">
                  {view.kind === 'tennyu'
                    ? t('notify-counter.compare.titleTennyu')
                    : t('notify-counter.compare.title')}
                </h2>
                <MoverComparisons view={view} />
                <PlanTable view={view} />
                <HouseholdTable view={view} />
              </section>

              <section className="notify-section" aria-labelledby="contents-title">
                <div className="notify-section__head">
                  <h2 id="contents-title" className="mg-section-title">
                    {t('notify-counter.case.contentsTitle')}
                  </h2>
                  {!editing && (
                    <Button variant="secondary" onClick={() => setEditing(true)}>
                      {t('notify-counter.editor.open')}
                    </Button>
                  )}
                </div>
                {editing ? (
                  <>
                    <Alert tone="info">{t('notify-counter.editor.lead')}</Alert>
                    <ContentEditor
                      headingLevel={3}
                      kind={view.kind}
                      initial={view.content}
                      serverProblems={editProblems}
                      busy={busy}
                      submitLabel={t('notify-counter.editor.save')}
                      onCancel={() => setEditing(false)}
                      onSubmit={(content) =>
                        void run(async () => {
                          try {
                            const next = await correctNotification(
                              call(),
                              view.reference,
                              cleanContent(content),
                              view.contentVersion,
                            );
                            setView(next);
                            setEditing(false);
                            setEditProblems([]);
                            setTabletState('idle');
                            setAnnouncement(t('notify-counter.editor.saved'));
                          } catch (error) {
                            // A field the server refuses goes beside its field; anything else is the screen's error.
                            if (
                              !isApiError(error) ||
                              error.code !== 'invalid_input' ||
                              !error.problem.errors?.length
                            )
                              throw error;
                            setEditProblems(
                              error.problem.errors.map((d) => ({ ...d, at: contentPath(d.at) })),
                            );
                          }
                        })
                      }
                    />
                  </>
                ) : (
                  <DraftSummary kind={view.kind} content={view.content} headingLevel={3} />
                )}
              </section>

              {view.kind === 'tennyu' && (
                <TransferRecordSection
                  view={view}
                  busy={busy}
                  onAttach={(record) =>
                    run(async () => {
                      setView(await attachTransferRecord(call(), view.reference, record));
                    })
                  }
                />
              )}

              <section className="notify-section" aria-labelledby="guidance-title">
                <h2 id="guidance-title" className="mg-section-title">
                  {t('notify-counter.case.guidanceTitle')}
                </h2>
                <ProcedureList procedures={view.guidance.procedures} />
              </section>
            </div>

            <section className="notify-case__side" aria-labelledby="steps-title">
              <h2 id="steps-title" className="notify-side__title">
                {t('notify-counter.steps.title')}
              </h2>
              <ol className="notify-side__steps">
                <li className="notify-side__step">
                  <h3 className="notify-side__step-title">{t('notify-counter.steps.confirm')}</h3>
                  {signed ? (
                    <Alert tone="success" live="off">
                      {view.signature?.kind === 'strokes'
                        ? t('notify-counter.tablet.signedStrokes', {
                            strokes: view.signature.strokes,
                            points: view.signature.points,
                          })
                        : t('notify-counter.tablet.signedPaper')}
                    </Alert>
                  ) : view.path === 'paper' ? (
                    <>
                      <p>{t('notify-counter.tablet.paperLead')}</p>
                      <Button
                        variant="secondary"
                        disabled={busy || !view.acceptable}
                        onClick={() =>
                          void run(async () => {
                            setView(
                              await confirmNotification(call(), view.reference, {
                                contentVersion: view.contentVersion,
                                onPaper: true,
                              }),
                            );
                          })
                        }
                      >
                        {t('notify-counter.tablet.paperSigned')}
                      </Button>
                    </>
                  ) : (
                    <>
                      <p>{t('notify-counter.tablet.lead')}</p>
                      <Button variant="secondary" disabled={busy || !view.acceptable} onClick={sendToTablet}>
                        {tabletState === 'shown'
                          ? t('notify-counter.tablet.resend')
                          : t('notify-counter.tablet.send')}
                      </Button>
                      {!view.acceptable && (
                        <p className="notify-muted">{t('notify-counter.tablet.notAcceptable')}</p>
                      )}
                      {tabletState === 'shown' && (
                        <p className="notify-tablet-state">
                          {t('notify-counter.tablet.waiting')}
                          {!tablet.seen && ` ${t('notify-counter.tablet.noTabletYet')}`}
                        </p>
                      )}
                      {tabletState === 'declined' && (
                        <Alert tone="warning">{t('notify-counter.tablet.declined')}</Alert>
                      )}
                      {tabletState === 'noWindow' && (
                        <Alert tone="warning">{t('notify-counter.tablet.noToken')}</Alert>
                      )}
                    </>
                  )}
                </li>
                <li className="notify-side__step">
                  <h3 className="notify-side__step-title">{t('notify-counter.steps.identity')}</h3>
                  <Select
                    id="identity-kind"
                    label={t('notify-counter.identity.kind')}
                    placeholder={t('moving.choose')}
                    options={IDENTITY_DOCUMENTS.map((value) => ({
                      value,
                      label: t(`notify-counter.identity.kinds.${value}`),
                    }))}
                    value={identity.kind}
                    onChange={(event) =>
                      setIdentity({ ...identity, kind: event.target.value as IdentityDocumentKind | '' })
                    }
                    error={identityError}
                    required
                  />
                  <TextField
                    label={t('notify-counter.identity.note')}
                    value={identity.note}
                    onChange={(event) => setIdentity({ ...identity, note: event.target.value })}
                    maxLength={100}
                  />
                </li>
                <li className="notify-side__step">
                  <h3 className="notify-side__step-title">{t('notify-counter.steps.decide')}</h3>
                  {!signed && <p className="notify-muted">{t('notify-counter.accept.needsSignature')}</p>}
                  <div className="notify-side__actions">
                    <Button size="lg" disabled={busy || !signed} onClick={() => void accept()} data-primary>
                      {t('notify-counter.accept.action')}
                    </Button>
                    <Button variant="danger" disabled={busy} onClick={() => setRejecting(true)}>
                      {t('notify-counter.reject.action')}
                    </Button>
                  </div>
                </li>
              </ol>
              <div className="notify-side__more">
                <Button
                  variant="tertiary"
                  disabled={busy}
                  onClick={() =>
                    void run(async () => {
                      setView(await openNotification(call(), view.reference));
                      setTabletState('idle');
                      setAnnouncement(t('notify-counter.case.rechecked'));
                    })
                  }
                >
                  {t('notify-counter.case.recheck')}
                </Button>
                <Button variant="tertiary" onClick={() => navigate('')}>
                  {t('notify-counter.case.toReception')}
                </Button>
              </div>
            </section>
          </div>
        </>
      )}

      <Dialog
        open={rejecting}
        onClose={() => setRejecting(false)}
        role="alertdialog"
        title={t('notify-counter.reject.title')}
        initialFocus={keepOpen}
        actions={
          <>
            <Button ref={keepOpen} variant="secondary" onClick={() => setRejecting(false)}>
              {t('notify-counter.reject.cancel')}
            </Button>
            <Button variant="danger" disabled={busy} onClick={() => void reject()}>
              {t('notify-counter.reject.confirm')}
            </Button>
          </>
        }
      >
        <p>{t('notify-counter.reject.text')}</p>
        <TextField
          label={t('notify-counter.reject.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={reasonError}
          maxLength={1000}
          required
        />
      </Dialog>
    </div>
  );
}

/**
 * Namesakes born the same day (or a person the register cannot find by the
 * reading): the clerk looks the person up in the staff console and gives the
 * resident's number here; the server still checks it is a candidate.
 */
function ChooseResident({
  view,
  busy,
  onChoose,
}: {
  view: CounterView;
  busy: boolean;
  onChoose: (movers: { index: number; residentId: number }[]) => Promise<void>;
}) {
  const { t } = useTranslation();
  const unmatched = [
    ...new Set(
      view.problems
        .map((problem) => /^movers\.(\d+)$/.exec(problem.at ?? '')?.[1])
        .filter((index): index is string => index !== undefined)
        .map(Number),
    ),
  ];
  const [choices, setChoices] = useState<Record<number, string>>({});
  const [error, setError] = useState<string>();
  if (unmatched.length === 0 || view.kind === 'tennyu') return null;
  return (
    <section className="notify-choose" aria-labelledby="choose-title">
      <h2 id="choose-title" className="notify-choose__title">
        {t('notify-counter.choose.title')}
      </h2>
      <p>{t('notify-counter.choose.lead')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const movers = unmatched
            .map((index) => ({ index, residentId: Number((choices[index] ?? '').normalize('NFKC').trim()) }))
            .filter((m) => Number.isInteger(m.residentId) && m.residentId > 0);
          if (movers.length === 0) {
            setError(t('notify-counter.choose.invalid'));
            return;
          }
          setError(undefined);
          void onChoose(movers);
        }}
      >
        <div className="notify-choose__fields">
          {unmatched.map((index) => {
            const mover = view.content.movers[index];
            return (
              <TextField
                key={index}
                id={`choose-${index}`}
                label={t('notify-counter.choose.label', {
                  person: `${t('moving.people.person', { n: index + 1 })}：${mover ? fullName(mover) : ''}`,
                })}
                value={choices[index] ?? ''}
                onChange={(event) => setChoices({ ...choices, [index]: event.target.value })}
                inputMode="numeric"
                autoComplete="off"
                error={error}
              />
            );
          })}
        </div>
        <div className="mg-actions">
          <Button type="submit" variant="secondary" disabled={busy}>
            {t('notify-counter.choose.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function TransferRecordSection({
  view,
  busy,
  onAttach,
}: {
  view: CounterView;
  busy: boolean;
  onAttach: (record: unknown) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const record = view.transferRecord;
  return (
    <section className="notify-section" aria-labelledby="record-title">
      <h2 id="record-title" className="mg-section-title">
        {t('notify-counter.record.title')}
      </h2>
      {record ? (
        <dl className="moving-dl moving-dl--inline">
          <dt>{t('notify-counter.record.from')}</dt>
          <dd>
            {record.from.municipalityName}（{record.from.municipalityCode}）
          </dd>
          <dt>{t('notify-counter.record.number')}</dt>
          <dd>{record.certificateNumber}</dd>
          <dt>{t('notify-counter.record.persons')}</dt>
          <dd>{record.persons}</dd>
          <dt>{t('notify-counter.record.signature')}</dt>
          <dd>
            {record.signatureVerified
              ? t('notify-counter.record.verified')
              : t('notify-counter.record.notVerified')}
          </dd>
        </dl>
      ) : (
        <>
          <p>{t('notify-counter.record.lead')}</p>
          <label className="mg-field__label" htmlFor="transfer-record-file">
            {t('notify-counter.record.file')}
          </label>
          <input
            id="transfer-record-file"
            type="file"
            accept="application/json,.json"
            className="notify-file"
            disabled={busy}
            aria-describedby={error ? 'transfer-record-error' : undefined}
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              try {
                const parsed: unknown = JSON.parse(await file.text());
                setError(undefined);
                await onAttach(parsed);
              } catch {
                setError(t('notify-counter.record.unreadable'));
              }
              event.target.value = '';
            }}
          />
          {error && (
            <p id="transfer-record-error" className="mg-field__error">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function FinishedPanel({
  view,
  accepted,
  onNext,
}: {
  view: CounterView;
  accepted: AcceptedNotification | undefined;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const next = useRef<HTMLButtonElement>(null);
  if (view.status === 'rejected') {
    return (
      <div className="notify-finished">
        <Alert tone="warning" title={t('notify-counter.reject.done')}>
          {view.rejectionReason}
        </Alert>
        <div className="mg-actions">
          <Button ref={next} size="lg" onClick={onNext} data-primary>
            {t('notify-counter.accepted.next')}
          </Button>
        </div>
      </div>
    );
  }
  const result = accepted?.result ?? view.result;
  const guidance = accepted?.guidance ?? view.guidance;
  const certificate = accepted?.certificate ?? view.certificate;
  const seals = result?.sealsAbolished?.length ?? 0;
  return (
    <div className="notify-finished">
      <Alert tone="success" title={t('notify-counter.accepted.title')}>
        <p>
          {t('notify-counter.accepted.text', {
            count: result?.residents?.length ?? view.content.movers.length,
          })}
        </p>
        {result?.notifiedOn && (
          <p>{t('notify-counter.accepted.notifiedOn', { date: formatIsoDate(result.notifiedOn, lng) })}</p>
        )}
        {view.kind === 'tenshutsu' && <p>{t('notify-counter.accepted.seals', { count: seals })}</p>}
        {certificate?.number && (
          <p>{t('notify-counter.accepted.certificate', { number: certificate.number })}</p>
        )}
      </Alert>
      <div className="mg-actions notify-finished__documents">
        <ButtonLink
          href={guidanceSheetUrl(view.reference)}
          target="_blank"
          rel="noopener"
          variant="secondary"
          data-document="guidance"
        >
          {t('notify-counter.accepted.guidancePdf')}
        </ButtonLink>
        {view.kind === 'tenshutsu' && (
          <ButtonLink
            href={tenshutsuCertificateUrl(view.reference)}
            target="_blank"
            rel="noopener"
            variant="secondary"
            data-document="tenshutsu"
          >
            {t('notify-counter.accepted.tenshutsuPdf')}
          </ButtonLink>
        )}
      </div>
      <section className="notify-section" aria-labelledby="accepted-guidance-title">
        <h2 id="accepted-guidance-title" className="mg-section-title">
          {t('notify-counter.accepted.guidanceTitle')}
        </h2>
        <p>{t('notify-counter.accepted.guidanceLead')}</p>
        <ProcedureList procedures={guidance.procedures} />
      </section>
      <section className="notify-section" aria-labelledby="accepted-contents-title">
        <h2 id="accepted-contents-title" className="mg-section-title">
          {t('notify-counter.case.contentsTitle')}
        </h2>
        <DraftSummary kind={view.kind} content={view.content} headingLevel={3} />
      </section>
      <div className="mg-actions">
        <Button ref={next} size="lg" onClick={onNext} data-primary>
          {t('notify-counter.accepted.next')}
        </Button>
      </div>
    </div>
  );
}
