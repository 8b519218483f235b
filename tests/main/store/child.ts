// A process of its own using the store, for the tests: `open PATH` reports whether the store opened
// (and as which user); `write PATH LABEL RUNS BATCHES` writes runs with progress as a run manager would;
// `open-together PATH ME OTHER` opens as soon as the process OTHER is ready too (two race to create one file);
// `import PATH OTHER` imports another lab database into PATH; `train PATH INSTANCE [RUNS]` owns
// running runs and heartbeats until its stdin closes, as a training lab does.

import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isLabError } from '../../../engine/errors';
import { RunStore } from '../../../main/store/RunStore';
import { experiment } from './sample';

function report(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

const [command, path, label, runs, batches] = process.argv.slice(2) as [string, string, string, string, string];
const uid = process.getuid ? process.getuid() : null;

if (command === 'open') {
  try {
    RunStore.open(path).close();
    report({ uid, opened: true });
  } catch (error) {
    report({ uid, opened: false, labError: isLabError(error), kind: isLabError(error) ? error.kind : null, message: (error as Error).message });
  }
} else if (command === 'write') {
  const store = RunStore.open(path);
  const started = Date.now();
  const instance = `child-${label}`;
  store.heartbeat({ instance, pid: process.pid, hostname: 'test' });
  const ids: number[] = [];
  for (let r = 0; r < Number(runs); r++) {
    const id = store.createRun({
      name: `${label} ${r}`,
      experiment: experiment(),
      dataset: 'spiral',
      seed: 1,
      workers: 1,
      epochsTotal: Number(batches),
      iterationsTotal: Number(batches) * 100,
      status: 'running',
      ownerInstance: instance,
    });
    ids.push(id);
    for (let b = 0; b < Number(batches); b++) {
      const losses = Array.from({ length: 100 }, (_, i) => ({ iteration: b * 100 + i + 1, loss: 1 / (b * 100 + i + 1) }));
      const epoch = { epoch: b + 1, iteration: (b + 1) * 100, trainLoss: 0.5, trainAcc: 0.9, testAcc: 0.8, testLoss: 0.6, seconds: 0.01 };
      store.writeProgress(id, { losses, epochs: [epoch], iterationsDone: (b + 1) * 100 });
      store.heartbeat({ instance, pid: process.pid, hostname: 'test' });
    }
    store.setStatus(id, 'done');
  }
  const ended = Date.now();
  store.close();
  report({ uid, ids, started, ended });
} else if (command === 'open-together') {
  // A barrier: each process marks itself ready (its store loaded), then waits for the other's mark,
  // so both leave it within a moment of each other.
  writeFileSync(`${path}.${label}`, '');
  const until = Date.now() + 30_000;
  while (!existsSync(`${path}.${runs}`) && Date.now() < until);
  const started = Date.now();
  try {
    RunStore.open(path).close();
    report({ opened: true, started, ended: Date.now() });
  } catch (error) {
    report({ opened: false, message: (error as Error).message, started, ended: Date.now() });
  }
} else if (command === 'import') {
  const store = RunStore.open(path);
  try {
    report({ uid, result: store.importDatabase(label) });
  } catch (error) {
    report({ uid, message: (error as Error).message });
  } finally {
    store.close();
  }
} else if (command === 'train') {
  const store = RunStore.open(path);
  const owner = { instance: label, pid: process.pid, hostname: hostname() };
  store.heartbeat(owner);
  const ids = Array.from({ length: Number(runs ?? 1) }, (_, r) =>
    store.createRun({
      name: `trained by ${label} ${r}`,
      experiment: experiment(),
      dataset: 'spiral',
      seed: 1,
      workers: 1,
      epochsTotal: 1,
      iterationsTotal: 100,
      status: 'running',
      ownerInstance: label,
    }),
  );
  const beating = setInterval(() => store.heartbeat(owner), 200);
  report({ ids, pid: process.pid });
  // Trains until told to stop: the test closes stdin (or kills this process).
  process.stdin.resume();
  process.stdin.on('end', () => {
    clearInterval(beating);
    store.close();
  });
} else {
  process.stderr.write(`unknown command ${command}\n`);
  process.exit(2);
}
