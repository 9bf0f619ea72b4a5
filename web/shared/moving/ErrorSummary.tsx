import { type RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components';
import { fieldId } from './fieldText';

export interface SummaryEntry {
  /** A content path: the link goes to its control. */
  path: string;
  message: string;
  /** Instead of moving to a control on this page (the problem is on another step). */
  onActivate?: () => void;
  label?: string;
}

/** Moves focus to a field: the control itself, or the first control of a group. */
export function focusField(path: string): void {
  const element = document.getElementById(fieldId(path));
  if (!element) return;
  const target =
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement
      ? element
      : element.querySelector<HTMLElement>('input, select, textarea, button');
  (target ?? element).scrollIntoView({ block: 'center' });
  (target ?? element).focus();
}

/**
 * 「入力内容を確認してください」: every problem of the step, each a link to its
 * field. Focused when it appears, so a screen reader hears it first.
 */
export function ErrorSummary({
  entries,
  focusOnShow = true,
  summaryRef,
}: {
  entries: SummaryEntry[];
  focusOnShow?: boolean;
  summaryRef?: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  const own = useRef<HTMLDivElement>(null);
  const ref = summaryRef ?? own;
  const count = entries.length;
  useEffect(() => {
    if (count > 0 && focusOnShow) ref.current?.focus();
  }, [count, focusOnShow, ref]);
  if (count === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="moving-error-summary">
      <Alert tone="error" title={t('moving.errorSummary', { count })}>
        <ul>
          {entries.map((entry) => (
            <li key={`${entry.path}:${entry.message}`}>
              <a
                href={`#${fieldId(entry.path)}`}
                onClick={(event) => {
                  event.preventDefault();
                  if (entry.onActivate) entry.onActivate();
                  else focusField(entry.path);
                }}
              >
                {entry.label ? `${entry.label}: ` : ''}
                {entry.message}
              </a>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
