import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../shared/api';
import { ErrorAlert } from '../shared/components';
import { createPaperNotification, openNotification } from '../shared/moving/api';
import { type ContentProblem, cleanContent, emptyMover, HEAD, type MoveKind } from '../shared/moving/content';
import { contentPath } from '../shared/moving/fieldText';
import { ContentEditor } from './ContentEditor';
import { readCsrf } from './session';

/**
 * 紙の届出: the clerk types the resident's paper form into the same
 * questionnaire. The notification is made on the paper path (received at once)
 * and opened at the counter, so the rest is the same as for a QR code.
 */
export function PaperScreen({ kind, navigate }: { kind: MoveKind; navigate: (path: string) => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [problems, setProblems] = useState<ContentProblem[]>([]);
  const [initial] = useState(() => {
    const first = emptyMover();
    if (kind === 'tennyu') first.relationship = HEAD;
    return { movers: [first] };
  });

  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="notify-paper">
      <p className="moving-kind-label">{t(`moving.kinds.${kind}`)}</p>
      <h1 className="mg-page-title" tabIndex={-1} ref={heading}>
        {t('notify-counter.paper.screenTitle', { kind: t(`moving.kinds.${kind}`) })}
      </h1>
      <p className="mg-lead">{t('notify-counter.paper.screenLead')}</p>
      {failure !== undefined && <ErrorAlert error={failure} />}
      <ContentEditor
        headingLevel={2}
        kind={kind}
        initial={initial}
        serverProblems={problems}
        busy={busy}
        submitLabel={t('notify-counter.paper.create')}
        onCancel={() => navigate('')}
        onSubmit={async (content) => {
          setBusy(true);
          setFailure(undefined);
          try {
            const csrf = { csrf: readCsrf() };
            const created = await createPaperNotification(csrf, kind, cleanContent(content));
            await openNotification(csrf, created.reference);
            navigate(`n/${created.reference}`);
          } catch (error) {
            const details = isApiError(error) ? (error.problem.errors ?? []) : [];
            if (details.length > 0) setProblems(details.map((d) => ({ ...d, at: contentPath(d.at) })));
            else setFailure(error);
          } finally {
            setBusy(false);
          }
        }}
      />
    </div>
  );
}
