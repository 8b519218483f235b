// The filters lab's default SimpleConvNet trained for real through the engine the lab runs (seed 1):
// with the book's initialization (std 0.01, now the default) two epochs of 3,000 digits move the first
// layer's filters by several times their starting size — figure 7-9's before and after look different —
// where He's start is moved by a few percent and before and after look alike. Slow lane.

import { beforeAll, describe, expect, it } from 'vitest';
import { initialParams } from '../../../engine/labs/filtersNetwork';
import { convNetExperiment, DEFAULT_FILTER_TRAINING, formatChange, INITS, relativeChange, type ConvInit } from '../../../renderer/labs/filters/filtersData';
import { filtersText } from '../../../renderer/labs/filters/text';
import { wordsOf } from '../../../renderer/i18n/translate';
import { trainLikeTheLab } from '../../engine/labs/trainLikeTheLab';

const change = new Map<ConvInit, number>();

beforeAll(async () => {
  const { epochs, trainLimit } = DEFAULT_FILTER_TRAINING;
  for (const init of INITS) {
    const experiment = convNetExperiment(epochs, trainLimit, init);
    const before = initialParams(experiment, ['W1']).W1!.data;
    const run = await trainLikeTheLab(experiment);
    expect(run.summary.status).toBe('done');
    change.set(init, relativeChange(before, run.network.params.W1!.data));
  }
}, 600_000);

describe('the filters lab’s defaults', () => {
  it('are the book’s initialization, std 0.01, offered first; 2 epochs of 3,000 images', () => {
    expect(DEFAULT_FILTER_TRAINING).toEqual({ epochs: 2, trainLimit: 3000, init: 0.01 });
    expect(INITS[0]).toBe(0.01);
    expect(convNetExperiment(2, 3000, DEFAULT_FILTER_TRAINING.init).model.layers[0]).toMatchObject({ type: 'conv', init: 0.01 });
  });

  it('move the filters by several times their size, where He’s start moves by a few percent', () => {
    const small = change.get(0.01)!;
    const he = change.get('he')!;
    expect(small).toBeGreaterThan(2);
    expect(he).toBeLessThan(0.15);
    expect(formatChange(small)).toMatch(/^\d{3,}\.\d\d%$/);
  });

  it('name the book’s choice in both languages', () => {
    expect(wordsOf('en', filtersText).t('init.small')).toBe('std 0.01 (the book’s SimpleConvNet)');
    expect(wordsOf('ko', filtersText).t('init.small')).toBe('표준편차 0.01 (책의 SimpleConvNet)');
  });
});
