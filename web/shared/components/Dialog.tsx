import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';
import { cx } from './classes';

export interface DialogProps {
  open: boolean;
  /** Called on Escape and by the dialog's own close actions; the caller sets `open` to false. */
  onClose: () => void;
  title: ReactNode;
  children?: ReactNode;
  /** The buttons at the bottom. */
  actions?: ReactNode;
  /** `alertdialog` for confirmations that interrupt (cancel a procedure, delete). */
  role?: 'dialog' | 'alertdialog';
  /** Where focus goes on opening; by default the first focusable element. Give the safe choice. */
  initialFocus?: RefObject<HTMLElement | null>;
  size?: 'md' | 'kiosk';
  className?: string;
}

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => !element.closest('[inert]') && element.getClientRects().length > 0,
  );
}

/**
 * A modal dialog on the native <dialog> (which makes the rest of the page
 * inert and handles Escape), plus an explicit focus trap: some browsers let
 * Tab leave a modal dialog for their own toolbar, and a kiosk has nowhere
 * else for focus to go. Focus returns to whatever opened the dialog.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  actions,
  role = 'dialog',
  initialFocus,
  size = 'md',
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const target = initialFocus?.current ?? focusableIn(dialog)[0] ?? dialog;
      target.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  // Restore focus when the dialog goes away, whether closed or unmounted.
  useEffect(() => {
    if (open) return;
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Escape fires "cancel": keep the state in React's hands instead of letting the browser close it.
    const onCancel = (event: Event) => {
      event.preventDefault();
      onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, [onClose]);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = focusableIn(ref.current);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !ref.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ref.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      className={cx('mg-dialog', size === 'kiosk' && 'mg-dialog--kiosk', className)}
      onKeyDown={trapTab}
    >
      {open && (
        <div className="mg-dialog__panel">
          <h2 id={titleId} className="mg-dialog__title">
            {title}
          </h2>
          {children && (
            <div id={bodyId} className="mg-dialog__body">
              {children}
            </div>
          )}
          {actions && <div className="mg-dialog__actions">{actions}</div>}
        </div>
      )}
    </dialog>
  );
}
