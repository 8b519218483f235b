// What both WebAssembly modules of the engine (wasm/gemm.wat, wasm/elementwise.wat) need from
// TypeScript: the few WebAssembly declarations used (the engine compiles without DOM types), compiling
// a module from the base64 text scripts/build-wasm.mjs generates, and the module's memory as typed
// arrays, grown on demand.
//
// WebAssembly code reads only its own memory: the callers copy their arrays in, call the module, and
// copy the results out. Growing the memory replaces its buffer, so every view is taken afresh from
// `ModuleHeap` after `reserve`.

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: unknown };
}

const PAGE = 65536;
/** A module's memory never grows past this; larger work stays in JavaScript. */
const MAX_BYTES = 1 << 30;

const base64Digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0,
    value = 0,
    o = 0;
  for (let i = 0; i < clean.length; i++) {
    value = (value << 6) | base64Digits.indexOf(clean[i]!);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** Whether this runtime's WebAssembly accepts the module in `base64` (false without WebAssembly). */
export function validates(base64: string): boolean {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return !!api && typeof api.validate === 'function' && api.validate(decodeBase64(base64));
}

/**
 * Each module compiled once per thread, or null where it cannot be. The engine makes an instance per
 * layer and per optimizer, all of the same two modules; decoding and validating each one again cost a
 * SimpleConvNet worker 11 ms before its first step (profiled; 4.5 ms with this cache).
 */
const compiled = new Map<string, object | null>();

function compiledModule(api: WasmApi, base64: string): object | null {
  let module = compiled.get(base64);
  if (module === undefined) {
    const bytes = decodeBase64(base64);
    try {
      module = api.validate(bytes) ? new api.Module(bytes) : null;
    } catch {
      module = null;
    }
    compiled.set(base64, module);
  }
  return module;
}

/**
 * The exports of a new instance of the module in `base64`, or null when this runtime has no
 * WebAssembly, does not validate the module (no SIMD, say), or may not compile it (a page whose content
 * security policy lacks 'wasm-unsafe-eval'). The caller names the exports it compiled (`as GemmExports | null`).
 */
export function instantiate(base64: string): object | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api || typeof api.validate !== 'function') return null;
  const module = compiledModule(api, base64);
  if (!module) return null;
  try {
    return new api.Instance(module, {}).exports as object;
  } catch {
    return null;
  }
}

export const align16 = (bytes: number) => (bytes + 15) & ~15;

/**
 * Where a region that JavaScript arrays are copied into or out of starts: the first offset from `end` on
 * that lies half a page into a 4 KiB page. The copies are TypedArray.set, a memcpy, and the memcpy of
 * some x86 cores crawls when its destination lies a few bytes past its source modulo 4 KiB (4 to 28
 * bytes on AMD Zen 3, where we measured a 160 KB copy at 60 µs instead of 5). A large JavaScript array
 * starts 16 bytes into a page, so a region on a page boundary — every module's first one — was 16
 * bytes behind it and every copy out of it was slow; half a page away, neither direction is.
 */
export function copyRegionStart(end: number): number {
  return end + ((2048 - end) & 4095);
}

/**
 * Regions of the given byte sizes from `start` on, each where copyRegionStart puts it: their offsets and where the last ends.
 * `at` has one offset per size, so a caller destructures exactly as many offsets as it asked for.
 */
export function regionsFrom<const Sizes extends readonly number[]>(start: number, sizes: Sizes): { at: { -readonly [K in keyof Sizes]: number }; end: number } {
  const at: number[] = [];
  let end = start;
  for (const size of sizes) {
    const from = copyRegionStart(end);
    at.push(from);
    end = from + align16(size);
  }
  return { at: at as { -readonly [K in keyof Sizes]: number }, end };
}

/** A module's memory seen as float32, int32 and byte arrays. */
export class ModuleHeap {
  f32: Float32Array;
  i32: Int32Array;
  u8: Uint8Array;

  constructor(private readonly memory: WasmMemory) {
    this.f32 = new Float32Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.u8 = new Uint8Array(memory.buffer);
  }

  /** Makes the memory at least `end` bytes; false when the runtime refuses or it is too much. */
  reserve(end: number): boolean {
    if (end > MAX_BYTES) return false;
    if (end > this.u8.byteLength) {
      try {
        this.memory.grow(Math.ceil((end - this.u8.byteLength) / PAGE));
      } catch {
        return false; // the runtime refused the memory: this work runs in JavaScript
      }
      this.f32 = new Float32Array(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
      this.u8 = new Uint8Array(this.memory.buffer);
    }
    return true;
  }
}
