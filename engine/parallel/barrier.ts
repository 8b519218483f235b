// A barrier for worker threads: every party waits until all have arrived, then all go on together.
// Two Int32 slots on a SharedArrayBuffer — an arrival count and a generation number — with
// Atomics.wait/notify, so a waiting thread sleeps instead of spinning.

export class Barrier {
  constructor(
    private readonly state: Int32Array,
    private readonly offset: number,
    private readonly parties: number,
  ) {}

  static readonly SLOTS = 2;

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
    while (Atomics.load(this.state, generation) === seen) Atomics.wait(this.state, generation, seen);
  }
}
