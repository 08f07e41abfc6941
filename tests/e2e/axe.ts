/**
 * axe-core in the page under test: WCAG 2.0/2.1 A and AA plus best practices. `expectNoSeriousViolations`
 * throws with every serious or critical violation listed (rule, impact, the offending elements), so a failure
 * says what to fix. Reuse it for any view: open it, then call this (in light and in dark mode).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright';

const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target as string[], failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** Serious and critical violations, one line each with up to three offending elements. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ''}`);
}

/** Fails the test with the list when axe finds any serious or critical violation; `where` names the view. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const problems = describeViolations(await axeViolations(page));
  if (problems.length > 0) throw new Error(`axe on ${where}: ${problems.length} serious or critical violation(s):\n${problems.join('\n')}`);
}
