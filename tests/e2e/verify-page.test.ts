import { expect, it } from 'vitest';
import {
  describeInBrowser,
  describeViolations,
  expectNoSeriousAxeViolations,
  screenshot,
  VIEWPORTS,
} from './support/browser.js';
import { focusedElement, tabUntil } from './support/interaction.js';

/**
 * The server-rendered verification page printed as a QR code on every
 * certificate (src/issuance/http/verify.routes.ts): checked as a resident
 * with a phone and as a keyboard user would meet it.
 */
describeInBrowser('certificate verification page in Chromium', (h) => {
  it('has no serious axe violation, empty, refused and not found', async () => {
    const minor: string[] = [];
    const cases = [
      { name: 'empty', path: '/verify' },
      { name: 'malformed-code', path: '/verify?code=abc' },
      { name: 'unknown-code', path: '/verify?code=0000-0000-0000-0000-0000' },
    ];
    for (const { name, path } of cases) {
      for (const viewport of [VIEWPORTS.phone, VIEWPORTS.desktop]) {
        const page = await h.openPage(path, { viewport, waitForApp: false });
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
        const violations = await expectNoSeriousAxeViolations(page);
        if (violations.length)
          minor.push(`${path} at ${viewport.width}px:\n${describeViolations(violations)}`);
        await screenshot(page, `verify-${name}-${viewport.width}`);
      }
    }
    if (minor.length) console.info(`[e2e] /verify minor axe findings:\n${minor.join('\n')}`);
  });

  it('is usable with the keyboard alone: skip link, code field, button, all with visible focus', async () => {
    const page = await h.openPage('/verify', { viewport: VIEWPORTS.desktop, waitForApp: false });
    const stops = await tabUntil(page, (element) => element.tag === 'button');
    expect(stops.map((stop) => stop.tag)).toEqual(['a', 'input', 'button']);
    expect(stops[1]?.id).toBe('code');

    // Typing a bad code and pressing Enter gives an error tied to the field.
    await page.keyboard.press('Shift+Tab');
    expect((await focusedElement(page))?.id).toBe('code');
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/verify\?code=abc/);
    const field = page.getByRole('textbox', { name: /確認コード/ });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('code-error');
    expect(await page.getByRole('alert').count()).toBe(1);
  });
});
