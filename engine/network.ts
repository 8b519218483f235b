// A network is its layers in order, ending in Softmax-with-Loss — the book's MultiLayerNet and
// SimpleConvNet generalised to any stack the registry can build. predict runs the layers in order;
// gradient runs them backward in reverse, each passing ∂L/∂input to the one before (book §5.7); loss
// adds the weight decay term, and its gradient λW is added to every dW.
//
// Two implementations of the same layers: 'reference', the readable layers of layers/ that a learner
// reads beside the book, and 'fast', their twins in layers/fast/ — the same maths and the same numbers,
// with buffers kept between steps and better memory order. Training in float32 runs the fast ones;
// float64 (the gradient check) runs the readable ones unless told otherwise, so the check keeps
// checking the code learners read. Everything the fast layers need beyond the book's loops (a fused
// first step, slices for large batches, skipping the data's gradient) is fast/executor.ts's, chosen
// in the constructor, the one place that looks at `implementation`.
//
// Lifetime of what the network hands out: `probabilities` and `score` return values the caller owns.
// With the fast layers, the tensor `predict` returns is a buffer the network keeps, valid until its
// next forward pass of the same kind (training or inference) — copy it to keep it. Training and
// inference passes keep separate buffers, so evaluating between two training steps disturbs nothing.

import { FastExecutor } from './fast/executor';
import { initStd, fillNormal, type InitSetting } from './init';
import { SoftmaxWithLoss, softmax, crossEntropy } from './layers/SoftmaxWithLoss';
import type { Layer } from './layers/Layer';
import { planModel, type ModelPlan } from './model';
import { Rng } from './rng';
import { heapAllocator, Tensor, type Allocator, type DType } from './tensor';

export type Implementation = 'fast' | 'reference';

/** The terminal Softmax-with-Loss as the network drives it: the readable layer or its fast twin. */
export interface LossLayer {
  readonly type: string;
  /** The book's 1e-7 inside log(y + 1e-7); the gradient check sets it to 0. */
  delta: number;
  forward(x: Tensor, t: ArrayLike<number>): number;
  backward(dout?: number): Tensor;
}

export interface NetworkOptions {
  dtype?: DType;
  /**
   * Which layers run: 'fast' (the default in float32) or 'reference' (the readable layers; always the
   * default in float64, so the gradient check checks them). Both give the same numbers.
   */
  implementation?: Implementation;
  /** Seeds the initial weights and the dropout masks. */
  seed?: number;
  /** λ of the weight decay term ½λ‖W‖², applied to every W (not to biases, gamma or beta), as the book does. */
  weightDecay?: number;
  /** Where parameter storage comes from; a shared allocator lets worker threads see the same weights. */
  allocate?: Allocator;
  /** Where BatchNorm's running statistics live (default: like the parameters). */
  allocateBuffer?: Allocator;
  /** Where gradients live (default: the heap); shared storage lets workers add each other's up. */
  allocateGrad?: Allocator;
  /** Skip the random initialisation (the weights are about to be loaded from a file). */
  skipInit?: boolean;
  /** Names the dropout mask stream; parallel workers each need their own (default "dropout"). */
  dropoutStream?: string;
}

export class Network {
  readonly plan: ModelPlan;
  readonly dtype: DType;
  readonly implementation: Implementation;
  readonly layers: Layer[];
  readonly lossLayer: LossLayer;
  /** Every trainable parameter under the book's names: W1, b1, …, gamma1, beta1, … */
  readonly params: Record<string, Tensor> = {};
  readonly grads: Record<string, Tensor> = {};
  /** BatchNorm's running statistics: running_mean1, running_var1, … */
  readonly buffers: Record<string, Tensor> = {};
  weightDecay: number;
  /** The stream dropout draws its masks from. */
  readonly rng: Rng;
  /** How the fast layers run (null with the readable ones): see fast/executor.ts. */
  private readonly fast: FastExecutor | null = null;

  constructor(model: unknown, options: NetworkOptions = {}) {
    this.plan = planModel(model);
    this.dtype = options.dtype ?? 'float32';
    this.implementation = options.implementation ?? (this.dtype === 'float64' ? 'reference' : 'fast');
    const fast = this.implementation === 'fast';
    this.weightDecay = options.weightDecay ?? 0;
    const seed = options.seed ?? 0;
    const allocate = options.allocate ?? heapAllocator;
    const allocateBuffer = options.allocateBuffer ?? allocate;
    const initRng = new Rng(seed, 'init');
    this.rng = new Rng(seed, options.dropoutStream ?? 'dropout');

    this.layers = [];
    for (const layer of this.plan.layers) {
      if (layer.layerType.terminal) break;
      const params: Record<string, Tensor> = {};
      for (const p of layer.params) {
        const t = Tensor.zeros(p.shape, this.dtype, allocate);
        if (!options.skipInit)
          initialise(p.key, t, layer.settings.init as InitSetting, layer.layerType.fanIn?.(layer.inputShape, layer.settings) ?? 1, initRng);
        params[p.key] = t;
        this.params[p.name] = t;
      }
      const buffers: Record<string, Tensor> = {};
      for (const b of layer.buffers) {
        buffers[b.key] = Tensor.zeros(b.shape, this.dtype, allocateBuffer);
        this.buffers[b.name] = buffers[b.key]!;
      }
      const built = layer.layerType.create({ settings: layer.settings, input: layer.inputShape, params, buffers, rng: this.rng, fast });
      if (!built) continue;
      for (const p of layer.params) {
        if (options.allocateGrad) built.grads[p.key] = Tensor.zeros(p.shape, this.dtype, options.allocateGrad);
        this.grads[p.name] = built.grads[p.key]!;
      }
      this.layers.push(built);
    }
    if (fast)
      this.fast = new FastExecutor(
        this.layers,
        this.dtype,
        this.weightNames().map((name) => this.params[name]!.size),
      );
    this.lossLayer = this.fast?.lossLayer ?? new SoftmaxWithLoss();
  }

  /**
   * The scores (before softmax) for a batch x of shape (N, ...input). With the fast layers the result
   * is a buffer the network keeps: valid until its next forward pass of the same kind (see the top).
   */
  predict(x: Tensor, train = false): Tensor {
    if (this.fast) return this.fast.predict(x, train);
    let out = x;
    for (const layer of this.layers) out = layer.forward(out, train);
    return out;
  }

  /** The loss the optimiser minimises: mean cross-entropy plus ½λ Σ‖W‖² over every W. */
  loss(x: Tensor, t: ArrayLike<number>, train = true): number {
    return this.lossLayer.forward(this.predict(x, train), t) + this.weightDecayLoss();
  }

  /** Forward and backward on one mini-batch: fills `grads` and returns the loss (book's `gradient`). */
  gradient(x: Tensor, t: ArrayLike<number>): number {
    const loss = this.loss(x, t, true);
    let dout = this.lossLayer.backward(1);
    if (this.fast) this.fast.backward(dout);
    else for (const layer of [...this.layers].reverse()) dout = layer.backward(dout);
    if (this.weightDecay > 0) {
      for (const name of this.weightNames()) {
        const g = this.grads[name]!.data;
        const w = this.params[name]!.data;
        for (let i = 0; i < g.length; i++) g[i]! += this.weightDecay * w[i]!;
      }
    }
    return loss;
  }

  /** Class probabilities at inference (dropout off, BatchNorm on its running statistics); a new tensor, the caller's. */
  probabilities(x: Tensor): Tensor {
    return softmax(this.predict(x, false));
  }

  /** Mean cross-entropy (no weight decay) and accuracy of a batch at inference. */
  score(x: Tensor, t: ArrayLike<number>): { loss: number; correct: number } {
    const y = this.probabilities(x);
    const classes = y.cols;
    let correct = 0;
    for (let i = 0; i < y.rows; i++) {
      let best = 0;
      for (let j = 1; j < classes; j++) if (y.data[i * classes + j]! > y.data[i * classes + best]!) best = j;
      if (best === t[i]) correct++;
    }
    return { loss: crossEntropy(y, t), correct };
  }

  /**
   * A parameter or running statistic by its book name (W1, gamma2…), or undefined. Own keys only: a
   * name a user typed, such as "constructor" or "__proto__", must not find something inherited.
   */
  tensor(name: string): Tensor | undefined {
    if (Object.hasOwn(this.params, name)) return this.params[name];
    if (Object.hasOwn(this.buffers, name)) return this.buffers[name];
    return undefined;
  }

  weightNames(): string[] {
    return Object.keys(this.params).filter((name) => /^W\d+$/.test(name));
  }

  weightDecayLoss(): number {
    if (this.weightDecay === 0) return 0;
    let sum = 0;
    for (const name of this.weightNames()) {
      const w = this.params[name]!.data;
      for (let i = 0; i < w.length; i++) sum += w[i]! * w[i]!;
    }
    return 0.5 * this.weightDecay * sum;
  }
}

function initialise(key: string, t: Tensor, init: InitSetting, fanIn: number, rng: Rng): void {
  if (key === 'W') fillNormal(t, initStd(init, fanIn), rng);
  else if (key === 'gamma') t.data.fill(1);
  // b and beta start at zero
}
