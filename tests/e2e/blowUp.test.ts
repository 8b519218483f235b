// A run that blows up without a NaN, in a real browser: trained from the page at lr 10⁶, it ends "done"
// and the dashboard says in words what happened — in English, then in Korean from the same stored
// numbers — and the runs page says it again, on the row and in the run's details.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab, type E2ELab } from './harness';
import { LabPage } from './pages';

let e: E2ELab;
let lab: LabPage;

beforeAll(async () => {
  e = await openLab({ workers: 2 });
  lab = new LabPage(e.page, e.dir);
});
afterAll(async () => {
  await e?.close();
});

const text = async (testId: string) => (await lab.id(testId).innerText()).replace(/\s+/g, ' ').trim();

const blowUp = {
  format: 'dlab-experiment',
  version: 1,
  name: 'two-layer net, sgd 1e6',
  model: {
    input: [1, 28, 28],
    layers: [{ type: 'affine', units: 50, init: 'he' }, { type: 'relu' }, { type: 'affine', units: 10, init: 'he' }, { type: 'softmax-with-loss' }],
  },
  data: { source: 'mnist', trainLimit: 1000 },
  training: { optimizer: { type: 'sgd', lr: 1e6 }, batchSize: 100, epochs: 3, seed: 1 },
};

describe('a run that blew up, in the app', () => {
  it('the dashboard and the runs page tell it in words, in both languages', async () => {
    await lab.openExperiment(blowUp, 'blow-up.dlab.json');
    await lab.train(2);
    await lab.id('dashboard.start').waitFor({ timeout: 60_000 });
    expect(await lab.id('dashboard').getAttribute('data-status')).toBe('done');
    await lab.id('dashboard.warning').waitFor();
    expect(await lab.id('dashboard.failure').count()).toBe(0);
    expect(await text('dashboard.warning')).toBe(
      'The loss blew up The loss rose from 2.46 to 14.2 — the learning rate is probably too high. The run finished and is kept as it is, curves and weights; change that setting and train again.',
    );

    await e.page.screenshot({ path: `${e.dir}/dashboard-warning.png` });
    await lab.id('lang.ko').click();
    await expect.poll(() => text('dashboard.warning')).toContain('손실이 2.46에서 14.2까지 올랐습니다 — 학습률이 너무 큰 것 같습니다.');

    await lab.go('runs');
    const row = e.page.getByTestId(/^runs\.row\.\d+$/).first();
    await row.waitFor();
    const rowId = (await row.getAttribute('data-testid'))!;
    expect(await lab.id(`${rowId}.warning`).getAttribute('title')).toBe('손실이 2.46에서 14.2까지 올랐습니다 — 학습률이 너무 큰 것 같습니다.');
    await lab.id(`${rowId}.name`).click();
    await lab.id('runs.details.warning').waitFor();
    expect(await text('runs.details.warning')).toBe('손실이 발산했습니다 손실이 2.46에서 14.2까지 올랐습니다 — 학습률이 너무 큰 것 같습니다.');

    await lab.id('lang.en').click();
    await expect.poll(() => text('runs.details.warning')).toBe('The loss blew up The loss rose from 2.46 to 14.2 — the learning rate is probably too high.');
    await e.page.screenshot({ path: `${e.dir}/runs-warning.png` });
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });
});
