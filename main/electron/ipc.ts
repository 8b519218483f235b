// The Electron door: one ipcMain.handle per LAB_METHODS entry, each through the shared dispatcher, and
// only for the main frame of a window the app created; run events forwarded to every app window; the
// file doors behind native dialogs. Every answer is a CallResult, which the preload unwraps.

import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { LAB_METHODS, RUN_EVENT_CHANNEL, channelOf } from '../api/contract';
import { createDispatcher, type CallResult } from '../api/dispatch';
import { errorToWire, parseFileCall } from '../api/schemas';
import type { LabService } from '../api/service';
import { FILE_CHANNELS } from './bridge';
import type { MessageLang } from '../../engine/messages';
import { createFileDoors, dialogTitle, type DialogPort } from './fileDoors';
import { isTrustedSender } from './rules';

export interface AppWindows {
  /** webContents ids of the windows the app created. */
  readonly ids: ReadonlySet<number>;
  all(): BrowserWindow[];
}

const REFUSED: CallResult = {
  ok: false,
  error: { message: 'This page may not use the lab: only the lab’s own window can.', kind: 'usage' },
};

/** The language of the native dialogs: the machine's, as the CLI reads its locale (a Korean classroom's PCs say ko). */
export function machineLanguage(): MessageLang {
  return app.getLocale().toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Native dialogs, attached to the window that asked. */
// Electron.BrowserWindow, not the imported name: electron.d.ts declares the export as an empty subclass of
// it, and its static finders (fromWebContents, getFocusedWindow) return the namespace's class. It is one class
// at run time; naming the one the finders return keeps the lint's nominal check exact.
export function electronDialogs(parent: () => Electron.BrowserWindow | null, lang: MessageLang = machineLanguage()): DialogPort {
  return {
    async chooseFileToOpen(kind, filters) {
      const options = { title: dialogTitle('open', kind, lang), properties: ['openFile' as const], filters };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
    },
    async chooseFileToSave(kind, suggestedName, filters) {
      const options = { title: dialogTitle('save', kind, lang), defaultPath: suggestedName, filters };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseYourData(filters) {
      // macOS's dialog takes a file or a folder; on Windows and Linux a dialog asked for both shows folders
      // only, so there it picks a file: the table, or any image of the folder (lab.sourceOfPath names the folder).
      const properties = process.platform === 'darwin' ? (['openFile', 'openDirectory'] as const) : (['openFile'] as const);
      const options = { title: dialogTitle('yourData', null, lang), properties: [...properties], filters };
      const window = parent();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

export function setupIpc(service: Pick<LabService, 'api' | 'onRunEvent'>, windows: AppWindows, rendererDir: string): () => void {
  const dispatch = createDispatcher(service);
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return isTrustedSender(
      { webContentsId: event.sender.id, frameUrl: frame ? frame.url : null, isMainFrame: frame ? frame.parent === null : false },
      { windowIds: windows.ids, rendererDir },
    );
  };

  for (const method of LAB_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => (trusted(event) ? dispatch(method, args) : REFUSED));
  }

  const doorsFor = (event: IpcMainInvokeEvent) =>
    createFileDoors(
      electronDialogs(() => BrowserWindow.fromWebContents(event.sender)),
      machineLanguage(),
    );
  ipcMain.handle(FILE_CHANNELS.openTextFile, async (event, ...args: unknown[]): Promise<CallResult> => {
    if (!trusted(event)) return REFUSED;
    try {
      const [kind] = parseFileCall('openTextFile', args);
      return { ok: true, value: await doorsFor(event).openTextFile(kind) };
    } catch (error) {
      return { ok: false, error: errorToWire(error) };
    }
  });
  ipcMain.handle(FILE_CHANNELS.chooseYourData, async (event, ...args: unknown[]): Promise<CallResult> => {
    if (!trusted(event)) return REFUSED;
    try {
      parseFileCall('chooseYourData', args);
      return { ok: true, value: await doorsFor(event).chooseYourData() };
    } catch (error) {
      return { ok: false, error: errorToWire(error) };
    }
  });
  ipcMain.handle(FILE_CHANNELS.saveTextFile, async (event, ...args: unknown[]): Promise<CallResult> => {
    if (!trusted(event)) return REFUSED;
    try {
      const [kind, suggestedName, text] = parseFileCall('saveTextFile', args);
      return { ok: true, value: await doorsFor(event).saveTextFile(kind, suggestedName, text) };
    } catch (error) {
      return { ok: false, error: errorToWire(error) };
    }
  });

  const stopEvents = service.onRunEvent((event) => {
    for (const window of windows.all()) {
      if (!window.isDestroyed()) window.webContents.send(RUN_EVENT_CHANNEL, event);
    }
  });

  return () => {
    stopEvents();
    for (const method of LAB_METHODS) ipcMain.removeHandler(channelOf(method));
    ipcMain.removeHandler(FILE_CHANNELS.openTextFile);
    ipcMain.removeHandler(FILE_CHANNELS.saveTextFile);
    ipcMain.removeHandler(FILE_CHANNELS.chooseYourData);
  };
}
