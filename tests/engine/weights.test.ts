import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherBatch, type Dataset } from '../../engine/data/dataset';
import { LabError } from '../../engine/errors';
import { Network } from '../../engine/network';
import { loadDataSource } from '../../engine/node/datasets';
import { Rng } from '../../engine/rng';
import { evaluate, Trainer } from '../../engine/trainer';
import { exportWeights, parseWeights, readWeights, shortestFloat32, weightsToJson } from '../../engine/weights';
import { available, conformanceDir, conformanceWeights, numpy, PYTHON } from '../requirements';
import { editText, mutate, mutationArb, textEditArb } from './fuzz';

const hasNumpy = available(numpy());
const hasConformance = available(conformanceWeights());

/** A model with every kind of saved state: conv, pooling, BatchNorm statistics, dropout, affine. */
const richModel = {
  input: [1, 28, 28],
  layers: [
    { type: 'conv', filters: 4, kernel: 3, stride: 1, pad: 1 },
    { type: 'relu' },
    { type: 'pool', mode: 'max', size: 2, stride: 2 },
    { type: 'conv', filters: 3, kernel: 2, stride: 2, pad: 0 },
    { type: 'tanh' },
    { type: 'pool', mode: 'average', size: 3, stride: 2 },
    { type: 'flatten' },
    { type: 'affine', units: 16 },
    { type: 'batchnorm' },
    { type: 'sigmoid' },
    { type: 'dropout', ratio: 0.25 },
    { type: 'affine', units: 10, init: 'xavier' },
    { type: 'softmax-with-loss' },
  ],
};

let mnist: Dataset;
let trained: Network;
beforeAll(async () => {
  mnist = await loadDataSource({ source: 'mnist', trainLimit: 400 });
  trained = new Network(richModel, { seed: 5 });
  const trainer = new Trainer(trained, mnist, { optimizer: { type: 'adam', lr: 0.01 }, batchSize: 50, epochs: 1, weightDecay: 0, seed: 5 });
  for (const _ of trainer.run());
});

describe('weights files', () => {
  it('use the book’s names and layouts', () => {
    const file = exportWeights(trained, { note: 'test' });
    expect(Object.entries(file.params).map(([name, p]) => [name, p.shape])).toEqual([
      ['W1', [4, 1, 3, 3]],
      ['b1', [4]],
      ['W2', [3, 4, 2, 2]],
      ['b2', [3]],
      ['W3', [27, 16]],
      ['b3', [16]],
      ['gamma1', [16]],
      ['beta1', [16]],
      ['running_mean1', [16]],
      ['running_var1', [16]],
      ['W4', [16, 10]],
      ['b4', [10]],
    ]);
    expect(file.meta).toEqual({ note: 'test' });
  });

  it('round-trip exactly: every float32 comes back bit for bit, and so does every prediction', () => {
    const text = weightsToJson(exportWeights(trained));
    const { network } = parseWeights(text, 'w.json');
    for (const [name, t] of Object.entries({ ...trained.params, ...trained.buffers })) {
      expect(Array.from((network.params[name] ?? network.buffers[name])!.data), name).toEqual(Array.from(t.data));
    }
    expect(evaluate(network, mnist.test, mnist.inputShape)).toEqual(evaluate(trained, mnist.test, mnist.inputShape));
  });

  it('write each float32 as the first of 6 to 9 significant digits that reads back to it: the numbers of toPrecision, without its strings where they are certain', () => {
    // The definition: the first toPrecision(6…9) that reads back to the float32 (else the float32 itself).
    const byStrings = (v: number) => {
      for (let digits = 6; digits <= 9; digits++) {
        const candidate = Number(v.toPrecision(digits));
        if (Math.fround(candidate) === v) return candidate;
      }
      return v;
    };
    const rng = new Rng(17, 'decimals');
    const bits = new Uint32Array(1);
    const asFloat = new Float32Array(bits.buffer);
    const values: number[] = [0, -0, Infinity, -Infinity, NaN, 0.5, 1.5, 2.5e-7, 0.125, 3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38];
    for (let k = -45; k <= 38; k++) {
      // powers of ten and their float32 neighbours, where log10 can be off by one
      asFloat[0] = 10 ** k;
      const at = bits[0]!;
      for (let d = -3; d <= 3; d++) {
        bits[0] = at + d;
        values.push(asFloat[0]!, -asFloat[0]!);
      }
    }
    // ties at 6 to 9 digits: halves of the last digit that float32 holds exactly
    for (let n = 1; n < 2000; n++) for (const scale of [1e-6, 1e-7, 1e-8, 1e-5]) values.push(Math.fround((n + 0.5) * scale));
    for (let i = 0; i < 200_000; i++) {
      bits[0] = (rng.int(65536) << 16) | rng.int(65536); // any float32 at all
      values.push(asFloat[0]!);
      values.push(Math.fround(rng.normal() * 0.01)); // weights as initialised
      values.push(Math.fround(rng.normal() * 10 ** (rng.int(12) - 8)));
    }
    const fast = shortestFloat32(Float32Array.from(values));
    for (let i = 0; i < values.length; i++) {
      const v = Math.fround(values[i]!);
      if (!Object.is(fast[i], byStrings(v))) expect.fail(`${v}: ${fast[i]} where toPrecision gives ${byStrings(v)}`);
    }
  });

  it.skipIf(!hasNumpy)('load in NumPy with np.array(data).reshape(shape) and give the same predictions with the book’s layers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlab-numpy-'));
    writeFileSync(join(dir, 'w.json'), weightsToJson(exportWeights(trained)));
    const { x } = gatherBatch(mnist.test, mnist.inputShape, null, 0, 20, 'float32');
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ shape: x.shape, data: Array.from(x.data) }));
    const script = new URL('../numpy/book_predict.py', import.meta.url).pathname;
    const out = JSON.parse(execFileSync(PYTHON, [script, join(dir, 'w.json'), join(dir, 'x.json')], { encoding: 'utf8' }));
    const ours = trained.probabilities(x);
    const theirs = (out.probabilities as number[][]).flat();
    expect(theirs.length).toBe(ours.size);
    let maxDiff = 0;
    for (let i = 0; i < ours.size; i++) maxDiff = Math.max(maxDiff, Math.abs(ours.data[i]! - theirs[i]!));
    expect(maxDiff).toBeLessThan(1e-5); // float32 here, float64 there
    for (let r = 0; r < 20; r++) {
      const row = (a: ArrayLike<number>) => Array.from({ length: 10 }, (_, j) => a[r * 10 + j]!);
      const argmax = (v: number[]) => v.indexOf(Math.max(...v));
      expect(argmax(row(ours.data))).toBe(argmax(row(theirs)));
    }
  });

  it('refuse what does not fit the model inside, naming the file and the parameter', () => {
    const good = exportWeights(trained);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reaches into parsed JSON at any depth to break it on purpose
    const bad = (change: (f: any) => void) => {
      const f = JSON.parse(JSON.stringify(good));
      change(f);
      return () => parseWeights(JSON.stringify(f), 'class.weights.json');
    };
    expect(bad((f) => delete f.params.b2)).toThrow('class.weights.json: "params" is missing "b2" (3), which the model needs.');
    expect(bad((f) => (f.params.W3.shape = [16, 27]))).toThrow('class.weights.json: "W3" has shape 16×27 but the model needs 27×16.');
    // A dimension that is not a number is named as the value it is, never as "[object Object]".
    expect(bad((f) => (f.params.W3.shape = [{ rows: 16 }, 27]))).toThrow(/"W3" has shape an object×27 but the model needs 27×16\./);
    expect(bad((f) => (f.params.b1.data[2] = 'x'))).toThrow('class.weights.json: "b1" value 2 is "x", not a finite number.');
    expect(bad((f) => (f.params.W9 = { shape: [1], data: [0] }))).toThrow(/"params" has "W9", which the model does not have/);
    expect(bad((f) => (f.version = 3))).toThrow(/newer version of the lab \(weights version 3\)/);
    expect(bad((f) => (f.format = 'dlab-experiment'))).toThrow(/not a lab weights file/);
    expect(bad((f) => f.model.layers.splice(1, 0, { type: 'conv', filters: 2, kernel: 60 }))).toThrow(/Layer 2 \(conv\): kernel 60 is larger/);
  });

  it('never crash on random or mutated files: a clear LabError, or a valid network', () => {
    const small = new Network(
      { input: [3], layers: [{ type: 'affine', units: 2 }, { type: 'batchnorm' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
      { seed: 1 },
    );
    const valid = exportWeights(small);
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        try {
          readWeights(mutate(valid, mutations));
        } catch (error) {
          expect(error).toBeInstanceOf(LabError);
        }
      }),
      { numRuns: 2000 },
    );
    const text = weightsToJson(valid);
    fc.assert(
      fc.property(
        fc.oneof(
          textEditArb.map((e) => editText(text, e)),
          fc.string(),
          fc.string({ unit: 'binary' }),
        ),
        (input) => {
          try {
            parseWeights(input, 'w.json');
          } catch (error) {
            expect(error).toBeInstanceOf(LabError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('weights files that try to cost memory or reach inherited names', () => {
  it('a 200-byte file that declares a 49-million-parameter layer is refused for its missing numbers, without allocating the layer', () => {
    // 4096 inputs × 12,000 units: 196 MB of float32 if the network were built before the file is checked.
    const text = JSON.stringify({
      format: 'dlab-weights',
      version: 1,
      model: { input: [4096], layers: [{ type: 'affine', units: 12000 }, { type: 'softmax-with-loss' }] },
      params: { W1: { shape: [4096, 12000], data: [0] }, b1: { shape: [12000], data: [0] } },
    });
    expect(text.length).toBeLessThan(250);
    const before = process.memoryUsage().arrayBuffers;
    expect(() => parseWeights(text, 'tiny.weights.json')).toThrow('tiny.weights.json: "W1" must hold 49152000 numbers in "data", found 1.');
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('"%s" as a parameter name is a name the model does not have, in a sentence', (name) => {
    const good = weightsToJson(exportWeights(new Network({ input: [3], layers: [{ type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] }, { seed: 1 })));
    // In place of W1 (so W1 is missing too), and beside it.
    const instead = good.replace('"W1":', `${JSON.stringify(name)}:`);
    const beside = good.replace('"params":{', `"params":{${JSON.stringify(name)}:{"shape":[3,2],"data":[1,2,3,4,5,6]},`);
    for (const text of [instead, beside]) {
      let error: unknown;
      try {
        parseWeights(text, 'odd.weights.json');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LabError);
      expect((error as LabError).message).toBe(`odd.weights.json: "params" has "${name}", which the model does not have (it has W1, b1).`);
    }
  });

  it('a network looks up only its own parameters by name', () => {
    const network = new Network(
      { input: [3], layers: [{ type: 'affine', units: 2 }, { type: 'batchnorm' }, { type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
      { seed: 1 },
    );
    expect(network.tensor('W1')?.shape).toEqual([3, 2]);
    expect(network.tensor('running_mean1')?.shape).toEqual([2]);
    for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'W9']) expect(network.tensor(name), name).toBeUndefined();
  });
});

describe.skipIf(!hasConformance)('conformance: the book’s own trained weights give the book’s accuracy', () => {
  // conformanceDir() (tests/requirements.ts) holds the book's weights and what its NumPy code scores on all 10,000 digits.
  const cases = [
    ['book-ch03-sample-weight.weights.json', 9374],
    ['book-ch07-simple-convnet.weights.json', 9600],
  ] as const;
  it.each(cases)(
    '%s → %i / 10,000 (a float32 engine may differ by a digit or two)',
    async (file, expected) => {
      const path = join(conformanceDir(), file);
      const { network } = parseWeights(readFileSync(path, 'utf8'), file);
      const all = await loadDataSource({ source: 'mnist' });
      const correct = evaluate(network, all.train, all.inputShape).correct + evaluate(network, all.test, all.inputShape).correct;
      expect(Math.abs(correct - expected)).toBeLessThanOrEqual(2);
    },
    60_000,
  );
});
