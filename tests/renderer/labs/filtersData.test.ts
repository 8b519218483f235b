// The filters lab without React: the SimpleConvNet it trains is examples/simple-convnet's, which runs it
// can show, and the pictures — every filter and every feature map scaled to its own min–max (the book's
// filter_show), dark for large weights.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../engine/experiment';
import { featureMaps, firstConv } from '../../../engine/labs/filtersNetwork';
import { Tensor } from '../../../engine/tensor';
import type { RunSummary } from '../../../main/api/contract';
import {
  convNetExperiment,
  filterPictures,
  formatChange,
  mapPictures,
  rangeOf,
  relativeChange,
  showableConv,
} from '../../../renderer/labs/filters/filtersData';

const file = JSON.parse(readFileSync(new URL('../../../examples/simple-convnet.dlab.json', import.meta.url), 'utf8'));
const gray = (img: { data: Uint8ClampedArray }) => Array.from({ length: img.data.length / 4 }, (_, i) => img.data[i * 4]!);

describe('the SimpleConvNet the lab trains', () => {
  it('is examples/simple-convnet with the chosen epochs and training images', () => {
    const e = convNetExperiment(1, 300);
    expect(e.model).toEqual(validateExperiment(file).experiment.model);
    expect(e.training).toEqual({ ...validateExperiment(file).experiment.training, epochs: 1 });
    expect(e.data).toEqual({ source: 'mnist', trainLimit: 300 });
    expect(convNetExperiment(3, 'all').data).toEqual({ source: 'mnist' });
    expect(() => validateExperiment(convNetExperiment(2, 1000))).not.toThrow();
  });

  it('can start from the book’s weight_init_std = 0.01 instead of the example’s He, in every layer with weights', () => {
    const small = convNetExperiment(1, 300, 0.01);
    expect(small.model.layers.map((l) => l.init)).toEqual([0.01, undefined, undefined, 0.01, undefined, 0.01, undefined]);
    expect(convNetExperiment(1, 300).model.layers.map((l) => l.init)).toEqual(['he', undefined, undefined, 'he', undefined, 'he', undefined]);
    expect(() => validateExperiment(small)).not.toThrow();
  });
});

describe('which runs the lab can show', () => {
  const summary = (status: RunSummary['status'], hasWeights: boolean) => ({ status, hasWeights }) as RunSummary;
  const conv = { experiment: convNetExperiment(1, 300) };
  const dense = { experiment: { ...conv.experiment, model: { input: [1, 28, 28], layers: [{ type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] } } };

  it('a run with a convolution first and weights, stored or live', () => {
    expect(showableConv(summary('done', true), conv)?.weightName).toBe('W1');
    expect(showableConv(summary('running', false), conv)?.biasName).toBe('b1');
    expect(showableConv(summary('cancelled', false), conv)).toBeNull();
    expect(showableConv(summary('done', true), dense)).toBeNull();
  });
});

describe('pictures scaled to their own range', () => {
  it('each filter: its largest weight black, its smallest white, whatever the other filters hold', () => {
    // Two 2×2 filters of very different scales: each fills the whole grey range on its own.
    const pictures = filterPictures([2, 1, 2, 2], [0, 1, 2, 3, -100, 0, 100, 300]);
    expect(pictures).toHaveLength(2);
    expect(gray(pictures[0]!)).toEqual([255, 170, 85, 0]);
    expect(gray(pictures[1]!)).toEqual([255, 191, 128, 0]);
  });

  it('all 30 filters of SimpleConvNet, each a 5×5 picture', () => {
    const W = Array.from({ length: 750 }, (_, i) => Math.sin(i));
    const pictures = filterPictures([30, 1, 5, 5], W);
    expect(pictures).toHaveLength(30);
    expect(pictures.every((p) => p.width === 5 && p.height === 5)).toBe(true);
    for (const [f, p] of pictures.entries()) {
      const g = gray(p);
      expect(Math.min(...g), `filter ${f}`).toBe(0);
      expect(Math.max(...g), `filter ${f}`).toBe(255);
    }
  });

  it('each feature map: bright for large values, stretched over its own range', () => {
    const conv = firstConv(convNetExperiment(1, 300).model)!;
    const W = Tensor.from(
      [30, 1, 5, 5],
      Array.from({ length: 750 }, (_, i) => Math.cos(i * 0.7)),
    );
    const b = Tensor.zeros([30]);
    const image = Array.from({ length: 784 }, (_, i) => ((i * 37) % 100) / 100);
    const maps = featureMaps(image, conv, W, b);
    const pictures = mapPictures(maps);
    expect(pictures).toHaveLength(30);
    for (const f of [0, 17]) {
      const [lo, hi] = rangeOf(maps.data, f, 576);
      const g = gray(pictures[f]!);
      const at = (v: number) => Array.from(maps.data.subarray(f * 576, (f + 1) * 576)).indexOf(v);
      expect(g[at(hi)]).toBe(255);
      expect(g[at(lo)]).toBe(0);
    }
  });
});

describe('how far training moved the filters', () => {
  it('is ‖after − before‖ / ‖before‖', () => {
    expect(relativeChange([3, 4], [3, 4])).toBe(0);
    expect(relativeChange([3, 4], [3, 4.5])).toBeCloseTo(0.1, 12); // 0.5 / 5
    expect(formatChange(0.1)).toBe('10.00%');
    expect(() => relativeChange([1], [1, 2])).toThrow();
  });
});
