// A run that a live lab process is training cannot be deleted from under it — not through the store,
// the API or `dlab runs delete` — whichever process asks. Once its trainer is gone, it can.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { createLabService } from '../../../main/api/service';
import { runCli } from '../../../main/cli/dlab';
import { RunStore } from '../../../main/store/RunStore';
import { io } from '../../main/cliIo';
import { addRun, bundleChild, countRows, removeTempDirs, tempDir } from './fixtures';

const trainers: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of trainers.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(removeTempDirs);

interface Trainer {
  child: ChildProcessWithoutNullStreams;
  ids: number[];
  pid: number;
}

/** Another lab process that owns `runs` running runs in the database and heartbeats until killed. */
async function startTrainer(path: string, instance: string, runs: number): Promise<Trainer> {
  const bundle = await bundleChild();
  const child = spawn(process.execPath, [bundle, 'train', path, instance, String(runs)], { stdio: 'pipe' });
  trainers.push(child);
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const { ids, pid } = JSON.parse(line) as { ids: number[]; pid: number };
  return { child, ids, pid };
}

async function kill(trainer: Trainer): Promise<void> {
  const exited = once(trainer.child, 'exit');
  trainer.child.kill('SIGKILL');
  await exited;
}

function refusal(act: () => unknown): LabError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected the delete to be refused');
}

async function dlab(...argv: string[]) {
  const captured = io();
  const status = await runCli(argv, captured);
  return { status, out: captured.out, err: captured.err };
}

describe('deleting a run someone is training', () => {
  it('refuses a run another live process trains — through the store, the API and dlab — and deletes nothing', async () => {
    const path = join(tempDir(), 'lab.db');
    const store = RunStore.open(path);
    const finished = addRun(store, { name: 'finished', finalStatus: 'done' });
    const trainer = await startTrainer(path, 'the-app', 1);
    const [id] = trainer.ids as [number];
    const sentence = `Run ${id} is being trained by another lab process (pid ${trainer.pid} on ${hostname()}); stop it there first.`;

    const byStore = refusal(() => store.deleteRun(id));
    expect([byStore.kind, byStore.message]).toEqual(['usage', sentence]);

    const service = await createLabService({ dbPath: path });
    await expect(service.api.deleteRun(id)).rejects.toThrow(sentence);
    await service.close();

    const cli = await dlab('runs', 'delete', String(id), '--db', path);
    expect(cli.status).not.toBe(0);
    expect(cli.err).toContain(sentence);

    expect(store.getRun(id).status).toBe('running');
    expect(countRows(path, 'runs')).toBe(2);
    // The control case: a finished run is deleted by the same call.
    expect(store.deleteRun(finished)).toBe('finished');
    expect(countRows(path, 'runs')).toBe(1);
    store.close();
  }, 30_000);

  it('once that process is dead (its heartbeat still fresh), its live runs can be deleted — by the store, the API and dlab', async () => {
    const path = join(tempDir(), 'lab.db');
    const trainer = await startTrainer(path, 'killed-app', 3);
    const store = RunStore.open(path);
    expect(refusal(() => store.deleteRun(trainer.ids[0]!)).kind).toBe('usage');
    await kill(trainer);
    // Nothing has recovered it yet: the run is still marked running, its owner's last beat a moment ago.
    expect(store.getRun(trainer.ids[0]!).status).toBe('running');

    expect(store.deleteRun(trainer.ids[0]!)).toBe('trained by killed-app 0');
    const service = await createLabService({ dbPath: path });
    await service.api.deleteRun(trainer.ids[1]!);
    await service.close();
    const cli = await dlab('runs', 'delete', String(trainer.ids[2]), '--db', path);
    expect([cli.status, cli.err, cli.out]).toEqual([0, '', `deleted run ${trainer.ids[2]} (trained by killed-app 2)\n`]);
    expect(countRows(path, 'runs')).toBe(0);
    store.close();
  }, 30_000);

  it('refuses, through the API, a run this very process is training, until it is stopped', async () => {
    const service = await createLabService({ dbPath: join(tempDir(), 'lab.db'), workers: 1 });
    const ended = new Promise<void>((resolve) => service.onRunEvent((e) => e.type === 'status' && e.status === 'cancelled' && resolve()));
    const { runId } = await service.api.startRun(
      {
        format: 'dlab-experiment',
        version: 1,
        model: { input: [2], layers: [{ type: 'affine', units: 8 }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
        data: { source: 'spiral', samples: 300, noise: 0.1 },
        training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 10, epochs: 10000, seed: 1 },
      },
      { workers: 1 },
    );
    await expect(service.api.deleteRun(runId)).rejects.toThrow(`Run ${runId} is still training: stop it before deleting it.`);
    await service.api.cancelRun(runId);
    await ended;
    await service.api.deleteRun(runId);
    await expect(service.api.getRun(runId)).rejects.toThrow(`There is no run ${runId}.`);
    await service.close();
  }, 30_000);

  it('a live run of another machine is refused while its heartbeat is fresh, and deletable once it is stale', () => {
    const store = RunStore.open(':memory:');
    const now = Date.now();
    store.heartbeat({ instance: 'lab-pc-7', pid: 1, hostname: 'lab-pc-7.school' });
    const id = addRun(store, { ownerInstance: 'lab-pc-7', status: 'paused' });
    // Its pid means nothing on this machine: even "dead" here, the fresh heartbeat says it is alive.
    const dead = () => false;
    expect(refusal(() => store.deleteRun(id, { isAlive: dead, now: now + 1000 })).message).toBe(
      `Run ${id} is being trained by another lab process (pid 1 on lab-pc-7.school); stop it there first.`,
    );
    expect(store.deleteRun(id, { isAlive: dead, now: now + 120_000 })).toBe('a run');
    // A live run nobody owns (imported, or its owner never beat) is not anyone's to protect.
    const orphan = addRun(store, { ownerInstance: 'never-beat', status: 'queued' });
    expect(store.deleteRun(orphan)).toBe('a run');
    store.close();
  });
});
