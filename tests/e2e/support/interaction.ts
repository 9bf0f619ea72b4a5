import type { Page } from 'playwright-core';

/** What the keyboard user is on, and how it shows. */
export interface FocusedElement {
  tag: string;
  id: string;
  /** Accessible-ish name: aria-label or the text, whitespace collapsed. */
  name: string;
  primary: boolean;
  insideDialog: boolean;
  matchesFocusVisible: boolean;
  outlineStyle: string;
  outlineWidth: number;
  boxShadow: string;
  rect: { top: number; left: number; width: number; height: number };
  viewport: { width: number; height: number };
}

export async function focusedElement(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: (element.getAttribute('aria-label') ?? element.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 80),
      primary: element.hasAttribute('data-primary'),
      insideDialog: Boolean(element.closest('dialog[open]')),
      matchesFocusVisible: element.matches(':focus-visible'),
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth) || 0,
      boxShadow: style.boxShadow,
      rect: { top: rect.top, left: rect.left, width: rect.width, height: rect.height },
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  });
}

/**
 * A focus indicator a sighted keyboard user can see: the element matches
 * :focus-visible, draws an outline of at least 2 px or a ring, and is on screen.
 */
export function focusProblem(element: FocusedElement | null): string | undefined {
  if (!element) return 'nothing has focus';
  const label = `<${element.tag}${element.id ? `#${element.id}` : ''}> "${element.name}"`;
  if (!element.matchesFocusVisible) return `${label} does not match :focus-visible`;
  const outline = element.outlineStyle !== 'none' && element.outlineWidth >= 2;
  const ring = element.boxShadow !== 'none' && element.boxShadow !== '';
  if (!outline && !ring) return `${label} shows no outline or ring`;
  const { rect, viewport } = element;
  const onScreen =
    rect.width > 0 &&
    rect.height > 0 &&
    rect.top < viewport.height &&
    rect.top + rect.height > 0 &&
    rect.left < viewport.width;
  if (!onScreen)
    return `${label} is focused off screen (${JSON.stringify(rect)} in ${viewport.width}×${viewport.height})`;
  return undefined;
}

/**
 * Presses Tab until `reached` says so, checking at every stop that focus is
 * visible. Returns the stops; throws with the path taken if it never gets there.
 */
export async function tabUntil(
  page: Page,
  reached: (element: FocusedElement) => boolean,
  options: { maxTabs?: number; shift?: boolean } = {},
): Promise<FocusedElement[]> {
  const stops: FocusedElement[] = [];
  for (let i = 0; i < (options.maxTabs ?? 40); i++) {
    await page.keyboard.press(options.shift ? 'Shift+Tab' : 'Tab');
    const element = await focusedElement(page);
    const problem = focusProblem(element);
    if (problem) throw new Error(`after ${i + 1} Tab(s): ${problem}`);
    if (!element) continue;
    stops.push(element);
    if (reached(element)) return stops;
  }
  throw new Error(
    `Tab never reached the target; stops: ${stops.map((stop) => `${stop.tag} "${stop.name}"`).join(' → ')}`,
  );
}

export interface TargetBox {
  description: string;
  width: number;
  height: number;
}

/**
 * The boxes of everything a person can press (or, for the skip link, Tab to): links, buttons, form controls
 * and the labels wrapping radios and checkboxes (the real touch target).
 */
export async function interactiveTargets(page: Page): Promise<TargetBox[]> {
  return page.evaluate(() => {
    const selector = [
      'a[href]',
      'button',
      'select',
      'textarea',
      'input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"])',
      'label:has(input[type="radio"])',
      'label:has(input[type="checkbox"])',
      '[role="button"]',
      '[tabindex]:not([tabindex="-1"])',
    ].join(',');
    return Array.from(document.querySelectorAll<HTMLElement>(selector))
      .filter((element) => {
        if (element.getClientRects().length === 0) return false;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden') return false;
        // Visually hidden until focused (the skip link): not something a finger can hit.
        const rect = element.getBoundingClientRect();
        return !(style.clipPath !== 'none' && rect.width <= 1 && rect.height <= 1);
      })
      .map((element) => {
        const rect = element.getBoundingClientRect();
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '')
          .replace(/\s+/g, ' ')
          .trim();
        return {
          description: `<${element.tagName.toLowerCase()}> "${name.slice(0, 60)}"`,
          width: Math.round(rect.width * 10) / 10,
          height: Math.round(rect.height * 10) / 10,
        };
      });
  });
}
