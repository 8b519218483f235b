// The optimizers as training runs them: the readable ones of optimizers/ (read those first), except
// that a large float32 parameter of SGD or Adam takes its step in WebAssembly SIMD
// (kernels/wasmElementwise.ts), which computes the JavaScript loop's numbers bit for bit (Adam's
// averages of such a parameter stay in the module between steps: AdamInModule). The loops
// below are the readable classes' loops, expression for expression, so an array too small for the
// module (or a float64 one) moves exactly as it would under the readable class. Tests hold each twin
// to its readable class, on both sides of the size threshold.
//
// `fastOptimizer` is applied in one place, trainer.ts's createOptimizer, which both the one-thread
// trainer and the parallel workers use.

import { AdamInModule, elementwiseKernel, type ResidentAverages } from '../kernels/wasmElementwise';
import { Adam } from '../optimizers/Adam';
import { checkGradients, type Optimizer, type ParamMap } from '../optimizers/Optimizer';
import { SGD } from '../optimizers/SGD';
import { sumTwoShares } from '../parallel/shares';
import { Tensor, type FloatArray } from '../tensor';

/** The optimizer training should run for `optimizer`: its fast twin when it has one, else itself. */
export function fastOptimizer(optimizer: Optimizer): Optimizer {
  if (optimizer instanceof SGD) return new FastSGD(optimizer.lr);
  if (optimizer instanceof Adam) return new FastAdam(optimizer.lr, optimizer.beta1, optimizer.beta2, optimizer.eps);
  return optimizer;
}

/** SGD.ts's step: p ← p − lr·g. */
export class FastSGD implements Optimizer {
  constructor(readonly lr: number) {}

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('SGD', params, grads);
    for (const key of Object.keys(params)) {
      const p = params[key]!.data;
      const g = grads[key]!.data;
      if (p instanceof Float32Array && g instanceof Float32Array && elementwiseKernel(p.length)?.sgd(p, g, this.lr)) continue;
      for (let i = 0; i < p.length; i++) p[i]! -= this.lr * g[i]!;
    }
  }
}

/**
 * An optimizer that can take its step on two workers' gradient shares, summing them itself as
 * parallel/training.ts would (g = (0 + w0·g0) + w1·g1, rounded to float32): the same step as summing
 * first and calling `update`.
 */
export interface SharesOptimizer extends Optimizer {
  updateShares(params: ParamMap, shares: readonly [ParamMap, ParamMap], weights: readonly [number, number]): void;
}

export function takesShares(optimizer: Optimizer): optimizer is SharesOptimizer {
  return typeof (optimizer as Partial<SharesOptimizer>).updateShares === 'function';
}

/** Adam.ts's step, with its own averages m and v and step count t. */
export class FastAdam implements SharesOptimizer {
  /**
   * Per parameter: its averages as arrays, or (a large float32 parameter) where they live in `module`,
   * which keeps them from one step to the next instead of receiving and returning them every step.
   */
  private readonly state = new Map<string, { m: FloatArray; v: FloatArray } | { resident: ResidentAverages }>();
  private module: AdamInModule | null | undefined;
  /** updateShares' sums of the parameters that are not summed in the module. */
  private readonly sums = new Map<string, FloatArray>();
  private t = 0;

  constructor(
    readonly lr: number,
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
  ) {}

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('Adam', params, grads);
    const lrT = this.nextStep();
    for (const key of Object.keys(params)) this.step(key, params[key]!, grads[key]!.data, lrT);
  }

  /**
   * The step on two workers' shares: a parameter whose averages live in the module sums and steps there
   * (AdamInModule.adamShares); any other is summed by parallel/shares.ts, as training.ts sums them, and steps as `update`.
   */
  updateShares(params: ParamMap, shares: readonly [ParamMap, ParamMap], weights: readonly [number, number]): void {
    checkGradients('Adam', params, shares[0]);
    checkGradients('Adam', params, shares[1]);
    const lrT = this.nextStep();
    const [w0, w1] = weights;
    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const g0 = shares[0][key]!.data,
        g1 = shares[1][key]!.data;
      const s = this.state.get(key) ?? this.startState(key, param);
      if (
        'resident' in s &&
        param.data instanceof Float32Array &&
        g0 instanceof Float32Array &&
        g1 instanceof Float32Array &&
        this.module?.adamShares(param.data, g0, g1, w0, w1, s.resident, 1 - this.beta1, 1 - this.beta2, lrT, this.eps)
      )
        continue;
      const g = this.summed(key, param);
      sumTwoShares(g0, g1, w0, w1, g);
      this.step(key, param, g, lrT);
    }
  }

  /** The step count moves on; Adam.ts's lrT for it. */
  private nextStep(): number {
    const { beta1, beta2 } = this;
    this.t += 1;
    return (this.lr * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
  }

  /** Where a parameter's summed shares go (kept: the sum of every step lands in the same array). */
  private summed(key: string, param: Tensor): FloatArray {
    let g = this.sums.get(key);
    if (!g) this.sums.set(key, (g = Tensor.zerosLike(param).data));
    return g;
  }

  /** One parameter's step with gradient g. */
  private step(key: string, param: Tensor, g: FloatArray, lrT: number): void {
    const { beta1, beta2 } = this;
    const p = param.data;
    let s = this.state.get(key) ?? this.startState(key, param);
    if ('resident' in s) {
      if (p instanceof Float32Array && g instanceof Float32Array && this.module?.adam(p, g, s.resident, 1 - beta1, 1 - beta2, lrT, this.eps)) return;
      // The module cannot take this step (its memory cannot grow): the averages come back and stay here.
      s = this.module!.copyOut(s.resident);
      this.state.set(key, s);
    }
    const { m, v } = s;
    if (
      p instanceof Float32Array &&
      g instanceof Float32Array &&
      m instanceof Float32Array &&
      v instanceof Float32Array &&
      elementwiseKernel(p.length)?.adam(p, g, m, v, 1 - beta1, 1 - beta2, lrT, this.eps)
    )
      return;

    for (let i = 0; i < p.length; i++) {
      m[i]! += (1 - beta1) * (g[i]! - m[i]!);
      v[i]! += (1 - beta2) * (g[i]! * g[i]! - v[i]!);
      p[i]! -= (lrT * m[i]!) / (Math.sqrt(v[i]!) + this.eps);
    }
  }

  /** Zero averages for a parameter: in the module when its step would run in WebAssembly anyway. */
  private startState(key: string, param: Tensor): { m: FloatArray; v: FloatArray } | { resident: ResidentAverages } {
    let s: { m: FloatArray; v: FloatArray } | { resident: ResidentAverages } | null = null;
    if (param.data instanceof Float32Array && elementwiseKernel(param.size)) {
      this.module ??= AdamInModule.create();
      const resident = this.module?.allocate(param.size);
      if (resident) s = { resident };
    }
    s ??= { m: Tensor.zerosLike(param).data, v: Tensor.zerosLike(param).data };
    this.state.set(key, s);
    return s;
  }
}
