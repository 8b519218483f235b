// Telling a learner that a run blew up when the loss never became NaN. The book's cross-entropy takes
// log(y + 1e-7), so a network that one too-large step has blown apart does not give NaN: it gives each
// sample probability 1 (loss 0) or 0 (loss −ln 1e-7 ≈ 16.1), and the mean loss pins at (1 − the share of
// the one class it now predicts) × 16.1 — 14.5 for ten even classes, the 14.6 that a learning rate of
// 10⁶ shows on MNIST. Training "finishes" at chance accuracy and, without this file, says nothing.
//
// A network that cannot learn (too small, too hard a set, too small a step) drifts toward the uniform
// guess, whose loss is ln C for C classes; only large, confidently wrong outputs — large weights, what
// too-large steps make — lift the mean loss far above it. So each sign below asks for a loss of at least
// twice ln C (the right class given, on geometric average, 1/C² or less) and twice the first iteration's
// loss (what the untrained network scored): slow and hopeless runs stay below that (measured: linear
// models on circles, XOR and spiral with batch 1, a 20-unit MNIST net behind 90 % dropout: 1.0–1.6 ln C).
//   loss-rose        the last epoch's mean loss is that high (an epoch's mean, so one unlucky
//                    mini-batch cannot raise it);
//   loss-spiked      for a stretch of at least 200 samples the mean loss was that high, and the run
//                    ended at chance accuracy (SGD at lr 10 on MNIST: 13.6 for a few steps, every ReLU
//                    dead, then back at ln C with 9.7 % — the end alone looks ordinary);
//   loss-at-ceiling  the last epoch's loss is within a quarter of what a network that puts all its
//                    probability on one class scores, (1 − 1/C) × 16.1, at chance accuracy. When the
//                    loss did not also rise, the untrained network already scored above half that: the
//                    initial weights saturate the softmax (std 10 on MNIST: 15.6 at the first step).
// "Chance" is 1/C plus 5 points: the checks cannot know how unbalanced the classes are.

import { CROSS_ENTROPY_DELTA } from './layers/SoftmaxWithLoss';
import { englishMessage, type LabMessage } from './messages';

/** The most the cross-entropy can give a sample: −ln(1e-7) ≈ 16.12. */
export const LOSS_CEILING = -Math.log(CROSS_ENTROPY_DELTA);

/** "Far above": this many times the larger of the first loss and ln C. */
export const RISE_FACTOR = 2;
/** The stretch a spike must last, in samples (and at least PEAK_MIN_ITERATIONS iterations). */
export const PEAK_SAMPLES = 200;
export const PEAK_MIN_ITERATIONS = 10;
/** "At the ceiling": at least this share of the loss of a network that predicts one class only. */
export const CEILING_SHARE = 0.75;
/** Accuracy at most 1/C plus this counts as chance. */
export const CHANCE_MARGIN = 0.05;

export type DivergenceWarning =
  | { code: 'loss-rose'; from: number; to: number }
  | { code: 'loss-spiked'; from: number; peak: number; accuracy: number }
  | { code: 'loss-at-ceiling'; loss: number; ceiling: number; accuracy: number };

export interface DivergenceEvidence {
  /** The first iteration's loss: the untrained network. */
  first: number | null;
  /** The highest mean loss over a stretch of peakWindow(batchSize) iterations. */
  peak: number | null;
  /** The last epoch's mean training loss (or, before any epoch ended, the latest stretch's mean). */
  end: number | null;
  /** The last epoch's training accuracy, null before any epoch ended. */
  accuracy: number | null;
  classes: number;
}

/** Iterations in the stretch a spike is measured over. */
export function peakWindow(batchSize: number): number {
  return Math.max(PEAK_MIN_ITERATIONS, Math.ceil(PEAK_SAMPLES / Math.max(1, batchSize)));
}

/** The rule itself: what the evidence shows, or null for a run that did not blow up. */
export function checkDivergence(e: DivergenceEvidence): DivergenceWarning | null {
  if (e.first === null || !(e.classes >= 2)) return null;
  const bar = RISE_FACTOR * Math.max(e.first, Math.log(e.classes));
  const atChance = e.accuracy !== null && e.accuracy <= 1 / e.classes + CHANCE_MARGIN;
  if (e.end !== null && e.end >= bar) return { code: 'loss-rose', from: e.first, to: e.end };
  if (atChance && e.end !== null && e.end >= CEILING_SHARE * (1 - 1 / e.classes) * LOSS_CEILING) {
    return { code: 'loss-at-ceiling', loss: e.end, ceiling: LOSS_CEILING, accuracy: e.accuracy! };
  }
  if (atChance && e.peak !== null && e.peak >= bar) return { code: 'loss-spiked', from: e.first, peak: e.peak, accuracy: e.accuracy! };
  return null;
}

/**
 * Watches a run's iteration losses as they come, keeping only what the rule needs: the first loss and
 * a running stretch for the peak (at most 200 numbers however long the run).
 */
export class LossWatch {
  private first: number | null = null;
  private readonly stretch: Float64Array;
  private count = 0;
  private sum = 0;
  private peak = -Infinity;

  constructor(batchSize: number) {
    this.stretch = new Float64Array(peakWindow(batchSize));
  }

  add(loss: number): void {
    if (!Number.isFinite(loss)) return; // a NaN fails the run on its own, with its own sentence
    if (this.first === null) this.first = loss;
    const w = this.stretch.length;
    const slot = this.count % w;
    if (this.count >= w) this.sum -= this.stretch[slot]!;
    this.stretch[slot] = loss;
    this.sum += loss;
    this.count++;
    if (this.count >= w) this.peak = Math.max(this.peak, this.sum / w);
  }

  /** The verdict at the end of a run, from the losses seen and its last epoch (null when none ended). */
  verdict(lastEpoch: { trainLoss: number; trainAcc: number } | null, classes: number): DivergenceWarning | null {
    if (this.count === 0) return null;
    const latest = this.sum / Math.min(this.count, this.stretch.length);
    return checkDivergence({
      first: this.first,
      peak: this.count >= this.stretch.length ? this.peak : latest,
      end: lastEpoch ? lastEpoch.trainLoss : latest,
      accuracy: lastEpoch ? lastEpoch.trainAcc : null,
      classes,
    });
  }
}

/** The same verdict for a run already stored whole (an imported one): its losses in order, its epochs. */
export function divergenceOfRun(
  losses: Iterable<number>,
  epochs: readonly { epoch: number; trainLoss: number; trainAcc: number }[],
  classes: number,
  batchSize: number,
): DivergenceWarning | null {
  const watch = new LossWatch(batchSize);
  for (const loss of losses) watch.add(loss);
  const last = epochs.reduce<(typeof epochs)[number] | null>((a, e) => (a === null || e.epoch > a.epoch ? e : a), null);
  return watch.verdict(last, classes);
}

/** 2.4567 → "2.46", 14.249 → "14.2": a loss as a learner reads it. */
export function formatLossValue(loss: number): string {
  return Math.abs(loss) >= 100 ? loss.toFixed(0) : loss.toPrecision(3);
}

/** 0.0975 → "9.8%". */
export function formatAccuracyValue(accuracy: number): string {
  return `${(accuracy * 100).toFixed(1)}%`;
}

/** The warning as a message of the table (engine/messages.ts), its numbers written as a learner reads them. */
export function divergenceMessage(w: DivergenceWarning): LabMessage {
  switch (w.code) {
    case 'loss-rose':
      return { code: 'train.lossRose', values: { from: formatLossValue(w.from), to: formatLossValue(w.to) } };
    case 'loss-spiked':
      return { code: 'train.lossSpiked', values: { from: formatLossValue(w.from), peak: formatLossValue(w.peak), accuracy: formatAccuracyValue(w.accuracy) } };
    case 'loss-at-ceiling':
      return {
        code: 'train.lossAtCeiling',
        values: { loss: formatLossValue(w.loss), ceiling: formatLossValue(w.ceiling), accuracy: formatAccuracyValue(w.accuracy) },
      };
  }
}

/** The warning in English, one sentence without its full stop (the CLI and the API's `message`). */
export function describeDivergence(w: DivergenceWarning): string {
  return englishMessage(divergenceMessage(w));
}

const FIELDS: Record<DivergenceWarning['code'], readonly string[]> = {
  'loss-rose': ['from', 'to'],
  'loss-spiked': ['from', 'peak', 'accuracy'],
  'loss-at-ceiling': ['loss', 'ceiling', 'accuracy'],
};

/** A stored warning read back: its code and numbers when they are whole, otherwise null (never a throw). */
export function readDivergenceWarning(value: unknown): DivergenceWarning | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const code = record.code;
  if (typeof code !== 'string' || !Object.prototype.hasOwnProperty.call(FIELDS, code)) return null;
  const fields = FIELDS[code as DivergenceWarning['code']];
  const out: Record<string, unknown> = { code };
  for (const field of fields) {
    if (typeof record[field] !== 'number' || !Number.isFinite(record[field])) return null;
    out[field] = record[field];
  }
  return out as DivergenceWarning;
}
