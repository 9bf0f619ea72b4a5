import type { ReactNode } from 'react';
import { FieldDescription, FieldError, fieldClassName, RequiredMark, useFieldIds } from './Field';

export interface RadioOption {
  value: string;
  label: ReactNode;
  /** A second line under the label. */
  hint?: ReactNode;
  disabled?: boolean;
}

export interface RadioGroupProps {
  name: string;
  legend: ReactNode;
  options: readonly RadioOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  size?: 'md' | 'kiosk';
  id?: string;
  className?: string;
}

/** Radios in a fieldset: the legend names the question, each whole row is the touch target. */
export function RadioGroup({
  name,
  legend,
  options,
  value,
  onChange,
  description,
  error,
  required,
  size,
  id,
  className,
}: RadioGroupProps) {
  const ids = useFieldIds({ id, description, error });
  return (
    <fieldset
      id={ids.controlId}
      className={fieldClassName(error, size, `mg-radio-group ${className ?? ''}`.trim())}
      aria-describedby={ids.describedBy}
    >
      <legend className="mg-field__label">
        {legend}
        {required && <RequiredMark />}
      </legend>
      <FieldDescription id={ids.descriptionId}>{description}</FieldDescription>
      <div className="mg-radio-group__options">
        {options.map((option, index) => {
          const optionId = `${ids.controlId}-${index}`;
          return (
            <label key={option.value} htmlFor={optionId} className="mg-radio">
              <input
                id={optionId}
                type="radio"
                name={name}
                value={option.value}
                checked={value === option.value}
                disabled={option.disabled}
                required={required}
                aria-invalid={error ? true : undefined}
                aria-describedby={ids.describedBy}
                onChange={() => onChange(option.value)}
                className="mg-radio__input"
              />
              <span className="mg-radio__text">
                <span className="mg-radio__label">{option.label}</span>
                {option.hint && <span className="mg-radio__hint">{option.hint}</span>}
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={ids.errorId}>{error}</FieldError>
    </fieldset>
  );
}
