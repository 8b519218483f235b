#!/usr/bin/env node
// The dlab command: runs the bundle that `npm install` (or `npm run build:node`) builds from main/cli.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/dlab.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('dlab is not built yet: run `npm install` (or `npm run build:node`) in the lab folder first.\n');
  process.exit(1);
}
const { main } = await import(bundle.href);
await main();
