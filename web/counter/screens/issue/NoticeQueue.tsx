import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ErrorAlert } from '../../../shared/components';
import { useLanguage } from '../../../shared/i18n/useLanguage';
import { type LetterSummary, listNotices, markNoticePrinted, noticeUrl } from '../../api/counter';
import { formatMoment } from '../../format';

/**
 * 本人通知 waiting to be printed and posted. The list shows no names; opening
 * a letter (it holds a name and an address) is an audited read.
 */
export function NoticeQueue() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const [letters, setLetters] = useState<LetterSummary[] | undefined>();
  const [failure, setFailure] = useState<unknown>();

  const load = useCallback(async () => {
    try {
      setLetters(await listNotices('queued'));
    } catch (error) {
      setFailure(error);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  if (failure !== undefined) return <ErrorAlert error={failure} />;
  if (!letters || letters.length === 0) return null;
  return (
    <section className="console-section" aria-labelledby="notice-queue-title">
      <h3 id="notice-queue-title" className="console-subtitle">
        {t('counter.issue.notices.title', { number: letters.length })}
      </h3>
      <p className="console-muted">{t('counter.issue.notices.lead')}</p>
      <ul className="console-list console-list--rows">
        {letters.map((letter) => (
          <li key={letter.letterId}>
            <span>
              <span className="console-code">{letter.letterNumber}</span>
              <span className="console-muted">
                （{formatMoment(new Date(letter.createdAt), lng, false)}）
              </span>
            </span>
            <span className="console-pdf-links">
              <a
                href={noticeUrl(letter.letterId)}
                target="_blank"
                rel="noopener"
                aria-label={t('counter.issue.done.openLabel', { name: letter.letterNumber })}
              >
                {t('counter.issue.done.open')}
              </a>
              <Button
                variant="secondary"
                onClick={() =>
                  void markNoticePrinted(letter.letterId).then(load, (error: unknown) => setFailure(error))
                }
                aria-label={t('counter.issue.notices.printedLabel', { number: letter.letterNumber })}
              >
                {t('counter.issue.notices.printed')}
              </Button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
