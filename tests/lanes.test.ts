// The fast lane stays honest: a test file that needs what `npm run build` makes — worker threads
// started from dist/, bin/dlab.js or dist/web.js run as programs — must be listed in tests/lanes.ts,
// or `npm run test:unit` (which builds nothing) would fail on a fresh checkout or, worse, run
// yesterday's bundle. Found by following each file's imports, as tests/architecture.test.ts does.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { integration, needBuild, slow } from './lanes';

const root = new URL('..', import.meta.url).pathname;

/** The modules that start worker threads from the built bundles. */
const startsBuiltWorkers = ['main/runs/RunManager.ts', 'main/runs/evaluateInWorker.ts', 'main/runs/gradcheckInWorker.ts', 'main/store/runFileThread.ts'];
/** The path of a built program (bin/dlab.js, dist/worker*.mjs, dist/web.js) in quotes, as a test writes it to run it. */
const runsBuiltProgram = /['"](?:bin\/dlab\.js|dist\/worker[\w-]*\.mjs|dist\/web\.js)['"]|['"]dist['"],\s*['"](?:web\.js|worker[\w-]*\.mjs)['"]/;

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'e2e' || name === 'desktop' ? [] : testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`].find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

/** Why `file` needs the build (what in its imports, its own text included, starts a built bundle), or []. */
function needsOfBuild(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const name = relative(root, file);
  if (startsBuiltWorkers.includes(name)) return [name];
  const text = readFileSync(file, 'utf8');
  const found = name.startsWith('tests/') && runsBuiltProgram.test(text) ? [`${name} runs a built program`] : [];
  // Value imports only: `import type` brings no code along.
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    if (match[1]) continue;
    const imported = resolveImport(file, match[2] ?? match[3] ?? '');
    if (imported) found.push(...needsOfBuild(imported, seen));
  }
  return found;
}

describe('test lanes', () => {
  it('every test file that needs the build is in the integration lane', () => {
    const missing = testFiles(join(root, 'tests'))
      .map((file) => ({ file: relative(root, file), why: needsOfBuild(file) }))
      .filter(({ file, why }) => why.length > 0 && !needBuild.includes(file));
    expect(missing).toEqual([]);
  });

  it('finds what it is looking for: a file that trains on workers, and one that runs dlab', () => {
    expect(needsOfBuild(join(root, 'tests/main/runs/manager.test.ts'))).toContain('main/runs/RunManager.ts');
    expect(needsOfBuild(join(root, 'tests/main/runs/blowUp.test.ts'))).toContain('tests/main/runs/blowUp.test.ts runs a built program');
    expect(needsOfBuild(join(root, 'tests/engine/node/asarUnpacked.test.ts'))).toContain('tests/engine/node/asarUnpacked.test.ts runs a built program');
    expect(needsOfBuild(join(root, 'tests/renderer/edits.test.ts'))).toEqual([]);
  });

  it('lists only test files that exist, each once', () => {
    for (const file of integration) expect(existsSync(join(root, file)), file).toBe(true);
    expect(new Set(integration).size).toBe(needBuild.length + slow.length);
  });
});
