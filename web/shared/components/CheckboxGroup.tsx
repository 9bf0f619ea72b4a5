import type { ReactNode } from 'react';
import { FieldDescription, FieldError, fieldClassName, RequiredMark, useFieldIds } from './Field';

export interface CheckboxOption {
  value: string;
  label: ReactNode;
  /** A second line under the label. */
  hint?: ReactNode;
  disabled?: boolean;
  /** The label's own language when it differs from the page's (a name, a Japanese term). */
  lang?: string;
}

export interface CheckboxGroupProps {
  name: string;
  legend: ReactNode;
  options: readonly CheckboxOption[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  description?: ReactNode;
  error?: ReactNode;
  /** At least one must be ticked; shown as 必須 (checkboxes cannot say so themselves). */
  required?: boolean;
  size?: 'md' | 'kiosk';
  id?: string;
  className?: string;
}

/**
 * Checkboxes in a fieldset, the RadioGroup's sibling: the legend names the
 * question, each whole row is the touch target, and the order of `values`
 * follows the options' order whatever order they were ticked in.
 */
export function CheckboxGroup({
  name,
  legend,
  options,
  values,
  onChange,
  description,
  error,
  required,
  size,
  id,
  className,
}: CheckboxGroupProps) {
  const ids = useFieldIds({ id, description, error });
  const toggle = (value: string, checked: boolean) => {
    const next = new Set(values);
    if (checked) next.add(value);
    else next.delete(value);
    onChange(options.map((option) => option.value).filter((v) => next.has(v)));
  };
  return (
    <fieldset
      id={ids.controlId}
      className={fieldClassName(error, size, `mg-checkbox-group ${className ?? ''}`.trim())}
      aria-describedby={ids.describedBy}
    >
      <legend className="mg-field__label">
        {legend}
        {required && <RequiredMark />}
      </legend>
      <FieldDescription id={ids.descriptionId}>{description}</FieldDescription>
      <div className="mg-checkbox-group__options">
        {options.map((option, index) => {
          const optionId = `${ids.controlId}-${index}`;
          return (
            <label key={option.value} htmlFor={optionId} className="mg-checkbox">
              <input
                id={optionId}
                type="checkbox"
                name={name}
                value={option.value}
                checked={values.includes(option.value)}
                disabled={option.disabled}
                aria-invalid={error ? true : undefined}
                onChange={(event) => toggle(option.value, event.target.checked)}
                className="mg-checkbox__input"
              />
              <span className="mg-checkbox__text">
                <span className="mg-checkbox__label" lang={option.lang}>
                  {option.label}
                </span>
                {option.hint && <span className="mg-checkbox__hint">{option.hint}</span>}
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={ids.errorId}>{error}</FieldError>
    </fieldset>
  );
}
