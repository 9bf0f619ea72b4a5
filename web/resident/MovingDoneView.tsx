import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, ErrorAlert, QrCode } from '../shared/components';
import { useLanguage } from '../shared/i18n/useLanguage';
import {
  type DraftKey,
  deleteDraft,
  draftGuidance,
  type Guidance,
  type NotificationSummary,
} from '../shared/moving/api';
import { groupedReference } from '../shared/moving/content';
import { DraftSummary, formatMoment } from '../shared/moving/DraftSummary';
import { ProcedureList } from '../shared/moving/ProcedureList';

interface Props {
  summary: NotificationSummary;
  draftKey: DraftKey;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onEdit: () => void;
  onDeleted: () => void;
  onForget: () => void;
}

/**
 * The end of the questionnaire: the QR code to show at the counter (it holds
 * the reference only, never personal data), when the draft expires, what to
 * bring, the procedures to expect, and the way to change or delete it.
 */
export function MovingDoneView({ summary, draftKey, headingRef, onEdit, onDeleted, onForget }: Props) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [guidance, setGuidance] = useState<Guidance>();
  const [guidanceFailure, setGuidanceFailure] = useState<unknown>();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const keep = useRef<HTMLButtonElement>(null);
  const status = summary.status;
  const editable = status === 'draft' || status === 'submitted';

  useEffect(() => {
    headingRef.current?.focus();
  }, [headingRef]);

  useEffect(() => {
    const abort = new AbortController();
    draftGuidance(draftKey, abort.signal)
      .then(setGuidance)
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setGuidanceFailure(error);
      });
    return () => abort.abort();
  }, [draftKey]);

  const remove = async () => {
    setDeleting(true);
    setFailure(undefined);
    try {
      await deleteDraft(draftKey);
      setConfirming(false);
      onDeleted();
    } catch (error) {
      setConfirming(false);
      setFailure(error);
    } finally {
      setDeleting(false);
    }
  };

  const finished = status === 'accepted' || status === 'rejected';
  const atCounter = status === 'opened' || status === 'confirmed';
  const title = finished
    ? t(`resident.moving.done.${status}Title`)
    : atCounter
      ? t('resident.moving.done.atCounterTitle')
      : t('resident.moving.done.title');

  return (
    <div className="moving-page moving-done">
      <p className="moving-kind-label">{t(`moving.kinds.${summary.kind}`)}</p>
      <h1 className="mg-page-title" tabIndex={-1} ref={headingRef}>
        {title}
      </h1>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {finished && (
        <Alert tone={status === 'accepted' ? 'success' : 'warning'} live="off">
          {t(`resident.moving.done.${status}Text`)}
        </Alert>
      )}
      {atCounter && <Alert tone="info">{t('resident.moving.done.atCounterText')}</Alert>}
      {status === 'draft' && (
        <Alert tone="warning" title={t('resident.moving.done.incompleteTitle')}>
          {t('resident.moving.done.incompleteText')}
        </Alert>
      )}

      {!finished && (
        <section className="moving-qr" aria-labelledby="qr-heading">
          <h2 id="qr-heading" className="moving-qr__title">
            {t('resident.moving.done.showQr')}
          </h2>
          <div className="moving-qr__code">
            <QrCode
              value={summary.qrText}
              size={232}
              label={t('resident.moving.done.qrLabel', { reference: groupedReference(summary.reference) })}
            />
          </div>
          <p className="moving-qr__reference">
            <span className="moving-qr__reference-label">{t('resident.moving.done.reference')}</span>
            <span className="moving-qr__reference-value" data-reference={summary.reference}>
              {groupedReference(summary.reference)}
            </span>
          </p>
          <p className="moving-qr__hint">{t('resident.moving.done.referenceHint')}</p>
          <p className="moving-qr__expiry">
            {t('resident.moving.done.expires', { when: formatMoment(summary.expiresAt, lng) })}
          </p>
          <p className="moving-qr__privacy">{t('resident.moving.done.qrPrivacy')}</p>
        </section>
      )}

      {!finished && (
        <section className="mg-section" aria-labelledby="bring-heading">
          <h2 id="bring-heading" className="mg-section-title">
            {t('resident.moving.done.bringTitle')}
          </h2>
          <ul className="moving-bring">
            <li>{t('resident.moving.done.bringId')}</li>
            {summary.kind === 'tennyu' && <li>{t('resident.moving.done.bringTenshutsu')}</li>}
            {summary.content.movers.some((m) => m.myNumberCard) && (
              <li>{t('resident.moving.done.bringCard')}</li>
            )}
            {summary.content.notifier?.relation === 'agent' && (
              <li>{t('resident.moving.done.bringProxy')}</li>
            )}
            {summary.kind === 'tenshutsu' && <li>{t('resident.moving.done.sealNote')}</li>}
          </ul>
        </section>
      )}

      <section className="mg-section" aria-labelledby="guidance-heading">
        <h2 id="guidance-heading" className="mg-section-title">
          {t('resident.moving.done.guidanceTitle')}
        </h2>
        <p>{t('resident.moving.done.guidanceLead')}</p>
        {guidanceFailure !== undefined && <ErrorAlert error={guidanceFailure} />}
        {guidance ? (
          <ProcedureList procedures={guidance.procedures} />
        ) : (
          guidanceFailure === undefined && <p role="status">{t('common.loading')}</p>
        )}
      </section>

      <section className="mg-section" aria-labelledby="contents-heading">
        <h2 id="contents-heading" className="mg-section-title">
          {t('resident.moving.done.contentsTitle')}
        </h2>
        <DraftSummary kind={summary.kind} content={summary.content} headingLevel={3} />
      </section>

      <div className="mg-actions moving-done__actions">
        {editable && (
          <Button variant="secondary" size="lg" onClick={onEdit}>
            {t('resident.moving.done.edit')}
          </Button>
        )}
        {editable && (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t('resident.moving.done.delete')}
          </Button>
        )}
        {finished && (
          <Button variant="secondary" onClick={onForget}>
            {t('resident.moving.done.forget')}
          </Button>
        )}
      </div>

      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        role="alertdialog"
        title={t('resident.moving.done.deleteTitle')}
        initialFocus={keep}
        actions={
          <>
            <Button ref={keep} variant="secondary" onClick={() => setConfirming(false)}>
              {t('resident.moving.done.keep')}
            </Button>
            <Button variant="danger" onClick={() => void remove()} disabled={deleting}>
              {t('resident.moving.done.deleteConfirm')}
            </Button>
          </>
        }
      >
        <p>{t('resident.moving.done.deleteText')}</p>
      </Dialog>
    </div>
  );
}
