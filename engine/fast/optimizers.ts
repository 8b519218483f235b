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

/** Adam.ts's step, with its own averages m and v and step count t. */
export class FastAdam implements Optimizer {
  /**
   * Per parameter: its averages as arrays, or (a large float32 parameter) where they live in `module`,
   * which keeps them from one step to the next instead of receiving and returning them every step.
   */
  private readonly state = new Map<string, { m: FloatArray; v: FloatArray } | { resident: ResidentAverages }>();
  private module: AdamInModule | null | undefined;
  private t = 0;

  constructor(
    readonly lr: number,
    readonly beta1: number,
    readonly beta2: number,
    readonly eps: number,
  ) {}

  update(params: ParamMap, grads: ParamMap): void {
    checkGradients('Adam', params, grads);
    const { beta1, beta2 } = this;
    this.t += 1;
    const lrT = (this.lr * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);

    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;

      let s = this.state.get(key) ?? this.startState(key, param);
      if ('resident' in s) {
        if (p instanceof Float32Array && g instanceof Float32Array && this.module?.adam(p, g, s.resident, 1 - beta1, 1 - beta2, lrT, this.eps)) continue;
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
        continue;

      for (let i = 0; i < p.length; i++) {
        m[i]! += (1 - beta1) * (g[i]! - m[i]!);
        v[i]! += (1 - beta2) * (g[i]! * g[i]! - v[i]!);
        p[i]! -= (lrT * m[i]!) / (Math.sqrt(v[i]!) + this.eps);
      }
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
