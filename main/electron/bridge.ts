// What the preload hands the page, written without Electron so it can be tested: `window.lab` (one
// one-liner per LabApi method, each an IPC invoke on the method's channel) and `window.labFiles` (the
// native file dialogs). Main answers every call with a CallResult; a refusal becomes an Error whose
// message is the lab's sentence, with no trace of the IPC plumbing around it.
// No Node or DOM imports: this is bundled into the sandboxed preload and its types are read by the renderer.

import {
  RUN_EVENT_CHANNEL,
  channelOf,
  type FileDoors,
  type LabApi,
  type LabMethod,
  type RunEvent,
} from '../api/contract';

/** IPC channels of the file doors (Electron only), and of files opened from the app menu. */
export const FILE_CHANNELS = {
  openTextFile: 'lab:files:openTextFile',
  saveTextFile: 'lab:files:saveTextFile',
  opened: 'lab:files:opened',
} as const;

export type FileDoorMethod = keyof FileDoors;

/** A file the user opened from the app menu (File → Open experiment / Open weights), sent to the page. */
export interface OpenedFile {
  kind: 'experiment' | 'weights' | 'run';
  name: string;
  text: string;
}

/** The file doors as the preload exposes them: the contract's two, plus files opened from the menu. */
export interface ElectronFileDoors extends FileDoors {
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
}

/** ipcRenderer.invoke, reduced to what the bridge needs. */
export type Invoke = (channel: string, args: unknown[]) => Promise<unknown>;
/** ipcRenderer.on + removeListener on one channel, reduced to a subscription. */
export type Subscribe<T> = (listener: (payload: T) => void) => () => void;

/** Unwraps main's CallResult: the value, or an Error carrying the lab's sentence. */
export function unwrapResult(result: unknown): unknown {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const outcome = result as { ok: boolean; value?: unknown; error?: { message?: unknown } };
    if (outcome.ok) return outcome.value;
    const message = typeof outcome.error?.message === 'string' ? outcome.error.message : 'The lab refused the call.';
    throw new Error(message);
  }
  throw new Error('The lab answered in a form this window does not understand; restart the app.');
}

type Call = <M extends LabMethod>(method: M, args: Parameters<LabApi[M]>) => ReturnType<LabApi[M]>;

export function createLabBridge(invoke: Invoke, subscribe: Subscribe<RunEvent>): LabApi {
  const call = (async (method: LabMethod, args: unknown[]) => unwrapResult(await invoke(channelOf(method), args))) as Call;
  return {
    startRun: (...args) => call('startRun', args),
    pauseRun: (...args) => call('pauseRun', args),
    resumeRun: (...args) => call('resumeRun', args),
    cancelRun: (...args) => call('cancelRun', args),
    listRuns: (...args) => call('listRuns', args),
    getRun: (...args) => call('getRun', args),
    compareRuns: (...args) => call('compareRuns', args),
    updateRun: (...args) => call('updateRun', args),
    deleteRun: (...args) => call('deleteRun', args),
    exportWeights: (...args) => call('exportWeights', args),
    exportMetricsCsv: (...args) => call('exportMetricsCsv', args),
    exportRun: (...args) => call('exportRun', args),
    importRuns: (...args) => call('importRuns', args),
    listDatasets: (...args) => call('listDatasets', args),
    previewDataset: (...args) => call('previewDataset', args),
    evaluateWeights: (...args) => call('evaluateWeights', args),
    readParams: (...args) => call('readParams', args),
    readParamHistograms: (...args) => call('readParamHistograms', args),
    gradientCheck: (...args) => call('gradientCheck', args),
    cancelGradientCheck: (...args) => call('cancelGradientCheck', args),
    onRunEvent: (listener) => subscribe(listener),
  };
}

/** The channel a run event arrives on, re-exported for the preload. */
export { RUN_EVENT_CHANNEL };

export function createFilesBridge(invoke: Invoke, subscribeOpened: Subscribe<OpenedFile>): ElectronFileDoors {
  return {
    openTextFile: async (...args) => unwrapResult(await invoke(FILE_CHANNELS.openTextFile, args)) as Awaited<ReturnType<FileDoors['openTextFile']>>,
    saveTextFile: async (...args) => unwrapResult(await invoke(FILE_CHANNELS.saveTextFile, args)) as Awaited<ReturnType<FileDoors['saveTextFile']>>,
    onFileOpened: (listener) => subscribeOpened(listener),
  };
}
