// axe-core in the page: its axe.min.js is evaluated in the lab's page (not added as a <script>, which
// the host's CSP would refuse), then asked about the whole document. Shared by the accessibility tests.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface Violation {
  id: string;
  impact: Impact;
  help: string;
  /** Where, as axe names the elements (CSS selectors), with its one-line reason for the first. */
  targets: string[];
  why: string;
}

/**
 * The rules left out of every audit, each with its reason. None is left out to pass: the one here
 * asks a question the lab answers elsewhere.
 * - `region` (moderate, best practice: all content inside landmarks) is not excluded: kept on purpose.
 */
const excludedRules: Record<string, string> = {};

/**
 * Waits for the CSS transitions and the finite CSS animations under way to end: a theme switched a
 * moment ago fades its colours in, a dialog fades in as it opens, and axe would otherwise measure the
 * contrast of a colour halfway there. Endless animations (a spinner) are left running.
 */
async function motionEnded(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/** Runs axe on the whole page as it is now (once its transitions and fades have ended) and returns its violations, every impact. */
export async function audit(page: Page): Promise<Violation[]> {
  await motionEnded(page);
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const rules = Object.fromEntries(Object.keys(excludedRules).map((id) => [id, { enabled: false }]));
  return page.evaluate(async (rules) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
    }
    const results = await axe.run(document, { rules, resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact as Impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
      why: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
    }));
  }, rules);
}

/** Violations counted by impact, e.g. { serious: 2, minor: 1 } (nodes, not rules). */
export function countByImpact(violations: Violation[]): Partial<Record<Impact, number>> {
  const counts: Partial<Record<Impact, number>> = {};
  for (const v of violations) counts[v.impact] = (counts[v.impact] ?? 0) + v.targets.length;
  return counts;
}
