// A run whose owner died (the app was killed) becomes interrupted with every metric kept; a run
// whose owner is alive and heartbeating — another process sharing the database — is never touched.

import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { RunStore } from '../../../main/store/RunStore';
import { addRun, removeTempDirs, tempDir } from './fixtures';

afterAll(removeTempDirs);
afterEach(() => {
  vi.useRealTimers();
});

const host = hostname();
const T0 = Date.parse('2025-03-01T09:00:00.000Z');

function isAliveReally(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a process that has certainly ended. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('recovering interrupted runs', () => {
  it("marks a dead owner's live runs interrupted, keeping their epochs and losses", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const store = RunStore.open(':memory:');
    const pid = await deadPid();
    store.heartbeat({ instance: 'killed-app', pid, hostname: host });
    const running = addRun(store, { ownerInstance: 'killed-app', status: 'running', epochs: 3 });
    const queued = addRun(store, { ownerInstance: 'killed-app', status: 'queued', epochs: 0 });
    const paused = addRun(store, { ownerInstance: 'killed-app', status: 'paused', epochs: 1 });
    const finished = addRun(store, { ownerInstance: 'killed-app', finalStatus: 'done' });
    vi.setSystemTime(T0 + 4000);
    store.writeProgress(running, { losses: [{ iteration: 31, loss: 0.25 }], epochs: [], iterationsDone: 31 });
    const before = store.getRun(running, 100_000);

    vi.setSystemTime(T0 + 10_000);
    expect(store.recoverInterrupted('new-app', isAliveReally)).toEqual([running, queued, paused]);

    const after = store.getRun(running, 100_000);
    expect(after.status).toBe('interrupted');
    expect(after.epochs).toEqual(before.epochs);
    expect(after.losses).toEqual(before.losses);
    expect(after.losses).toHaveLength(31);
    expect(after.iterationsDone).toBe(31);
    expect(after.testAcc).toBe(before.testAcc);
    // It ended at its last sign of life: the last write (4 s), later than the owner's heartbeat (0 s).
    expect(after.finishedAt).toBe(new Date(T0 + 4000).toISOString());
    expect(after.durationMs).toBe(4000);
    expect(store.getRun(queued).status).toBe('interrupted');
    expect(store.getRun(paused).epochs).toHaveLength(1);
    expect(store.getRun(finished).status).toBe('done');
    // Nothing left to recover.
    expect(store.recoverInterrupted('new-app', isAliveReally)).toEqual([]);
    store.close();
  });

  it("uses the owner's last heartbeat when it is later than the run's last write", () => {
    const store = RunStore.open(':memory:');
    const id = addRun(store, { ownerInstance: 'gone' });
    const beat = Date.now() + 1500;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(beat);
    store.heartbeat({ instance: 'gone', pid: 4242, hostname: host });
    vi.useRealTimers();
    expect(store.recoverInterrupted('me', () => false, beat + 10)).toEqual([id]);
    expect(store.getRun(id).finishedAt).toBe(new Date(beat).toISOString());
    store.close();
  });

  it("never touches a run whose owner is alive and heartbeating, nor the caller's own runs", () => {
    const path = join(tempDir(), 'lab.db');
    const app = RunStore.open(path);
    const cli = RunStore.open(path);
    app.heartbeat({ instance: 'app', pid: process.pid, hostname: host });
    const appRun = addRun(app, { ownerInstance: 'app' });
    const ownRun = addRun(cli, { ownerInstance: 'cli' }); // the cli has not heartbeat yet: still its own
    expect(cli.recoverInterrupted('cli', isAliveReally)).toEqual([]);
    expect(app.recoverInterrupted('app', isAliveReally)).toEqual([ownRun]);
    expect(app.getRun(appRun).status).toBe('running');
    app.close();
    cli.close();
  });

  it('treats a stale heartbeat as a dead owner, even when its pid is alive', () => {
    const store = RunStore.open(':memory:');
    store.heartbeat({ instance: 'frozen', pid: process.pid, hostname: host });
    const id = addRun(store, { ownerInstance: 'frozen' });
    const now = Date.now();
    expect(store.recoverInterrupted('me', () => true, now + 59_000)).toEqual([]);
    expect(store.recoverInterrupted('me', () => true, now + 5_000, 1_000)).toEqual([id]);
    expect(store.getRun(id).status).toBe('interrupted');
    store.close();
  });

  it('on another host, trusts only the heartbeat (a pid there means nothing here)', () => {
    const store = RunStore.open(':memory:');
    store.heartbeat({ instance: 'lab-pc-7', pid: 1, hostname: `${host}-elsewhere` });
    const id = addRun(store, { ownerInstance: 'lab-pc-7' });
    const isAlive = vi.fn(() => false);
    const now = Date.now();
    expect(store.recoverInterrupted('me', isAlive, now)).toEqual([]);
    expect(isAlive).not.toHaveBeenCalled();
    expect(store.recoverInterrupted('me', isAlive, now + 120_000)).toEqual([id]);
    store.close();
  });

  it('interrupts live runs whose owner never heartbeat, or that have no owner', () => {
    const store = RunStore.open(':memory:');
    const ghost = addRun(store, { ownerInstance: 'ghost' });
    const nobody = addRun(store, { ownerInstance: null, status: 'queued' });
    expect(store.recoverInterrupted('me', () => true)).toEqual([ghost, nobody]);
    store.close();
  });
});
