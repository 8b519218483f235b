import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LabCallError } from '../../../main/api/constants';
import { LAB_METHODS, RUN_EVENT_CHANNEL, channelOf, type RunEvent } from '../../../main/api/contract';
import { FILE_CHANNELS, createFilesBridge, createLabBridge, unwrapResult, type OpenedFile } from '../../../main/electron/bridge';

function recorder(answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: 'v' })) {
  const calls: { channel: string; args: unknown[] }[] = [];
  const invoke = async (channel: string, args: unknown[]) => {
    calls.push({ channel, args });
    return answer(channel, args);
  };
  return { calls, invoke };
}

const noEvents = () => () => {};

describe('the preload’s method table', () => {
  it('covers every LAB_METHODS entry, plus onRunEvent, and nothing else', () => {
    const bridge = createLabBridge(recorder().invoke, noEvents);
    expect(Object.keys(bridge).sort()).toEqual([...LAB_METHODS, 'onRunEvent'].sort());
    for (const method of LAB_METHODS) expect(typeof bridge[method], method).toBe('function');
  });

  it('is generated, not hand-listed: neither door’s source names a method of the contract', () => {
    // A method written out by hand in a door is a copy that the next method added to LAB_METHODS misses.
    for (const file of ['main/electron/bridge.ts', 'main/electron/preload.ts', 'renderer/api/webLab.ts']) {
      const source = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
      const named = LAB_METHODS.filter((method) => new RegExp(`\\b${method}\\b`).test(source));
      expect(named, file).toEqual([]);
    }
  });

  it('sends each method on its own channel with its arguments as given', async () => {
    const { calls, invoke } = recorder();
    const bridge = createLabBridge(invoke, noEvents);
    for (const method of LAB_METHODS) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- detached on purpose: contextBridge hands the page each function without its object
      const call = bridge[method] as (...args: unknown[]) => Promise<unknown>;
      expect(await call(1, 'two')).toBe('v');
    }
    expect(calls).toEqual(LAB_METHODS.map((method) => ({ channel: channelOf(method), args: [1, 'two'] })));
  });

  it('turns a refusal into an Error whose message is the lab’s sentence', async () => {
    const { invoke } = recorder(() => ({ ok: false, error: { message: 'getRun: runId is missing.', kind: 'usage' } }));
    const error = await createLabBridge(invoke, noEvents)
      .getRun(undefined as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabCallError);
    expect(error).toMatchObject({ message: 'getRun: runId is missing.', kind: 'usage' });
    expect(() => unwrapResult('garbage')).toThrow('The lab answered in a form this window does not understand; restart the app.');
  });

  it('subscribes to run events and hands back the unsubscribe', () => {
    const listeners = new Set<(event: RunEvent) => void>();
    const bridge = createLabBridge(recorder().invoke, (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    });
    const seen: RunEvent[] = [];
    const stop = bridge.onRunEvent((event) => seen.push(event));
    for (const listener of listeners) listener({ type: 'status', runId: 1, status: 'done' });
    stop();
    expect(seen).toEqual([{ type: 'status', runId: 1, status: 'done' }]);
    expect(listeners.size).toBe(0);
    expect(RUN_EVENT_CHANNEL).toBe('lab:runEvent');
  });
});

describe('the preload’s file doors', () => {
  it('send the dialogs’ calls on their channels and unwrap the answers', async () => {
    const { calls, invoke } = recorder((channel) =>
      channel === FILE_CHANNELS.openTextFile ? { ok: true, value: { name: 'a.dlab.json', text: '{}' } } : { ok: true, value: '/home/me/w.json' },
    );
    const opened: OpenedFile[] = [];
    const files = createFilesBridge(
      invoke,
      (listener) => {
        listener({ kind: 'weights', name: 'w.json', text: '{}' });
        return () => {};
      },
      (file) => `/dropped/${file.name}`,
    );
    expect(await files.openTextFile('experiment')).toEqual({ name: 'a.dlab.json', text: '{}' });
    expect(await files.saveTextFile('weights', 'w.json', '{}')).toBe('/home/me/w.json');
    files.onFileOpened((file) => opened.push(file));
    expect(calls).toEqual([
      { channel: 'lab:files:openTextFile', args: ['experiment'] },
      { channel: 'lab:files:saveTextFile', args: ['weights', 'w.json', '{}'] },
    ]);
    expect(opened).toEqual([{ kind: 'weights', name: 'w.json', text: '{}' }]);
    // A dropped file's path is asked of the preload's webUtils, never read from the File (Electron ≥ 32 has no File.path).
    expect(files.pathForFile(new File(['a'], 'iris.csv'))).toBe('/dropped/iris.csv');
  });
});
