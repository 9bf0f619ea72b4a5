import type { ComponentPropsWithRef, ReactNode } from 'react';
import { FieldDescription, FieldError, fieldClassName, RequiredMark, useFieldIds } from './Field';

export type TextFieldProps = Omit<ComponentPropsWithRef<'input'>, 'size'> & {
  label: ReactNode;
  /** Help shown under the label and read with the field. */
  description?: ReactNode;
  /** Shown under the field and read with it; marks the field invalid. */
  error?: ReactNode;
  size?: 'md' | 'kiosk';
};

export function TextField({
  label,
  description,
  error,
  size,
  id,
  required,
  className,
  type = 'text',
  ...input
}: TextFieldProps) {
  const ids = useFieldIds({ id, description, error });
  return (
    <div className={fieldClassName(error, size, className)}>
      <label htmlFor={ids.controlId} className="mg-field__label">
        {label}
        {required && <RequiredMark />}
      </label>
      <FieldDescription id={ids.descriptionId}>{description}</FieldDescription>
      <input
        id={ids.controlId}
        type={type}
        className="mg-input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
      <FieldError id={ids.errorId}>{error}</FieldError>
    </div>
  );
}
