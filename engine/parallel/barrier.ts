// A barrier for worker threads: every party waits until all have arrived, then all go on together.
// Two Int32 slots on a SharedArrayBuffer — an arrival count and a generation number — with
// Atomics.wait/notify, so a thread that waits long sleeps instead of spinning. It first watches the
// generation for a while, though: a training step passes two barriers, the second often a fraction of
// a millisecond after the first, and a thread woken from Atomics.wait runs again only well after the
// notify (on a 2-core Xeon VM of ours: 170 µs at the median, 230 µs at the 90th percentile).
//
// How long to watch depends on whether the parties have a core each. Then the waiting one's core has
// nothing else to do, and it watches a few milliseconds, longer than the usual difference between two
// workers' gradients: half of a two-worker run's barrier waits used to sleep, each paying the wake-up.
// When threads outnumber cores, a watching thread would hold the core a late party needs, so it sleeps
// after a tenth of a millisecond. (Timed on that Xeon VM, medians of 21: 10,000 reads 120–150 µs,
// 400,000 reads 3.5–5.9 ms.)

export class Barrier {
  /** Reads of the generation before sleeping when threads may share a core: about 0.1 ms. */
  static readonly SPINS = 10_000;
  /** Reads before sleeping when every party has a core of its own: a few ms. */
  static readonly SPINS_OWN_CORES = 400_000;
  static readonly SLOTS = 2;

  constructor(
    private readonly state: Int32Array,
    private readonly offset: number,
    private readonly parties: number,
    private readonly spins = Barrier.SPINS,
  ) {}

  wait(): void {
    const count = this.offset;
    const generation = this.offset + 1;
    const seen = Atomics.load(this.state, generation);
    if (Atomics.add(this.state, count, 1) === this.parties - 1) {
      // The last to arrive resets the count, then releases everyone by moving the generation on.
      Atomics.store(this.state, count, 0);
      Atomics.add(this.state, generation, 1);
      Atomics.notify(this.state, generation);
      return;
    }
    for (let i = 0; i < this.spins; i++) if (Atomics.load(this.state, generation) !== seen) return;
    while (Atomics.load(this.state, generation) === seen) Atomics.wait(this.state, generation, seen);
  }
}
