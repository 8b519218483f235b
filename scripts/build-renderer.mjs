// Builds the renderer (the lab's page) with Vite into dist/renderer/, which both the Electron window
// and `npm run web` serve. While the renderer's sources are not there yet, says so and builds nothing
// (the app and the web host then show a page asking for `npm run build`).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configFile = join(root, 'vite.config.ts');
const page = join(root, 'renderer', 'index.html');
const missing = [configFile, page].filter((path) => !existsSync(path)).map((path) => relative(root, path));

if (missing.length > 0) {
  console.warn(`The lab's page was not built: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not written yet.`);
  process.exit(0);
}

const { build } = await import('vite');
await build({ configFile, logLevel: 'warn' });

const built = join(root, 'dist', 'renderer', 'index.html');
if (!existsSync(built)) {
  console.error('Vite built the page, but not into dist/renderer/: set build.outDir to dist/renderer in vite.config.ts.');
  process.exit(1);
}
// The Electron window loads the page from a file: URL, where an absolute /assets/… path points at the
// root of the disk. The page must refer to its files relatively (Vite's base: './').
if (/(?:src|href)="\/(?!\/)/.test(readFileSync(built, 'utf8'))) {
  console.error(
    "dist/renderer/index.html refers to its files by absolute paths (/assets/…): set base: './' in vite.config.ts so the Electron window can load them.",
  );
  process.exit(1);
}
