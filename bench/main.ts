// npm run bench: one run, side by side on this machine; prints a table and writes bench/results.json.

import { writeFileSync } from 'node:fs';
import { cpus, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { backendBench, type Row } from './backend';
import { gemmBench } from './gemm';
import { oursBench } from './ours';
import { peerBench } from './peers';

async function main(): Promise<void> {
  const root = process.cwd();
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`;
  process.stdout.write(`Deep Learning Lab benchmark — ${machine}\n\n`);
  const rows: Row[] = [...(await gemmBench()), ...(await oursBench(root)), ...(await backendBench(root))];
  // Peers last: NumPy and TF.js figures for the same two networks, to read ours against.
  rows.push(...(await peerBench()));
  const width = Math.max(...rows.map((r) => r.figure.length));
  for (const r of rows) {
    const value = Number.isNaN(r.value) ? 'n/a' : r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
    process.stdout.write(`${r.figure.padEnd(width)}  ${value.padStart(10)} ${r.unit}${r.note ? `  (${r.note})` : ''}\n`);
  }
  const out = join(root, 'bench', 'results.json');
  writeFileSync(out, JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2) + '\n');
  process.stdout.write(`\nwritten to ${out}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
