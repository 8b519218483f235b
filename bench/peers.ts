// Long because it holds four peers (NumPy and PyTorch through Python, TF.js cpu, TF.js wasm), each with its setup,
// its honest workarounds and their notes; splitting them would scatter one comparison over files.
// Peer figures: the same two networks (the book's TwoLayerNet and SimpleConvNet, batch 100) trained by
// NumPy running the book's layer code (bench/numpy/book_train_step.py), by TensorFlow.js (tfjs-core
// with its cpu backend, and with its WebAssembly backend) and by PyTorch (bench/torch/torch_peer.py, the
// framework a learner would move to). Measured, printed, never asserted.
// Every peer trains on the digits ours trains on (the bundled MNIST, normalised to [0, 1]): five
// batches of 100, and 1,000 digits for inference. Their timings do not depend on the pixels; ours do
// (gemm skips the zeros of the first layer's input), so the same digits keep the comparison fair.
//
// Fairness: NumPy runs on the strongest BLAS this machine offers (OpenBLAS with its AVX-512 kernels when
// the CPU has them), with 1 and with 2 threads, as the book runs it (float64 parameters), plus the same code
// with float32 parameters. TF.js runs in its fastest honest configuration per backend; every workaround
// is named in the row's note, with the as-shipped figure beside it. Each peer takes about a minute at most.
//
// Build note: tfjs-core's CommonJS build (what Node loads) carries no gradients; TF.js ships them only in
// tfjs-core's ES-module files. This module imports them dynamically, so it must be bundled (esbuild, as
// scripts/bench.mjs does); the rest of TF.js is required at run time from node_modules.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfWasm from '@tensorflow/tfjs-backend-wasm';
import type { Row } from './backend';

type Tf = typeof TfCore;
type Tensor = TfCore.Tensor;
type Variable = TfCore.Variable;
type Scalar = TfCore.Scalar;

const PYTHON = '/usr/bin/python3';
const BATCH = 100;
const INFER_BATCH = 1000;
const NETS = ['TwoLayerNet', 'SimpleConvNet'] as const;
export type NetName = (typeof NETS)[number];

interface Figures {
  trainStepMs: number;
  trainSteps: number;
  warmup: number;
  inferImagesPerSec: number;
  inferReps: number;
}

interface PeerResult {
  label: string;
  figures: Partial<Record<NetName, Figures>>;
  /** Per-network note for the training row (workarounds, as-shipped figures). */
  trainNotes: Partial<Record<NetName, string>>;
  /** Note shared by all of this peer's rows. */
  common: string;
  skipped?: string;
}

function skipped(label: string, why: string): PeerResult {
  return { label, figures: {}, trainNotes: {}, common: '', skipped: why };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------------------
// NumPy

interface BlasInfo {
  name: string;
  library?: string;
  config?: string;
  coreType?: string;
  threads?: number;
}

interface NumpyNetFigures {
  trainStepMs: number;
  inferImagesPerSec: number;
}

interface NumpyOutput {
  numpy: string;
  warmup: number;
  steps: number;
  inferReps: number;
  twoLayerNet: NumpyNetFigures;
  simpleConvNet: NumpyNetFigures;
  blas: BlasInfo;
}

function scriptPath(folder = 'numpy', file = 'book_train_step.py'): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [
    join(process.cwd(), 'bench', folder, file),
    join(here, folder, file), // from bench/peers.ts
    join(here, '..', 'bench', folder, file), // from dist/bench.js
  ].find((p) => existsSync(p));
}

function runPython(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, args, { env, timeout: timeoutMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message.split('\n')[0]}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`));
      else resolve(stdout);
    });
  });
}

function cpuFlags(): string {
  try {
    return (
      readFileSync('/proc/cpuinfo', 'utf8')
        .split('\n')
        .find((line) => line.startsWith('flags')) ?? ''
    );
  } catch {
    return '';
  }
}

function cpuHasAvx512(): boolean {
  return /\bavx512f\b/.test(cpuFlags());
}

/** The widest x86 SIMD this CPU offers (what NumPy's BLAS and PyTorch's kernels can use; ours runs on WebAssembly's 128-bit SIMD). */
export function cpuSimd(): string {
  const flags = cpuFlags();
  if (!flags) return 'SIMD unknown (no /proc/cpuinfo)';
  if (/\bavx512f\b/.test(flags)) return 'AVX-512';
  if (/\bavx2\b/.test(flags)) return 'AVX2';
  if (/\bavx\b/.test(flags)) return 'AVX';
  return /\bsse4_2\b/.test(flags) ? 'SSE4.2' : 'no AVX';
}

function blasName(blas: BlasInfo): string {
  return /openblas/i.test(blas.name) ? 'OpenBLAS' : blas.name || 'unknown BLAS';
}

interface NumpyRun {
  threads: number;
  float32: boolean;
}

const NUMPY_RUNS: NumpyRun[] = [
  { threads: 1, float32: false },
  { threads: 2, float32: false },
  { threads: 1, float32: true },
];

function numpyLabel(run: NumpyRun, blas = 'OpenBLAS'): string {
  return `NumPy${run.float32 ? ' float32' : ''} (${blas}, ${run.threads === 1 ? '1 thread' : `${run.threads} threads`})`;
}

/** The digits every peer uses: at least DIGITS images of 784 bytes and their labels. */
export interface Digits {
  x: Uint8Array;
  y: Uint8Array;
}

const DIGITS = 1000;

/** The digits as book_train_step.py's --data file wants them: the images' bytes, then the labels. */
function digitsFile(digits: Digits, dir: string): string {
  const file = join(dir, 'digits.bin');
  writeFileSync(file, Buffer.concat([digits.x.subarray(0, DIGITS * 784), digits.y.subarray(0, DIGITS)]));
  return file;
}

async function numpyPeers(digits: Digits): Promise<PeerResult[]> {
  const script = scriptPath();
  const skipAll = (why: string) => NUMPY_RUNS.map((run) => skipped(numpyLabel(run), why));
  if (!script) return skipAll('skipped: bench/numpy/book_train_step.py not found');
  if (!existsSync(PYTHON)) return skipAll('skipped: NumPy not installed (no /usr/bin/python3)');
  try {
    await runPython(['-c', 'import numpy'], process.env, 30_000);
  } catch {
    return skipAll('skipped: NumPy not installed (apt-get install python3-numpy)');
  }

  // An OpenBLAS older than the CPU may not recognise it and pick weaker kernels, and an inherited
  // OPENBLAS_CORETYPE may name weaker ones (this machine's environment says Haswell: AVX2 kernels, 60
  // instead of 100 GFLOP/s in float64). On a CPU with AVX-512, ask for OpenBLAS's AVX-512 kernels.
  const baseEnv: NodeJS.ProcessEnv = { ...process.env };
  const inherited = process.env.OPENBLAS_CORETYPE;
  let coreNote: string;
  if (cpuHasAvx512()) {
    baseEnv.OPENBLAS_CORETYPE = 'SkylakeX';
    coreNote = `set by OPENBLAS_CORETYPE: the CPU has AVX-512${inherited && inherited !== 'SkylakeX' ? `; the environment's ${inherited} overridden` : ''}`;
  } else {
    coreNote = inherited ? `OPENBLAS_CORETYPE=${inherited} from the environment` : 'auto-detected';
  }

  const results: PeerResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'dlab-bench-numpy-'));
  const data = digitsFile(digits, dir);
  for (const run of NUMPY_RUNS) {
    const n = String(run.threads);
    const env = { ...baseEnv, OPENBLAS_NUM_THREADS: n, OMP_NUM_THREADS: n, MKL_NUM_THREADS: n };
    try {
      const args = [script, '--data', data, ...(run.float32 ? ['--dtype', 'float32'] : [])];
      const out: NumpyOutput = JSON.parse(await runPython(args, env, 150_000));
      const blas = out.blas;
      const blasText = blas.config
        ? `${blas.config.split(' ').slice(0, 2).join(' ')}, ${blas.threads ?? '?'} thread(s), ${blas.coreType ?? '?'} kernels (${coreNote})`
        : `${blas.name}${blas.library ? ` at ${blas.library}` : ''}${/reference|netlib/i.test(blas.name) ? ' (apt-get install libopenblas0-pthread for a fair figure)' : ''}`;
      const what = run.float32
        ? "the book's layer code with float32 parameters (a variant: the book's runs in float64)"
        : "the book's layer code as the book runs it: float32 inputs, float64 parameters";
      const figures = (f: NumpyNetFigures): Figures => ({
        trainStepMs: f.trainStepMs,
        trainSteps: out.steps,
        warmup: out.warmup,
        inferImagesPerSec: f.inferImagesPerSec,
        inferReps: out.inferReps,
      });
      results.push({
        label: numpyLabel(run, blasName(blas)),
        figures: { TwoLayerNet: figures(out.twoLayerNet), SimpleConvNet: figures(out.simpleConvNet) },
        trainNotes: {},
        common: `${what}; ${blasText}; NumPy ${out.numpy}`,
      });
    } catch (error) {
      results.push(skipped(numpyLabel(run), `failed: ${message(error)}`));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// PyTorch (Debian's python3-torch 1.13: oneDNN convolutions, its own kernels on the CPU's AVX2 or AVX-512)

interface TorchNetFigures {
  trainStepMs: number;
  inferImagesPerSec: number;
}

interface TorchOutput {
  torch: string;
  threads: number;
  capability: string | null;
  mkldnn: boolean;
  twoLayerNet?: TorchNetFigures;
  simpleConvNet?: TorchNetFigures;
  steps?: number;
  warmup?: number;
  inferReps?: number;
  epoch?: { loadSeconds: number; trainSeconds: number; measureSeconds: number; seconds: number; steps: number; testAcc: number };
}

const TORCH_THREADS = [1, 2] as const;

function torchLabel(threads: number): string {
  return `PyTorch ${threads === 1 ? '1 thread' : `${threads} threads`}`;
}

/** Why PyTorch cannot be measured here, or null when bench/torch/torch_peer.py and `import torch` work. */
async function torchMissing(): Promise<string | null> {
  if (!scriptPath('torch', 'torch_peer.py')) return 'skipped: bench/torch/torch_peer.py not found';
  if (!existsSync(PYTHON)) return 'skipped: PyTorch not installed (no /usr/bin/python3)';
  try {
    await runPython(['-c', 'import torch'], process.env, 60_000);
    return null;
  } catch {
    return 'skipped: PyTorch not installed (apt-get install python3-torch)';
  }
}

function torchCommon(out: TorchOutput): string {
  return `torch ${out.torch}, float32, torch.set_num_threads(${out.threads}), kernels for ${out.capability ?? 'an unknown CPU capability'}${out.mkldnn ? ', oneDNN' : ''}`;
}

/** PyTorch with 1 and with 2 threads on the same digits: single steps (zero_grad + forward + loss + backward + step) and inference. */
async function torchPeers(digits: Digits): Promise<PeerResult[]> {
  const missing = await torchMissing();
  if (missing) return TORCH_THREADS.map((n) => skipped(torchLabel(n), missing));
  const script = scriptPath('torch', 'torch_peer.py')!;
  const dir = mkdtempSync(join(tmpdir(), 'dlab-bench-torch-'));
  const results: PeerResult[] = [];
  try {
    const data = digitsFile(digits, dir);
    for (const threads of TORCH_THREADS) {
      try {
        const out: TorchOutput = JSON.parse(await runPython([script, '--threads', String(threads), '--data', data], process.env, 300_000));
        const figures = (f: TorchNetFigures | undefined): Figures | undefined =>
          f && {
            trainStepMs: f.trainStepMs,
            trainSteps: out.steps ?? 0,
            warmup: out.warmup ?? 0,
            inferImagesPerSec: f.inferImagesPerSec,
            inferReps: out.inferReps ?? 0,
          };
        results.push({
          label: torchLabel(threads),
          figures: { TwoLayerNet: figures(out.twoLayerNet), SimpleConvNet: figures(out.simpleConvNet) },
          trainNotes: {},
          common: `${torchCommon(out)}; inference under torch.no_grad()`,
        });
      } catch (error) {
        results.push(skipped(torchLabel(threads), `failed: ${message(error)}`));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/**
 * The whole epoch a learner waits for, in PyTorch: one epoch of SimpleConvNet on the full Fashion-MNIST
 * (600 shuffled steps of 100), then the accuracy and loss of all 70,000 images in batches of 500, in a
 * plain loop (bench/torch/torch_peer.py --epoch), with 1 and with 2 threads. The seconds from reading the
 * files to the last measurement; Python's and torch's start-up are not counted (ours' are).
 */
export async function torchEpochRows(fashionFolder: string): Promise<Row[]> {
  const figure = (threads: number) => `whole epoch: SimpleConvNet on Fashion-MNIST + measuring 70,000 — ${torchLabel(threads)}, plain loop`;
  if (!existsSync(fashionFolder))
    return TORCH_THREADS.map((n) => ({ figure: figure(n), value: NaN, unit: 's', note: 'skipped: dataset-fashion-mnist not installed' }));
  const missing = await torchMissing();
  if (missing) return TORCH_THREADS.map((n) => ({ figure: figure(n), value: NaN, unit: 's', note: missing }));
  const script = scriptPath('torch', 'torch_peer.py')!;
  const rows: Row[] = [];
  for (const threads of TORCH_THREADS) {
    try {
      const out: TorchOutput = JSON.parse(await runPython([script, '--threads', String(threads), '--epoch', fashionFolder], process.env, 900_000));
      const e = out.epoch!;
      rows.push({
        figure: figure(threads),
        value: e.seconds,
        unit: 's',
        note: `loading ${e.loadSeconds.toFixed(1)} s, ${e.steps} steps ${e.trainSeconds.toFixed(1)} s, measuring ${e.measureSeconds.toFixed(1)} s; test accuracy ${e.testAcc.toFixed(4)}; ${torchCommon(out)}`,
      });
    } catch (error) {
      rows.push({ figure: figure(threads), value: NaN, unit: 's', note: `failed: ${message(error)}` });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// TF.js: the networks

export interface Options {
  /** Affine gradients by an explicit transpose + plain matMul (wasm's transposed matMuls are slow). */
  explicitTranspose: boolean;
  /** The conv filter gradient by a second conv2d (wasm has no Conv2DBackpropFilter; cpu's is very slow). */
  customConvGrad: boolean;
}

export interface TfNet {
  vars: Variable[];
  predict(x: Tensor): Tensor;
  optimizer: TfCore.Optimizer;
  dispose(): void;
}

type GradBody = (
  inputs: Tensor[],
  save: TfCore.GradSaveFunc,
) => {
  value: Tensor;
  gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor | Tensor[];
};

/** tf.customGrad with the inputs as an array (its callback receives the inputs, then the save function). */
function customOp(tf: Tf, body: GradBody): (...inputs: Tensor[]) => Tensor {
  return tf.customGrad((...args: Array<Tensor | TfCore.GradSaveFunc>) => {
    const save = args.pop() as TfCore.GradSaveFunc;
    return body(args as Tensor[], save);
  });
}

/** y = x W + b. With `explicitTranspose`, its backward pass transposes explicitly and multiplies plainly. */
function affine(tf: Tf, x: Tensor, W: Tensor, b: Tensor, opts: Options, needDx: boolean): Tensor {
  const x2 = x.rank === 2 ? x : tf.reshape(x, [x.shape[0], -1]);
  if (!opts.explicitTranspose) return tf.add(tf.matMul(x2, W), b);
  if (needDx) {
    const op = customOp(tf, ([xs, Ws, bs], save) => {
      save([xs, Ws]);
      return {
        value: tf.add(tf.matMul(xs, Ws), bs),
        gradFunc: (dy, [xSaved, WSaved]) => [
          tf.matMul(dy, tf.transpose(WSaved)), // dL/dx = dy Wᵀ
          tf.matMul(tf.transpose(xSaved), dy), // dL/dW = xᵀ dy
          tf.sum(dy, 0), // dL/db
        ],
      };
    });
    return op(x2, W, b);
  }
  // The input batch needs no gradient (TF.js's own gradients skip it too): capture it, differentiate W, b.
  const op = customOp(tf, ([Ws, bs]) => ({
    value: tf.add(tf.matMul(x2, Ws), bs),
    gradFunc: (dy) => [tf.matMul(tf.transpose(x2), dy), tf.sum(dy, 0)],
  }));
  return op(W, b);
}

/** The first convolution (NHWC, stride 1, no padding). Its input is the image batch: no input gradient. */
function convFirst(tf: Tf, x: TfCore.Tensor4D, W: TfCore.Tensor4D, opts: Options): TfCore.Tensor4D {
  if (!opts.customConvGrad) return tf.conv2d(x, W, 1, 'valid');
  const op = customOp(tf, ([Ws]) => ({
    value: tf.conv2d(x, Ws as TfCore.Tensor4D, 1, 'valid'),
    gradFunc: (dy) => {
      // dW[i, j, c, k] = Σ_{n, oy, ox} x[n, oy + i, ox + j, c] · dy[n, oy, ox, k]: a "valid" conv2d of the
      // input with channels and batch swapped ([c, H, W, n]) by dy as the filter ([oy, ox, n, k]).
      const xs = tf.transpose(x, [3, 1, 2, 0]) as TfCore.Tensor4D;
      const dys = tf.transpose(dy, [1, 2, 0, 3]) as TfCore.Tensor4D;
      return tf.transpose(tf.conv2d(xs, dys, 1, 'valid'), [1, 2, 0, 3]);
    },
  }));
  return op(W) as TfCore.Tensor4D;
}

/** A variable from an initial tensor (tf.variable keeps its own reference: the initial tensor is let go). */
function variableFrom(tf: Tf, init: Tensor): Variable {
  const v = tf.variable(init);
  init.dispose();
  return v;
}

function he(tf: Tf, shape: number[], fanIn: number, seed: number): Variable {
  return variableFrom(tf, tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed));
}

function zeros(tf: Tf, n: number): Variable {
  return variableFrom(tf, tf.zeros([n]));
}

function twoLayerNet(tf: Tf, opts: Options): TfNet {
  const [W1, b1, W2, b2] = [he(tf, [784, 50], 784, 1), zeros(tf, 50), he(tf, [50, 10], 50, 2), zeros(tf, 10)];
  const vars = [W1, b1, W2, b2];
  const optimizer = tf.train.sgd(0.1);
  return {
    vars,
    optimizer,
    predict: (x) => affine(tf, tf.relu(affine(tf, x, W1, b1, opts, false)), W2, b2, opts, true),
    dispose: () => {
      vars.forEach((v) => v.dispose());
      optimizer.dispose();
    },
  };
}

function simpleConvNet(tf: Tf, opts: Options): TfNet {
  const W1 = he(tf, [5, 5, 1, 30], 25, 1);
  const b1 = zeros(tf, 30);
  const W2 = he(tf, [4320, 100], 4320, 2); // 30 × 12 × 12 after pooling
  const b2 = zeros(tf, 100);
  const W3 = he(tf, [100, 10], 100, 3);
  const b3 = zeros(tf, 10);
  const vars = [W1, b1, W2, b2, W3, b3];
  // The book's Adam, but for where epsilon sits (TF.js adds 1e-7 to the bias-corrected √v).
  const optimizer = tf.train.adam(0.001, 0.9, 0.999);
  return {
    vars,
    optimizer,
    predict: (x) => {
      const conv = tf.relu(tf.add(convFirst(tf, x as TfCore.Tensor4D, W1 as unknown as TfCore.Tensor4D, opts), b1));
      const pooled = tf.maxPool(conv as TfCore.Tensor4D, 2, 2, 'valid');
      const hidden = tf.relu(affine(tf, pooled, W2, b2, opts, true));
      return affine(tf, hidden, W3, b3, opts, true);
    },
    dispose: () => {
      vars.forEach((v) => v.dispose());
      optimizer.dispose();
    },
  };
}

/** The two networks in TF.js (exported for checking the workarounds' gradients against TF.js's own). */
export function buildTfNet(tf: Tf, name: NetName, opts: Options): TfNet {
  return name === 'SimpleConvNet' ? simpleConvNet(tf, opts) : twoLayerNet(tf, opts);
}

// ---------------------------------------------------------------------------------------------------------
// TF.js: measuring

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Up to `warmup` untimed calls (at least one, fewer if they eat a fifth of the budget), then timed calls
 * until `steps` are done or the budget is spent (at least `minSteps`). Returns the median.
 */
function timeIt(fn: () => void, warmup: number, steps: number, minSteps: number, budgetMs: number): { ms: number; n: number; warmup: number } {
  const start = performance.now();
  let warm = 0;
  while (warm < warmup && (warm === 0 || performance.now() - start < budgetMs / 5)) {
    fn();
    warm++;
  }
  const times: number[] = [];
  while (times.length < steps && (times.length < minSteps || performance.now() - start < budgetMs)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), n: times.length, warmup: warm };
}

interface Budget {
  trainMs: number;
  inferMs: number;
  minSteps: number;
}

function benchTfNet(tf: Tf, name: NetName, opts: Options, budget: Budget, infer: boolean, digits: Digits): Figures {
  const conv = name === 'SimpleConvNet';
  const inputShape = conv ? [28, 28, 1] : [784]; // NHWC: one channel, so the pixels' order is the same
  const net = buildTfNet(tf, name, opts);
  const images = (from: number, n: number) =>
    tf.tensor(
      Float32Array.from(digits.x.subarray(from * 784, (from + n) * 784), (v) => v / 255),
      [n, ...inputShape],
    );
  // Five batches of the digits, with one-hot labels.
  const batches = tf.tidy(() =>
    Array.from({ length: 5 }, (_, i) => ({
      x: images(i * BATCH, BATCH),
      t: tf.oneHot(tf.tensor1d(digits.y.subarray(i * BATCH, (i + 1) * BATCH), 'int32'), 10),
    })),
  );
  const xInfer = tf.tidy(() => images(0, INFER_BATCH));
  try {
    let k = 0;
    const train = timeIt(
      () => {
        const { x, t } = batches[k++ % batches.length];
        const cost = net.optimizer.minimize(() => tf.losses.softmaxCrossEntropy(t, net.predict(x)) as Scalar, true, net.vars);
        cost?.dataSync(); // the step is done when its loss can be read
        cost?.dispose();
      },
      5,
      30,
      budget.minSteps,
      budget.trainMs,
    );
    const inference = infer
      ? timeIt(
          () => {
            const y = tf.tidy(() => net.predict(xInfer));
            y.dataSync();
            y.dispose();
          },
          1,
          10,
          3,
          budget.inferMs,
        )
      : { ms: NaN, n: 0 };
    return {
      trainStepMs: train.ms,
      trainSteps: train.n,
      warmup: train.warmup,
      inferImagesPerSec: INFER_BATCH / (inference.ms / 1000),
      inferReps: inference.n,
    };
  } finally {
    net.dispose();
    batches.forEach(({ x, t }) => tf.dispose([x, t]));
    xInfer.dispose();
  }
}

/**
 * The configuration each backend is measured in — its fastest honest one, chosen from these measurements
 * on this machine (ms per training step, batch 100):
 *   cpu  TwoLayerNet:   as shipped 12.9; explicit transposes 15.8 (slower: not used)
 *   cpu  SimpleConvNet: as shipped 5,457 (its Conv2DBackpropFilter alone takes 4.7 s); conv workaround 975
 *   wasm TwoLayerNet:   as shipped 3.4; explicit transposes 1.5
 *   wasm SimpleConvNet: cannot train as shipped (no Conv2DBackpropFilter); conv workaround 101; both 55
 * The as-shipped step is measured too (briefly) and given in the note, when it can run.
 */
const CONFIG: Record<'cpu' | 'wasm', Record<NetName, Options>> = {
  cpu: {
    TwoLayerNet: { explicitTranspose: false, customConvGrad: false },
    SimpleConvNet: { explicitTranspose: false, customConvGrad: true },
  },
  wasm: {
    TwoLayerNet: { explicitTranspose: true, customConvGrad: false },
    SimpleConvNet: { explicitTranspose: true, customConvGrad: true },
  },
};

const SHIPPED: Options = { explicitTranspose: false, customConvGrad: false };

function workaroundText(opts: Options): string[] {
  const out: string[] = [];
  if (opts.customConvGrad) out.push('workaround: conv filter gradient by a second conv2d (tf.customGrad)');
  if (opts.explicitTranspose) out.push('workaround: affine gradients by explicit transpose + plain matMul (tf.customGrad)');
  return out;
}

const requireFromHere = createRequire(import.meta.url);
let loaded: Tf | undefined;

/**
 * TF.js as Node loads it: tfjs-core's CommonJS build and the backends, required at run time from
 * node_modules (so the .wasm binaries are found next to their loader, also from dist/). The gradients come
 * from tfjs-core's ES-module files (bundled from the dynamic import below); they register in TF.js's
 * global registry and run on its one global engine, which must exist first (made by the CommonJS core,
 * whose Tensor class is the complete one): so require first, then import.
 */
async function loadTf(): Promise<Tf> {
  if (loaded) return loaded;
  const tf = requireFromHere('@tensorflow/tfjs-core') as Tf;
  requireFromHere('@tensorflow/tfjs-backend-cpu');
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  tf.enableProdMode(); // no debug checks, no console hints
  loaded = tf;
  return tf;
}

async function tfPeer(backend: 'cpu' | 'wasm', digits: Digits): Promise<PeerResult> {
  const label = `TF.js ${backend}`;
  let tf: Tf;
  try {
    tf = await loadTf();
  } catch (error) {
    return skipped(label, `skipped: TF.js not available (${message(error)})`);
  }
  let common = `tfjs-core ${tf.version_core}, float32, optimizer.minimize`;
  try {
    if (backend === 'wasm') {
      const wasm = requireFromHere('@tensorflow/tfjs-backend-wasm') as typeof TfWasm;
      // The .wasm binaries from node_modules by file path: no network.
      wasm.setWasmPaths(dirname(requireFromHere.resolve('@tensorflow/tfjs-backend-wasm')) + '/');
    }
    if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend did not initialise`);
    await tf.ready();
  } catch (error) {
    return skipped(label, `skipped: ${backend} backend unavailable (${message(error)})`);
  }
  if (backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    common += `, ${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'multithreaded' : '1 thread (TF.js turns wasm threads off in Node)'}`;
  } else {
    common += ', plain JavaScript, 1 thread';
  }

  const figures: PeerResult['figures'] = {};
  const trainNotes: PeerResult['trainNotes'] = {};
  const before = tf.memory().numTensors;
  for (const name of NETS) {
    const conv = name === 'SimpleConvNet';
    const opts = CONFIG[backend][name];
    const budget: Budget = conv ? { trainMs: 22_000, inferMs: 10_000, minSteps: 5 } : { trainMs: 4_000, inferMs: 2_000, minSteps: 5 };
    const f = benchTfNet(tf, name, opts, budget, true, digits);
    figures[name] = f;
    const parts = workaroundText(opts);
    if (parts.length) {
      if (backend === 'wasm' && conv) {
        parts.push('as shipped it cannot train (no Conv2DBackpropFilter kernel in wasm)');
      } else {
        // The as-shipped step, briefly (on cpu the conv net's takes seconds: one step after one warm-up).
        const shipped = benchTfNet(tf, name, SHIPPED, conv ? { trainMs: 1, inferMs: 0, minSteps: 1 } : budget, false, digits);
        parts.push(`as shipped: ${shipped.trainStepMs.toFixed(shipped.trainStepMs >= 100 ? 0 : 2)} ms (median of ${shipped.trainSteps})`);
      }
    }
    trainNotes[name] = parts.join('; ');
  }
  const leaked = tf.memory().numTensors - before;
  if (leaked > 0) common += `; ${leaked} tensors leaked`;
  return { label, figures, trainNotes, common };
}

// ---------------------------------------------------------------------------------------------------------

export async function peerBench(digits: Digits): Promise<Row[]> {
  if (digits.y.length < DIGITS) throw new Error(`the peers need ${DIGITS} digits, ${digits.y.length} given`);
  const peers: PeerResult[] = [...(await numpyPeers(digits)), await tfPeer('cpu', digits), await tfPeer('wasm', digits), ...(await torchPeers(digits))];
  if (loaded) loaded.engine().reset(); // free the TF.js backends' memory for whatever runs next
  const rows: Row[] = [];
  for (const kind of ['train', 'infer'] as const) {
    for (const net of NETS) {
      for (const p of peers) {
        const f = p.figures[net];
        const figure = `${net} ${kind === 'train' ? 'training step' : 'inference'} — ${p.label}`;
        const unit = kind === 'train' ? 'ms' : 'images/s';
        if (!f) {
          rows.push({ figure, value: NaN, unit, note: p.skipped ?? 'not measured' });
          continue;
        }
        const how =
          kind === 'train'
            ? [`median of ${f.trainSteps} after ${f.warmup} warm-up, batch ${BATCH} (5 batches of the bundled MNIST digits)`, p.trainNotes[net]]
            : [`batch ${INFER_BATCH} bundled MNIST digits, median of ${f.inferReps}`];
        rows.push({
          figure,
          value: kind === 'train' ? f.trainStepMs : f.inferImagesPerSec,
          unit,
          note: [...how, p.common].filter(Boolean).join('; '),
        });
      }
    }
  }
  return rows;
}
