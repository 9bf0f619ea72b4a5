import type { ReactNode } from 'react';
import { cx } from './classes';
import { CheckCircleIcon, ErrorIcon, InfoIcon, WarningIcon } from './icons';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

export interface AlertProps {
  tone: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /**
   * How it is announced: `assertive` (role=alert) interrupts, `polite`
   * (role=status) waits, `off` is a static notice. By default errors are
   * assertive, successes polite, and information and warnings static.
   */
  live?: 'assertive' | 'polite' | 'off';
  className?: string;
  id?: string;
}

const ICONS = { info: InfoIcon, success: CheckCircleIcon, warning: WarningIcon, error: ErrorIcon };
const DEFAULT_LIVE = { info: 'off', success: 'polite', warning: 'off', error: 'assertive' } as const;

export function Alert({ tone, title, children, live, className, id }: AlertProps) {
  const Icon = ICONS[tone];
  const mode = live ?? DEFAULT_LIVE[tone];
  const role = mode === 'assertive' ? 'alert' : mode === 'polite' ? 'status' : undefined;
  return (
    <div id={id} role={role} className={cx('mg-alert', `mg-alert--${tone}`, className)}>
      <Icon className="mg-alert__icon" />
      <div className="mg-alert__content">
        {title && <p className="mg-alert__title">{title}</p>}
        {children && <div className="mg-alert__body">{children}</div>}
      </div>
    </div>
  );
}
