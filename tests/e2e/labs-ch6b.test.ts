// The Batch Normalization and overfitting labs in Debian's Chromium, through the web host: each opens
// from the labs list, runs a quick version of the book's experiment through the run manager, and shows
// numbers that are exactly the runs' stored metrics (read back from the service the page talks to).
// Screenshots go to docs/ only when DLAB_SCREENSHOTS=1, otherwise into the test's temporary folder.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAccuracy } from '../../renderer/charts/format';
import { openLab, type E2ELab } from './harness';
import { ChapterLab } from './labPages';

const docs = new URL('../../docs/', import.meta.url).pathname;
const shot = (name: string): string => join(process.env.DLAB_SCREENSHOTS === '1' ? docs : e.dir, name);
let e: E2ELab;

beforeAll(async () => {
  e = await openLab({ workers: 2 });
});
afterAll(async () => {
  await e?.close();
});

async function lastEpoch(runId: number) {
  const run = await e.lab.service.api.getRun(runId);
  return { run, last: run.epochs.at(-1)! };
}

describe('chapter 6 labs: Batch Normalization and overfitting', () => {
  it('runs the smallest Batch Norm grid and fills each scale’s chart with the runs’ stored accuracies', async () => {
    const bn = new ChapterLab(e.page, 'batchnorm');
    await bn.open();
    await bn.by('lab.batchnorm.scales').selectOption('2');
    await bn.by('lab.batchnorm.epochs').fill('0');
    expect(await bn.text('lab.batchnorm.problem')).toBe('The number of epochs must be between 1 and 100.');
    expect(await bn.by('lab.batchnorm.run').isDisabled()).toBe(true);
    await bn.by('lab.batchnorm.epochs').fill('2');
    await bn.by('lab.batchnorm.run').click();
    await bn.waitForRuns(4);

    const cells = e.page.getByTestId(/^lab\.batchnorm\.cell\.\d+$/);
    await expect.poll(() => cells.count()).toBe(2);
    expect(await cells.evaluateAll((els) => els.map((el) => el.getAttribute('data-scale')))).toEqual(['1', '0.0001']);
    const runs = (await e.lab.service.api.listRuns({ tag: 'lab:batchnorm', limit: 50 })).runs;
    expect(runs.map((r) => r.name).sort()).toEqual(['W:0.0001', 'W:0.0001 · BN', 'W:1', 'W:1 · BN'].map((label) => `Batch Normalization — ${label}`).sort());

    for (let i = 0; i < 2; i++) {
      const cell = bn.by(`lab.batchnorm.cell.${i}`);
      const bnRun = Number(await cell.getAttribute('data-bn-run'));
      const plainRun = Number(await cell.getAttribute('data-plain-run'));
      // With Batch Norm every scale trains both epochs; the chart's last point is the stored last epoch.
      const withBn = await lastEpoch(bnRun);
      expect(withBn.run.status).toBe('done');
      await expect.poll(() => cell.getAttribute('data-bn-epochs')).toBe('2');
      expect(await bn.text(`lab.batchnorm.cell.${i}.bn`)).toBe(formatAccuracy(withBn.last.trainAcc));
      const without = await e.lab.service.api.getRun(plainRun);
      // Neither run without Batch Norm learns — the figure's point, not an error: the cell says so, with
      // why in one line, and the runs table agrees; nothing says "failed" or "try a smaller learning rate".
      if (i === 0) {
        // W = 1 without Batch Norm: the activations blow up and the loss becomes NaN within the first epoch.
        expect(without.status).toBe('failed');
        expect(without.failure).toMatch(/the loss became (NaN|infinite) at iteration \d+/);
        await expect.poll(() => bn.text('lab.batchnorm.cell.0.plain')).toBe('did not learn');
        expect(await bn.by('lab.batchnorm.cell.0.plain').getAttribute('title')).toBeNull();
        expect(await bn.text('lab.batchnorm.cell.0.plain.why')).toBe('Weights too large: the activations blow up.');
      } else {
        // W = 0.0001 without Batch Norm: the signal vanishes and the network does not learn.
        expect(without.status).toBe('done');
        expect(await bn.text(`lab.batchnorm.cell.${i}.plain`)).toBe(`${formatAccuracy(without.epochs.at(-1)!.trainAcc)} · did not learn`);
        expect(await bn.text(`lab.batchnorm.cell.${i}.plain.why`)).toBe('Weights too small: the signal fades, accuracy stays at chance.');
        expect(without.epochs.at(-1)!.trainAcc).toBeLessThan(withBn.last.trainAcc);
      }
      expect(await bn.by(`lab.batchnorm.cell.${i}.plain`).getAttribute('data-learned')).toBe('no');
      expect(await bn.by(`lab.batchnorm.cell.${i}.bn`).getAttribute('data-learned')).toBeNull();
      expect(await bn.by(`lab.batchnorm.run.${plainRun}`).getAttribute('data-learned')).toBe('no');
      expect(await bn.text(`lab.batchnorm.run.${plainRun}`)).toContain('did not learn');
      expect(await bn.text(`lab.batchnorm.run.${plainRun}`)).not.toMatch(/Failed|learning rate/);
      expect(await cell.locator('.recharts-line').count()).toBe(2);
    }
    await e.page.screenshot({ path: shot('lab-batchnorm.png'), fullPage: true });
    expect(e.errors).toEqual([]);
  });

  it('runs a short overfitting pair and shows train, test and gap exactly as the runs stored them', async () => {
    const ovf = new ChapterLab(e.page, 'overfitting');
    await ovf.open();
    await ovf.by('lab.overfitting.lambda').fill('0');
    await ovf.by('lab.overfitting.dropout').fill('0');
    expect(await ovf.text('lab.overfitting.problem')).toMatch(/^Both cures are off/);
    await ovf.by('lab.overfitting.lambda').fill('0.1');
    await ovf.by('lab.overfitting.epochs').fill('12');
    await ovf.by('lab.overfitting.run').click();
    await ovf.waitForRuns(2);

    const runs = (await e.lab.service.api.listRuns({ tag: 'lab:overfitting', limit: 50 })).runs.sort((a, b) => a.id - b.id);
    expect(runs.map((r) => r.name)).toEqual(['Overfitting — No weight decay, no dropout', 'Overfitting — λ = 0.1']);
    const gaps: string[] = [];
    for (const [role, run] of [
      ['plain', runs[0]],
      ['regularised', runs[1]],
    ] as const) {
      const { run: stored, last } = await lastEpoch(run!.id);
      expect(stored.status).toBe('done');
      expect(stored.experiment.training.weightDecay).toBe(role === 'plain' ? 0 : 0.1);
      expect(stored.experiment.data.trainLimit).toBe(300);
      await expect.poll(() => ovf.by(`lab.overfitting.${role}`).getAttribute('data-epochs')).toBe('12');
      expect(await ovf.text(`lab.overfitting.${role}.train`)).toBe(formatAccuracy(last.trainAcc));
      expect(await ovf.text(`lab.overfitting.${role}.test`)).toBe(formatAccuracy(last.testAcc));
      expect(await ovf.text(`lab.overfitting.${role}.gap`)).toBe(formatAccuracy(last.trainAcc - last.testAcc));
      expect(await ovf.text(`lab.overfitting.run.${run!.id}.acc`)).toBe(formatAccuracy(stored.testAcc));
      expect(await ovf.by(`lab.overfitting.${role}`).locator('.recharts-area-area').count()).toBe(1);
      gaps.push(formatAccuracy(last.trainAcc - last.testAcc));
    }
    expect(await ovf.text('lab.overfitting.summary')).toBe(`The gap between train and test accuracy: ${gaps[0]} without, ${gaps[1]} with λ = 0.1.`);
    await e.page.screenshot({ path: shot('lab-overfitting.png'), fullPage: true });
    expect(e.errors).toEqual([]);
  });

  it('speaks Korean: the same numbers in the book’s Korean terms', async () => {
    const ovf = new ChapterLab(e.page, 'overfitting');
    const gap = await ovf.text('lab.overfitting.plain.gap');
    await ovf.by('lang.ko').click();
    try {
      expect(await ovf.text('lab.overfitting.summary')).toMatch(
        new RegExp(`^훈련 정확도와 시험 정확도의 차이: 억제 기법 없이 ${gap.replace('.', '\\.')}, λ = 0\\.1에서 \\d\\.\\d{4}\\.$`),
      );
      expect(await ovf.text('lab.overfitting.idea')).toContain('가중치 감소');
      await e.page.screenshot({ path: join(e.dir, 'lab-overfitting-ko.png') });
      const bn = new ChapterLab(e.page, 'batchnorm');
      await bn.open();
      await expect.poll(() => bn.text('lab.batchnorm.cell.0.plain')).toBe('학습되지 않음');
      expect(await bn.text('lab.batchnorm.cell.0.plain.why')).toBe('초깃값이 너무 커서 활성화값이 폭발합니다.');
      expect(await bn.text('lab.batchnorm.cell.1.plain.why')).toBe('초깃값이 너무 작아 신호가 사라지고 정확도가 제자리입니다.');
      expect(await bn.text('lab.batchnorm.runs')).not.toContain('실패');
      expect(await bn.text('lab.batchnorm.idea')).toContain('배치 정규화');
      await e.page.screenshot({ path: join(e.dir, 'lab-batchnorm-ko.png') });
    } finally {
      await ovf.by('lang.en').click();
    }
    expect(e.errors).toEqual([]);
  });
});
