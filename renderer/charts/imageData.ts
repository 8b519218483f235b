// Numbers → pixels, without a canvas: sample images, first-layer filters and the weights of hidden units
// as RGBA bytes a canvas can put as they are. Pure, so it is unit-tested in Node.

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major RGBA. */
  data: Uint8ClampedArray;
}

export interface GrayOptions {
  /** The value drawn black (white when inverted); default: the smallest value. */
  min?: number;
  /** The value drawn white (black when inverted); default: the largest value. */
  max?: number;
  /** Dark for large values, like the book's filter pictures (matplotlib's gray_r). */
  invert?: boolean;
}

function rangeOf(values: ArrayLike<number>, from: number, to: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

/** A grayscale image of width × height values starting at `offset`, stretched from min to max. */
export function grayImage(values: ArrayLike<number>, width: number, height: number, options: GrayOptions = {}, offset = 0): RgbaImage {
  const n = width * height;
  if (values.length < offset + n) throw new Error(`an image of ${width}×${height} needs ${n} values, got ${values.length - offset}`);
  const [autoLo, autoHi] = options.min === undefined || options.max === undefined ? rangeOf(values, offset, offset + n) : [0, 0];
  const lo = options.min ?? autoLo;
  const hi = options.max ?? autoHi;
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  const data = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    let g = hi > lo ? (values[offset + i]! - lo) * scale : 128;
    if (options.invert) g = 255 - g;
    data[i * 4] = g;
    data[i * 4 + 1] = g;
    data[i * 4 + 2] = g;
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** A colour image from three planes [3, height, width] (channels first, as the lab stores images). */
export function rgbImage(values: ArrayLike<number>, width: number, height: number, offset = 0): RgbaImage {
  const n = width * height;
  const [lo, hi] = rangeOf(values, offset, offset + 3 * n);
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  const data = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) data[i * 4 + c] = hi > lo ? (values[offset + c * n + i]! - lo) * scale : 128;
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** A dataset sample (values 0…1) as the network sees it: white ink on black, as MNIST stores digits. */
export function sampleImage(x: ArrayLike<number>, inputShape: readonly number[]): RgbaImage | null {
  if (inputShape.length !== 3) return null;
  const [channels, height, width] = inputShape as [number, number, number];
  if (channels === 3) return rgbImage(x, width, height);
  return grayImage(x, width, height, { min: 0, max: 1 });
}

/**
 * The first layer's weights as pictures (book §7.6.1): each convolution filter [F, C, kh, kw] as a
 * kh × kw image (colour when C is 3, else its first channel), each stretched over its own range and
 * drawn dark for large weights like the book's figures. An affine W [in, out] whose input is an image
 * becomes one picture per hidden unit: what that unit responds to. At most `limit` pictures.
 */
export function weightImages(shape: readonly number[], data: ArrayLike<number>, inputShape: readonly number[], limit = 64): RgbaImage[] {
  const images: RgbaImage[] = [];
  if (shape.length === 4) {
    const [filters, channels, kh, kw] = shape as [number, number, number, number];
    const size = channels * kh * kw;
    for (let f = 0; f < Math.min(filters, limit); f++) {
      images.push(channels === 3 ? rgbImage(data, kw, kh, f * size) : grayImage(data, kw, kh, { invert: true }, f * size));
    }
    return images;
  }
  if (shape.length === 2 && inputShape.length === 3 && inputShape[0] === 1) {
    const [inputs, units] = shape as [number, number];
    const [, height, width] = inputShape as [number, number, number];
    if (inputs !== height * width) return images;
    const column = new Float64Array(inputs);
    for (let u = 0; u < Math.min(units, limit); u++) {
      for (let i = 0; i < inputs; i++) column[i] = data[i * units + u]!;
      images.push(grayImage(column, width, height, { invert: true }));
    }
  }
  return images;
}
