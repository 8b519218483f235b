// An axe-core audit of every page and every chapter lab, in English and Korean, in the light and the
// dark theme (prefers-color-scheme, as the app follows the system): no serious or critical violation
// anywhere. Pages are audited with content in them (two finished runs, a stack, the three inspector
// tabs, the charts shown as tables, a run chosen on the Runs page and its delete dialog, two runs
// compared), since an empty page hides most problems.
// No axe rule is excluded (tests/e2e/axe.ts says so where the exclusions would be listed).
// Every view's counts by impact are printed, and written with every violation to axe-summary.json in
// the run's folder.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, countByImpact, type Violation } from './axe';
import { openLab, type E2ELab } from './harness';
import { LabPage, spiralExperiment } from './pages';
import { LabsView } from './labPages';

let e: E2ELab;
let lab: LabPage;

const labIds = ['graph', 'gradcheck', 'optimizers', 'init', 'batchnorm', 'overfitting', 'hyperparams', 'convolution', 'filters'];
const summary: Record<string, ReturnType<typeof countByImpact>> = {};
const blocking: string[] = [];
const details: Record<string, Violation[]> = {};

beforeAll(async () => {
  e = await openLab({ workers: 1 });
  lab = new LabPage(e.page, e.dir);
  // Two short finished runs, so the dashboard, the runs table, the details panel and Compare have content.
  for (const seed of [1, 2]) {
    await lab.openExperiment({ ...spiralExperiment, training: { ...spiralExperiment.training, epochs: 3, seed } }, `spiral-${seed}.dlab.json`);
    await lab.train(1);
    await lab.id('dashboard.start').waitFor({ timeout: 60_000 });
  }
});
afterAll(async () => {
  writeFileSync(join(e.dir, 'axe-summary.json'), JSON.stringify({ summary, details }, null, 1));
  console.log(`axe results: ${join(e.dir, 'axe-summary.json')}`);
  await e?.close();
});

/** Audits the page as it is now, in both themes; records the counts and every serious or critical node. */
async function auditBothThemes(view: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await e.page.emulateMedia({ colorScheme });
    const violations: Violation[] = await audit(e.page);
    const name = `${view} (${colorScheme})`;
    summary[name] = countByImpact(violations);
    details[name] = violations;
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
      blocking.push(`${name}: ${v.impact} ${v.id} — ${v.help} — ${v.targets.slice(0, 4).join(' | ')} — ${v.why}`);
    }
  }
  await e.page.emulateMedia({ colorScheme: 'light' });
}

async function auditEveryView(lang: 'en' | 'ko'): Promise<void> {
  await lab.id(`lang.${lang}`).click();
  await lab.go('build');
  await lab.id('builder.layer.0.select').click();
  await auditBothThemes(`${lang} build, layer`);
  await lab.id('inspector.tab.data').click();
  await auditBothThemes(`${lang} build, data`);
  await lab.id('inspector.tab.training').click();
  await auditBothThemes(`${lang} build, training`);

  await lab.go('train');
  await lab.id('dashboard.start').waitFor();
  await auditBothThemes(`${lang} train`);
  // The charts' text alternative: both as tables.
  for (const chart of ['loss', 'accuracy']) await lab.id(`chart.${chart}.tableToggle`).click();
  await lab.id('chart.accuracy.table').waitFor();
  await auditBothThemes(`${lang} train, tables`);
  for (const chart of ['loss', 'accuracy']) await lab.id(`chart.${chart}.tableToggle`).click();

  await lab.go('runs');
  const rows = e.page.locator('[data-testid^="runs.row."][data-testid$=".select"]');
  await expect.poll(() => rows.count()).toBe(2);
  await e.page.locator('[data-testid^="runs.row."][data-testid$=".name"]').first().click();
  await lab.id('runs.details').waitFor();
  await auditBothThemes(`${lang} runs`);
  await lab.id('runs.delete').click();
  await lab.id('runs.dialog').waitFor();
  await auditBothThemes(`${lang} runs, delete dialog`);
  await lab.id('runs.cancel').click();

  for (const box of await rows.all()) if (!(await box.isChecked())) await box.check();
  await lab.id('runs.compare').click();
  await e.page.getByTestId('compare').waitFor();
  await auditBothThemes(`${lang} compare`);

  await lab.go('weights');
  await auditBothThemes(`${lang} weights`);

  await lab.go('labs');
  const labs = new LabsView(e.page);
  if (await labs.by('lab.back').isVisible()) await labs.by('lab.back').click();
  await labs.by('labs').waitFor();
  await auditBothThemes(`${lang} labs`);
  for (const id of labIds) {
    await labs.openLab(id);
    await auditBothThemes(`${lang} lab ${id}`);
  }
}

describe('axe-core finds no serious or critical violation', () => {
  it('on every page and lab in English, light and dark', async () => {
    await auditEveryView('en');
  });

  it('on every page and lab in Korean, light and dark', async () => {
    await auditEveryView('ko');
  });

  it('adds up to zero serious and critical violations', () => {
    console.log(
      Object.entries(summary)
        .map(([view, counts]) => `${view.padEnd(34)} ${JSON.stringify(counts)}`)
        .join('\n'),
    );
    expect(Object.keys(summary).length).toBe(2 * 2 * (9 + 1 + labIds.length));
    expect(blocking, blocking.join('\n')).toEqual([]);
  });
});
