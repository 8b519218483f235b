// Long loss curves made short enough to draw smoothly. A live run sends thousands of iteration losses;
// the chart never holds more than a few hundred points, each the mean of a bucket of neighbours.
// Pure functions and one small class, no DOM: unit-tested in tests/renderer/pages/.

export interface LossPoint {
  iteration: number;
  loss: number;
}

/**
 * At most `maxPoints` points from `points` (sorted by iteration): the first and last kept as they are,
 * the ones between cut into equal buckets of consecutive points, each becoming its mean.
 */
export function downsampleMean(points: readonly LossPoint[], maxPoints: number): LossPoint[] {
  const n = points.length;
  if (n <= maxPoints) return points.slice();
  if (maxPoints < 3) return [points[0]!, points[n - 1]!].slice(0, Math.max(0, maxPoints));
  const between = n - 2;
  const buckets = maxPoints - 2;
  const out: LossPoint[] = [points[0]!];
  for (let k = 0; k < buckets; k++) {
    const start = 1 + Math.floor((k * between) / buckets);
    const end = 1 + Math.floor(((k + 1) * between) / buckets);
    if (end <= start) continue;
    let iterations = 0;
    let losses = 0;
    for (let i = start; i < end; i++) {
      iterations += points[i]!.iteration;
      losses += points[i]!.loss;
    }
    out.push({ iteration: Math.round(iterations / (end - start)), loss: losses / (end - start) });
  }
  out.push(points[n - 1]!);
  return out;
}

/**
 * An append-only loss series with bounded size. While it is short every point is kept; once it reaches
 * `maxPoints` neighbouring pairs are merged (halving it) and later points are gathered in buckets twice
 * as wide, so a run of any length costs the chart the same. `points` is a new array only when the
 * series changed, so a memoised chart redraws only then.
 */
export class LossSeries {
  private stored: LossPoint[] = [];
  private bucket = 1;
  private pendingCount = 0;
  private pendingIterations = 0;
  private pendingLoss = 0;
  private snapshot: readonly LossPoint[] = [];
  private dirty = false;

  constructor(private readonly maxPoints = 400) {
    if (maxPoints < 4) throw new Error('a loss series needs room for at least 4 points');
  }

  /** The iteration of the newest loss received, or 0 before any. */
  lastIteration = 0;

  /** Starts from points already downsampled elsewhere (a run's stored history); `iterationsDone` sizes the buckets. */
  seed(points: readonly LossPoint[], iterationsDone = points.length ? points[points.length - 1]!.iteration : 0): void {
    this.stored = downsampleMean(points, this.maxPoints);
    this.bucket = Math.max(1, Math.ceil(iterationsDone / Math.max(1, this.maxPoints / 2)));
    this.pendingCount = 0;
    this.pendingIterations = 0;
    this.pendingLoss = 0;
    this.lastIteration = this.stored.length ? this.stored[this.stored.length - 1]!.iteration : 0;
    this.dirty = true;
  }

  /** Adds one loss; one that is not newer than the last (already seen) is ignored. */
  push(iteration: number, loss: number): boolean {
    if (!(iteration > this.lastIteration) || !Number.isFinite(loss)) return false;
    this.lastIteration = iteration;
    this.pendingCount++;
    this.pendingIterations += iteration;
    this.pendingLoss += loss;
    if (this.pendingCount >= this.bucket) this.flushPending();
    this.dirty = true;
    return true;
  }

  private flushPending(): void {
    if (this.pendingCount === 0) return;
    this.stored.push({ iteration: Math.round(this.pendingIterations / this.pendingCount), loss: this.pendingLoss / this.pendingCount });
    this.pendingCount = 0;
    this.pendingIterations = 0;
    this.pendingLoss = 0;
    if (this.stored.length >= this.maxPoints) this.halve();
  }

  private halve(): void {
    const merged: LossPoint[] = [];
    for (let i = 0; i < this.stored.length; i += 2) {
      const a = this.stored[i]!;
      const b = this.stored[i + 1];
      merged.push(b ? { iteration: Math.round((a.iteration + b.iteration) / 2), loss: (a.loss + b.loss) / 2 } : a);
    }
    this.stored = merged;
    this.bucket *= 2;
  }

  /** The points to draw, the partial bucket included; the same array until something changes. */
  get points(): readonly LossPoint[] {
    if (this.dirty) {
      const partial =
        this.pendingCount > 0 ? [{ iteration: Math.round(this.pendingIterations / this.pendingCount), loss: this.pendingLoss / this.pendingCount }] : [];
      this.snapshot = [...this.stored, ...partial];
      this.dirty = false;
    }
    return this.snapshot;
  }

  get bucketSize(): number {
    return this.bucket;
  }
}

/**
 * At most `maxPoints` of `items`, evenly spread, the first and the last always among them: a chart of a
 * run's epochs keeps real epochs (each drawn point is one epoch's measured value, never an average).
 */
export function pickEvenly<T>(items: readonly T[], maxPoints: number): readonly T[] {
  const n = items.length;
  if (n <= maxPoints) return items;
  if (maxPoints < 2) return items.slice(n - Math.max(0, maxPoints));
  const out: T[] = [];
  for (let k = 0; k < maxPoints; k++) out.push(items[Math.round((k * (n - 1)) / (maxPoints - 1))]!);
  return out;
}
