// npm run bench — bundles bench/main.ts (with the worker) and runs it. Figures are reported, not asserted.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await import('./build-node.mjs');
await build({
  // The inference benchmark's threads run a script of their own (bench/inferenceWorker.ts).
  entryPoints: { bench: join(root, 'bench/main.ts'), 'bench-inference-worker': join(root, 'bench/inferenceWorker.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, [join(root, 'dist/bench.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
