/** The accessibility check the browser suite runs on every screen and state: axe-core, WCAG 2.1 A and AA. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails with a readable list when axe finds a serious or critical violation on the page as it is now. */
export async function expectNoSeriousViolations(page: Page, state: string): Promise<void> {
  // Best-practice rules too (e.g. label-content-name-mismatch), but only serious and critical ones fail.
  const results = await new AxeBuilder({ page }).withTags([...WCAG_21_AA, 'best-practice', 'experimental']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  expect(serious, `axe violations on ${state}`).toEqual([]);
}
