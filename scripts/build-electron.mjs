// Builds the doors of the house that are not the CLI: the Electron main process (dist/electron/main.js,
// an ES module), its preload (dist/electron/preload.cjs: CommonJS, because a sandboxed preload cannot be
// an ES module, and holding nothing but `require("electron")`), and the web host (dist/web.js).
// electron, better-sqlite3 and sharp stay outside the bundles: Electron provides the one, and the others are
// native addons loaded from node_modules (unpacked from asar in the packaged app).

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// --out DIR builds elsewhere than dist/ (the tests build into a temporary folder).
const outFlag = process.argv.indexOf('--out');
const out = outFlag === -1 ? join(root, 'dist') : resolve(process.argv[outFlag + 1]);
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __DLAB_VERSION__: JSON.stringify(version) };
// Bundled CommonJS code that calls require() still finds Node's modules inside an ES module bundle.
const requireShim = "import { createRequire as __dlabCreateRequire } from 'node:module'; const require = __dlabCreateRequire(import.meta.url);";

await Promise.all([
  build({
    entryPoints: [join(root, 'main/electron/main.ts')],
    outfile: join(out, 'electron/main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'sharp'],
    banner: { js: requireShim },
    define,
  }),
  build({
    entryPoints: [join(root, 'main/electron/preload.ts')],
    outfile: join(out, 'electron/preload.cjs'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['electron'],
    define,
  }),
  build({
    stdin: {
      contents: "import { main } from './main/web/cli-entry.ts';\nawait main();\n",
      resolveDir: root,
      sourcefile: 'web-entry.ts',
      loader: 'ts',
    },
    outfile: join(out, 'web.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    external: ['better-sqlite3', 'sharp'],
    banner: { js: requireShim },
    define,
  }),
]);

// A sandboxed preload may require only a few modules; ours must need nothing but electron.
const preload = readFileSync(join(out, 'electron/preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]).filter((name) => name !== 'electron');
if (required.length > 0) {
  console.error(`The preload must require only "electron", but it requires ${[...new Set(required)].join(', ')}.`);
  process.exit(1);
}
