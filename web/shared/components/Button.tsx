import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cx } from './classes';

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary' | 'danger';
/** `md` ≥ 48 px, `lg` ≥ 56 px, `kiosk` ≥ 72 px high (and as wide): see docs/frontend.md. */
export type ButtonSize = 'md' | 'lg' | 'kiosk';

interface ButtonLook {
  variant?: ButtonVariant;
  size?: ButtonSize;
  fullWidth?: boolean;
  /** Shown before the text; decorative. */
  icon?: ReactNode;
  /** Shown after the text; decorative. */
  iconEnd?: ReactNode;
}

export function buttonClassName({ variant = 'primary', size = 'md', fullWidth }: ButtonLook, extra?: string) {
  return cx(
    'mg-button',
    `mg-button--${variant}`,
    `mg-button--${size}`,
    fullWidth && 'mg-button--full',
    extra,
  );
}

export type ButtonProps = ButtonLook & ComponentPropsWithRef<'button'>;

export function Button({
  variant,
  size,
  fullWidth,
  icon,
  iconEnd,
  className,
  type = 'button',
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      // The default is "button": a submit must be asked for, so no button submits a form by surprise.
      type={type}
      className={buttonClassName({ variant, size, fullWidth }, className)}
      {...rest}
    >
      {icon}
      <span className="mg-button__text">{children}</span>
      {iconEnd}
    </button>
  );
}

export type ButtonLinkProps = ButtonLook & ComponentPropsWithRef<'a'> & { href: string };

/** A link that looks like a button: for actions that go to another page. */
export function ButtonLink({
  variant,
  size,
  fullWidth,
  icon,
  iconEnd,
  className,
  children,
  ...rest
}: ButtonLinkProps) {
  return (
    <a className={buttonClassName({ variant, size, fullWidth }, className)} {...rest}>
      {icon}
      <span className="mg-button__text">{children}</span>
      {iconEnd}
    </a>
  );
}
