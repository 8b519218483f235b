// Training threads started before their run is ready. A Node worker takes a tenth of a second or more to
// boot (its own copy of Node's internals, then our bundle compiled) before it computes anything. A run
// about to start asks for its threads before it loads its dataset, so they boot while the data is read;
// each then waits for its job, which comes as its first message (engine/node/worker.ts, job 'wait').
//
// At most `max` threads wait at once (the cores: what one run can use). A waiting thread does not keep
// the process alive, and one that dies while it waits is simply forgotten.

import { Worker } from 'node:worker_threads';

/** What a thread is started with when its job will come as a message. */
export const WAIT_FOR_JOB = { job: 'wait' } as const;

export class WarmThreads {
  private readonly idle: Worker[] = [];

  constructor(
    private readonly script: string,
    private readonly max: number,
  ) {}

  /** Threads waiting for a job now. */
  get waiting(): number {
    return this.idle.length;
  }

  /** Starts threads until `count` of them (at most max) wait for a job. */
  prepare(count: number): void {
    while (this.idle.length < Math.min(count, this.max)) this.idle.push(this.spawn());
  }

  /** A waiting thread (or a new one), no longer waiting: post its job to it. It keeps the process alive from now on. */
  take(): Worker {
    const thread = this.idle.shift() ?? this.spawn();
    thread.ref();
    return thread;
  }

  /** Ends the threads that still wait. */
  async close(): Promise<void> {
    const waiting = this.idle.splice(0);
    await Promise.all(waiting.map((thread) => thread.terminate()));
  }

  private spawn(): Worker {
    const thread = new Worker(this.script, { workerData: WAIT_FOR_JOB });
    thread.unref();
    const forget = () => {
      const at = this.idle.indexOf(thread);
      if (at >= 0) this.idle.splice(at, 1);
    };
    // Whoever takes the thread listens for its errors; until then, a failure only removes it from the pool.
    thread.on('error', forget);
    thread.on('exit', forget);
    return thread;
  }
}
