// The Korean interface in a real browser says the lab's refusals in Korean, in the book's words: a data
// folder that does not exist (from the host, through the web door), a stack whose stride does not tile
// (from the engine, in the builder, particles chosen by the numbers' sounds), a run whose loss became
// NaN (a failure stored as an English sentence, said again in Korean), and a run's automatic name.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab, type E2ELab } from './harness';
import { LabPage } from './pages';

let e: E2ELab;
let lab: LabPage;

beforeAll(async () => {
  e = await openLab({ workers: 1, locale: 'ko-KR' });
  lab = new LabPage(e.page, e.dir);
});
afterAll(async () => {
  await e?.close();
});

const text = async (testId: string) => (await lab.id(testId).innerText()).replace(/\s+/g, ' ').trim();

/** Closes the notices ("opened", "cannot open") a learner would close before pressing Train. */
async function dismissNotices(): Promise<void> {
  const buttons = e.page.locator('[data-testid^="notice."] button');
  for (let left = 10; left > 0 && (await buttons.count()) > 0; left--) await buttons.first().click();
  expect(await buttons.count()).toBe(0);
}

const spiralNet = {
  format: 'dlab-experiment',
  version: 1,
  model: { input: [2], layers: [{ type: 'affine', units: 32 }, { type: 'relu' }, { type: 'affine', units: 3, init: 'xavier' }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 300, noise: 0.1 },
  training: { optimizer: { type: 'sgd', lr: 1e6 }, batchSize: 30, epochs: 15, seed: 42 },
};

describe('the Korean interface says the lab’s refusals in Korean', () => {
  it('a data folder that does not exist, from the host', async () => {
    const folder = `${e.dir}/missing`;
    await lab.openExperiment({ ...spiralNet, model: { ...spiralNet.model, input: [1, 28, 28] }, data: { source: `idx:${folder}` } }, 'missing.dlab.json');
    await lab.id('inspector.tab.data').click();
    await lab.id('form.preview.error').waitFor();
    expect(await text('form.preview.error')).toBe(`데이터 폴더 ${folder}이 없습니다.`);
  });

  it('a stride that does not tile, from the engine, with the particles its numbers take', async () => {
    // The file is refused as it is opened (nothing of it is loaded): the notice says why, in Korean.
    const stride = {
      ...spiralNet,
      model: { input: [1, 28, 28], layers: [{ type: 'conv', filters: 2, kernel: 5, stride: 2 }, { type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] },
      data: { source: 'mnist' },
    };
    await lab.openExperiment(stride, 'stride.dlab.json');
    await lab.id('notice.error').waitFor();
    const notice = await text('notice.error');
    expect(notice).toContain('stride.dlab.json');
    expect(notice).toContain(
      '1번째 계층(합성곱): 출력 높이가 (28 + 2·0 − 5) / 2 + 1 = 12.5로 정수가 아닙니다. 2가 23을 나누어떨어지게 스트라이드나 패딩을 바꾸세요.',
    );
    expect(notice).not.toMatch(/\((이|가|을|를|으로|로)\)/);
    await dismissNotices();
  });

  it('a run whose loss became NaN, and its automatic name', async () => {
    await lab.openExperiment(spiralNet, 'nan.dlab.json');
    // The file's "opened" notice comes once it is read: closed then, not raced (on a busy machine it came
    // after dismissNotices had found none, and stood there at its check).
    await lab.id('notice.success').waitFor();
    await dismissNotices();
    await lab.train(1);
    await lab.id('dashboard.failure').waitFor({ timeout: 60_000 });
    expect(await text('dashboard.failure')).toMatch(/\d+번째 반복에서 손실이 (NaN이|무한대가) 되었습니다\. 학습률을 더 작게 해 보세요/);
    expect(await text('dashboard.name')).toBe('나선으로 학습한 Affine-ReLU-Affine');
    await e.page.screenshot({ path: `${e.dir}/korean-failure.png` });
    expect(e.errors, e.errors.join('\n')).toEqual([]);
  });
});
