// The CLI and the files a user hands it: a file's size is checked before it is read, a run file past
// its limits is refused while it streams by (the real dlab in a child process, its peak memory measured
// by /usr/bin/time), and files are written through temporary files of their own, removed on failure.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/dlab';
import { writeTextFile } from '../../main/cli/files';
import { RunStore } from '../../main/store/RunStore';
import { io } from './cliIo';
import { writeHugeRunFile } from './store/bigRunFile';
import { addRun, countRows, removeTempDirs, tempDir } from './store/fixtures';

afterAll(removeTempDirs);

const root = new URL('../../', import.meta.url).pathname;
const TIME = '/usr/bin/time';

/** The real dlab, under /usr/bin/time -v: its exit status, its stderr and its peak resident memory. */
async function dlabMeasured(...argv: string[]): Promise<{ status: number | null; stderr: string; peakKb: number; seconds: number }> {
  expect(existsSync(TIME), 'the test measures memory with /usr/bin/time (Debian package "time")').toBe(true);
  const child = spawn(TIME, ['-v', process.execPath, join(root, 'bin', 'dlab.js'), ...argv], { cwd: root });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  child.stdout.resume();
  const [status] = (await once(child, 'exit')) as [number | null];
  const peak = stderr.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const wall = stderr.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  expect(peak, stderr).not.toBeNull();
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  // What dlab wrote comes before time's own report (which starts with "Command exited…" or "\tCommand being timed").
  const own = stderr.replace(/(Command exited with non-zero status \d+\n)?\tCommand being timed[\s\S]*$/, '');
  return { status, stderr: own, peakKb: Number(peak![1]), seconds };
}

describe('dlab and the size of the files it reads', () => {
  it('refuses a 190 MB run file of 14 million loss pairs in one sentence, staying under 300 MB', async () => {
    const dir = tempDir('dlab-huge-');
    const file = join(dir, 'huge.dlab-run.json');
    await writeHugeRunFile(file, 14_000_000);
    const bytes = statSync(file).size;
    expect(bytes).toBeGreaterThan(190_000_000);
    const db = join(dir, 'lab.sqlite');
    const result = await dlabMeasured('runs', 'import', file, '--db', db);
    expect(result.stderr).toBe(
      `${file}: runs[0].losses has more than 1,000,000 losses; a run file may hold at most 1,000,000 per run (a longer run moves with its database: dlab runs import LAB.db).\n`,
    );
    expect(result.status).toBe(2);
    expect(result.peakKb).toBeLessThan(300 * 1024);
    expect(countRows(db, 'runs')).toBe(0);
    console.info(`refused a ${(bytes / 1e6).toFixed(1)} MB file of 14,000,000 loss pairs in ${result.seconds} s, peak ${(result.peakKb / 1024).toFixed(0)} MB`);
  }, 120_000);

  it('refuses a file larger than a lab file may be by its size, without reading it', async () => {
    const dir = tempDir('dlab-sparse-');
    const experiment = join(dir, 'big.dlab.json');
    writeFileSync(experiment, '');
    truncateSync(experiment, 600 * 1024 * 1024); // sparse: reading it would take 600 MB of memory
    const result = await dlabMeasured('train', experiment, '--db', join(dir, 'lab.sqlite'));
    // (an experiment may be 5 MB, as in the app's Open dialog; a weights file 512 MB)
    expect(result.stderr).toBe(`${experiment} is 600.0 MB; a lab file may be at most 5.0 MB.\n`);
    expect(result.status).toBe(2);
    expect(result.peakKb).toBeLessThan(300 * 1024);

    const runFile = join(dir, 'big.dlab-run.json');
    writeFileSync(runFile, '');
    truncateSync(runFile, 250 * 1024 * 1024);
    const refused = await dlabMeasured('runs', 'import', runFile, '--db', join(dir, 'lab.sqlite'));
    expect(refused.stderr).toBe(`${runFile} is 250.0 MB; a run file may be at most 200.0 MB.\n`);
    expect(refused.peakKb).toBeLessThan(300 * 1024);

    // A device has no size to check first: it is read up to the limit, then refused.
    const endless = await dlabMeasured('train', '/dev/zero', '--db', join(dir, 'lab.sqlite'));
    expect(endless.stderr).toBe('/dev/zero holds more than 5.0 MB; a lab file may be at most 5.0 MB.\n');
    const endlessRun = await dlabMeasured('runs', 'import', '/dev/zero', '--db', join(dir, 'lab.sqlite'));
    expect(endlessRun.stderr).toBe('/dev/zero holds more than 200.0 MB; a run file may be at most 200.0 MB.\n');
    expect(endlessRun.peakKb).toBeLessThan(300 * 1024);
  }, 60_000);
});

describe('dlab writing files', () => {
  it('removes its temporary file when the write fails (the target is a folder), leaving nothing behind', async () => {
    const dir = tempDir('dlab-write-');
    const db = join(dir, 'lab.sqlite');
    const store = RunStore.open(db);
    const id = addRun(store, { name: 'to export', weights: true, finalStatus: 'done' });
    store.close();
    const out = join(dir, 'out');
    mkdirSync(join(out, `run-${id}.dlab-run.json`), { recursive: true });
    const cli = io();
    expect(await runCli(['runs', 'export', String(id), '--db', db, '--dir', out], cli)).toBe(2);
    expect(cli.err).toBe(`Cannot write ${join(out, `run-${id}.dlab-run.json`)}: it is a folder, not a file.\n`);
    expect(readdirSync(out)).toEqual([`run-${id}.dlab-run.json`]);
    expect(readdirSync(join(out, `run-${id}.dlab-run.json`))).toEqual([]);
  });

  it('gives each write a temporary file of its own: writes racing to one file all land whole', async () => {
    const dir = tempDir('dlab-race-');
    const target = join(dir, 'metrics.csv');
    const texts = Array.from({ length: 8 }, (_, i) => `${String(i).repeat(100_000)}\n`);
    await Promise.all(texts.map((text) => writeTextFile(target, text)));
    expect(texts).toContain(readFileSync(target, 'utf8'));
    expect(readdirSync(dir)).toEqual(['metrics.csv']);
  });
});
