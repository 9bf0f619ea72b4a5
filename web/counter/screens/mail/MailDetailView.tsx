import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, ErrorAlert, RadioGroup, TextField } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import {
  checkMailRequest,
  issueMailRequest,
  type MailDetail,
  type MailIssuedCertificate,
  mailCertificateUrl,
  mailLetterUrl,
  markMailLetterPrinted,
  POSTING_METHODS,
  type PostingMethod,
  postMailRequest,
  recordRemittance,
  requestMailReview,
  returnMailRequest,
  showMailRequest,
} from '../../api/mail';
import { parseYen } from '../../certificateForm';
import { formatIsoDate, formatMoment, formatYen } from '../../format';
import { usePdfUrl } from '../../pdf';
import { PdfLinks } from '../issue/IssuedView';
import { MailStatusTag } from './MailScreen';

const FLOW = ['received', 'checked', 'issued', 'posted'] as const;

/** 〒999-9999 as printed on envelopes. */
function postal(code: string | undefined): string {
  return code ? `〒${code.slice(0, 3)}-${code.slice(3)} ` : '';
}

/** One mail request: where it stands, its money, its letters, what to do next, and its work log. */
export function MailDetailView({ requestId, onBack }: { requestId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [detail, setDetail] = useState<MailDetail | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<{ text: string; tone: 'success' | 'warning' }>();
  const [issued, setIssued] = useState<MailIssuedCertificate[]>([]);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'return' | 'review' | undefined>();
  const [reviewItem, setReviewItem] = useState<number>();
  const messageRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    setDetail(await showMailRequest(requestId));
  }, [requestId]);

  useEffect(() => {
    load().catch((error: unknown) => setFailure(error));
  }, [load]);

  const act = async (action: () => Promise<string | { text: string; tone: 'success' | 'warning' }>) => {
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    try {
      const message = await action();
      setDone(typeof message === 'string' ? { text: message, tone: 'success' } : message);
      await load();
    } catch (error) {
      setFailure(error);
      await load().catch(() => undefined);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => messageRef.current?.focus());
    }
  };

  if (!detail)
    return failure !== undefined ? (
      <ErrorAlert error={failure} />
    ) : (
      <p role="status">{t('common.loading')}</p>
    );

  const { balance } = detail.money;
  const pendingReview = detail.items.some((i) => i.reviewRequired && i.review?.status !== 'approved');
  const canIssue = detail.status === 'checked' && balance.shortfall === 0 && !pendingReview;
  const stepIndex = detail.status === 'returned' ? -1 : FLOW.indexOf(detail.status);

  return (
    <section aria-labelledby="mail-detail-title" data-testid="mail-detail" data-status={detail.status}>
      <h2 id="mail-detail-title" className="mg-section-title console-mail-title">
        <span className="console-code">{detail.reference}</span>
        <MailStatusTag status={detail.status} />
      </h2>
      <ol className="console-flow" aria-label={t('counter.mail.flowLabel')}>
        {FLOW.map((state, index) => (
          <li
            key={state}
            className={index < stepIndex ? 'is-done' : index === stepIndex ? 'is-current' : ''}
            aria-current={index === stepIndex ? 'step' : undefined}
          >
            {t(`counter.mail.statuses.${state}`)}
            {index < stepIndex && <span className="mg-visually-hidden">（{t('common.stepDone')}）</span>}
          </li>
        ))}
      </ol>

      <div ref={messageRef} tabIndex={-1} className="console-focus-target">
        {done && (
          <Alert tone={done.tone} live="polite">
            {done.text}
          </Alert>
        )}
        {failure !== undefined && <ErrorAlert error={failure} />}
      </div>

      <div className="console-mail-grid">
        <section className="mg-card" aria-labelledby="mail-who">
          <h3 id="mail-who" className="console-subtitle">
            {t('counter.mail.letter')}
          </h3>
          <dl className="console-facts">
            <div>
              <dt>{t('counter.mail.receivedOn')}</dt>
              <dd>{formatIsoDate(detail.receivedOn, lng)}</dd>
            </div>
            <div>
              <dt>{t('counter.issue.visit.requester')}</dt>
              <dd>
                {detail.requester.name}
                <span className="console-cell-sub">
                  {postal(detail.requester.postalCode)}
                  {detail.requester.address}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('counter.issue.visit.identity')}</dt>
              <dd>{detail.requester.identityDocument}</dd>
            </div>
            <div>
              <dt>{t('counter.mail.returnTo')}</dt>
              <dd>
                {detail.returnAddress.name}
                <span className="console-cell-sub">
                  {postal(detail.returnAddress.postalCode)}
                  {detail.returnAddress.address} {detail.returnAddress.addressLine2 ?? ''}
                </span>
              </dd>
            </div>
          </dl>
        </section>
        <section className="mg-card" aria-labelledby="mail-money">
          <h3 id="mail-money" className="console-subtitle">
            {t('counter.mail.money')}
          </h3>
          <dl className="console-money" data-testid="mail-money">
            <div>
              <dt>{t('counter.mail.due')}</dt>
              <dd>{balance.due === null ? t('counter.mail.notChecked') : formatYen(balance.due, lng)}</dd>
            </div>
            <div>
              <dt>{t('counter.mail.held')}</dt>
              <dd>{formatYen(balance.held, lng)}</dd>
            </div>
            {balance.shortfall > 0 && (
              <div className="is-short">
                <dt>{t('counter.mail.shortfall')}</dt>
                <dd>{formatYen(balance.shortfall, lng)}</dd>
              </div>
            )}
            {balance.excess > 0 && (
              <div className="is-excess">
                <dt>{t('counter.mail.excess')}</dt>
                <dd>{formatYen(balance.excess, lng)}</dd>
              </div>
            )}
          </dl>
          <ul className="console-list">
            {detail.money.remittances.map((r) => (
              <li key={r.seq}>
                {t(`counter.mail.remittanceKinds.${r.kind}`)} {formatYen(r.amount, lng)}
                {r.note && <span className="console-muted">（{r.note}）</span>}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section className="console-section" aria-labelledby="mail-items-detail">
        <h3 id="mail-items-detail" className="console-subtitle">
          {t('counter.mail.itemsTitle')}
        </h3>
        <div className="console-table-wrap">
          <table className="mg-table console-table" data-testid="mail-detail-items">
            <caption className="mg-visually-hidden">{t('counter.mail.itemsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('counter.audit.colSeq')}</th>
                <th scope="col">{t('counter.issue.line.certificate')}</th>
                <th scope="col">{t('counter.issue.line.relation')}</th>
                <th scope="col" className="console-num">
                  {t('counter.issue.line.copies')}
                </th>
                <th scope="col" className="console-num">
                  {t('counter.issue.lines.fee')}
                </th>
                <th scope="col">{t('counter.issue.lines.state')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.items.map((item) => {
                const pdf = issued.find((c) => c.itemNo === item.itemNo);
                return (
                  <tr key={item.itemNo} data-item={item.itemNo}>
                    <td className="console-num">{item.itemNo}</td>
                    <th scope="row" className="console-row-head">
                      {t(`counter.certificates.${item.certificate}`)}
                    </th>
                    <td>{t(`counter.issue.relations.${item.relation}`)}</td>
                    <td className="console-num">{item.copies}</td>
                    <td className="console-num">
                      {item.fee !== null
                        ? formatYen(item.fee, lng)
                        : item.quotedTotal !== null
                          ? formatYen(item.quotedTotal, lng)
                          : '—'}
                    </td>
                    <td>
                      {item.issuanceId ? (
                        pdf ? (
                          <IssuedPdf certificate={pdf} name={t(`counter.certificates.${item.certificate}`)} />
                        ) : (
                          <a
                            href={mailCertificateUrl(detail.requestId, item.itemNo)}
                            target="_blank"
                            rel="noopener"
                          >
                            {t('counter.mail.reprint')}
                          </a>
                        )
                      ) : item.reviewRequired ? (
                        <>
                          <span
                            className={`console-status console-status--review-${item.review?.status ?? 'needed'}`}
                          >
                            {t(`counter.issue.lines.review.${item.review?.status ?? 'needed'}`)}
                          </span>
                          {!item.review && (detail.status === 'received' || detail.status === 'checked') && (
                            <Button
                              variant="secondary"
                              onClick={() => {
                                setReviewItem(item.itemNo);
                                setDialog('review');
                              }}
                            >
                              {t('counter.issue.lines.requestReview')}
                            </Button>
                          )}
                        </>
                      ) : (
                        <span className="console-cell-sub">
                          {detail.status === 'received'
                            ? t('counter.mail.unchecked')
                            : t('counter.issue.lines.ready')}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section className="mg-card mg-card--accent console-section" aria-labelledby="mail-next">
        <h3 id="mail-next" className="console-subtitle">
          {t('counter.mail.nextTitle')}
        </h3>
        {detail.status === 'received' && (
          <>
            <p>{t('counter.mail.checkLead')}</p>
            <div className="mg-actions">
              <Button
                data-primary
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const checked = await checkMailRequest(requestId);
                    return checked.shortfallLetter
                      ? {
                          tone: 'warning' as const,
                          text: t('counter.mail.checkedShort', {
                            amount: formatYen(checked.balance.shortfall, lng),
                            letter: checked.shortfallLetter.letterNumber,
                          }),
                        }
                      : t('counter.mail.checked');
                  })
                }
              >
                {t('counter.mail.check')}
              </Button>
              <Button variant="danger" onClick={() => setDialog('return')}>
                {t('counter.mail.return')}
              </Button>
            </div>
          </>
        )}
        {detail.status === 'checked' && (
          <>
            {balance.shortfall > 0 && (
              <Alert
                tone="warning"
                title={t('counter.mail.shortTitle', { amount: formatYen(balance.shortfall, lng) })}
              >
                {t('counter.mail.shortBody')}
              </Alert>
            )}
            {pendingReview && <Alert tone="warning">{t('counter.mail.reviewPending')}</Alert>}
            {balance.shortfall > 0 && (
              <RemittanceForm
                kind="additional"
                suggested={balance.shortfall}
                busy={busy}
                onRecord={(amount, note) =>
                  act(async () => {
                    await recordRemittance(requestId, {
                      kind: 'additional',
                      amount,
                      ...(note ? { note } : {}),
                    });
                    return t('counter.mail.recordedAdditional', { amount: formatYen(amount, lng) });
                  })
                }
              />
            )}
            <div className="mg-actions">
              <Button
                data-primary
                disabled={busy || !canIssue}
                onClick={() =>
                  void act(async () => {
                    const result = await issueMailRequest(requestId);
                    setIssued(result.certificates);
                    return t('counter.mail.issued', { number: result.certificates.length });
                  })
                }
              >
                {t('counter.mail.issue')}
              </Button>
              <Button variant="danger" onClick={() => setDialog('return')}>
                {t('counter.mail.return')}
              </Button>
            </div>
          </>
        )}
        {detail.status === 'issued' && (
          <>
            {balance.excess > 0 && (
              <>
                <Alert
                  tone="warning"
                  title={t('counter.mail.excessTitle', { amount: formatYen(balance.excess, lng) })}
                >
                  {t('counter.mail.excessBody')}
                </Alert>
                <RemittanceForm
                  kind="refund"
                  suggested={balance.excess}
                  busy={busy}
                  onRecord={(amount, note) =>
                    act(async () => {
                      await recordRemittance(requestId, {
                        kind: 'refund',
                        amount,
                        ...(note ? { note } : {}),
                      });
                      return t('counter.mail.recordedRefund', { amount: formatYen(amount, lng) });
                    })
                  }
                />
              </>
            )}
            <PostForm
              busy={busy}
              blocked={balance.excess > 0}
              onPost={(method, trackingNumber) =>
                act(async () => {
                  await postMailRequest(requestId, { method, ...(trackingNumber ? { trackingNumber } : {}) });
                  return t('counter.mail.posted');
                })
              }
            />
          </>
        )}
        {detail.status === 'posted' && (
          <p>
            {t('counter.mail.postedOn', {
              time: detail.work.posted.at ? formatMoment(new Date(detail.work.posted.at), lng, false) : '—',
              method: detail.work.posted.posting?.method
                ? t(`counter.mail.postingMethods.${detail.work.posted.posting.method as PostingMethod}`)
                : '—',
            })}
          </p>
        )}
        {detail.status === 'returned' && (
          <p>{t('counter.mail.returnedBecause', { reason: detail.work.returned.reason ?? '' })}</p>
        )}
      </section>

      {detail.letters.length > 0 && (
        <section className="console-section" aria-labelledby="mail-letters">
          <h3 id="mail-letters" className="console-subtitle">
            {t('counter.mail.letters')}
          </h3>
          <ul className="console-list console-list--rows" data-testid="mail-letters">
            {detail.letters.map((letter) => (
              <li key={letter.letterId} data-kind={letter.kind}>
                <span>
                  {t(
                    `counter.mail.letterKinds.${letter.kind === 'mail_returned' ? 'mail_returned' : 'mail_shortfall'}`,
                  )}
                  <span className="console-code"> {letter.letterNumber}</span>
                  <span className="console-muted">（{t(`counter.mail.letterStatus.${letter.status}`)}）</span>
                </span>
                <span className="console-pdf-links">
                  <a
                    href={mailLetterUrl(letter.letterId)}
                    target="_blank"
                    rel="noopener"
                    aria-label={t('counter.issue.done.openLabel', { name: letter.letterNumber })}
                  >
                    {t('counter.issue.done.open')}
                  </a>
                  {letter.status === 'queued' && (
                    <Button
                      variant="secondary"
                      onClick={() =>
                        void act(async () => {
                          await markMailLetterPrinted(letter.letterId);
                          return t('counter.mail.letterPrinted', { number: letter.letterNumber });
                        })
                      }
                    >
                      {t('counter.issue.notices.printed')}
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <details className="console-details console-section">
        <summary>{t('counter.mail.workLog')}</summary>
        <ol className="console-list" data-testid="mail-work-log">
          {detail.work.events.map((event) => (
            <li key={event.seq}>
              {event.at ? formatMoment(new Date(event.at), lng, false) : ''}　
              {t(`counter.mail.events.${eventKey(event.action)}`)}
              {event.note && <span className="console-muted">（{event.note}）</span>}
            </li>
          ))}
        </ol>
        {detail.work.seconds.total !== null && (
          <p className="console-muted">
            {t('counter.mail.workTime', { minutes: Math.max(1, Math.round(detail.work.seconds.total / 60)) })}
          </p>
        )}
      </details>

      <div className="mg-actions">
        <Button variant="secondary" onClick={onBack}>
          {t('counter.mail.backToList')}
        </Button>
      </div>

      {dialog === 'return' && (
        <ReasonDialog
          title={t('counter.mail.returnTitle')}
          lead={t('counter.mail.returnLead')}
          label={t('counter.mail.returnReason')}
          description={t('counter.mail.returnReasonDescription')}
          confirm={t('counter.mail.return')}
          danger
          minLength={2}
          onClose={() => setDialog(undefined)}
          onConfirm={async (reason) => {
            setDialog(undefined);
            await act(async () => {
              await returnMailRequest(requestId, reason);
              return t('counter.mail.returned');
            });
          }}
        />
      )}
      {dialog === 'review' && reviewItem !== undefined && (
        <ReasonDialog
          title={t('counter.issue.lines.reviewTitle', { number: reviewItem })}
          lead={t('counter.issue.lines.reviewLead')}
          label={t('counter.issue.lines.note')}
          description={t('counter.mail.reviewNoteDescription')}
          confirm={t('counter.issue.lines.sendReview')}
          minLength={1}
          onClose={() => setDialog(undefined)}
          onConfirm={async (note) => {
            setDialog(undefined);
            await act(async () => {
              await requestMailReview(requestId, reviewItem, note);
              return t('counter.issue.added.reviewRequested', { number: reviewItem });
            });
          }}
        />
      )}
    </section>
  );
}

const EVENT_KEYS = [
  'received',
  'checked',
  'shortfall_letter',
  'additional_payment',
  'refund',
  'issued',
  'posted',
  'returned',
] as const;
function eventKey(action: string): (typeof EVENT_KEYS)[number] | 'other' {
  return (EVENT_KEYS as readonly string[]).includes(action)
    ? (action as (typeof EVENT_KEYS)[number])
    : 'other';
}

function IssuedPdf({ certificate, name }: { certificate: MailIssuedCertificate; name: string }) {
  const url = usePdfUrl(certificate.pdfBase64);
  return (
    <span>
      <span className="console-code console-cell-sub">{certificate.issueNumber}</span>
      <PdfLinks url={url} filename={`certificate-${certificate.itemNo}.pdf`} name={name} />
    </span>
  );
}

function RemittanceForm({
  kind,
  suggested,
  busy,
  onRecord,
}: {
  kind: 'additional' | 'refund';
  suggested: number;
  busy: boolean;
  onRecord: (amount: number, note: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState(String(suggested));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = parseYen(amount);
    if (!value || value <= 0) {
      setError(t('counter.mail.errors.enclosed'));
      return;
    }
    setError(undefined);
    await onRecord(value, note.trim());
  };
  return (
    <form
      noValidate
      onSubmit={submit}
      className="console-inline-form"
      aria-label={t(`counter.mail.remittanceForms.${kind}`)}
    >
      <TextField
        id={`remit-${kind}-amount`}
        label={t(`counter.mail.remittanceAmount.${kind}`)}
        inputMode="numeric"
        className="console-yen-field"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        error={error}
      />
      <TextField
        id={`remit-${kind}-note`}
        label={t('counter.mail.enclosedNote')}
        maxLength={200}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <Button type="submit" variant="secondary" disabled={busy}>
        {t(`counter.mail.remittanceForms.${kind}`)}
      </Button>
    </form>
  );
}

function PostForm({
  busy,
  blocked,
  onPost,
}: {
  busy: boolean;
  blocked: boolean;
  onPost: (method: PostingMethod, trackingNumber: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<PostingMethod>('regular');
  const [tracking, setTracking] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = tracking.normalize('NFKC').trim();
    if (number && !/^[0-9A-Za-z-]{6,30}$/.test(number)) {
      setError(t('counter.mail.errors.tracking'));
      return;
    }
    setError(undefined);
    await onPost(method, number);
  };
  return (
    <form noValidate onSubmit={submit}>
      <p>{t('counter.mail.postLead')}</p>
      <RadioGroup
        id="post-method"
        name="post-method"
        legend={t('counter.mail.postingMethod')}
        value={method}
        onChange={(value) => setMethod(value as PostingMethod)}
        className="console-inline-radios"
        options={POSTING_METHODS.map((value) => ({
          value,
          label: t(`counter.mail.postingMethods.${value}`),
        }))}
      />
      {method !== 'regular' && (
        <TextField
          id="post-tracking"
          label={t('counter.mail.tracking')}
          autoComplete="off"
          value={tracking}
          onChange={(event) => setTracking(event.target.value)}
          error={error}
        />
      )}
      <Button type="submit" data-primary disabled={busy || blocked}>
        {t('counter.mail.post')}
      </Button>
    </form>
  );
}

function ReasonDialog({
  title,
  lead,
  label,
  description,
  confirm,
  danger,
  minLength,
  onClose,
  onConfirm,
}: {
  title: string;
  lead: string;
  label: string;
  description: string;
  confirm: string;
  danger?: boolean;
  minLength: number;
  onClose: () => void;
  onConfirm: (text: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const keep = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open
      role={danger ? 'alertdialog' : 'dialog'}
      onClose={onClose}
      title={title}
      {...(danger ? { initialFocus: keep } : {})}
      actions={
        <>
          <Button ref={keep} variant={danger ? 'secondary' : 'tertiary'} onClick={onClose}>
            {t('counter.staff.cancel')}
          </Button>
          <Button
            variant={danger ? 'danger' : 'primary'}
            onClick={() => {
              if ([...text.trim()].length < minLength) {
                setError(t('counter.staff.reasonRequired'));
                return;
              }
              void onConfirm(text.trim());
            }}
          >
            {confirm}
          </Button>
        </>
      }
    >
      <p>{lead}</p>
      <TextField
        id="mail-dialog-text"
        label={label}
        description={description}
        required
        maxLength={400}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={error}
      />
    </Dialog>
  );
}
