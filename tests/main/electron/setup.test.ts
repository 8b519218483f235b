// The Electron setup modules (ipc.ts, security.ts, menu.ts), wired to a fake `electron` module: the real
// one would try to download a binary. What is checked is the wiring; the rules are in rules.test.ts.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LAB_METHODS, RUN_EVENT_CHANNEL, channelOf } from '../../../main/api/contract';
import { CONTENT_SECURITY_POLICY } from '../../../main/contentPolicy';
import { FILE_CHANNELS } from '../../../main/electron/bridge';
import { fakeService } from '../web/fakeService';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const handlers = new Map<string, Handler>();
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  return {
    handlers,
    appListeners,
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    app: {
      on: (name: string, listener: (...args: unknown[]) => void) => appListeners.set(name, listener),
      isPackaged: false,
      getVersion: () => '0.1.0',
      getLocale: () => 'en-US',
      showAboutPanel: () => {},
      setAboutPanelOptions: () => {},
    },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
    BrowserWindow: { fromWebContents: () => null, getFocusedWindow: () => null, getAllWindows: () => [] },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
  };
});

vi.mock('electron', () => ({
  ipcMain: fake.ipcMain,
  app: fake.app,
  dialog: fake.dialog,
  BrowserWindow: fake.BrowserWindow,
  Menu: fake.Menu,
}));

const { setupIpc } = await import('../../../main/electron/ipc');
const { secureAllWebContents, secureSession, windowOptions } = await import('../../../main/electron/security');
const { menuTemplate } = await import('../../../main/electron/menu');

const rendererDir = join('/opt', 'lab', 'dist', 'renderer');
const pageUrl = pathToFileURL(join(rendererDir, 'index.html')).href;

function ipcEvent(senderId: number, frame: { url: string; parent: unknown } | null) {
  return { sender: { id: senderId }, senderFrame: frame };
}

describe('the IPC door', () => {
  beforeEach(() => fake.handlers.clear());

  function setup() {
    const service = fakeService();
    const sent: { id: number; channel: string; payload: unknown }[] = [];
    const window = (id: number) => ({
      isDestroyed: () => false,
      webContents: { id, send: (channel: string, payload: unknown) => sent.push({ id, channel, payload }) },
    });
    const windows = { ids: new Set([1]), all: () => [window(1)] as never[] };
    const teardown = setupIpc(service, windows, rendererDir);
    return { service, sent, teardown };
  }

  it('registers one handler per LAB_METHODS entry, and the file doors', () => {
    setup();
    expect([...fake.handlers.keys()].sort()).toEqual(
      [...LAB_METHODS.map(channelOf), FILE_CHANNELS.openTextFile, FILE_CHANNELS.saveTextFile, FILE_CHANNELS.chooseYourData].sort(),
    );
  });

  it('answers the app’s window through the dispatcher', async () => {
    const { service } = setup();
    const main = ipcEvent(1, { url: pageUrl, parent: null });
    expect(await fake.handlers.get(channelOf('startRun'))!(main, { format: 'dlab-experiment' })).toEqual({ ok: true, value: { runId: 7 } });
    expect(await fake.handlers.get(channelOf('getRun'))!(main, 9)).toEqual({ ok: false, error: { message: 'There is no run 9.', kind: 'missing' } });
    expect(await fake.handlers.get(channelOf('pauseRun'))!(main, 'x')).toEqual({
      ok: false,
      error: { message: 'pauseRun: runId must be a run id (a whole number from 1 up).', kind: 'usage' },
    });
    expect(service.calls.map((c) => c.method)).toEqual(['startRun', 'getRun']);
  });

  it('refuses frames that are not the main frame of an app window showing the app', async () => {
    const { service } = setup();
    const strangers = [
      ipcEvent(2, { url: pageUrl, parent: null }),
      ipcEvent(1, { url: pageUrl, parent: {} }),
      ipcEvent(1, null),
      ipcEvent(1, { url: 'https://example.com/', parent: null }),
    ];
    for (const event of strangers) {
      const answer = (await fake.handlers.get(channelOf('deleteRun'))!(event, 1)) as { ok: boolean; error: { message: string } };
      expect(answer.ok).toBe(false);
      expect(answer.error.message).toBe('This page may not use the lab: only the lab’s own window can.');
      const file = (await fake.handlers.get(FILE_CHANNELS.openTextFile)!(event, 'weights')) as { ok: boolean };
      expect(file.ok).toBe(false);
      const folder = (await fake.handlers.get(FILE_CHANNELS.chooseYourData)!(event)) as { ok: boolean };
      expect(folder.ok).toBe(false);
    }
    expect(service.calls).toEqual([]);
  });

  it('checks file-door arguments before opening any dialog', async () => {
    setup();
    const main = ipcEvent(1, { url: pageUrl, parent: null });
    expect(await fake.handlers.get(FILE_CHANNELS.saveTextFile)!(main, 'csv', '/etc/passwd', 'x')).toEqual({
      ok: false,
      error: { message: 'saveTextFile: suggestedName must be a file name without a folder.', kind: 'usage' },
    });
    expect(await fake.handlers.get(FILE_CHANNELS.openTextFile)!(main, 'weights')).toEqual({ ok: true, value: null });
    expect(await fake.handlers.get(FILE_CHANNELS.chooseYourData)!(main, 'extra')).toMatchObject({ ok: false, error: { kind: 'usage' } });
    expect(await fake.handlers.get(FILE_CHANNELS.chooseYourData)!(main)).toEqual({ ok: true, value: null });
  });

  it('forwards run events to the app’s windows, and stops on teardown', () => {
    const { service, sent, teardown } = setup();
    service.emit({ type: 'status', runId: 3, status: 'done' });
    expect(sent).toEqual([{ id: 1, channel: RUN_EVENT_CHANNEL, payload: { type: 'status', runId: 3, status: 'done' } }]);
    teardown();
    expect(service.listenerCount()).toBe(0);
    expect(fake.handlers.size).toBe(0);
  });
});

describe('the window’s walls', () => {
  function fakeSession() {
    const hooks: Record<string, (...args: unknown[]) => unknown> = {};
    return {
      hooks,
      session: {
        setPermissionRequestHandler: (handler: never) => (hooks.permissionRequest = handler),
        setPermissionCheckHandler: (handler: never) => (hooks.permissionCheck = handler),
        webRequest: {
          onBeforeRequest: (handler: never) => (hooks.beforeRequest = handler),
          onHeadersReceived: (handler: never) => (hooks.headersReceived = handler),
        },
      },
    };
  }

  it('cancels network requests, sets the CSP and denies every permission', () => {
    const { hooks, session } = fakeSession();
    secureSession(session as never, rendererDir);
    const outcome = (url: string) => {
      let answer: unknown;
      hooks.beforeRequest!({ url }, (response: unknown) => (answer = response));
      return answer;
    };
    expect(outcome('https://fonts.googleapis.com/css')).toEqual({ cancel: true });
    expect(outcome(pathToFileURL(join(rendererDir, 'assets', 'a.js')).href)).toEqual({ cancel: false });
    const headersFor = (url: string) => {
      let headers: unknown;
      hooks.headersReceived!({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (response: unknown) => (headers = response));
      return headers;
    };
    expect(headersFor(pathToFileURL(join(rendererDir, 'index.html')).href)).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    // The developer tools keep their own headers: the callback changes nothing.
    expect(headersFor('devtools://devtools/bundled/devtools_app.html')).toEqual({});
    let granted: boolean | undefined;
    hooks.permissionRequest!({}, 'media', (answer: boolean) => (granted = answer));
    expect(granted).toBe(false);
    expect(hooks.permissionCheck!({}, 'notifications')).toBe(false);
  });

  it('refuses navigation, redirects, webviews and new windows in every web contents', () => {
    fake.appListeners.clear();
    secureAllWebContents();
    const events: Record<string, (event: { preventDefault: () => void }) => void> = {};
    let openHandler: (() => unknown) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault: () => void }) => void) => (events[name] = listener),
      setWindowOpenHandler: (handler: () => unknown) => (openHandler = handler),
    };
    fake.appListeners.get('web-contents-created')!({}, contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const prevent = vi.fn();
      events[name]!({ preventDefault: prevent });
      expect(prevent, name).toHaveBeenCalledOnce();
    }
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('creates windows with the locked-down preferences and the preload', () => {
    const options = windowOptions('/app/dist/electron/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/dist/electron/preload.cjs',
    });
    expect(options.show).toBe(false);
  });
});

describe('the app menu', () => {
  const labels = (items: { label?: string; role?: string }[]) => items.map((item) => item.label ?? item.role);

  it('has File (open experiment, open weights, open assignment pack, quit), View and Help (about)', () => {
    const menu = menuTemplate(true, false) as { label?: string; role?: string; submenu: { label?: string; role?: string; type?: string }[] }[];
    expect(labels(menu)).toEqual(['File', 'View', 'help']);
    expect(labels(menu[0]!.submenu.filter((item) => item.type !== 'separator'))).toEqual([
      'Open Experiment…',
      'Open Weights…',
      'Open Assignment Pack…',
      'quit',
    ]);
    expect(labels(menu[1]!.submenu.filter((item) => item.type !== 'separator'))).toEqual(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(labels(menu[2]!.submenu)).toEqual(['About Deep Learning Lab']);
  });

  it('offers the developer tools only when not packaged', () => {
    const view = (packaged: boolean) => (menuTemplate(packaged, false)[1]!.submenu as { role?: string }[]).map((item) => item.role);
    expect(view(false)).toContain('toggleDevTools');
    expect(view(true)).not.toContain('toggleDevTools');
  });
});
