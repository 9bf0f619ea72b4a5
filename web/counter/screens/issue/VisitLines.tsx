import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog, ErrorAlert, TextField } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import type { Visit, VisitLine } from '../../api/counter';
import { formatYen } from '../../format';

/** The certificates of the visit with their fees, review state and what can still be done with each. */
export function VisitLines({
  visit,
  names,
  onRemove,
  onRequestReview,
}: {
  visit: Visit;
  /** Names of the people the clerk opened in this visit, by resident id. */
  names: ReadonlyMap<number, string>;
  onRemove: (line: VisitLine) => Promise<void>;
  onRequestReview: (line: VisitLine, note: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [reviewing, setReviewing] = useState<VisitLine | undefined>();
  const lines = visit.lines.filter((line) => line.status !== 'removed');
  const open = visit.status === 'open';
  if (lines.length === 0) return <p className="console-muted">{t('counter.issue.lines.none')}</p>;
  const subjectOf = (line: VisitLine) =>
    line.subject.residentId !== undefined
      ? (names.get(line.subject.residentId) ??
        t('counter.issue.lines.resident', { id: line.subject.residentId }))
      : t('counter.issue.lines.register', { id: line.subject.kosekiId });
  return (
    <>
      <div className="console-table-wrap">
        <table className="mg-table console-table" data-testid="visit-lines">
          <caption className="mg-visually-hidden">{t('counter.issue.lines.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('counter.audit.colSeq')}</th>
              <th scope="col">{t('counter.issue.line.certificate')}</th>
              <th scope="col">{t('counter.issue.lines.subject')}</th>
              <th scope="col">{t('counter.issue.line.relation')}</th>
              <th scope="col" className="console-num">
                {t('counter.issue.line.copies')}
              </th>
              <th scope="col" className="console-num">
                {t('counter.issue.lines.fee')}
              </th>
              <th scope="col">{t('counter.issue.lines.state')}</th>
              {open && (
                <th scope="col">
                  <span className="mg-visually-hidden">{t('counter.staff.colActions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.lineNo} data-line={line.lineNo} data-certificate={line.certificate}>
                <td className="console-num">{line.lineNo}</td>
                <th scope="row" className="console-row-head">
                  {t(`counter.certificates.${line.certificate}`)}
                </th>
                <td>{subjectOf(line)}</td>
                <td>{t(`counter.issue.relations.${line.relation}`)}</td>
                <td className="console-num">{line.copies}</td>
                <td className="console-num">{formatYen(line.fee ?? line.quotedTotal ?? 0, lng)}</td>
                <td>
                  <LineState line={line} />
                </td>
                {open && (
                  <td className="console-row-actions">
                    {line.reviewRequired && !line.review && (
                      <Button variant="primary" onClick={() => setReviewing(line)}>
                        {t('counter.issue.lines.requestReview')}
                      </Button>
                    )}
                    <Button
                      variant="tertiary"
                      onClick={() => void onRemove(line)}
                      aria-label={t('counter.issue.lines.removeLabel', {
                        number: line.lineNo,
                        certificate: t(`counter.certificates.${line.certificate}`),
                      })}
                    >
                      {t('counter.issue.lines.remove')}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5} className="console-num">
                {t('counter.issue.lines.total')}
              </th>
              <td className="console-num console-total" data-testid="visit-total">
                {formatYen(visit.total, lng)}
              </td>
              <td colSpan={open ? 2 : 1} />
            </tr>
          </tfoot>
        </table>
      </div>
      {reviewing && (
        <ReviewRequestDialog
          line={reviewing}
          onClose={() => setReviewing(undefined)}
          onSubmit={async (note) => {
            await onRequestReview(reviewing, note);
            setReviewing(undefined);
          }}
        />
      )}
    </>
  );
}

function LineState({ line }: { line: VisitLine }) {
  const { t } = useTranslation();
  if (line.status === 'issued')
    return <span className="console-status console-status--active">{t('counter.issue.lines.issued')}</span>;
  if (!line.reviewRequired) return <span className="console-cell-sub">{t('counter.issue.lines.ready')}</span>;
  const state = line.review?.status ?? 'needed';
  return (
    <span className={`console-status console-status--review-${state}`}>
      {t(`counter.issue.lines.review.${state}`)}
    </span>
  );
}

function ReviewRequestDialog({
  line,
  onClose,
  onSubmit,
}: {
  line: VisitLine;
  onClose: () => void;
  onSubmit: (note: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!note.trim()) {
      setError(t('counter.issue.lines.noteRequired'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await onSubmit(note.trim());
    } catch (caught) {
      setFailure(caught);
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('counter.issue.lines.reviewTitle', { number: line.lineNo })}
      actions={
        <>
          <Button variant="tertiary" onClick={onClose}>
            {t('counter.staff.cancel')}
          </Button>
          <Button onClick={() => void submit()} disabled={busy}>
            {t('counter.issue.lines.sendReview')}
          </Button>
        </>
      }
    >
      <p>{t('counter.issue.lines.reviewLead')}</p>
      {failure !== undefined && <ErrorAlert error={failure} />}
      <TextField
        id="review-note"
        label={t('counter.issue.lines.note')}
        description={t('counter.issue.lines.noteDescription')}
        required
        maxLength={400}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={error}
      />
    </Dialog>
  );
}
