// For the tests of a database that refuses writes: a `dlab train` child, the web host as a child, a
// second connection that holds the write lock, and small file systems that fill up or turn read-only.

import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { build } from 'esbuild';

export const root = new URL('../../..', import.meta.url).pathname;

const made: string[] = [];
const mounts: string[] = [];

export function tempDir(prefix = 'dlab-trouble-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Unmounts what the tests mounted (innermost first) and removes their folders. */
export function cleanUp(): void {
  for (const point of mounts.splice(0).reverse()) {
    try {
      execFileSync('umount', ['-l', point], { stdio: 'pipe' });
    } catch {
      // already gone
    }
  }
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const isRoot = process.getuid?.() === 0;

/** A small toy experiment: 160 iterations an epoch, two seconds or so for 20 epochs on one worker. */
export function toyExperiment(epochs = 20, units = 64): Record<string, unknown> {
  return {
    format: 'dlab-experiment',
    version: 1,
    name: 'kept safe',
    model: { input: [2], layers: [{ type: 'affine', units }, { type: 'relu' }, { type: 'affine', units: 3 }, { type: 'softmax-with-loss' }] },
    data: { source: 'spiral', samples: 2000 },
    training: { optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 10, epochs, seed: 1 },
  };
}

export interface TrainingChild {
  child: ChildProcessWithoutNullStreams;
  /** Resolves once the child has printed `n` epochs. */
  epochs(n: number): Promise<void>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string; exitedAt: number }>;
}

/** `dlab train FILE --db DB --json --workers 1` as a real child process. */
export function startTraining(dir: string, db: string, experiment = toyExperiment()): TrainingChild {
  const file = join(dir, 'toy.dlab.json');
  writeFileSync(file, JSON.stringify(experiment));
  const child = spawn(process.execPath, [join(root, 'bin/dlab.js'), 'train', file, '--db', db, '--json', '--workers', '1']);
  let stdout = '';
  let stderr = '';
  let seen = 0;
  const waiting: { n: number; resolve: () => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout += `${line}\n`;
    if (line.startsWith('{') && JSON.parse(line).event === 'epoch') seen++;
    for (const w of waiting.filter((w) => seen >= w.n)) w.resolve();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string; exitedAt: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, exitedAt: performance.now() })),
  );
  return {
    child,
    exit,
    epochs: (n) => (seen >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve }))),
  };
}

/** `dlab ARGS…` run to its end. */
export function dlab(args: string[]): { code: number | null; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [join(root, 'bin/dlab.js'), ...args], { encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number | null; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * Another program's connection taking the write lock (BEGIN IMMEDIATE) and keeping it for `ms`.
 * `underLock` runs inside the held transaction, to see what the run had written when the lock was taken.
 */
export async function holdWriteLock<T>(db: string, ms: number, underLock: (connection: Database.Database) => T): Promise<{ seen: T; heldMs: number }> {
  const connection = new Database(db, { timeout: 5000 });
  connection.exec('BEGIN IMMEDIATE');
  const taken = performance.now();
  try {
    const seen = underLock(connection);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { seen, heldMs: performance.now() - taken };
  } finally {
    connection.exec('ROLLBACK');
    connection.close();
  }
}

export function readRun(db: string): { id: number; uid: string; status: string; failure: string | null; iterations_done: number; iterations_total: number } {
  const connection = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return connection.prepare('SELECT id, uid, status, failure, iterations_done, iterations_total FROM runs ORDER BY id DESC LIMIT 1').get() as never;
  } finally {
    connection.close();
  }
}

export function countOf(db: string, sql: string, ...params: unknown[]): number {
  const connection = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return connection
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  } finally {
    connection.close();
  }
}

const require = createRequire(import.meta.url);

/**
 * Bundles tests/main/runs/webHostChild.ts into an ES module plain Node runs, beside a link to the
 * built training worker and run file worker (each is looked for beside the bundle).
 */
export async function bundleWebHost(): Promise<string> {
  const dir = tempDir('dlab-webhost-');
  const outfile = join(dir, 'webHost.mjs');
  const sqlite = require.resolve('better-sqlite3');
  await build({
    entryPoints: [new URL('./webHostChild.ts', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [{ name: 'sqlite-outside', setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true })) }],
  });
  symlinkSync(join(root, 'dist/worker.mjs'), join(dir, 'worker.mjs'));
  symlinkSync(join(root, 'dist/worker-runfile.mjs'), join(dir, 'worker-runfile.mjs'));
  return outfile;
}

export interface WebHostChild {
  child: ChildProcessWithoutNullStreams;
  port: number;
  token: string;
  call(method: string, ...args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
  exit: Promise<{ code: number | null; stderr: string }>;
}

export async function startWebHostChild(bundle: string, db: string): Promise<WebHostChild> {
  const rendererDir = tempDir('dlab-renderer-');
  const child = spawn(process.execPath, [bundle, db, rendererDir]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('close', () => reject(new Error(`the web host did not start: ${stderr}`)));
  });
  const { port, token } = JSON.parse(first) as { port: number; token: string };
  const call = async (method: string, ...args: unknown[]) => {
    const response = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lab-token': token },
      body: JSON.stringify({ args }),
    });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  };
  return { child, port, token, call, exit };
}

/** A tmpfs of `size` (e.g. "3m") mounted on a fresh folder; root only. */
export function smallDisk(size: string): string {
  const point = tempDir('dlab-tmpfs-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', point], { stdio: 'pipe' });
  mounts.push(point);
  return point;
}

/** Writes a file until the disk has no room left, down to the last byte. */
export function fillDisk(folder: string): void {
  const path = join(folder, 'filler');
  for (const size of [1 << 20, 64 << 10, 4096, 512, 1]) {
    const chunk = Buffer.alloc(size, 1);
    try {
      for (;;) appendFileSync(path, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
  }
}

/**
 * An ext4 file system in an image on a loop device, mounted with errors=remount-ro: `breakDisk`
 * makes the kernel report an error on it, and the kernel turns it read-only at once, open files and
 * all — what a failing USB stick does. Root only.
 */
export function ext4Disk(): { point: string; breakDisk: () => void } {
  const dir = tempDir('dlab-ext4-');
  const image = join(dir, 'disk.img');
  const point = join(dir, 'mnt');
  mkdirSync(point);
  execFileSync('truncate', ['-s', '16M', image]);
  execFileSync('mkfs.ext4', ['-q', '-F', image], { stdio: 'pipe' });
  execFileSync('mount', ['-o', 'loop,errors=remount-ro', image, point], { stdio: 'pipe' });
  mounts.push(point);
  const device = execFileSync('findmnt', ['-n', '-o', 'SOURCE', point], { encoding: 'utf8' }).trim().split('/').pop()!;
  return { point, breakDisk: () => writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, 'dlab test: the disk fails') };
}
