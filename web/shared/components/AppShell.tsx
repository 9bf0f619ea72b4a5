import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './classes';
import { SkipLink } from './SkipLink';

export interface AppShellProps {
  /** The screen family's name, shown after the brand ("証明書交付端末"). */
  product: ReactNode;
  /** A tag beside the product name ("職員用"). */
  badge?: ReactNode;
  /** Right side of the header: the language switcher, a clock. */
  headerEnd?: ReactNode;
  children: ReactNode;
  /** `kiosk` and `display` use larger type and no footer. */
  variant?: 'standard' | 'kiosk' | 'display';
  className?: string;
}

/** Skip link, header, the one <main id="main">, footer: the same landmarks on every screen. */
export function AppShell({
  product,
  badge,
  headerEnd,
  children,
  variant = 'standard',
  className,
}: AppShellProps) {
  const { t } = useTranslation();
  return (
    <div className={cx('mg-shell', `mg-shell--${variant}`, className)}>
      <SkipLink />
      <header className="mg-header">
        <div className="mg-header__inner">
          <p className="mg-header__brand">
            <span className="mg-header__logo" aria-hidden="true">
              窓
            </span>
            <span className="mg-header__names">
              <span className="mg-header__app">{t('common.appName')}</span>
              <span className="mg-header__product">
                {product}
                {badge && <span className="mg-header__badge">{badge}</span>}
              </span>
            </span>
          </p>
          {headerEnd && <div className="mg-header__end">{headerEnd}</div>}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mg-main">
        {children}
      </main>
      {variant === 'standard' && (
        <footer className="mg-footer">
          <p>{t('common.footer')}</p>
        </footer>
      )}
    </div>
  );
}
