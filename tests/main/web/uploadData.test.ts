// Files dropped onto the web host's page reach the host as an upload (a browser gives no path): the real
// host, the real service, the real data folder. A CSV and a folder of PNGs are stored and named as data
// sources the loader reads; a hostile upload — a name climbing out of the folder, an absolute name, a text
// file posing as an image, too many files, too many bytes — is refused with a sentence and leaves nothing
// on disk, not even half of itself.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES } from '../../../main/api/constants';
import { startWebLab, type RunningWebLab } from '../../../main/web/cli-entry';
import { removeTempDirs, tempDir } from '../store/fixtures';

let lab: RunningWebLab;
let uploads: string;
const cacheBefore = process.env.DLAB_CACHE_DIR;

beforeAll(async () => {
  const dir = tempDir('dlab-upload-');
  // The prepared images go to this test's folder, not the user's.
  process.env.DLAB_CACHE_DIR = join(dir, 'cache');
  uploads = join(dir, 'data', 'uploads');
  lab = await startWebLab({ dbPath: join(dir, 'lab.sqlite'), port: 0, workers: 1, rendererDir: join(dir, 'no-renderer'), help: false });
});

afterAll(async () => {
  await lab?.stop();
  if (cacheBefore === undefined) delete process.env.DLAB_CACHE_DIR;
  else process.env.DLAB_CACHE_DIR = cacheBefore;
  removeTempDirs();
});

interface Reply {
  status: number;
  json: { ok: boolean; value?: unknown; error?: { message: string; kind: string; said?: { code: string } } };
}

function call(method: string, args: unknown[]): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: lab.host.port,
        path: `/api/${method}`,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'x-lab-token': lab.host.token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply['json'] }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ args }));
  });
}

const png = async (value: number) =>
  (
    await sharp({ create: { width: 6, height: 5, channels: 3, background: { r: value, g: value, b: value } } })
      .toColourspace('b-w')
      .png()
      .toBuffer()
  ).toString('base64');

/** What the uploads folder holds, every file under it. */
function stored(): string[] {
  if (!existsSync(uploads)) return [];
  return readdirSync(uploads, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('an upload of dropped files', () => {
  it('a CSV table is stored whole and named as csv:PATH, and the same drop twice is stored once', async () => {
    const text = 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n';
    const reply = await call('uploadData', ['tiny.csv', [{ path: 'tiny.csv', base64: Buffer.from(text).toString('base64') }]]);
    expect(reply.json.ok).toBe(true);
    const source = reply.json.value as string;
    expect(source).toMatch(/^csv:.*[\\/]tiny\.csv$/);
    expect(readFileSync(source.slice('csv:'.length), 'utf8')).toBe(text);
    const again = await call('uploadData', ['tiny.csv', [{ path: 'tiny.csv', base64: Buffer.from(text).toString('base64') }]]);
    expect(again.json.value).toBe(source);
    expect(stored()).toHaveLength(1);
  });

  it('a folder of PNGs is stored in its class folders and loads as images:FOLDER with its classes', async () => {
    const files = [
      { path: 'cat/1.png', base64: await png(10) },
      { path: 'cat/2.png', base64: await png(20) },
      { path: 'dog/1.png', base64: await png(200) },
      { path: 'dog/2.png', base64: await png(220) },
    ];
    const reply = await call('uploadData', ['pets', files]);
    expect(reply.json.ok).toBe(true);
    const source = reply.json.value as string;
    expect(source).toMatch(/^images:.*[\\/]pets$/);
    expect(readdirSync(source.slice('images:'.length)).sort()).toEqual(['cat', 'dog']);
    const preview = await call('previewDataset', [{ source }, 8]);
    expect(preview.json.ok).toBe(true);
    const value = preview.json.value as {
      classNames: string[];
      inputShape: number[];
      imageFolder: { classes: { name: string; train: number; test: number }[]; found: number[] };
    };
    expect(value.classNames).toEqual(['cat', 'dog']);
    expect(value.imageFolder.found).toEqual([1, 5, 6]);
    expect(value.imageFolder.classes).toEqual([
      { name: 'cat', train: 1, test: 1 },
      { name: 'dog', train: 1, test: 1 },
    ]);
  });

  it('refuses hostile names, non-images and uploads past the caps with a sentence, storing nothing', async () => {
    const before = stored();
    const good = { path: 'cat/ok.png', base64: await png(5) };
    const cases: [string, unknown[], string][] = [
      ['a name climbing out of the folder', ['evil', [good, { path: 'cat/../../escape.png', base64: await png(5) }]], 'upload.badName'],
      ['an absolute name', ['evil', [good, { path: '/etc/cron.d/x.png', base64: await png(5) }]], 'upload.badName'],
      ['a backslash', ['evil', [good, { path: 'cat\\..\\..\\x.png', base64: await png(5) }]], 'upload.badName'],
      ['a folder name with a slash', ['../evil', [good, { path: 'dog/x.png', base64: await png(5) }]], 'upload.badName'],
      ['a file too deep', ['evil', [good, { path: 'a/b/c/x.png', base64: await png(5) }]], 'upload.badName'],
      ['the same name twice', ['evil', [good, good]], 'upload.badName'],
      ['class folders beside train/ and test/', ['evil', [good, { path: 'train/cat/1.png', base64: await png(5) }]], 'upload.badName'],
      ['a name longer than a file system takes', ['evil', [good, { path: `cat/${'가'.repeat(100)}.png`, base64: await png(5) }]], 'upload.badName'],
      ['text posing as a PNG', ['evil', [good, { path: 'dog/x.png', base64: Buffer.from('hello').toString('base64') }]], 'upload.notImage'],
      ['a script in the folder', ['evil', [good, { path: 'dog/run.sh', base64: Buffer.from('#!/bin/sh').toString('base64') }]], 'upload.notImage'],
      ['a lone file that is no table', ['evil.exe', [{ path: 'evil.exe', base64: Buffer.from('MZ').toString('base64') }]], 'upload.notTable'],
      ['nothing at all', ['evil', []], 'upload.empty'],
      [
        'too many files',
        ['evil', Array.from({ length: UPLOAD_MAX_FILES + 1 }, (_, i) => ({ path: `c/${i}.png`, base64: 'iVBORw0KGgo=' }))],
        'upload.tooManyFiles',
      ],
    ];
    for (const [what, args, code] of cases) {
      const reply = await call('uploadData', args);
      expect(reply.json.ok, what).toBe(false);
      expect(reply.status, what).toBe(400);
      expect(reply.json.error?.said?.code, `${what}: ${reply.json.error?.message}`).toBe(code);
      expect(reply.json.error?.message, what).toMatch(/\.$/);
    }
    expect(stored()).toEqual(before);
    expect(existsSync(join(uploads, '..', '..', 'escape.png'))).toBe(false);
  });

  it('refuses a body past the byte cap before holding it, with the upload’s own sentence', async () => {
    const before = stored();
    const big = Buffer.alloc(UPLOAD_MAX_BYTES + 10 * 1024 * 1024, 1).toString('base64');
    const reply = await call('uploadData', ['huge.csv', [{ path: 'huge.csv', base64: big }]]);
    expect(reply.status).toBe(413);
    expect(reply.json.error?.said?.code).toBe('upload.tooLarge');
    expect(reply.json.error?.message).toContain(`at most ${UPLOAD_MAX_BYTES / (1024 * 1024)} MB`);
    expect(stored()).toEqual(before);
  });
});
