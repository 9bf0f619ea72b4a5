import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, ErrorAlert, RadioGroup, TextField } from '../../shared/components';
import { useLanguage } from '../../shared/i18n/useLanguage';
import { decideReview, listReviews, type OverrideRequest } from '../api/counter';
import { formatMoment } from '../format';
import { ScreenHeading } from '../ScreenHeading';

type Filter = 'pending' | 'approved' | 'rejected';

/** The reviewer's decision needs a concrete reason; the server refuses fewer than 4 characters. */
const MIN_REASON = 4;

/**
 * 支援措置の審査: requests from the counter and the mail desk to issue a
 * certificate about a protected person to someone other than them or their
 * household. An approval lets that one certificate be issued; the engine
 * records the reviewer and the reason with it.
 */
export function ReviewsScreen() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('pending');
  const [reviews, setReviews] = useState<OverrideRequest[] | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const [deciding, setDeciding] = useState<OverrideRequest | undefined>();
  const [done, setDone] = useState<string>();

  const load = useCallback(async (status: Filter) => {
    setFailure(undefined);
    try {
      setReviews(await listReviews(status));
    } catch (error) {
      setReviews(undefined);
      setFailure(error);
    }
  }, []);

  useEffect(() => {
    void load(filter);
  }, [filter, load]);

  return (
    <>
      <ScreenHeading>{t('counter.nav.reviews')}</ScreenHeading>
      <p className="mg-lead">{t('counter.reviews.lead')}</p>
      {done && <Alert tone="success">{done}</Alert>}
      <div className="console-toolbar console-filter-row">
        <RadioGroup
          id="review-filter"
          name="review-filter"
          legend={t('counter.reviews.show')}
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          options={(['pending', 'approved', 'rejected'] as const).map((value) => ({
            value,
            label: t(`counter.reviews.filters.${value}`),
          }))}
          className="console-inline-radios"
        />
        <Button variant="secondary" onClick={() => void load(filter)}>
          {t('counter.issue.refresh')}
        </Button>
      </div>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {reviews && reviews.length === 0 && <Alert tone="info">{t('counter.reviews.none')}</Alert>}
      {reviews && reviews.length > 0 && (
        <ul className="console-reviews">
          {reviews.map((review) => (
            <ReviewCard key={review.overrideId} review={review} onDecide={() => setDeciding(review)} />
          ))}
        </ul>
      )}
      {deciding && (
        <DecisionDialog
          review={deciding}
          onClose={() => setDeciding(undefined)}
          onDecided={(message) => {
            setDeciding(undefined);
            setDone(message);
            void load(filter);
          }}
        />
      )}
    </>
  );
}

function subjectName(review: OverrideRequest): string {
  return review.subject.familyName
    ? `${review.subject.familyName}　${review.subject.givenName ?? ''}`
    : `#${review.subject.residentId ?? review.subject.kosekiId}`;
}

function ReviewCard({ review, onDecide }: { review: OverrideRequest; onDecide: () => void }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const reason = review.requester.lawfulReason;
  return (
    <li className="mg-card console-review" data-override={review.overrideId}>
      <h2 className="console-review__title">
        {t(`counter.certificates.${review.certificate}`)}
        <span className="console-muted">{t('counter.reviews.about', { name: subjectName(review) })}</span>
      </h2>
      <dl className="console-facts console-facts--row">
        <div>
          <dt>{t('counter.reviews.channel')}</dt>
          <dd>{t(`counter.reviews.channels.${review.channel}`)}</dd>
        </div>
        <div>
          <dt>{t('counter.reviews.requester')}</dt>
          <dd>
            {review.requester.name ?? '—'}
            <span className="console-cell-sub">{t(`counter.issue.relations.${review.relation}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('counter.issue.visit.identity')}</dt>
          <dd>{review.requester.identityDocument ?? '—'}</dd>
        </div>
        {review.relation === 'agent' && (
          <div>
            <dt>{t('counter.reviews.powerOfAttorney')}</dt>
            <dd>{review.requester.powerOfAttorney ? t('counter.reviews.yes') : t('counter.reviews.no')}</dd>
          </div>
        )}
        {reason && (
          <div className="console-facts__wide">
            <dt>{t('counter.issue.requester.reason')}</dt>
            <dd>
              {t(`counter.issue.reasons.${reason.kind}`)}：{reason.detail}
              {reason.professional && (
                <span className="console-cell-sub">
                  {t(`counter.issue.professions.${reason.professional.profession}`)}　
                  {reason.professional.registrationNo}
                </span>
              )}
              {reason.authority && <span className="console-cell-sub">{reason.authority}</span>}
            </dd>
          </div>
        )}
        <div className="console-facts__wide">
          <dt>{t('counter.reviews.note')}</dt>
          <dd>{review.note}</dd>
        </div>
        <div>
          <dt>{t('counter.reviews.requestedAt')}</dt>
          <dd>{formatMoment(new Date(review.requestedAt), lng, false)}</dd>
        </div>
        {review.decidedAt && (
          <div className="console-facts__wide">
            <dt>{t('counter.reviews.decision')}</dt>
            <dd>
              {t(`counter.reviews.filters.${review.status}`)}（
              {formatMoment(new Date(review.decidedAt), lng, false)}）：
              {review.decisionReason}
            </dd>
          </div>
        )}
      </dl>
      {review.status === 'pending' && (
        <Button
          onClick={onDecide}
          aria-label={t('counter.reviews.decideLabel', { name: subjectName(review) })}
        >
          {t('counter.reviews.decide')}
        </Button>
      )}
    </li>
  );
}

function DecisionDialog({
  review,
  onClose,
  onDecided,
}: {
  review: OverrideRequest;
  onClose: () => void;
  onDecided: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<'approve' | 'reject' | undefined>();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ decision?: string; reason?: string }>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const found: typeof errors = {};
    if (!decision) found.decision = t('counter.reviews.decisionRequired');
    if ([...reason.trim()].length < MIN_REASON) found.reason = t('counter.reviews.reasonTooShort');
    setErrors(found);
    if (Object.keys(found).length > 0 || !decision) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await decideReview(review.overrideId, decision, reason.trim());
      onDecided(t(`counter.reviews.done.${decision}`, { name: subjectName(review) }));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('counter.reviews.dialogTitle', {
        certificate: t(`counter.certificates.${review.certificate}`),
        name: subjectName(review),
      })}
      actions={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('counter.staff.cancel')}
          </Button>
          <Button
            variant={decision === 'reject' ? 'danger' : 'primary'}
            onClick={() => void submit()}
            disabled={busy}
          >
            {decision ? t(`counter.reviews.decisions.${decision}`) : t('counter.staff.run')}
          </Button>
        </>
      }
    >
      {failure !== undefined && <ErrorAlert error={failure} />}
      <form noValidate onSubmit={(event) => event.preventDefault()} className="console-dialog-form">
        <RadioGroup
          id="review-decision"
          name="review-decision"
          legend={t('counter.reviews.decision')}
          required
          value={decision}
          onChange={(value) => setDecision(value as 'approve' | 'reject')}
          error={errors.decision}
          options={(['approve', 'reject'] as const).map((value) => ({
            value,
            label: t(`counter.reviews.decisions.${value}`),
            hint: t(`counter.reviews.decisionHints.${value}`),
          }))}
        />
        <TextField
          id="review-reason"
          label={t('counter.staff.reason')}
          description={t('counter.reviews.reasonDescription')}
          required
          maxLength={400}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
        />
      </form>
    </Dialog>
  );
}
