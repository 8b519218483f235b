// The arrows of docs/architecture.md, checked: the engine imports nothing outside itself and no Node, Electron
// or DOM API except under engine/node/; the renderer reaches main only through `import type`; and the
// readable engine — the layers and optimizers a learner reads beside the book — stands on the tensor,
// its interfaces and the NumPy-like helpers alone, never on the fast path (fast/, layers/fast/, kernels/).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): { line: string; from: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { line: string; from: string; typeOnly: boolean }[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    found.push({ line: match[0].trim(), from: match[3]!, typeOnly: Boolean(match[2]) });
  }
  for (const match of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ line: match[0], from: match[1]!, typeOnly: false });
  }
  return found;
}

/** Packages the Node edge of the engine may use besides Node's own modules: sharp decodes image folders. */
const NODE_EDGE_PACKAGES = ['sharp'];

describe('architecture', () => {
  it('the engine imports only itself, and Node only under engine/node/', () => {
    const files = sourceFiles(join(root, 'engine'));
    expect(files.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of files) {
      const rel = relative(root, file);
      const nodeEdge = rel.startsWith('engine/node/');
      for (const imp of imports(file)) {
        const relativeImport = imp.from.startsWith('.');
        const leavesEngine = relativeImport && !join(file, '..', imp.from).startsWith(join(root, 'engine'));
        const nodeEdgePackage = imp.from.startsWith('node:') || NODE_EDGE_PACKAGES.includes(imp.from);
        if (leavesEngine || (!relativeImport && !(nodeEdge && nodeEdgePackage))) offenders.push(`${rel}: ${imp.line}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches main only through type imports, and at run time through the contract’s constants alone', () => {
    const offenders = sourceFiles(join(root, 'renderer')).flatMap((file) =>
      imports(file)
        .filter((imp) => imp.from.includes('/main/') || imp.from.startsWith('../main') || imp.from.startsWith('node:'))
        .filter((imp) => !imp.typeOnly && !isContractConstants(file, imp.from))
        .map((imp) => `${relative(root, file)}: ${imp.line}`),
    );
    expect(offenders).toEqual([]);
    // The one exception is real: the web client takes the method list and the unwrapper from there.
    const runTimeUsers = sourceFiles(join(root, 'renderer')).filter((file) =>
      imports(file).some((imp) => !imp.typeOnly && isContractConstants(file, imp.from)),
    );
    expect(runTimeUsers.map((file) => relative(root, file))).toContain('renderer/api/webLab.ts');
  });

  it('the contract’s constants, which both sides load at run time, import nothing at run time', () => {
    // Anything it imported would be bundled into the page and the sandboxed preload: engine code, Node, zod.
    const runTime = imports(join(root, CONTRACT_CONSTANTS + '.ts')).filter((imp) => !imp.typeOnly);
    expect(runTime.map((imp) => imp.line)).toEqual([]);
    expect(imports(join(root, CONTRACT_CONSTANTS + '.ts')).length).toBeGreaterThan(0); // it does name the contract's types
  });

  it('the readable layers and optimizers import only the tensor, their interface and the helpers', () => {
    const readable = [
      ...readableFiles('engine/layers', ['registry.ts']), // the registry picks fast or readable: it may see both
      ...readableFiles('engine/optimizers', ['registry.ts']),
    ];
    expect(readable.filter((f) => f.startsWith('engine/layers/')).length).toBeGreaterThanOrEqual(10);
    expect(readable.filter((f) => f.startsWith('engine/optimizers/')).length).toBeGreaterThanOrEqual(8);
    const offenders: string[] = [];
    for (const rel of readable) {
      const allowed = rel.startsWith('engine/layers/') ? readableLayerImports : readableOptimizerImports;
      for (const imp of imports(join(root, rel))) {
        const target = resolved(rel, imp.from);
        const rule = allowed[target];
        if (rule === undefined || (rule === 'type' && !imp.typeOnly)) offenders.push(`${rel}: ${imp.line}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the helpers stand alone: util.ts on the tensor, array.ts on the tensor and the matrix product only', () => {
    const offenders: string[] = [];
    for (const [rel, allowed] of Object.entries(helperImports)) {
      for (const imp of imports(join(root, rel))) {
        if (!allowed.includes(resolved(rel, imp.from))) offenders.push(`${rel}: ${imp.line}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the fast path is chosen in one place each: its optimizers by trainer.ts, its executor by network.ts', () => {
    const importersOf = (target: string) =>
      sourceFiles(join(root, 'engine'))
        .map((file) => relative(root, file))
        .filter((rel) => imports(join(root, rel)).some((imp) => resolved(rel, imp.from) === target));
    expect(importersOf('engine/fast/optimizers')).toEqual(['engine/trainer.ts']);
    expect(importersOf('engine/fast/executor')).toEqual(['engine/network.ts']);
    // network.ts itself, the book's MultiLayerNet, names no fast layer and no kernel
    const network = imports(join(root, 'engine/network.ts')).map((imp) => resolved('engine/network.ts', imp.from));
    expect(network.filter((target) => target.startsWith('engine/layers/fast/') || target.startsWith('engine/kernels/'))).toEqual([]);
    expect(network).toContain('engine/fast/executor');
  });
});

/**
 * The renderer's one run-time door into main: values both sides need (the method list the doors are
 * generated from, run statuses, the API's limits, the bundled data's split, the answer unwrapper). It is
 * main/api/ rather than a new top-level folder because it is the contract's own run-time half.
 */
const CONTRACT_CONSTANTS = 'main/api/constants';

function isContractConstants(file: string, from: string): boolean {
  return from.startsWith('.') && resolved(relative(root, file), from) === CONTRACT_CONSTANTS;
}

/** 'value': any import; 'type': `import type` only. Keys are paths from the repository root, without .ts. */
type ImportRule = 'value' | 'type';

const readableLayerImports: Record<string, ImportRule> = {
  'engine/tensor': 'value',
  'engine/layers/Layer': 'value',
  'engine/array': 'value',
  'engine/util': 'value',
  'engine/rng': 'type', // Dropout is handed the network's random stream
};

const readableOptimizerImports: Record<string, ImportRule> = {
  'engine/tensor': 'value',
  'engine/optimizers/Optimizer': 'value',
  'engine/array': 'value',
  'engine/fields': 'type', // the *Type descriptors' settings
};

/**
 * array.ts's `dot` hands its product to the engine's matrix kernel, as np.dot hands it to BLAS: the one
 * door from the readable side to kernels/, and it keeps the readable layers' numbers their fast twins'.
 */
const helperImports: Record<string, string[]> = {
  'engine/array.ts': ['engine/tensor', 'engine/kernels/gemm'],
  'engine/util.ts': ['engine/tensor'],
};

/** The .ts files directly in `dir` (not its subfolders, such as layers/fast/), as paths from the root. */
function readableFiles(dir: string, except: string[]): string[] {
  return readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.ts') && !except.includes(name))
    .map((name) => `${dir}/${name}`);
}

/** Where an import of `from` in the file `rel` leads, as a path from the root without extension. */
function resolved(rel: string, from: string): string {
  if (!from.startsWith('.')) return from;
  return relative(root, join(root, rel, '..', from)).replace(/\.tsx?$/, '');
}
