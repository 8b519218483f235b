// The data form's look at a folder of images: a few images of every class (a grid, class by class),
// how many images each class has in each split (the class balance), and the shape the folder's images
// have when nothing is chosen — the most common size, grey when every image is grey — which the form
// shows as the defaults of its channels, width and height.

import type { Dataset } from '../../engine/data/dataset';
import type { DataSettings } from '../../engine/experiment';
import type { DatasetPreview } from '../api/contract';

/** Images shown per class, and classes shown in the grid (the counts list them all). */
const PER_CLASS = 4;
const CLASSES_SHOWN = 12;
/** A preview image is at most this many pixels a side: larger ones are sampled down (nearest) for the grid. */
const THUMB_SIDE = 64;

function countsOf(dataset: Dataset): { name: string; train: number; test: number }[] {
  const classes = Array.from({ length: dataset.classes }, (_, k) => ({ name: dataset.classNames?.[k] ?? String(k), train: 0, test: 0 }));
  for (const label of dataset.train.y) classes[label]!.train++;
  for (const label of dataset.test.y) classes[label]!.test++;
  return classes;
}

/** One image of a split as values in 0…1, sampled down to at most THUMB_SIDE a side. */
function thumbnail(dataset: Dataset, index: number, shape: readonly number[]): number[] {
  const [channels, height, width] = dataset.inputShape as [number, number, number];
  const [, thumbHeight, thumbWidth] = shape as [number, number, number];
  const size = channels * height * width;
  const x = dataset.train.x;
  const out: number[] = [];
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < thumbHeight; i++) {
      const row = Math.floor((i * height) / thumbHeight);
      for (let j = 0; j < thumbWidth; j++) {
        const value = x[index * size + c * height * width + row * width + Math.floor((j * width) / thumbWidth)]!;
        out.push(x instanceof Uint8Array ? value / 255 : value);
      }
    }
  }
  return out;
}

export async function imageFolderPreview(
  settings: DataSettings,
  count: number,
  load: (data: DataSettings) => Promise<Dataset>,
  plainPreview: (dataset: Dataset, count: number) => DatasetPreview,
): Promise<DatasetPreview> {
  const dataset = await load(settings);
  const chosen = settings.channels !== undefined || settings.width !== undefined || settings.height !== undefined;
  // The folder as found: the same load when nothing is chosen, else the folder read with the lab's defaults.
  const found = chosen ? (await load({ source: settings.source })).inputShape : dataset.inputShape;
  const [channels, height, width] = dataset.inputShape as [number, number, number];
  const scale = Math.min(1, THUMB_SIDE / Math.max(height, width));
  const sampleShape = [channels, Math.max(1, Math.round(height * scale)), Math.max(1, Math.round(width * scale))];

  const samples: DatasetPreview['samples'] = [];
  const taken = new Array<number>(dataset.classes).fill(0);
  const wanted = Math.min(dataset.classes, CLASSES_SHOWN) * Math.max(1, Math.min(PER_CLASS, count));
  for (let i = 0; i < dataset.train.count && samples.length < wanted; i++) {
    const label = dataset.train.y[i]!;
    if (label >= CLASSES_SHOWN || taken[label]! >= PER_CLASS) continue;
    taken[label]!++;
    samples.push({ x: thumbnail(dataset, i, sampleShape), label });
  }
  samples.sort((a, b) => a.label - b.label);
  return {
    ...plainPreview(dataset, 0),
    samples,
    imageFolder: { classes: countsOf(dataset), found: [...found], sampleShape },
  };
}
