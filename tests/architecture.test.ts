// The arrows of DESIGN.md, checked: the engine imports nothing outside itself and no Node, Electron
// or DOM API except under engine/node/; the renderer reaches main only through `import type`.

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
    found.push({ line: match[0].trim(), from: match[3], typeOnly: Boolean(match[2]) });
  }
  for (const match of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ line: match[0], from: match[1], typeOnly: false });
  }
  return found;
}

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
        if (leavesEngine || (!relativeImport && !(nodeEdge && imp.from.startsWith('node:')))) offenders.push(`${rel}: ${imp.line}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches main only through type imports', () => {
    const offenders = sourceFiles(join(root, 'renderer')).flatMap((file) =>
      imports(file)
        .filter((imp) => imp.from.includes('/main/') || imp.from.startsWith('../main') || imp.from.startsWith('node:'))
        .filter((imp) => !imp.typeOnly)
        .map((imp) => `${relative(root, file)}: ${imp.line}`),
    );
    expect(offenders).toEqual([]);
  });
});
