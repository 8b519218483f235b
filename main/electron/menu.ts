// The app menu. File → Open experiment / Open weights / Open assignment pack read the file in main (same
// checks and size caps as the file doors) and hand it to the window, which opens it as if the learner had
// used its own button. A pack the system hands the app (double-clicked, on the command line) goes the same way.

import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { errorToWire } from '../api/schemas';
import { FILE_CHANNELS, type OpenedFile } from './bridge';
import { createFileDoors, readKindFile } from './fileDoors';
import { electronDialogs, machineLanguage } from './ipc';
import { sayRefusal } from '../cli/language';
import type { MessageLang } from '../../engine/messages';

/** Reads a file (null: the user cancelled) and hands it to the window; a refusal is said in a message box. */
async function sendOpened(kind: OpenedFile['kind'], read: (window: Electron.BrowserWindow) => Promise<{ name: string; text: string } | null>): Promise<void> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null;
  if (!window) return;
  try {
    const file = await read(window);
    if (file && !window.isDestroyed()) window.webContents.send(FILE_CHANNELS.opened, { kind, ...file } satisfies OpenedFile);
  } catch (error) {
    const wire = errorToWire(error);
    await dialog.showMessageBox(window, { type: 'error', message: sayRefusal(machineLanguage(), wire.message, wire.said) });
  }
}

function openFromMenu(kind: OpenedFile['kind']): Promise<void> {
  return sendOpened(kind, (window) =>
    createFileDoors(
      electronDialogs(() => window),
      machineLanguage(),
    ).openTextFile(kind),
  );
}

/** An assignment pack the system handed the app: opened on the Class page, as File → Open assignment pack would. */
export function openPackAt(path: string): Promise<void> {
  return sendOpened('pack', () => readKindFile('pack', path));
}

const MENU_WORDS = {
  en: {
    file: 'File',
    openExperiment: 'Open Experiment…',
    openWeights: 'Open Weights…',
    openPack: 'Open Assignment Pack…',
    view: 'View',
    about: 'About Deep Learning Lab',
  },
  ko: { file: '파일', openExperiment: '실험 열기…', openWeights: '가중치 열기…', openPack: '과제 꾸러미 열기…', view: '보기', about: 'Deep Learning Lab 정보' },
};

export function menuTemplate(isPackaged: boolean, isMac: boolean, lang: MessageLang = 'en'): MenuItemConstructorOptions[] {
  const words = MENU_WORDS[lang];
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools' });
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: words.file,
      submenu: [
        { label: words.openExperiment, accelerator: 'CmdOrCtrl+O', click: () => void openFromMenu('experiment') },
        { label: words.openWeights, accelerator: 'CmdOrCtrl+Shift+O', click: () => void openFromMenu('weights') },
        { label: words.openPack, click: () => void openFromMenu('pack') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    ...(isMac ? [{ role: 'editMenu' as const }] : []),
    { label: words.view, submenu: view },
    { role: 'help', submenu: [{ label: words.about, click: () => app.showAboutPanel() }] },
  ];
}

export function setupMenu(): void {
  app.setAboutPanelOptions({
    applicationName: 'Deep Learning Lab',
    applicationVersion: app.getVersion(),
    credits: 'An offline lab for chapters 5–7 of Deep Learning from Scratch.',
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(app.isPackaged, process.platform === 'darwin', machineLanguage())));
}
