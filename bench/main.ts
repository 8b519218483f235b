// npm run bench: one run, side by side on this machine; prints a table and writes bench/results.json.

import { writeFileSync } from 'node:fs';
import { cpus, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gemmBackend } from '../engine/kernels/gemm';
import { enableRelaxedSimd } from '../engine/node/relaxedSimd';
import { backendBench, type Row } from './backend';
import { gemmBench } from './gemm';
import { oursBench } from './ours';
import { cpuSimd, peerBench, torchEpochRows } from './peers';
import { loadDataSource } from '../engine/node/datasets';

async function main(): Promise<void> {
  const root = process.cwd();
  enableRelaxedSimd(); // as every entry point of the app does: ours runs on the app's kernel
  // The CPU and its widest SIMD: the peers' native kernels use it, and these machines differ from one
  // session to the next, so only the ratios of one run compare.
  const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} (${cpuSimd()}), ${availableParallelism()} cores, Node ${process.version}, matrix kernel ${gemmBackend()}`;
  process.stdout.write(`Deep Learning Lab benchmark — ${machine}\n\n`);
  // `--ours`: our training steps and inference only (two minutes, for comparing two commits back to back).
  if (process.argv.includes('--ours')) {
    printRows(await oursBench(root, false));
    return;
  }
  const rows: Row[] = [...(await gemmBench()), ...(await oursBench(root)), ...(await backendBench(root))];
  // Peers last: NumPy, TF.js and PyTorch figures for the same two networks, to read ours against.
  // The bundled MNIST training digits, as ours trains on them (the peers take the first 1,000).
  const mnist = (await loadDataSource({ source: 'mnist' })).train;
  if (!(mnist.x instanceof Uint8Array)) throw new Error('the bundled MNIST did not load as bytes');
  rows.push(...(await peerBench({ x: mnist.x, y: mnist.y })));
  // PyTorch's whole epoch, beside ours (oursBench's `dlab train` rows).
  rows.push(...(await torchEpochRows('/usr/share/datasets/fashion-mnist')));
  // Ratios last, from the figures of this very run.
  rows.push(...ratioRows(rows));
  printRows(rows);
  const out = join(root, 'bench', 'results.json');
  writeFileSync(out, JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2) + '\n');
  process.stdout.write(`\nwritten to ${out}\n`);
}

function printRows(rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.figure.length));
  for (const r of rows) {
    const value = Number.isNaN(r.value) ? 'n/a' : r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
    process.stdout.write(`${r.figure.padEnd(width)}  ${value.padStart(10)} ${r.unit}${r.note ? `  (${r.note})` : ''}\n`);
  }
}

/** The issue's targets for ours (W = 2) against each peer: how many times faster ours must be. */
const TARGETS: Record<string, number> = {
  'TwoLayerNet training step vs NumPy 2 threads': 1,
  'TwoLayerNet training step vs TF.js wasm': 5,
  'SimpleConvNet training step vs NumPy 2 threads': 4,
  'SimpleConvNet training step vs TF.js wasm': 5,
  'TwoLayerNet training step vs PyTorch best of 1 and 2 threads': 1.5,
  'SimpleConvNet training step vs PyTorch best of 1 and 2 threads': 3,
  'TwoLayerNet inference vs PyTorch best of 1 and 2 threads': 1.5,
  'SimpleConvNet inference vs PyTorch best of 1 and 2 threads': 4,
};

/** The faster of two figures of a peer (fewer ms, or more images/s), or whichever was measured. */
function best(kind: 'training step' | 'inference', rows: (Row | undefined)[]): Row | undefined {
  const measured = rows.filter((r): r is Row => r !== undefined && !Number.isNaN(r.value));
  if (!measured.length) return undefined;
  return measured.reduce((a, b) => ((kind === 'inference' ? b.value > a.value : b.value < a.value) ? b : a));
}

/**
 * How many times faster ours (W = 2, both cores) is than NumPy on 2 threads, TF.js wasm and PyTorch (its
 * better of 1 and 2 threads), per network, for training steps (their ms over ours) and inference (our
 * images/s over theirs); W = 2 over W = 1 on SimpleConvNet; and the whole Fashion-MNIST epoch.
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
        // PyTorch's threads as the issue counts them: its better figure of 1 and 2 threads.
        [
          'PyTorch best of 1 and 2 threads',
          best(kind, [find(new RegExp(`^${net} ${kind} — PyTorch 1 thread$`)), find(new RegExp(`^${net} ${kind} — PyTorch 2 threads$`))]),
        ],
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
  // The whole epoch the user waits for: W = 2 over W = 1, and W = 2 against PyTorch's better thread count.
  const epochOne = find(/^whole epoch: .* — ours, W = 1$/),
    epochTwo = find(/^whole epoch: .* — ours, W = 2$/);
  const torchEpoch = best('training step', [
    find(/^whole epoch: .* — PyTorch 1 thread, plain loop$/),
    find(/^whole epoch: .* — PyTorch 2 threads, plain loop$/),
  ]);
  const measured = (r: Row | undefined): r is Row => r !== undefined && !Number.isNaN(r.value);
  out.push(
    measured(epochOne) && measured(epochTwo)
      ? {
          figure: 'whole epoch: W = 2 over W = 1',
          value: epochOne.value / epochTwo.value,
          unit: '×',
          note: `${epochOne.value.toFixed(1)} s / ${epochTwo.value.toFixed(1)} s; target ≥ 1.8×`,
        }
      : { figure: 'whole epoch: W = 2 over W = 1', value: NaN, unit: '×', note: 'not measured' },
  );
  out.push(
    measured(epochTwo) && torchEpoch
      ? {
          figure: 'whole epoch: ours W = 2 vs PyTorch best of 1 and 2 threads',
          value: torchEpoch.value / epochTwo.value,
          unit: '×',
          note: `${torchEpoch.value.toFixed(1)} s / ${epochTwo.value.toFixed(1)} s; target ≥ 3×`,
        }
      : { figure: 'whole epoch: ours W = 2 vs PyTorch best of 1 and 2 threads', value: NaN, unit: '×', note: 'not measured' },
  );
  return out;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
