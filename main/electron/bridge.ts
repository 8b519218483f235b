// What the preload hands the page, written without Electron so it can be tested: `window.lab`
// (generated from LAB_METHODS: each method an IPC invoke on its channel) and `window.labFiles` (the
// native file dialogs). Main answers every call with a CallResult; unwrapResult, the same one the web
// client uses, turns a refusal into an Error whose message is the lab's sentence.
// No Node or DOM imports: this is bundled into the sandboxed preload and its types are read by the renderer.

import { RUN_EVENT_CHANNEL, channelOf, generateLabApi, unwrapResult } from '../api/constants';
import type { FileDoors, LabApi, RunEvent } from '../api/contract';

/** IPC channels of the file doors (Electron only), and of files opened from the app menu. */
export const FILE_CHANNELS = {
  openTextFile: 'lab:files:openTextFile',
  saveTextFile: 'lab:files:saveTextFile',
  chooseYourData: 'lab:files:chooseYourData',
  opened: 'lab:files:opened',
} as const;

/**
 * A file the user opened from the app menu (File → Open experiment / Open weights / Open assignment pack),
 * or an assignment pack the system handed the app (double-clicked, on its command line), sent to the page.
 */
export interface OpenedFile {
  kind: 'experiment' | 'weights' | 'run' | 'pack';
  name: string;
  text: string;
}

/** The file doors as the preload exposes them: the contract's, files opened from the menu, and dropped files' paths. */
export interface ElectronFileDoors extends FileDoors {
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
  /**
   * The path of a File dropped onto the window ('' for one not on disk). Since Electron 32 a File has no
   * `path`: only the preload can ask (webUtils.getPathForFile), so it hands the page this one function.
   */
  pathForFile(file: File): string;
}

/** webUtils.getPathForFile, passed in by the preload (the bridge never imports Electron). */
export type PathForFile = (file: File) => string;

/** ipcRenderer.invoke, reduced to what the bridge needs. */
export type Invoke = (channel: string, args: unknown[]) => Promise<unknown>;
/** ipcRenderer.on + removeListener on one channel, reduced to a subscription. */
export type Subscribe<T> = (listener: (payload: T) => void) => () => void;

export { unwrapResult };

export function createLabBridge(invoke: Invoke, subscribe: Subscribe<RunEvent>): LabApi {
  return generateLabApi(
    async (method, args) => unwrapResult(await invoke(channelOf(method), args)),
    (listener) => subscribe(listener),
  );
}

/** The channel a run event arrives on, re-exported for the preload. */
export { RUN_EVENT_CHANNEL };

export function createFilesBridge(invoke: Invoke, subscribeOpened: Subscribe<OpenedFile>, pathForFile: PathForFile): ElectronFileDoors {
  return {
    openTextFile: async (...args) => unwrapResult(await invoke(FILE_CHANNELS.openTextFile, args)) as Awaited<ReturnType<FileDoors['openTextFile']>>,
    saveTextFile: async (...args) => unwrapResult(await invoke(FILE_CHANNELS.saveTextFile, args)) as Awaited<ReturnType<FileDoors['saveTextFile']>>,
    chooseYourData: async () => unwrapResult(await invoke(FILE_CHANNELS.chooseYourData, [])) as string | null,
    onFileOpened: (listener) => subscribeOpened(listener),
    pathForFile: (file) => pathForFile(file),
  };
}

/**
 * A subscription that keeps what arrives before anyone listens and hands it to the first listener: a
 * pack double-clicked to start the app is sent when the page has loaded, which may be before React has
 * subscribed.
 */
export function heldUntilHeard<T>(subscribe: Subscribe<T>): Subscribe<T> {
  const listeners = new Set<(payload: T) => void>();
  let held: T[] = [];
  subscribe((payload) => {
    if (listeners.size === 0) held.push(payload);
    else for (const listener of [...listeners]) listener(payload);
  });
  return (listener) => {
    listeners.add(listener);
    const waiting = held;
    held = [];
    for (const payload of waiting) listener(payload);
    return () => {
      listeners.delete(listener);
    };
  };
}
