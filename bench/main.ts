// npm run bench: one run, side by side on this machine; prints a table and writes bench/results.json.

import { writeFileSync } from 'node:fs';
import { cpus, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gemmBackend } from '../engine/kernels/gemm';
import { enableRelaxedSimd } from '../engine/node/relaxedSimd';
import { backendBench, type Row } from './backend';
import { gemmBench } from './gemm';
import { oursBench } from './ours';
import { peerBench } from './peers';
import { loadDataSource } from '../engine/node/datasets';

async function main(): Promise<void> {
  const root = process.cwd();
  enableRelaxedSimd(); // as every entry point of the app does: ours runs on the app's kernel
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, matrix kernel ${gemmBackend()}`;
  process.stdout.write(`Deep Learning Lab benchmark — ${machine}\n\n`);
  const rows: Row[] = [...(await gemmBench()), ...(await oursBench(root)), ...(await backendBench(root))];
  // Peers last: NumPy and TF.js figures for the same two networks, to read ours against.
  // The bundled MNIST training digits, as ours trains on them (the peers take the first 1,000).
  const mnist = (await loadDataSource({ source: 'mnist' })).train;
  if (!(mnist.x instanceof Uint8Array)) throw new Error('the bundled MNIST did not load as bytes');
  rows.push(...(await peerBench({ x: mnist.x, y: mnist.y })));
  // Ratios last, from the figures of this very run.
  rows.push(...ratioRows(rows));
  const width = Math.max(...rows.map((r) => r.figure.length));
  for (const r of rows) {
    const value = Number.isNaN(r.value) ? 'n/a' : r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
    process.stdout.write(`${r.figure.padEnd(width)}  ${value.padStart(10)} ${r.unit}${r.note ? `  (${r.note})` : ''}\n`);
  }
  const out = join(root, 'bench', 'results.json');
  writeFileSync(out, JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2) + '\n');
  process.stdout.write(`\nwritten to ${out}\n`);
}

/** The issue's targets for ours (W = 2) against each peer: how many times faster ours must be. */
const TARGETS: Record<string, number> = {
  'TwoLayerNet training step vs NumPy 2 threads': 1,
  'TwoLayerNet training step vs TF.js wasm': 5,
  'SimpleConvNet training step vs NumPy 2 threads': 4,
  'SimpleConvNet training step vs TF.js wasm': 5,
};

/**
 * How many times faster ours (W = 2, both cores) is than NumPy on 2 threads and than TF.js wasm, per
 * network, for training steps (their ms over ours) and inference (our images/s over theirs); and W = 2
 * over W = 1 on SimpleConvNet.
 */
function ratioRows(rows: Row[]): Row[] {
  const find = (figure: RegExp) => rows.find((r) => figure.test(r.figure));
  const out: Row[] = [];
  for (const net of ['TwoLayerNet', 'SimpleConvNet']) {
    for (const kind of ['training step', 'inference'] as const) {
      const ours = find(new RegExp(`^${net} ${kind} — ours, ${kind === 'inference' ? '2 cores' : 'W = 2'}$`));
      const peers: [string, Row | undefined][] = [
        ['NumPy 2 threads', find(new RegExp(`^${net} ${kind} — NumPy \\(.*, 2 threads\\)$`))],
        ['TF.js wasm', find(new RegExp(`^${net} ${kind} — TF\\.js wasm$`))],
      ];
      for (const [label, peer] of peers) {
        const figure = `${net} ${kind}: ours W = 2 vs ${label}`;
        const target = TARGETS[`${net} ${kind} vs ${label}`];
        if (!ours || !peer || Number.isNaN(ours.value) || Number.isNaN(peer.value)) {
          out.push({ figure, value: NaN, unit: '×', note: `not measured: ${!peer || Number.isNaN(peer.value) ? label : 'ours'}` });
          continue;
        }
        const value = kind === 'inference' ? ours.value / peer.value : peer.value / ours.value;
        const shown = (r: Row) => `${r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2)} ${r.unit}`;
        const how = kind === 'inference' ? `${shown(ours)} / ${shown(peer)}` : `${shown(peer)} / ${shown(ours)}`;
        out.push({ figure, value, unit: '×', note: `${how}${target ? `; target ≥ ${target}×` : ''}` });
      }
    }
  }
  const one = find(/^SimpleConvNet training step — ours, W = 1$/),
    two = find(/^SimpleConvNet training step — ours, W = 2$/);
  if (one && two) out.push({ figure: 'SimpleConvNet training step: W = 2 over W = 1', value: one.value / two.value, unit: '×', note: 'target ≥ 1.7×' });
  return out;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
