// The CLI says the lab's refusals in English, or in Korean when the locale is Korean (LC_ALL, then
// LC_MESSAGES, then LANG): run as a real process through bin/dlab.js, with real files and a real run.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliLanguage } from '../../main/cli/language';

const root = new URL('../..', import.meta.url).pathname;
let dir: string;

const spiral = {
  format: 'dlab-experiment',
  version: 1,
  model: { input: [2], layers: [{ type: 'affine', units: 16 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
  data: { source: 'spiral', samples: 300, noise: 0.1 },
  training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 30, epochs: 2, seed: 1 },
};

/** bin/dlab.js with only the locale variables given (and PATH): what a shell with that locale runs. */
function dlab(locale: Record<string, string>, ...argv: string[]) {
  const env = { PATH: process.env.PATH ?? '', ...locale };
  return spawnSync(process.execPath, [join(root, 'bin/dlab.js'), ...argv], { encoding: 'utf8', env });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-ko-'));
  writeFileSync(
    join(dir, 'missing-folder.dlab.json'),
    JSON.stringify({ ...spiral, model: { ...spiral.model, input: [1, 28, 28] }, data: { source: `idx:${join(dir, 'missing')}` } }),
  );
  // the NaN run of tests/main/cli.test.ts, and a smaller net the same step pins at a high loss without a NaN
  const nan = {
    ...spiral,
    model: {
      input: [2],
      layers: [{ type: 'affine', units: 32 }, { type: 'relu' }, { type: 'affine', units: 3, init: 'xavier' }, { type: 'softmax-with-loss' }],
    },
  };
  writeFileSync(
    join(dir, 'diverge.dlab.json'),
    JSON.stringify({ ...nan, training: { optimizer: { type: 'sgd', lr: 1e6 }, batchSize: 30, epochs: 15, seed: 42 } }),
  );
  writeFileSync(join(dir, 'blowup.dlab.json'), JSON.stringify({ ...spiral, training: { ...spiral.training, optimizer: { type: 'sgd', lr: 1e6 } } }));
  writeFileSync(
    join(dir, 'stride.dlab.json'),
    JSON.stringify({
      ...spiral,
      model: { input: [1, 28, 28], layers: [{ type: 'conv', filters: 2, kernel: 5, stride: 2 }, { type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] },
    }),
  );
});

describe('dlab in a Korean locale', () => {
  it('says a data folder that does not exist in Korean, and in English under any other locale', () => {
    const folder = join(dir, 'missing');
    const korean = dlab({ LANG: 'ko_KR.UTF-8' }, 'train', join(dir, 'missing-folder.dlab.json'));
    expect(korean.status).toBe(2);
    expect(korean.stderr).toBe(`데이터 폴더 ${folder}이 없습니다.\n`);
    const english = dlab({ LANG: 'en_US.UTF-8' }, 'train', join(dir, 'missing-folder.dlab.json'));
    expect(english.status).toBe(2);
    expect(english.stderr).toBe(`The data folder ${folder} does not exist.\n`);
  });

  it('says a run that diverged in Korean: the stored English sentence is recognised from its template', () => {
    const r = dlab({ LC_ALL: 'ko_KR.UTF-8' }, 'train', join(dir, 'diverge.dlab.json'), '--workers', '1');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\d+번째 반복에서 손실이 (NaN이|무한대가) 되었습니다\. 학습률을 더 작게 해 보세요\.\n$/);
  });

  it('says a run that blew up without a NaN in Korean, numbers and all', () => {
    const korean = dlab({ LANG: 'ko_KR.UTF-8' }, 'train', join(dir, 'blowup.dlab.json'), '--workers', '1');
    expect(korean.status).toBe(0);
    expect(korean.stderr).toContain('경고: 손실이 1.20에서 11.1까지 올랐습니다 — 학습률이 너무 큰 것 같습니다.\n');
    const english = dlab({ LANG: 'C.UTF-8' }, 'train', join(dir, 'blowup.dlab.json'), '--workers', '1');
    expect(english.stderr).toContain('Warning: the loss rose from 1.20 to 11.1 — the learning rate is probably too high.\n');
  });

  it('says a stack that cannot work in Korean, with the particles its numbers take', () => {
    const r = dlab({ LC_MESSAGES: 'ko_KR.UTF-8' }, 'train', join(dir, 'stride.dlab.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      '1번째 계층(합성곱): 출력 높이가 (28 + 2·0 − 5) / 2 + 1 = 12.5로 정수가 아닙니다. 2가 23을 나누어떨어지게 스트라이드나 패딩을 바꾸세요.',
    );
  });

  it('reads the locale as the C library does: LC_ALL over LC_MESSAGES over LANG', () => {
    expect(cliLanguage({ LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(cliLanguage({ LANG: 'ko_KR.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('en');
    expect(cliLanguage({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ko_KR.UTF-8' })).toBe('ko');
    expect(cliLanguage({ LANG: 'C', LC_ALL: '' })).toBe('en');
    expect(cliLanguage({})).toBe('en');
    const english = dlab({ LANG: 'ko_KR.UTF-8', LC_ALL: 'C' }, 'train', join(dir, 'stride.dlab.json'));
    expect(english.stderr).toContain('the output height (28 + 2·0 − 5) / 2 + 1 = 12.5 is not a whole number');
  });
});
