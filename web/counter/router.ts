/**
 * A small router for the console: screens own real URLs under /counter/ (the
 * server answers index.html for any of them), so a clerk can bookmark the audit
 * search or reload a screen. No library: a handful of paths, pushState and
 * popstate are all it takes.
 */
import { type MouseEvent, useSyncExternalStore } from 'react';
import { focusNextHeading } from './ScreenHeading';

export const BASE = '/counter/';
const CHANGE = 'madoguchi:navigate';

/** The path inside the console: `/counter/audit?x=1` → `audit`. */
export function routeOf(pathname: string): string {
  const inside = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : '';
  return inside.replace(/\/+$/, '');
}

export function hrefOf(route: string): string {
  return `${BASE}${route}`;
}

// Back and forward change the screen too: its heading takes focus like after a link.
if (typeof window !== 'undefined') window.addEventListener('popstate', focusNextHeading);

function subscribe(callback: () => void) {
  window.addEventListener('popstate', callback);
  window.addEventListener(CHANGE, callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener(CHANGE, callback);
  };
}

/** The current route; the component re-renders when it changes. */
export function useRoute(): string {
  return useSyncExternalStore(subscribe, () => routeOf(window.location.pathname));
}

/** The current query string's parameters (read on each render). */
export function useSearch(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return new URLSearchParams(search);
}

export function navigate(route: string, options: { replace?: boolean; search?: string } = {}): void {
  const url = `${hrefOf(route)}${options.search ? `?${options.search}` : ''}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  // Only a new screen moves focus; a new query on the same screen (a search, a page) does not.
  if (hrefOf(route) !== window.location.pathname) focusNextHeading();
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
}

/**
 * Follows a link inside the console without reloading the page; a modified
 * click (new tab, new window) is left to the browser.
 */
export function followLink(event: MouseEvent<HTMLAnchorElement>, route: string): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(route);
}
