/**
 * axe-core in the e2e suite (issue 11, accessibility): scans the page as it stands, in the light and
 * the dark scheme (the system's setting emulated; the app's theme follows it unless one is chosen),
 * and fails with every violation listed (rule, impact, the elements and what axe says to fix).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** Rules axe runs: WCAG 2.0/2.1/2.2 A and AA, plus its best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

type Results = Awaited<ReturnType<AxeBuilder['analyze']>>;

function describe(violations: Results['violations']): string {
  return violations
    .map((violation) => `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n${violation.nodes.map((node) => `  ${node.target.join(' ')}\n    ${node.failureSummary?.replace(/\n/gu, '\n    ') ?? ''}`).join('\n')}`)
    .join('\n\n');
}

/** The page's violations now, in the scheme it is in. */
export async function axeViolations(page: Page): Promise<Results['violations']> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations;
}

/** Scans the page in the light and the dark scheme and expects no violation in either. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.scheme)).toBe(colorScheme);
    const violations = await axeViolations(page);
    expect(violations.map((violation) => violation.id), `${screen}, ${colorScheme} scheme:\n${describe(violations)}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
