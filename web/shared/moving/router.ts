import { useCallback, useEffect, useState } from 'react';

/**
 * A small history router for a screen family mounted at `/<family>/`: each
 * screen has its own URL (back and forward work, a reload keeps the place),
 * and the static server answers every path of the family with the same page.
 * The query string (`?lang=`) is kept.
 */
export function useFamilyRoute(family: string): {
  path: string;
  navigate: (path: string, options?: { replace?: boolean }) => void;
} {
  const base = `/${family}/`;
  const current = useCallback(
    () => window.location.pathname.slice(window.location.pathname.startsWith(base) ? base.length : 0),
    [base],
  );
  const [path, setPath] = useState(current);
  useEffect(() => {
    const onPop = () => setPath(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [current]);
  const navigate = useCallback(
    (next: string, options: { replace?: boolean } = {}) => {
      const url = `${base}${next}${window.location.search}`;
      if (options.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      setPath(current());
      window.scrollTo(0, 0);
    },
    [base, current],
  );
  return { path, navigate };
}
