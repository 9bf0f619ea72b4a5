import type { ComponentPropsWithRef, ReactNode } from 'react';
import { FieldDescription, FieldError, fieldClassName, RequiredMark, useFieldIds } from './Field';

export interface SelectOption {
  value: string;
  label: string;
  /** The option's own language, when it differs from the page's (language names). */
  lang?: string;
  disabled?: boolean;
}

export type SelectProps = Omit<ComponentPropsWithRef<'select'>, 'size' | 'children'> & {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  options: readonly SelectOption[];
  /** A first, empty choice ("選択してください"); with `required`, choosing it is an error. */
  placeholder?: string;
  size?: 'md' | 'kiosk';
};

/** A native select: the platform's picker is the most accessible one on every phone and reader. */
export function Select({
  label,
  description,
  error,
  options,
  placeholder,
  size,
  id,
  required,
  className,
  ...select
}: SelectProps) {
  const ids = useFieldIds({ id, description, error });
  return (
    <div className={fieldClassName(error, size, className)}>
      <label htmlFor={ids.controlId} className="mg-field__label">
        {label}
        {required && <RequiredMark />}
      </label>
      <FieldDescription id={ids.descriptionId}>{description}</FieldDescription>
      <div className="mg-select">
        <select
          id={ids.controlId}
          className="mg-select__control"
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          {...select}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <FieldError id={ids.errorId}>{error}</FieldError>
    </div>
  );
}
