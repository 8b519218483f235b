// The Electron app: a thin composition of small setup modules. Built to dist/electron/main.js, beside
// the preload (preload.cjs); the page is the built renderer in dist/renderer/.
// One instance at a time (a second start focuses the first); the database lives in the same user-data
// folder that `npm run web` and `dlab --db` default to (main/paths.ts).

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { errorToWire } from '../api/schemas';
import { createLabService, type LabService } from '../api/service';
import { userDataDir } from '../paths';
import { setupIpc } from './ipc';
import { openPackAt, setupMenu } from './menu';
import { createOpenedPaths, packPathsIn } from './openOnStart';
import { secureAllWebContents, secureSession, windowOptions } from './security';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');

const windowIds = new Set<number>();
const windows = {
  ids: windowIds,
  all: () => BrowserWindow.getAllWindows().filter((window) => !window.isDestroyed() && windowIds.has(window.webContents.id)),
};

// Packs the system hands the app (r5-packs): held until the first window has loaded its page.
const openedPacks = createOpenedPaths(openPackAt);

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath));
  const id = window.webContents.id;
  windowIds.add(id);
  window.on('closed', () => windowIds.delete(id));
  window.webContents.once('did-finish-load', () => openedPacks.ready());
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(rendererDir, 'index.html'));
  return window;
}

/** Electron.BrowserWindow: the class getAllWindows returns (see electronDialogs in ipc.ts). */
function focus(window: Electron.BrowserWindow | undefined): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

async function start(): Promise<void> {
  secureAllWebContents();
  await app.whenReady();
  if (!existsSync(join(rendererDir, 'index.html'))) {
    dialog.showErrorBox(
      'Deep Learning Lab',
      `The lab's window is not built (${join(rendererDir, 'index.html')} is missing): run npm run build, then start again.`,
    );
    app.quit();
    return;
  }
  secureSession(session.defaultSession, rendererDir);
  mkdirSync(app.getPath('userData'), { recursive: true });

  let service: LabService;
  try {
    service = await createLabService({ dbPath: join(app.getPath('userData'), 'lab.sqlite'), appVersion: app.getVersion() });
  } catch (error) {
    dialog.showErrorBox('Deep Learning Lab', errorToWire(error).message);
    app.quit();
    return;
  }
  const stopIpc = setupIpc(service, windows, rendererDir);
  setupMenu();
  createWindow();

  app.on('second-instance', (_event, argv, workingDirectory) => {
    focus(windows.all()[0]);
    for (const path of packPathsIn(argv, workingDirectory)) openedPacks.add(path);
  });
  app.on('activate', () => {
    if (windows.all().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits (a little) for the service: runs are cancelled and the database is closed cleanly.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    stopIpc();
    const timeout = new Promise((resolve) => setTimeout(resolve, 5000));
    void Promise.race([service.close(), timeout]).finally(() => app.quit());
  });
}

// Before `ready`: one user-data folder for the app, the web host and the CLI.
app.setPath('userData', userDataDir());
// A pack double-clicked or given on the command line; macOS says so with 'open-file', maybe before `ready`.
for (const path of packPathsIn(process.argv.slice(1), process.cwd())) openedPacks.add(path);
app.on('open-file', (event, path) => {
  event.preventDefault();
  if (packPathsIn([path], process.cwd()).length > 0) openedPacks.add(path);
});

if (app.requestSingleInstanceLock()) {
  void start();
} else {
  app.quit();
}
