import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './classes';
import { ErrorIcon } from './icons';

/** The ids that tie a control to its label, description and error. */
export interface FieldIds {
  controlId: string;
  descriptionId: string | undefined;
  errorId: string | undefined;
  /** For `aria-describedby`: the description, then the error. */
  describedBy: string | undefined;
}

export function useFieldIds(options: { id?: string; description?: ReactNode; error?: ReactNode }): FieldIds {
  const generated = useId();
  const controlId = options.id ?? `field${generated.replace(/:/g, '')}`;
  const descriptionId = options.description ? `${controlId}-description` : undefined;
  const errorId = options.error ? `${controlId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;
  return { controlId, descriptionId, errorId, describedBy };
}

/** The visible "required" mark; screen readers hear `required` from the control itself. */
export function RequiredMark() {
  const { t } = useTranslation();
  return (
    <span className="mg-field__required" aria-hidden="true">
      {t('common.required')}
    </span>
  );
}

export function FieldDescription({ id, children }: { id: string | undefined; children: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mg-field__description">
      {children}
    </p>
  );
}

export function FieldError({ id, children }: { id: string | undefined; children: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mg-field__error">
      <ErrorIcon />
      <span>{children}</span>
    </p>
  );
}

export function fieldClassName(error: ReactNode, size: 'md' | 'kiosk' = 'md', extra?: string) {
  return cx('mg-field', size === 'kiosk' && 'mg-field--kiosk', Boolean(error) && 'mg-field--invalid', extra);
}
