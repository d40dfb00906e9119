// Runs axe-core in the page against WCAG 2.1 A and AA and lists what it finds in plain lines, so a
// failing test names the screen, the rule, its impact and the elements at fault.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** One line per rule broken on this screen: "Check Out: color-contrast (serious) … at .x, .y". */
export async function accessibilityViolations(page: Page, screen: string): Promise<string[]> {
  // Injected as source: the pages' Content-Security-Policy does not bind the test's own scripts.
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(AXE_SOURCE);
  }
  const violations = (await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, WCAG_21_AA_TAGS)) as Violation[];
  return violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact ?? 'no impact given'}) ${v.help} at ${v.nodes
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}
