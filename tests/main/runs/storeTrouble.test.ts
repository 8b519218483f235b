// Nothing the database does may end the process or lose a run: another program holding the write lock
// for 20 s, a disk that fills up, a disk that turns read-only mid-run. Real child processes, real
// SQLite files, real file systems (tmpfs, ext4 on a loop device: those need root).

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bundleWebHost,
  cleanUp,
  countOf,
  dlab,
  ext4Disk,
  fillDisk,
  holdWriteLock,
  isRoot,
  readRun,
  smallDisk,
  startTraining,
  startWebHostChild,
  tempDir,
  toyExperiment,
} from './troubleFixtures';
import { available } from '../../requirements';

afterAll(cleanUp);

const LOCK_MS = 20_000;
const RECOVERY = /saved to (\S+\.dlab-run\.json) instead/;

const canMount = available({
  name: 'root (the disk-full and read-only-disk tests mount a tmpfs and an ext4 loop device)',
  install: 'run the tests as root, as CI does',
  present: isRoot,
});

/** The whole run is in the database: ended as expected, every epoch and loss, its weights. */
function expectStoredWhole(db: string, runId: number, status: string, epochs = 20, iterations = 3200): void {
  const run = readRun(db);
  expect(run.id).toBe(runId);
  expect(run.status).toBe(status);
  expect(run.iterations_done).toBe(iterations);
  expect(countOf(db, 'SELECT count(*) FROM epochs WHERE run_id = ?', runId)).toBe(epochs);
  expect(countOf(db, 'SELECT count(*) FROM losses WHERE run_id = ?', runId)).toBe(iterations);
  expect(countOf(db, 'SELECT length(json) FROM weights WHERE run_id = ?', runId)).toBeGreaterThan(1000);
}

describe('another program holds the write lock for 20 s in the middle of a run', () => {
  it('dlab train --db lives through it: the run ends done with every metric and its weights', async () => {
    const dir = tempDir();
    const db = join(dir, 'lab.db');
    const training = startTraining(dir, db);
    await training.epochs(1);
    const { seen, heldMs } = await holdWriteLock(
      db,
      LOCK_MS,
      (c) => c.prepare('SELECT id, status, iterations_done FROM runs').get() as { id: number; status: string; iterations_done: number },
    );
    const released = performance.now();
    const result = await training.exit;
    // Measured, for the report: how long the run waited after the lock went, and what it printed.
    console.log(
      `dlab train: lock held ${(heldMs / 1000).toFixed(1)} s; the child exited ${((result.exitedAt - released) / 1000).toFixed(2)} s after it was released; stderr: ${JSON.stringify(result.stderr)}`,
    );

    expect(seen.status).toBe('running'); // the lock really fell in the middle of the run
    expect(seen.iterations_done).toBeLessThan(3200);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const done = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((e) => e.event === 'done');
    expect(done).toMatchObject({ event: 'done', epochs: 20, iterations: 3200, runId: seen.id });
    expectStoredWhole(db, seen.id, 'done');
  }, 60_000);

  it('the web host lives through it, answers while it waits, and stores the run done with its weights', async () => {
    const dir = tempDir();
    const db = join(dir, 'lab.db');
    const host = await startWebHostChild(await bundleWebHost(), db);
    const started = await host.call('startRun', toyExperiment(), { name: 'through the web', workers: 1 });
    expect(started.ok).toBe(true);
    const runId = (started.value as { runId: number }).runId;
    await waitFor(() => countOf(db, 'SELECT count(*) FROM epochs WHERE run_id = ?', runId) > 0);

    let answeredUnderLock: { ok: boolean; value?: unknown } | null = null;
    let answerMs = 0;
    const { seen } = await holdWriteLock(db, LOCK_MS, (c) => {
      const before = performance.now();
      void host.call('listRuns', {}).then((answer) => {
        answeredUnderLock = answer;
        answerMs = performance.now() - before;
      });
      return c.prepare('SELECT status, iterations_done FROM runs WHERE id = ?').get(runId) as { status: string; iterations_done: number };
    });
    const released = performance.now();
    await waitFor(() => readRun(db).status !== 'running');
    console.log(
      `web host: the run was stored ${((performance.now() - released) / 1000).toFixed(2)} s after the lock was released; listRuns answered in ${answerMs.toFixed(0)} ms under the lock`,
    );

    expect(seen.status).toBe('running');
    expect(seen.iterations_done).toBeLessThan(3200);
    expect(answeredUnderLock).toMatchObject({ ok: true });
    expect(host.child.exitCode).toBeNull(); // alive
    expectStoredWhole(db, runId, 'done');
    const detail = await host.call('getRun', runId, 10);
    expect(detail).toMatchObject({ ok: true, value: { status: 'done', failure: null } });

    host.child.kill('SIGTERM');
    expect(await host.exit).toMatchObject({ code: 0, stderr: '' });
  }, 60_000);
});

describe.skipIf(!canMount)('a disk that fills up or turns read-only in the middle of a run (root: mounts)', () => {
  it('disk full: dlab train says where the run went, and dlab runs import takes it back whole', async () => {
    const disk = smallDisk('2m');
    const db = join(disk, 'lab.db');
    const training = startTraining(tempDir(), db, toyExperiment(20, 200));
    await training.epochs(1);
    fillDisk(disk);
    const result = await training.exit;
    console.log(`disk full: exit ${result.code}; stderr: ${result.stderr.trim()}`);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Run \d+ finished, but the lab database \S+ could not store it \(the disk is full\), so its weights and metrics were saved to \S+ instead/,
    );
    const recovery = RECOVERY.exec(result.stderr)![1]!;
    expect(existsSync(recovery)).toBe(true);
    const unfinished = readRun(db);
    expect(unfinished.status).not.toBe('done');

    rmSync(join(disk, 'filler')); // the learner frees some space
    const imported = dlab(['runs', 'import', recovery, '--db', db]);
    expect(imported).toMatchObject({ code: 0, stdout: 'imported 1 run\n' });
    expectStoredWhole(db, unfinished.id, 'done');
    expect(readRun(db).uid).toBe(unfinished.uid);
    rmSync(recovery);
  }, 60_000);

  it('read-only disk: dlab train lives, says where the run went, and the run is taken back from a copy of the database', async () => {
    const { point, breakDisk } = ext4Disk();
    const db = join(point, 'lab.db');
    const training = startTraining(tempDir(), db);
    await training.epochs(1);
    breakDisk();
    const result = await training.exit;
    console.log(`read-only: exit ${result.code}; stderr: ${result.stderr.trim()}`);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Run \d+ finished, but the lab database \S+ could not store it \(.+\), so its weights and metrics were saved to \S+ instead/,
    );
    const recovery = RECOVERY.exec(result.stderr)![1]!;
    const record = JSON.parse(readFileSync(recovery, 'utf8'));
    expect(record.runs[0]).toMatchObject({ status: 'done', iterationsDone: 3200 });
    expect(record.runs[0].epochs).toHaveLength(20);
    expect(record.runs[0].losses).toHaveLength(3200);

    // The stick is dead: the teacher copies its database off and takes the run back into the copy.
    const copy = join(tempDir(), 'copy.db');
    const copied = dlab(['runs', 'import', db, '--db', copy]);
    expect(copied.code).toBe(0);
    const before = readRun(copy);
    expect(before.status).toBe('interrupted');
    expect(dlab(['runs', 'import', recovery, '--db', copy])).toMatchObject({ code: 0, stdout: 'imported 1 run\n' });
    expectStoredWhole(copy, before.id, 'done');
    rmSync(recovery);
  }, 60_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > until) throw new Error('the condition never came true');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
