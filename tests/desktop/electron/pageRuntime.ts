// What runs in the page before the app's scripts, in place of Electron's preload machinery: a
// `contextBridge` and an `ipcRenderer` handed to the BUILT preload (dist/electron/preload.cjs) through
// its `require('electron')`. Serialized into an init script (Function.prototype.toString), so it may use
// nothing from outside its own body. Its calls leave the page through a playwright binding
// (__dlabHarnessInvoke) and events come back through __dlabHarnessDeliver.

type Require = (name: string) => unknown;
type PreloadBody = (require: Require, module: { exports: unknown }, exports: unknown) => void;
type Reply = { ok: true; value: unknown } | { ok: false; error: string };
type AnyFunction = (...args: unknown[]) => unknown;

export function pageRuntime(runPreload: PreloadBody): void {
  // Electron runs a preload in the main frame only (nodeIntegrationInSubFrames is off).
  if (window !== window.top) return;
  const global = window as unknown as Record<string, unknown>;
  const violations: { directive: string; blocked: string; sample: string; policy: string }[] = [];
  Object.defineProperty(global, '__dlabHarnessViolations', { value: violations });
  document.addEventListener('securitypolicyviolation', (event) =>
    violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample, policy: event.originalPolicy }),
  );

  // The context bridge copies what crosses it: plain data is copied, functions are proxied, promises are
  // re-made, and an error arrives as a plain Error with its message only (custom fields are dropped).
  const plainError = (error: unknown): Error => new Error(error instanceof Error ? error.message : String(error));
  const cross = (value: unknown, depth = 0): unknown => {
    if (depth > 1000) throw new Error('Object has too much nesting to cross the context bridge');
    if (typeof value === 'function') {
      const original = value as AnyFunction;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = original(...args.map((arg) => cross(arg)));
        } catch (error) {
          throw plainError(error);
        }
        return cross(result);
      };
    }
    if (value instanceof Promise) {
      return value.then(
        (resolved) => cross(resolved),
        (error: unknown) => {
          throw plainError(error);
        },
      );
    }
    if (value instanceof Error) return plainError(value);
    if (Array.isArray(value)) return value.map((item) => cross(item, depth + 1));
    if (value !== null && typeof value === 'object') {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date) return value;
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[key] = cross(item, depth + 1);
      return copy;
    }
    return value;
  };

  const exposed: string[] = [];
  Object.defineProperty(global, '__dlabHarnessExposed', { value: exposed });
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object');
      exposed.push(key);
      Object.defineProperty(window, key, { value: cross(api), enumerable: true });
    },
  };

  type IpcListener = (event: unknown, ...args: unknown[]) => void;
  const listeners = new Map<string, Set<IpcListener>>();
  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const invoke = global.__dlabHarnessInvoke as (channel: string, args: unknown[]) => Promise<Reply>;
      const reply = await invoke(channel, args);
      if (!reply.ok) throw new Error(`Error invoking remote method '${channel}': Error: ${reply.error}`);
      return reply.value;
    },
    on(channel: string, listener: IpcListener) {
      const set = listeners.get(channel) ?? new Set<IpcListener>();
      set.add(listener);
      listeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: IpcListener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    send(): never {
      throw new Error('The desktop harness carries ipcRenderer.invoke and .on only (the lab uses no one-way or synchronous IPC).');
    },
    sendSync(): never {
      throw new Error('The desktop harness carries ipcRenderer.invoke and .on only (the lab uses no one-way or synchronous IPC).');
    },
  };
  Object.defineProperty(global, '__dlabHarnessDeliver', {
    value: (channel: string, args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, ...args);
    },
  });

  // webUtils.getPathForFile: a File made in the page (playwright's setInputFiles, a DataTransfer) has no path
  // on disk here; Electron answers '' for such a File too, so the page falls back as it would.
  const webUtils = { getPathForFile: (): string => '' };

  // A sandboxed preload's require knows a few modules; the lab's asks for electron only.
  const require: Require = (name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer, webUtils };
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  runPreload(require, module, module.exports);
}

/** The init script: the runtime above, given the built preload's text as its body. */
export function initScript(preloadSource: string): string {
  return `(${pageRuntime.toString()})(function (require, module, exports) {\n${preloadSource}\n});`;
}
