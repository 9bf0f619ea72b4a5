import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Set when the console changes screen (a menu link, a login, a finished step),
 * so that the next screen's heading takes focus: keyboard and screen-reader
 * users start reading at the new screen, not wherever focus happened to be.
 * A fresh page load leaves focus alone (the skip link comes first).
 */
let focusPending = false;

export function focusNextHeading(): void {
  focusPending = true;
}

export function ScreenHeading({
  children,
  id,
  className,
}: {
  children: ReactNode;
  id?: string;
  className?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusPending) return;
    focusPending = false;
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className={className ?? 'mg-page-title'}>
      {children}
    </h1>
  );
}
