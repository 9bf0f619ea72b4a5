import type { Ref } from 'react';
import { Alert } from '../shared/components';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * The list of a form's problems above it, each a link to its field. It takes
 * focus when it appears (the caller focuses `ref`), so the clerk hears what to fix.
 */
export function ErrorSummary<F extends string>({
  ref,
  title,
  errors,
  fieldIds,
}: {
  ref?: Ref<HTMLDivElement>;
  title: string;
  errors: FieldErrors<F>;
  fieldIds: Record<F, string>;
}) {
  const fields = (Object.keys(errors) as F[]).filter((field) => errors[field]);
  if (fields.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="console-error-summary">
      <Alert tone="error" title={title}>
        <ul>
          {fields.map((field) => (
            <li key={field}>
              <a href={`#${fieldIds[field]}`}>{errors[field]}</a>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
