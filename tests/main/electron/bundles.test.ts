// The built Electron bundles, checked without Electron: the preload is run in a bare VM context with a
// fake `electron` module (as a sandboxed preload runs: CommonJS, only `require("electron")`), and the main
// bundle is checked to leave electron and better-sqlite3 outside.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_METHODS, RUN_EVENT_CHANNEL, channelOf } from '../../../main/api/contract';

const root = new URL('../../../', import.meta.url).pathname;
let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'dlab-bundles-'));
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--out', out], { cwd: root, encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function runPreload() {
  const exposed = new Map<string, Record<string, (...args: unknown[]) => unknown>>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const required: string[] = [];
  const electron = {
    // Electron ≥ 32: a dropped File's path comes only from webUtils, in the preload.
    webUtils: { getPathForFile: (file: { fakePath?: string }) => file.fakePath ?? '' },
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return channel === channelOf('getRun') ? { ok: false, error: { message: 'There is no run 9.', kind: 'missing' } } : { ok: true, value: channel };
      },
      on: (channel: string, handler: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(handler);
      },
      removeListener: (channel: string, handler: (...args: unknown[]) => void) => listeners.get(channel)?.delete(handler),
    },
  };
  const code = readFileSync(join(out, 'electron', 'preload.cjs'), 'utf8');
  const module = { exports: {} };
  runInNewContext(code, {
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    },
    module,
    exports: module.exports,
  });
  return { exposed, invoked, listeners, required };
}

describe('the preload bundle', () => {
  it('is CommonJS that requires nothing but electron', () => {
    const code = readFileSync(join(out, 'electron', 'preload.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(runPreload().required).toEqual(['electron']);
  });

  it('exposes exactly window.lab and window.labFiles', () => {
    const { exposed } = runPreload();
    expect([...exposed.keys()]).toEqual(['lab', 'labFiles']);
    expect(Object.keys(exposed.get('lab')!).sort()).toEqual([...LAB_METHODS, 'onRunEvent'].sort());
    expect(Object.keys(exposed.get('labFiles')!).sort()).toEqual(['chooseYourData', 'onFileOpened', 'openTextFile', 'pathForFile', 'saveTextFile']);
  });

  it('gives the page a dropped file’s path through webUtils.getPathForFile, and "Your data…" on its channel', async () => {
    const { exposed, invoked } = runPreload();
    const files = exposed.get('labFiles')!;
    expect(files.pathForFile!({ name: 'iris.csv', fakePath: '/home/mina/iris.csv' })).toBe('/home/mina/iris.csv');
    expect(files.pathForFile!({ name: 'made-in-js.csv' })).toBe('');
    expect(await files.chooseYourData!()).toBe('lab:files:chooseYourData');
    expect(invoked).toEqual([{ channel: 'lab:files:chooseYourData', args: [] }]);
  });

  it('invokes each method on its channel and rethrows refusals as the sentence', async () => {
    const { exposed, invoked } = runPreload();
    const lab = exposed.get('lab')!;
    expect(await lab.listRuns!({ limit: 5 })).toBe('lab:listRuns');
    expect(invoked).toEqual([{ channel: 'lab:listRuns', args: [{ limit: 5 }] }]);
    await expect(lab.getRun!(9) as Promise<unknown>).rejects.toThrow('There is no run 9.');
  });

  it('subscribes to run events with ipcRenderer.on and removes the same handler', () => {
    const { exposed, listeners } = runPreload();
    const seen: unknown[] = [];
    const stop = exposed.get('lab')!.onRunEvent!((event: unknown) => seen.push(event)) as () => void;
    const handlers = listeners.get(RUN_EVENT_CHANNEL)!;
    expect(handlers.size).toBe(1);
    for (const handler of handlers) handler({ sender: 'ipc' }, { type: 'status', runId: 2, status: 'done' });
    expect(seen).toEqual([{ type: 'status', runId: 2, status: 'done' }]);
    stop();
    expect(handlers.size).toBe(0);
  });
});

describe('the main bundle', () => {
  it('is an ES module that leaves electron and better-sqlite3 to be loaded at run time', () => {
    const code = readFileSync(join(out, 'electron', 'main.js'), 'utf8');
    expect(code).toMatch(/^import .* from "electron";$/m);
    expect(code).toMatch(/from "better-sqlite3"|require\("better-sqlite3"\)/);
    expect(code).not.toContain('node_modules/electron/index.js');
    expect(code).not.toContain('node_modules/better-sqlite3/lib');
    expect(code).toContain('preload.cjs');
  });
});
