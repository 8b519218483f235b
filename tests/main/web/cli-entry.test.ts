import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatabasePath } from '../../../main/paths';
import { parseWebArgs } from '../../../main/web/cli-entry';

const root = new URL('../../../', import.meta.url).pathname;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-webcli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run web: options', () => {
  it('defaults to any free port and the app’s own database', () => {
    const options = parseWebArgs([]);
    expect(options.port).toBe(0);
    expect(options.dbPath).toBe(defaultDatabasePath());
    expect(options.rendererDir.endsWith(join('dist', 'renderer'))).toBe(true);
    expect(options.help).toBe(false);
  });

  it('reads --port, --db, --workers and --renderer', () => {
    const options = parseWebArgs(['--port', '8123', '--db', join(dir, 'x.sqlite'), '--workers', '2', '--renderer', dir]);
    expect(options).toEqual({ port: 8123, dbPath: join(dir, 'x.sqlite'), workers: 2, rendererDir: dir, help: false });
  });

  it('refuses what it cannot use, in one sentence', () => {
    expect(() => parseWebArgs(['--port', '70000'])).toThrow('--port must be a whole number from 0 to 65535, not "70000".');
    expect(() => parseWebArgs(['--prot', '1'])).toThrow(/^npm run web: Unknown option '--prot' \(see npm run web -- --help\)\.$/);
    expect(() => parseWebArgs(['serve'])).toThrow(/^npm run web: Unexpected argument 'serve'/);
  });
});

describe('npm run web: the built host', () => {
  it('prints the address with its token, answers with it, and stops cleanly on SIGINT', async () => {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { cwd: root, encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const db = join(dir, 'lab.sqlite');
    const child = spawn(process.execPath, [join(root, 'dist', 'web.js'), '--db', db, '--port', '0'], { cwd: root });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => (err += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
        const match = out.match(/^Deep Learning Lab is open at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32})\n/);
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error(`the web host exited: ${out}${err}`)));
    });
    const { origin, searchParams } = new URL(url);
    const response = await fetch(`${origin}/api/listDatasets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lab-token': searchParams.get('token')! },
      body: '{"args":[]}',
    });
    const body = (await response.json()) as { ok: boolean; value: { source: string }[] };
    expect(body.ok).toBe(true);
    expect(body.value.map((d) => d.source)).toContain('mnist');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopping the lab (SIGINT)…');
    expect(err).toBe('');
    expect(existsSync(db)).toBe(true);
  });
});
