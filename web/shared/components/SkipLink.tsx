import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** The first focusable element of every page: jumps past the header to the main content. */
export function SkipLink({ target = 'main' }: { target?: string }) {
  const { t } = useTranslation();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(target);
    if (!main) return;
    // Moving focus (not only scrolling) makes the next Tab start inside the content.
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="mg-skip-link" href={`#${target}`} onClick={skip}>
      {t('common.skipToContent')}
    </a>
  );
}
