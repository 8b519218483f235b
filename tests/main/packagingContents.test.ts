// What the installers carry, seen for real: electron-builder packs the built lab (`--linux --dir`, the
// step every installer starts from) around a stand-in Electron distribution — a file holding Electron's
// fuse wire where the binary would be — so nothing is downloaded. Then the archive (app.asar) and the
// unpacked folder beside it are listed: only what runs may be there.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string): string[];
  statFile(archive: string, file: string): object;
  extractFile(archive: string, file: string): Buffer;
};
const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants.js') as { SENTINEL: string; FuseState: Record<string, number> };

let dir: string;
let packed: string[];
let unpacked: string[];
let resources: string;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => !statSync(join(folder, name)).isDirectory())
    .map((name) => `/${name}`);
}

/** The packages under node_modules/ of a file list (scoped ones as @scope/name). */
function packagesIn(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    if (parts[1] !== 'node_modules' || parts.length < 4) continue;
    names.add(parts[2]!.startsWith('@') ? `${parts[2]}/${parts[3]}` : parts[2]!);
  }
  return names;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-pack-'));
  const electronDist = join(dir, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  const { ENABLE } = FuseState;
  writeFileSync(
    join(electronDist, 'electron'),
    Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, 8, ...Array<number>(8).fill(ENABLE!)]), Buffer.alloc(4096, 7)]),
  );
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'version'), '45.5.0');
  writeFileSync(join(electronDist, 'LICENSE'), 'stand-in');
  const output = join(dir, 'release');
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
      '-c.electronVersion=45.5.0',
    ],
    { cwd: root, encoding: 'utf8', timeout: 240_000 },
  );
  if (result.status !== 0) throw new Error(`electron-builder --dir failed:\n${result.stdout}\n${result.stderr}`);
  resources = join(output, 'linux-unpacked', 'resources');
  const archive = join(resources, 'app.asar');
  // The archive lists its folders too; a folder's entry has `files`.
  packed = asar.listPackage(archive).filter((file) => !('files' in asar.statFile(archive, file.slice(1))));
  unpacked = filesUnder(join(resources, 'app.asar.unpacked'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packaged app', () => {
  it('carries only the two native addons and what they load at run time; the bundled libraries and prebuild-install stay out', () => {
    const shipped = new Set([...packagesIn(packed), ...packagesIn(unpacked)]);
    for (const name of ['better-sqlite3', 'bindings', 'file-uri-to-path', 'sharp', 'detect-libc', 'semver']) expect(shipped, name).toContain(name);
    for (const name of [
      'zod',
      'papaparse',
      'es-hangul',
      'onnx-proto',
      'protobufjs',
      'prebuild-install',
      'tar-fs',
      'node-abi',
      'rc',
      'simple-get',
      'react',
      'electron',
    ]) {
      expect(shipped, name).not.toContain(name);
    }
    expect([...shipped].filter((name) => !name.startsWith('@img/')).sort()).toEqual([
      'better-sqlite3',
      'bindings',
      'detect-libc',
      'file-uri-to-path',
      'semver',
      'sharp',
    ]);
  });

  it('keeps better-sqlite3 to its binary and its JavaScript: no C sources, build tree or static library', () => {
    const files = [...packed, ...unpacked].filter((file) => file.startsWith('/node_modules/better-sqlite3/'));
    const contents = new Set(files.map((file) => file.slice('/node_modules/better-sqlite3/'.length)));
    expect(contents).toContain('build/Release/better_sqlite3.node');
    expect(contents).toContain('lib/database.js');
    expect(contents).toContain('package.json');
    const leftovers = [...contents].filter((file) => !/^(LICENSE|package\.json|lib\/[\w/-]+\.js|build\/Release\/better_sqlite3\.node)$/.test(file));
    expect(leftovers).toEqual([]);
  });

  it('packs the app’s own bundles and data, not the CLI, the web host, source maps or stale .js workers', () => {
    const own = packed.filter((file) => !file.startsWith('/node_modules'));
    expect(own).toEqual(
      expect.arrayContaining([
        '/dist/electron/main.js',
        '/dist/electron/preload.cjs',
        '/dist/worker.mjs',
        '/package.json',
        '/build/data/mnist/train-images-idx3-ubyte',
      ]),
    );
    expect(own.filter((file) => /\/dist\/(dlab|web)\.js$|\.map$|\/dist\/worker[^/]*\.js$/.test(file))).toEqual([]);
    const manifest = JSON.parse(asar.extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['better-sqlite3', 'sharp']);
  });

  it('unpacks the worker threads as .mjs files and the native addons, where Node can start and load them', () => {
    expect(unpacked).toEqual(
      expect.arrayContaining([
        '/dist/worker.mjs',
        '/dist/worker-runfile.mjs',
        '/dist/worker-images.mjs',
        '/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      ]),
    );
    expect(unpacked.some((file) => file.startsWith('/node_modules/@img/sharp-libvips-'))).toBe(true);
  });
});
