import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, ErrorAlert, type Step, Stepper, TextField } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import {
  addLine,
  type CertificateLine,
  cancelVisit,
  newIdempotencyKey,
  openVisit,
  type PaidVisit,
  type PersonCard,
  payVisit,
  removeLine,
  requestReview,
  showVisit,
  type Visit,
  type VisitLine,
} from '../../api/counter';
import { formatYen } from '../../format';
import { navigate, useSearch } from '../../router';
import { ScreenHeading } from '../../ScreenHeading';
import { IssuedView } from './IssuedView';
import { LineFormView } from './LineFormView';
import { NoticeQueue } from './NoticeQueue';
import { type Payment, PaymentForm } from './PaymentForm';
import { PersonCardView } from './PersonCardView';
import { PersonSearch } from './PersonSearch';
import { type RequesterFacts, RequesterForm } from './RequesterForm';
import { TodaysVisits } from './TodaysVisits';
import { VisitLines } from './VisitLines';

type IssueStep = 'person' | 'requester' | 'certificates' | 'payment' | 'done';
const STEP_INDEX: Record<IssueStep, number> = {
  person: 0,
  requester: 1,
  certificates: 2,
  payment: 3,
  done: 4,
};

/** What the clerk is told after a certificate was added: its fee, or that it waits for 審査. */
type LineNotice = { tone: 'success' | 'warning'; text: string; detail?: string };

/**
 * 窓口交付: one visit from finding the person to the printed certificates and
 * receipt. The visit lives on the server from the moment the requester is
 * confirmed (its id is in the URL, so a reload or a colleague can carry on).
 */
export function IssueScreen() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const search = useSearch();
  const visitId = search.get('visit') ?? undefined;
  const [step, setStep] = useState<IssueStep>('person');
  const [person, setPerson] = useState<PersonCard | undefined>();
  const [facts, setFacts] = useState<RequesterFacts | undefined>();
  const [visit, setVisit] = useState<Visit | undefined>();
  const [paid, setPaid] = useState<PaidVisit | undefined>();
  const [names, setNames] = useState<ReadonlyMap<number, string>>(new Map());
  const [notice, setNotice] = useState<LineNotice | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  const openKey = useRef(newIdempotencyKey('visit'));

  // Each step starts at its heading, for keyboard and screen-reader users alike.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the step is the trigger.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    stepHeading.current?.focus();
  }, [step]);

  // A visit named in the URL (a reload, a resumed visit) is read from the server,
  // with what the clerk saw when it was opened (relation, 委任状, stated reason).
  useEffect(() => {
    if (!visitId || visit?.transactionId === visitId) return;
    const abort = new AbortController();
    showVisit(visitId, abort.signal).then(
      (loaded) => {
        setVisit(loaded);
        setFacts((known) => known ?? factsOfVisit(loaded));
        setStep(loaded.status === 'paid' ? 'payment' : 'certificates');
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setFailure(error);
      },
    );
    return () => abort.abort();
  }, [visitId, visit?.transactionId]);

  const refresh = useCallback(async (id: string) => {
    setVisit(await showVisit(id));
  }, []);

  const remember = (card: PersonCard) =>
    setNames((previous) => {
      const next = new Map(previous);
      for (const m of card.household) next.set(m.residentId, `${m.familyName}　${m.givenName}`);
      next.set(card.residentId, `${card.familyName}　${card.givenName}`);
      return next;
    });

  const chosen = (card: PersonCard) => {
    setPerson(card);
    remember(card);
    setFailure(undefined);
    setNotice(undefined);
    setStep(visit ? 'certificates' : 'requester');
  };

  const confirmRequester = async (confirmed: RequesterFacts) => {
    const opened = await openVisit(openKey.current, {
      ...(confirmed.name && confirmed.relation !== 'self' ? { name: confirmed.name } : {}),
      ...(confirmed.residentId !== undefined ? { residentId: confirmed.residentId } : {}),
      identityDocument: confirmed.identityDocument,
    });
    setFacts(confirmed);
    const loaded = await showVisit(opened.transactionId);
    setVisit(loaded);
    navigate('issue', { search: `visit=${opened.transactionId}`, replace: true });
    setStep('certificates');
  };

  const add = async (line: CertificateLine): Promise<boolean> => {
    if (!visit) return false;
    setBusy(true);
    setFailure(undefined);
    setNotice(undefined);
    try {
      const added = await addLine(visit.transactionId, line);
      const name = t(`counter.certificates.${added.certificate}`);
      // The visit is read again before the notice, so what the clerk reads next matches the server.
      await refresh(visit.transactionId);
      setNotice(
        added.reviewRequired
          ? {
              tone: 'warning',
              text: t('counter.issue.added.review', { certificate: name }),
              ...(added.refusal ? { detail: lng === 'ja' ? added.refusal.ja : added.refusal.en } : {}),
            }
          : {
              tone: 'success',
              text: t('counter.issue.added.ok', {
                certificate: name,
                copies: added.copies,
                total: formatYen(added.total ?? 0, lng),
              }),
              ...(added.notifySubject ? { detail: t('counter.issue.added.notify') } : {}),
            },
      );
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const remove = async (line: VisitLine) => {
    if (!visit) return;
    setFailure(undefined);
    setNotice(undefined);
    try {
      await removeLine(visit.transactionId, line.lineNo);
      await refresh(visit.transactionId);
    } catch (error) {
      setFailure(error);
    }
  };

  const review = async (line: VisitLine, note: string) => {
    if (!visit) return;
    await requestReview(visit.transactionId, line.lineNo, note);
    setNotice({ tone: 'warning', text: t('counter.issue.added.reviewRequested', { number: line.lineNo }) });
    await refresh(visit.transactionId);
  };

  const pay = async (payment: Payment) => {
    if (!visit) return;
    setBusy(true);
    setFailure(undefined);
    try {
      setPaid(await payVisit(visit.transactionId, payment));
      setStep('done');
    } catch (error) {
      setFailure(error);
      await refresh(visit.transactionId).catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const startOver = () => {
    setStep('person');
    setPerson(undefined);
    setFacts(undefined);
    setVisit(undefined);
    setPaid(undefined);
    setNames(new Map());
    setNotice(undefined);
    setFailure(undefined);
    openKey.current = newIdempotencyKey('visit');
    navigate('issue', { replace: true });
  };

  const steps: Step[] = (['person', 'requester', 'certificates', 'payment', 'done'] as const).map((id) => ({
    id,
    label: t(`counter.issue.steps.${id}`),
  }));
  const liveLines = visit?.lines.filter((line) => line.status !== 'removed') ?? [];
  // Adding needs the person's card and the requester's facts, which a resumed visit does not carry.
  const canAdd = Boolean(person && facts && visit?.status === 'open');

  return (
    <>
      <ScreenHeading>{t('counter.nav.issue')}</ScreenHeading>
      <Stepper steps={steps} current={STEP_INDEX[step]} className="console-stepper" />
      {failure !== undefined && !visit && step === 'person' && <FocusedError error={failure} />}

      {step === 'person' && (
        <section aria-labelledby="issue-step">
          <h2 id="issue-step" ref={stepHeading} tabIndex={-1} className="mg-section-title">
            {visit ? t('counter.issue.anotherPerson') : t('counter.issue.findTitle')}
          </h2>
          <p>{t('counter.issue.findLead')}</p>
          <PersonSearch purpose={t('counter.issue.purpose')} onChosen={chosen} />
          {visit && (
            <div className="mg-actions">
              <Button variant="secondary" onClick={() => setStep('certificates')}>
                {t('counter.issue.backToVisit')}
              </Button>
            </div>
          )}
          {!visit && (
            <>
              <TodaysVisits />
              <NoticeQueue />
            </>
          )}
        </section>
      )}

      {step === 'requester' && person && (
        <section aria-labelledby="issue-step">
          <h2 id="issue-step" ref={stepHeading} tabIndex={-1} className="mg-section-title">
            {t('counter.issue.requesterTitle')}
          </h2>
          <PersonCardView person={person} />
          <div className="mg-card console-section">
            <RequesterForm person={person} onConfirmed={confirmRequester} />
          </div>
          <div className="mg-actions">
            <Button variant="tertiary" onClick={() => setStep('person')}>
              {t('counter.issue.chooseAgain')}
            </Button>
          </div>
        </section>
      )}

      {step === 'certificates' && visit && (
        <section aria-labelledby="issue-step">
          <h2 id="issue-step" ref={stepHeading} tabIndex={-1} className="mg-section-title">
            {t('counter.issue.certificatesTitle')}
          </h2>
          <VisitHeader visit={visit} facts={facts} />
          {person && <PersonCardView person={person} compact />}
          {notice && (
            <Alert tone={notice.tone} live="polite" title={notice.text}>
              {notice.detail}
            </Alert>
          )}
          {failure !== undefined && <FocusedError error={failure} />}
          {canAdd && person && facts ? (
            <div className="mg-card console-section">
              <LineFormView key={person.residentId} person={person} facts={facts} busy={busy} onAdd={add} />
            </div>
          ) : (
            visit.status === 'open' && (
              <Alert tone="info">
                {facts ? t('counter.issue.resumedChoosePerson') : t('counter.issue.resumed')}
              </Alert>
            )
          )}
          <section className="console-section" aria-labelledby="visit-lines-title">
            <h3 id="visit-lines-title" className="console-subtitle">
              {t('counter.issue.lines.title')}
            </h3>
            <VisitLines visit={visit} names={names} onRemove={remove} onRequestReview={review} />
          </section>
          <div className="mg-actions">
            <Button
              size="lg"
              data-primary
              disabled={liveLines.length === 0}
              onClick={() => setStep('payment')}
            >
              {t('counter.issue.toPayment')}
            </Button>
            {facts && visit.status === 'open' && (
              <Button variant="secondary" onClick={() => setStep('person')}>
                {t('counter.issue.addAnotherPerson')}
              </Button>
            )}
            <Button variant="secondary" onClick={() => void refresh(visit.transactionId)}>
              {t('counter.issue.refresh')}
            </Button>
            {visit.status === 'open' && (
              <Button variant="danger" className="console-actions-end" onClick={() => setCancelling(true)}>
                {t('counter.issue.cancel')}
              </Button>
            )}
          </div>
        </section>
      )}

      {step === 'payment' && visit && (
        <section aria-labelledby="issue-step">
          <h2 id="issue-step" ref={stepHeading} tabIndex={-1} className="mg-section-title">
            {t('counter.issue.paymentTitle')}
          </h2>
          <VisitHeader visit={visit} facts={facts} />
          <VisitLines visit={visit} names={names} onRemove={remove} onRequestReview={review} />
          {failure !== undefined && <FocusedError error={failure} />}
          {visit.status === 'paid' ? (
            <Alert tone="info">
              {t('counter.issue.alreadyPaid', { receipt: visit.receipt?.receiptNumber ?? '' })}
            </Alert>
          ) : (
            <div className="mg-card console-section console-narrow">
              <PaymentForm
                total={visit.total}
                busy={busy}
                blocked={waitingForReview(visit) ? t('counter.issue.pay.awaitingReview') : undefined}
                onPay={pay}
              />
            </div>
          )}
          <div className="mg-actions">
            <Button variant="secondary" onClick={() => setStep('certificates')}>
              {t('counter.issue.backToCertificates')}
            </Button>
          </div>
        </section>
      )}

      {step === 'done' && paid && (
        <section aria-labelledby="issue-step">
          <h2 id="issue-step" ref={stepHeading} tabIndex={-1} className="mg-section-title">
            {t('counter.issue.doneTitle')}
          </h2>
          <IssuedView paid={paid} onNext={startOver} />
        </section>
      )}

      {cancelling && visit && (
        <CancelDialog
          onClose={() => setCancelling(false)}
          onCancel={async (reason) => {
            await cancelVisit(visit.transactionId, reason);
            setCancelling(false);
            startOver();
          }}
        />
      )}
    </>
  );
}

/** A refusal, focused when it appears so the clerk hears and sees it where they are working. */
function FocusedError({ error }: { error: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new refusal is the trigger.
  useEffect(() => {
    ref.current?.focus();
  }, [error]);
  return (
    <div ref={ref} tabIndex={-1} className="console-focus-target" data-testid="issue-error">
      <ErrorAlert error={error} />
    </div>
  );
}

/**
 * The requester's facts of a resumed visit, as its first line recorded them (the
 * server keeps each line's relation, 委任状 and stated reason); undefined for a
 * visit without lines, which the clerk starts again.
 */
export function factsOfVisit(visit: Visit): RequesterFacts | undefined {
  const first = visit.lines.find((line) => line.status !== 'removed');
  if (!first) return undefined;
  return {
    relation: first.relation,
    name: visit.requester.name ?? '',
    ...(visit.requester.residentId !== undefined ? { residentId: visit.requester.residentId } : {}),
    identityDocument: visit.requester.identityDocument,
    powerOfAttorney: first.powerOfAttorney === true,
    ...(first.lawfulReason ? { lawfulReason: first.lawfulReason } : {}),
  };
}

/** A line about a protected person may be paid only once its review is approved. */
export function waitingForReview(visit: Visit): boolean {
  return visit.lines.some(
    (line) => line.status === 'quoted' && line.reviewRequired && line.review?.status !== 'approved',
  );
}

function VisitHeader({ visit, facts }: { visit: Visit; facts: RequesterFacts | undefined }) {
  const { t } = useTranslation();
  const relation = facts?.relation ?? visit.lines[0]?.relation;
  return (
    <dl className="console-visit" data-testid="visit-header">
      <div>
        <dt>{t('counter.issue.visit.requester')}</dt>
        <dd>
          {visit.requester.name ?? facts?.name ?? '—'}
          {relation && <span className="console-muted">（{t(`counter.issue.relations.${relation}`)}）</span>}
        </dd>
      </div>
      <div>
        <dt>{t('counter.issue.visit.identity')}</dt>
        <dd>{visit.requester.identityDocument}</dd>
      </div>
      <div>
        <dt>{t('counter.issue.visit.status')}</dt>
        <dd>{t(`counter.issue.visit.statuses.${visit.status}`)}</dd>
      </div>
    </dl>
  );
}

function CancelDialog({
  onClose,
  onCancel,
}: {
  onClose: () => void;
  onCancel: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const keep = useRef<HTMLButtonElement>(null);
  const submit = async () => {
    if (!reason.trim()) {
      setError(t('counter.staff.reasonRequired'));
      return;
    }
    try {
      await onCancel(reason.trim());
    } catch (caught) {
      setFailure(caught);
    }
  };
  return (
    <Dialog
      open
      role="alertdialog"
      onClose={onClose}
      initialFocus={keep}
      title={t('counter.issue.cancelTitle')}
      actions={
        <>
          <Button ref={keep} variant="secondary" onClick={onClose}>
            {t('counter.issue.cancelKeep')}
          </Button>
          <Button variant="danger" onClick={() => void submit()}>
            {t('counter.issue.cancelConfirm')}
          </Button>
        </>
      }
    >
      <p>{t('counter.issue.cancelLead')}</p>
      {failure !== undefined && <ErrorAlert error={failure} />}
      <TextField
        id="cancel-reason"
        label={t('counter.staff.reason')}
        required
        maxLength={400}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={error}
      />
    </Dialog>
  );
}
