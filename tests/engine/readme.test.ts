// The README's tables of layers and optimizers are what the registries render. Set DLAB_WRITE_README=1
// to write them in after changing a registry (the test then checks what it wrote).

import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layerTable, optimizerTable, registryBlocks } from '../../engine/registryTables';

const readmePath = new URL('../../README.md', import.meta.url);

function block(name: string): RegExp {
  return new RegExp(`(<!-- registry:${name} -->\\n)([\\s\\S]*?)(\\n<!-- /registry:${name} -->)`);
}

describe('the README’s registry tables', () => {
  if (process.env.DLAB_WRITE_README === '1') {
    let readme = readFileSync(readmePath, 'utf8');
    for (const [name, render] of Object.entries(registryBlocks))
      readme = readme.replace(block(name), (_all, open: string, _old, close: string) => open + render() + close);
    writeFileSync(readmePath, readme);
  }
  const readme = readFileSync(readmePath, 'utf8');

  it.each(Object.entries(registryBlocks))('%s: the README shows what the registry holds', (name, render) => {
    const found = block(name).exec(readme);
    expect(found, `README.md has no <!-- registry:${name} --> block`).not.toBeNull();
    expect(found![2]).toBe(render());
  });

  it('renders every type, its fields and defaults, and marks the loss layer', () => {
    const layers = layerTable();
    expect(layers).toContain('| `conv` | `filters`, `kernel`, `stride` (1), `pad` (0), `init` (`"he"`) |');
    expect(layers).toContain('| `pool` | `mode` (`"max"` or `"average"`), `size` (2), `stride` (optional), `pad` (0) |');
    expect(layers).toMatch(/\| `softmax-with-loss` \| — \(must be last\) \|/);
    expect(optimizerTable()).toContain("| `adam` | the book's Adam | `lr` (0.001), `beta1` (0.9), `beta2` (0.999), `eps` (1e-7) |");
    expect(optimizerTable()).toContain('`eps` (1e-6)'); // AdaDelta's, not 0.000001
  });
});
