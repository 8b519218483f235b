// The optimizers as training runs them: the readable ones of optimizers/ (read those first), except
// that a large float32 parameter of SGD or Adam takes its step in WebAssembly SIMD
// (kernels/wasmElementwise.ts), which computes the JavaScript loop's numbers bit for bit. The loops
// below are the readable classes' loops, expression for expression, so an array too small for the
// module (or a float64 one) moves exactly as it would under the readable class. Tests hold each twin
// to its readable class, on both sides of the size threshold.
//
// `fastOptimizer` is applied in one place, trainer.ts's createOptimizer, which both the one-thread
// trainer and the parallel workers use.

import { elementwiseKernel } from '../kernels/wasmElementwise';
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
  private readonly state = new Map<string, { m: FloatArray; v: FloatArray }>();
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

      let s = this.state.get(key);
      if (s === undefined) {
        s = { m: Tensor.zerosLike(param).data, v: Tensor.zerosLike(param).data };
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
}
