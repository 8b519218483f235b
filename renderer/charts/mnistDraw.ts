// A drawing made like an MNIST digit, so the network sees what it was trained on. MNIST's recipe
// (LeCun et al.): the digit's bounding box is scaled, keeping its aspect ratio, to fit a 20×20 box with
// anti-aliasing, then placed in a 28×28 field so that its centre of mass sits at the centre.

export const MNIST_SIZE = 28;
export const MNIST_BOX = 20;

export interface Box {
  left: number;
  top: number;
  /** Exclusive. */
  right: number;
  bottom: number;
}

/** The smallest box holding every pixel above `threshold`, or null for an empty drawing. */
export function boundingBox(ink: ArrayLike<number>, width: number, height: number, threshold = 0.02): Box | null {
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > threshold) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  return right < 0 ? null : { left, top, right: right + 1, bottom: bottom + 1 };
}

/**
 * Area-average resampling of the box of `src` to dw × dh: each target pixel is the mean of the source
 * area it covers, fractional pixels weighted by how much of them it covers (anti-aliased shrinking).
 */
export function resizeArea(src: ArrayLike<number>, srcWidth: number, box: Box, dw: number, dh: number): Float64Array {
  const sw = box.right - box.left;
  const sh = box.bottom - box.top;
  const out = new Float64Array(dw * dh);
  const sx = sw / dw;
  const sy = sh / dh;
  for (let ty = 0; ty < dh; ty++) {
    const y0 = ty * sy;
    const y1 = y0 + sy;
    for (let tx = 0; tx < dw; tx++) {
      const x0 = tx * sx;
      const x1 = x0 + sx;
      let sum = 0;
      for (let y = Math.floor(y0); y < Math.min(sh, Math.ceil(y1)); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        if (wy <= 0) continue;
        const row = (box.top + y) * srcWidth + box.left;
        for (let x = Math.floor(x0); x < Math.min(sw, Math.ceil(x1)); x++) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          if (wx > 0) sum += src[row + x]! * wx * wy;
        }
      }
      out[ty * dw + tx] = sum / (sx * sy);
    }
  }
  return out;
}

/** The centre of mass (x, y) of an image, in pixel-centre coordinates; null when it has no mass. */
export function centreOfMass(image: ArrayLike<number>, width: number, height: number): { x: number; y: number } | null {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = image[y * width + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return mass > 0 ? { x: mx / mass, y: my / mass } : null;
}

/**
 * A drawing (ink in 0…1, one value per pixel, row-major) as a 28×28 MNIST-like image in 0…1:
 * bounding box → fit into 20×20 keeping the aspect ratio → centre of mass at the centre of 28×28.
 * Null when nothing is drawn.
 */
export function toMnist(ink: ArrayLike<number>, width: number, height: number): Float32Array | null {
  const box = boundingBox(ink, width, height);
  if (!box) return null;
  const bw = box.right - box.left;
  const bh = box.bottom - box.top;
  const scale = MNIST_BOX / Math.max(bw, bh);
  const dw = Math.max(1, Math.min(MNIST_BOX, Math.round(bw * scale)));
  const dh = Math.max(1, Math.min(MNIST_BOX, Math.round(bh * scale)));
  const small = resizeArea(ink, width, box, dw, dh);
  const com = centreOfMass(small, dw, dh) ?? { x: dw / 2, y: dh / 2 };
  const clamp = (v: number, hi: number) => Math.max(0, Math.min(hi, v));
  const offsetX = clamp(Math.round(MNIST_SIZE / 2 - com.x), MNIST_SIZE - dw);
  const offsetY = clamp(Math.round(MNIST_SIZE / 2 - com.y), MNIST_SIZE - dh);
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) out[(y + offsetY) * MNIST_SIZE + x + offsetX] = Math.min(1, small[y * dw + x]!);
  }
  return out;
}

/** The ink of a canvas drawn in one colour on transparent: its alpha channel, as 0…1. */
export function inkFromRgba(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = rgba[i * 4 + 3]! / 255;
  return ink;
}
