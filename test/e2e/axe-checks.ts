import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Every WCAG 2.0, 2.1 and 2.2 success criterion at levels A and AA that axe can test. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Runs axe in the page as it is, under the site's own CSP: the library goes in through the
 * DevTools protocol, which no page policy governs, not through a script tag the CSP would block.
 */
export async function axeViolations(page: Page): Promise<Result[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (...a: unknown[]) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    wcagTags,
  );
  return results.violations;
}

/**
 * Touch targets under 44×44 CSS pixels (WCAG 2.5.5), which axe does not test: axe checks 2.2's
 * 24 px minimum only. Exempt, as 2.5.5 allows: a link inside a line of text, a link whose
 * destination another target of full size on the page also reaches (a card's name beside its
 * "read more"), and what is not shown or sits off screen (the skip link until focused).
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const min = 44;
    const targets = [
      ...document.querySelectorAll<HTMLElement>(
        'a[href], button, input:not([type="hidden"]), select, textarea, summary',
      ),
    ].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && !el.closest('[inert]');
    });
    const size = (el: Element) => el.getBoundingClientRect();
    const big = (el: Element) => size(el).width >= min - 0.5 && size(el).height >= min - 0.5;
    const fullSizeHrefs = new Set(
      targets
        .filter((el) => el instanceof HTMLAnchorElement && big(el))
        .map((a) => a.getAttribute('href')),
    );
    const inText = (el: HTMLElement) => {
      if (!(el instanceof HTMLAnchorElement) || getComputedStyle(el).display !== 'inline')
        return false;
      const block = el.parentElement;
      return (block?.textContent ?? '').trim().length > (el.textContent ?? '').trim().length;
    };
    return targets
      .filter((el) => !big(el) && !inText(el))
      .filter(
        (el) => !(el instanceof HTMLAnchorElement && fullSizeHrefs.has(el.getAttribute('href'))),
      )
      .map((el) => {
        const r = size(el);
        const what = `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`;
        return `${what} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`;
      });
  });
}

/** One line per failing node, so a failure says what to fix and where. */
export function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary}`),
  );
}
