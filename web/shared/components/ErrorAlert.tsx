import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { useLanguage } from '../i18n/useLanguage';
import { Alert } from './Alert';

/**
 * The message for an error in the reader's language: our own translation of
 * the error code when this language has one, otherwise the server's text
 * (Japanese for Japanese readers, English for everyone else).
 */
export function errorMessage(error: unknown, i18n: I18n, lng: string): string {
  const code = isApiError(error) ? error.code : 'unexpected_response';
  const own = i18n.getResource(lng, 'translation', `errors.${code}`);
  if (typeof own === 'string') return own;
  if (isApiError(error)) return error.messageIn(lng);
  return i18n.t('errors.unexpected_response');
}

/** Shows a failed request: the main message, then each detail the server gave (`errors[]`). */
export function ErrorAlert({ error, className }: { error: unknown; className?: string }) {
  const { t, i18n } = useTranslation();
  const lng = useLanguage();
  const details = isApiError(error) ? error.detailsIn(lng) : [];
  return (
    <Alert tone="error" title={t('common.errorTitle')} className={className}>
      <p data-error-code={isApiError(error) ? error.code : undefined}>{errorMessage(error, i18n, lng)}</p>
      {details.length > 0 && (
        <>
          <p>{t('common.errorDetails')}</p>
          <ul>
            {details.map((detail, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: details have no identity of their own and never reorder.
              <li key={index}>
                {detail.at && <span className="mg-alert__at">{detail.at}: </span>}
                {detail.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}
