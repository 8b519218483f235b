// The preload: the only bridge between the sandboxed page and main. It exposes exactly two objects,
// window.lab (the LabApi) and window.labFiles (native file dialogs), built by bridge.ts.
// Bundled as CommonJS (dist/electron/preload.cjs): a sandboxed preload cannot be an ES module.

import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { FILE_CHANNELS, RUN_EVENT_CHANNEL, createFilesBridge, createLabBridge, heldUntilHeard, type Invoke, type OpenedFile, type Subscribe } from './bridge';

const invoke: Invoke = (channel, args) => ipcRenderer.invoke(channel, ...args);

function subscription<T>(channel: string): Subscribe<T> {
  return (listener) => {
    const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  };
}

contextBridge.exposeInMainWorld('lab', createLabBridge(invoke, subscription(RUN_EVENT_CHANNEL)));
contextBridge.exposeInMainWorld(
  'labFiles',
  createFilesBridge(invoke, heldUntilHeard(subscription<OpenedFile>(FILE_CHANNELS.opened)), (file) => webUtils.getPathForFile(file)),
);
