// Reading data the way a weights file's run read it, before measuring the weights on it: the folder or
// table it names must be on this machine (a run imported from another lab may have left its data
// there), and an image folder is read at the size and channels the network was trained on — the
// model's input — rather than at the size this folder happens to hold most.

import type { Dataset } from '../../engine/data/dataset';
import type { DataSettings } from '../../engine/experiment';
import { labError } from '../../engine/errors';
import { missingDataPath } from './sources';

interface TrainedOn {
  /** meta.data: the source the run trained on. */
  source?: string;
  /** model.input: [channels, height, width] for an image model. */
  input?: number[];
  /** meta.classNames: what the run's classes were called. */
  classNames?: string[];
}

function trainedOn(weightsText: string): TrainedOn {
  try {
    const file = JSON.parse(weightsText) as { meta?: { data?: unknown; classNames?: unknown }; model?: { input?: unknown } } | null;
    const source = file?.meta?.data;
    const input = file?.model?.input;
    const classNames = file?.meta?.classNames;
    return {
      ...(typeof source === 'string' ? { source } : {}),
      ...(Array.isArray(input) && input.every((n) => Number.isInteger(n)) ? { input: input as number[] } : {}),
      ...(Array.isArray(classNames) && classNames.every((n) => typeof n === 'string') ? { classNames } : {}),
    };
  } catch {
    return {}; // the evaluation names what is wrong with the file
  }
}

const shapeText = (shape: readonly (number | undefined)[]) => shape.map((n) => (n === undefined ? '?' : String(n))).join('×');

/**
 * `data` as the evaluation should read it, or a refusal: the data the weights were trained on missing
 * here; an image folder asked for at another size or channel count than the network takes. Image
 * options left open are not filled in here: the folder's own guess usually is the trained shape, and
 * reading it that way shares the run's cached preparation (see readAsTrained for the other case).
 */
export function checkTrainedReading(data: DataSettings, weightsText: string, fileName: string, baseDir: string): void {
  const trained = trainedOn(weightsText);
  if (trained.source === data.source) {
    const path = missingDataPath(data.source, baseDir);
    if (path !== null) throw labError('data', 'data.trainedDataMissing', { file: fileName, path });
  }
  const input = trained.input;
  if (!data.source.startsWith('images:') || input?.length !== 3) return;
  const asked = [data.channels, data.height, data.width];
  if (asked.every((n, i) => n === undefined || n === input[i])) return;
  throw labError('data', 'data.imageShapeMismatch', {
    file: fileName,
    trained: shapeText(input),
    asked: shapeText(asked.map((n, i) => n ?? input[i])),
    source: data.source,
  });
}

/**
 * The image options that read an image folder at the network's input shape, when `dataset` (read with
 * the folder's own guess) came out another shape; null when it fits, or is not an image folder.
 */
export function trainedImageOptions(data: DataSettings, dataset: Dataset, weightsText: string): DataSettings | null {
  const input = trainedOn(weightsText).input;
  if (!data.source.startsWith('images:') || input?.length !== 3) return null;
  if (shapeText(dataset.inputShape) === shapeText(input)) return null;
  const [channels, height, width] = input as [number, number, number];
  return { ...data, channels, height, width };
}

/**
 * The class names the weights file carries, for data that names none (an IDX folder whose classes.txt
 * is gone): the names the run was trained with, as long as they are as many as the data's classes.
 */
export function trainedClassNames(weightsText: string, classes: number): string[] | undefined {
  const names = trainedOn(weightsText).classNames;
  return names?.length === classes ? names : undefined;
}
