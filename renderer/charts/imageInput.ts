// An image the learner picks, made into one input of the network as the dataset's images were: already
// stretched to the dataset's width and height (the page's canvas does that), its alpha dropped, in
// channel-major order (C, H, W) with bytes scaled to 0…1. A grey dataset gets the image's luminance
// (ITU-R BT.709 weights on the sRGB bytes, close to what the loader's libvips gives for colour images).

export function inputFromRgba(rgba: ArrayLike<number>, width: number, height: number, channels: 1 | 3): Float32Array {
  const plane = width * height;
  const out = new Float32Array(channels * plane);
  for (let i = 0; i < plane; i++) {
    const r = rgba[i * 4]!;
    const g = rgba[i * 4 + 1]!;
    const b = rgba[i * 4 + 2]!;
    if (channels === 1) {
      out[i] = Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    } else {
      out[i] = r / 255;
      out[plane + i] = g / 255;
      out[2 * plane + i] = b / 255;
    }
  }
  return out;
}
