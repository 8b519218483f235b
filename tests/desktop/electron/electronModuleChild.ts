// The stand-in for the `electron` module inside the lab's main process, as the desktop harness runs it:
// `node --import <loader> dist/electron/main.js`, where the loader resolves `electron` to this file
// (bundled by tests/desktop/harness.ts). What Electron would do in its browser process — windows, the
// session's hooks, dialogs — is asked of the test's process over the wire (wire.ts), which drives Debian's
// Chromium. The differences from real Electron are listed at the top of tests/desktop/harness.ts.
// Only what the app imports is here; a new import of anything else fails at link time, loudly.
// One file, past 400 lines, because it is one module as main sees it: app, windows, IPC, session, dialogs
// and menus are each short, but they call each other (the menu quits the app, the app closes the windows,
// a window's requests go through the session) and share the one wire to the test's process.

import { EventEmitter } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPeer, type Handlers } from './wire';

/** Electron's event object: listeners may prevent the default. */
class ElectronEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** The app's package.json, found as Electron finds it: upwards from the main script. */
function appPackage(): { name: string; productName?: string; version: string } {
  let dir = dirname(resolve(process.argv[1] ?? '.'));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { name: string; productName?: string; version: string };
    const up = dirname(dir);
    if (up === dir) throw new Error('the harness found no package.json above the main script');
    dir = up;
  }
}

const harnessHandlers: Handlers = {};
const peer = createPeer(
  {
    send: (message) => process.send?.(message),
    onMessage: (listener) => process.on('message', listener as (message: unknown) => void),
  },
  harnessHandlers,
);

// Main never outlives the test that started it (a test that failed midway, a killed runner).
process.on('disconnect', () => process.exit(1));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

class App extends EventEmitter {
  readonly isPackaged = false;
  private readonly pkg = appPackage();
  private readonly paths = new Map<string, string>();
  private ready = false;
  private readonly readyPromise: Promise<void>;
  private quitting = false;
  private lockPaths: string[] = [];
  private pendingNotice: Promise<void> = Promise.resolve();
  aboutPanel: Record<string, unknown> = {};

  constructor() {
    super();
    const appData = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
    this.paths.set('home', homedir());
    this.paths.set('appData', appData);
    this.paths.set('userData', join(appData, this.pkg.productName ?? this.pkg.name));
    this.paths.set('temp', tmpdir());
    this.paths.set('downloads', join(homedir(), 'Downloads'));
    this.paths.set('documents', join(homedir(), 'Documents'));
    // `ready` comes after the main script's first synchronous run, as in Electron.
    this.readyPromise = new Promise((done) =>
      setImmediate(() => {
        this.ready = true;
        this.emit('ready', new ElectronEvent(), {});
        done();
      }),
    );
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.ready;
  }
  getName(): string {
    return this.pkg.productName ?? this.pkg.name;
  }
  getVersion(): string {
    return this.pkg.version;
  }
  getLocale(): string {
    return 'en-US';
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  setPath(name: string, path: string): void {
    if (!isAbsolute(path)) throw new Error(`Path must be absolute: ${path}`);
    this.paths.set(name, path);
  }
  setAboutPanelOptions(options: Record<string, unknown>): void {
    this.aboutPanel = options;
  }
  showAboutPanel(): void {
    peer.note('app:note', { what: 'showAboutPanel', detail: this.aboutPanel });
  }
  focus(): void {
    peer.note('app:note', { what: 'app.focus' });
  }

  /**
   * One instance per user-data folder, as Chromium's process singleton: a lock file holding the pid, and a
   * socket the second instance uses to tell the first (its `second-instance` event).
   */
  requestSingleInstanceLock(): boolean {
    const dir = this.getPath('userData');
    mkdirSync(dir, { recursive: true });
    const lock = join(dir, 'SingletonLock');
    const socket = join(dir, 'SingletonSocket');
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
    } catch {
      const holder = Number(readFileSync(lock, 'utf8'));
      if (holder !== process.pid && isAlive(holder)) {
        this.pendingNotice = new Promise((done) => {
          const conn = connect(socket, () => conn.end(JSON.stringify({ argv: process.argv, cwd: process.cwd() })));
          conn.on('close', () => done());
          conn.on('error', () => done());
        });
        return false;
      }
      writeFileSync(lock, String(process.pid)); // a stale lock from a process that died
    }
    if (existsSync(socket)) unlinkSync(socket);
    const server = createServer((conn) => {
      let text = '';
      conn.on('data', (chunk) => (text += String(chunk)));
      conn.on('end', () => {
        const { argv, cwd } = JSON.parse(text) as { argv: string[]; cwd: string };
        this.emit('second-instance', new ElectronEvent(), argv, cwd, null);
      });
    });
    server.listen(socket);
    server.unref();
    this.lockPaths = [lock, socket];
    return true;
  }

  /** Electron's order: before-quit, every window closed, will-quit, quit, exit. Each of the first may be prevented. */
  quit(): void {
    void this.runQuit();
  }

  private async runQuit(): Promise<void> {
    if (this.quitting) return;
    const before = new ElectronEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.quitting = true;
    for (const window of [...windows]) {
      if (!(await window.closeAsked())) {
        this.quitting = false;
        return;
      }
    }
    const will = new ElectronEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.emit('quit', new ElectronEvent(), 0);
    await this.exitNow(0);
  }

  exit(code = 0): void {
    void this.exitNow(code);
  }

  private async exitNow(code: number): Promise<void> {
    await this.pendingNotice;
    for (const path of this.lockPaths) if (existsSync(path)) unlinkSync(path);
    process.exit(code);
  }

  /** The last window went away without a quit: the app's listener decides, or Electron quits. */
  lastWindowClosed(): void {
    if (this.quitting) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }
}

export const app = new App();

const windows = new Set<BrowserWindow>();
let nextContentsId = 1;
/** The window that has the focus (held in an object: a method sets it to its own window). */
const focus: { current: BrowserWindow | null } = { current: null };

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

class WebContents extends EventEmitter {
  readonly id = nextContentsId++;
  private openHandler: WindowOpenHandler = () => ({ action: 'allow' });
  url = '';

  constructor(readonly owner: BrowserWindow) {
    super();
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.owner.isDestroyed()) throw new Error('Object has been destroyed');
    peer.note('webContents:send', { id: this.id, channel, args });
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.openHandler = handler;
  }
  windowOpenAction(url: string): 'allow' | 'deny' {
    return this.openHandler({ url }).action;
  }
  isDestroyed(): boolean {
    return this.owner.isDestroyed();
  }
  getURL(): string {
    return this.url;
  }
  reload(): void {
    peer.note('webContents:reload', { id: this.id });
  }
}

/** What the harness can stand in for: an isolated, sandboxed page without Node, whose preload is a file. */
function checkOptions(options: Record<string, unknown>): void {
  const prefs = (options.webPreferences ?? {}) as Record<string, unknown>;
  const refuse = (why: string) => {
    throw new Error(`The desktop harness cannot emulate this window: ${why}.`);
  };
  if (prefs.contextIsolation === false) refuse('contextIsolation is off');
  if (prefs.nodeIntegration === true) refuse('nodeIntegration is on');
  if (prefs.sandbox === false) refuse('the sandbox is off (a preload with all of Node)');
  if (prefs.preload !== undefined) {
    if (typeof prefs.preload !== 'string' || !isAbsolute(prefs.preload)) refuse('the preload path is not absolute');
    if (!existsSync(prefs.preload as string)) refuse(`the preload ${prefs.preload as string} does not exist`);
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents: WebContents;
  readonly id: number;
  private destroyed = false;
  private visible = false;
  private minimized = false;
  private readonly created: Promise<unknown>;

  static getAllWindows(): BrowserWindow[] {
    return [...windows];
  }
  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return [...windows].find((window) => window.webContents === contents) ?? null;
  }
  static getFocusedWindow(): BrowserWindow | null {
    return focus.current && !focus.current.destroyed ? focus.current : null;
  }

  constructor(options: Record<string, unknown> = {}) {
    super();
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    checkOptions(options);
    this.webContents = new WebContents(this);
    this.id = this.webContents.id;
    windows.add(this);
    app.emit('web-contents-created', new ElectronEvent(), this.webContents);
    app.emit('browser-window-created', new ElectronEvent(), this);
    this.created = peer.call('window:create', { id: this.id, options });
    if (options.show !== false) this.show();
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(resolve(path)).href);
  }
  async loadURL(url: string): Promise<void> {
    await this.created;
    this.webContents.url = url;
    await peer.call('window:load', { id: this.id, url });
  }
  show(): void {
    this.visible = true;
    focus.current = this;
    peer.note('window:show', { id: this.id });
  }
  focus(): void {
    focus.current = this;
    this.minimized = false;
    peer.note('window:focus', { id: this.id });
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    void this.closeAsked().then((closed) => {
      if (closed && windows.size === 0) app.lastWindowClosed();
    });
  }

  /** `close` (which a listener may prevent), then the page goes and `closed` follows. */
  async closeAsked(): Promise<boolean> {
    if (this.destroyed) return true;
    const event = new ElectronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    await this.destroyNow();
    return true;
  }

  async destroyNow(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    windows.delete(this);
    if (focus.current === this) focus.current = null;
    await peer.call('window:close', { id: this.id });
    this.emit('closed');
    this.webContents.emit('destroyed');
  }
}

function windowById(id: number): BrowserWindow {
  const window = [...windows].find((candidate) => candidate.id === id);
  if (!window) throw new Error(`no window ${id}`);
  return window;
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  handleOnce(channel: string, handler: IpcHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return handler(event, ...args);
    });
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export const ipcMain = new IpcMain();

interface FileFilter {
  name: string;
  extensions: string[];
}
type DialogOptions = Record<string, unknown> & { filters?: FileFilter[] };

/** Every dialog is answered by the test (scripted); the options reach it as the app wrote them. */
function askDialog(method: string, windowOrOptions: unknown, maybeOptions: unknown): Promise<unknown> {
  const hasWindow = windowOrOptions instanceof BrowserWindow;
  const options = (hasWindow ? maybeOptions : windowOrOptions) as DialogOptions;
  return peer.call('dialog', { method, windowId: hasWindow ? windowOrOptions.id : null, options });
}

export const dialog = {
  showOpenDialog: (a: unknown, b?: unknown) => askDialog('showOpenDialog', a, b),
  showSaveDialog: (a: unknown, b?: unknown) => askDialog('showSaveDialog', a, b),
  showMessageBox: (a: unknown, b?: unknown) => askDialog('showMessageBox', a, b),
  showErrorBox(title: string, content: string): void {
    peer.note('dialog:errorBox', { title, content });
  },
};

type MenuRole = string;
interface MenuTemplateItem {
  label?: string;
  role?: MenuRole;
  type?: string;
  accelerator?: string;
  click?: (item: MenuItem, window: BrowserWindow | null, event: { triggeredByAccelerator: boolean }) => void;
  submenu?: MenuTemplateItem[] | Menu;
  enabled?: boolean;
  visible?: boolean;
}

class MenuItem {
  readonly label: string;
  readonly role: MenuRole | undefined;
  readonly type: string;
  readonly accelerator: string | undefined;
  readonly click: MenuTemplateItem['click'];
  readonly submenu: Menu | undefined;
  constructor(template: MenuTemplateItem) {
    this.role = template.role;
    this.label = template.label ?? template.role ?? '';
    this.type = template.type ?? (template.submenu ? 'submenu' : 'normal');
    this.accelerator = template.accelerator;
    this.click = template.click;
    this.submenu = template.submenu instanceof Menu ? template.submenu : template.submenu ? Menu.buildFromTemplate(template.submenu) : undefined;
  }
}

/** The roles the harness performs; others are only recorded (zoom, full screen, devtools have no effect here). */
function performRole(role: MenuRole): void {
  const window = BrowserWindow.getFocusedWindow();
  if (role === 'quit') app.quit();
  else if (role === 'close') window?.close();
  else if (role === 'reload') window?.webContents.reload();
  else peer.note('app:note', { what: `menu role ${role}` });
}

export class Menu {
  private static application: Menu | null = null;
  constructor(readonly items: MenuItem[] = []) {}
  static buildFromTemplate(template: MenuTemplateItem[]): Menu {
    return new Menu(template.map((item) => new MenuItem(item)));
  }
  static setApplicationMenu(menu: Menu | null): void {
    Menu.application = menu;
  }
  static getApplicationMenu(): Menu | null {
    return Menu.application;
  }
}

export interface MenuShape {
  label: string;
  role?: string;
  accelerator?: string;
  type: string;
  submenu?: MenuShape[];
}

function describeMenu(menu: Menu): MenuShape[] {
  return menu.items.map((item) => ({
    label: item.label,
    type: item.type,
    ...(item.role ? { role: item.role } : {}),
    ...(item.accelerator ? { accelerator: item.accelerator } : {}),
    ...(item.submenu ? { submenu: describeMenu(item.submenu) } : {}),
  }));
}

type Callback<T> = (response: T) => void;
type RequestListener = (details: Record<string, unknown>, callback: Callback<{ cancel?: boolean; redirectURL?: string }>) => void;
type HeadersListener = (
  details: Record<string, unknown>,
  callback: Callback<{ cancel?: boolean; responseHeaders?: Record<string, string | string[]> }>,
) => void;

class WebRequest {
  beforeRequest: RequestListener | null = null;
  headersReceived: HeadersListener | null = null;
  onBeforeRequest(filterOrListener: unknown, listener?: RequestListener | null): void {
    if (listener === undefined && typeof filterOrListener !== 'object') this.beforeRequest = (filterOrListener as RequestListener | null) ?? null;
    else {
      if (filterOrListener !== null && typeof filterOrListener === 'object') throw new Error('The desktop harness does not apply webRequest URL filters.');
      this.beforeRequest = listener ?? null;
    }
  }
  onHeadersReceived(filterOrListener: unknown, listener?: HeadersListener | null): void {
    if (listener === undefined && typeof filterOrListener !== 'object') this.headersReceived = (filterOrListener as HeadersListener | null) ?? null;
    else {
      if (filterOrListener !== null && typeof filterOrListener === 'object') throw new Error('The desktop harness does not apply webRequest URL filters.');
      this.headersReceived = listener ?? null;
    }
  }
}

type PermissionRequestHandler = (contents: WebContents, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: WebContents | null, permission: string, origin: string, details: unknown) => boolean;

class Session {
  readonly webRequest = new WebRequest();
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheck = handler;
  }
}

const defaultSession = new Session();

export const session = {
  defaultSession,
  fromPartition(): never {
    throw new Error('The desktop harness has one session only (the default one).');
  },
};

/** Custom schemes are not used by the lab (its page is file:); a use would fail here, not pass unseen. */
export const protocol = {
  handle(scheme: string): never {
    throw new Error(`The desktop harness does not serve custom schemes (${scheme}:).`);
  },
  registerSchemesAsPrivileged(): never {
    throw new Error('The desktop harness does not serve custom schemes.');
  },
};

/** Nothing leaves the machine: each call is recorded for the test and resolves. */
export const shell = {
  openExternal(url: string): Promise<void> {
    peer.note('app:note', { what: 'shell.openExternal', detail: url });
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    peer.note('app:note', { what: 'shell.openPath', detail: path });
    return Promise.resolve('');
  },
  showItemInFolder(path: string): void {
    peer.note('app:note', { what: 'shell.showItemInFolder', detail: path });
  },
};

// What the test's process asks of this one.
Object.assign(harnessHandlers, {
  /** An ipcRenderer.invoke from a page, with the frame it came from. */
  async 'ipc:invoke'({
    webContentsId,
    frameUrl,
    isMainFrame,
    channel,
    args,
  }: {
    webContentsId: number;
    frameUrl: string | null;
    isMainFrame: boolean;
    channel: string;
    args: unknown[];
  }) {
    const window = windowById(webContentsId);
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = frameUrl === null ? null : { url: frameUrl, parent: isMainFrame ? null : { url: '' }, top: null };
    return await handler({ sender: window.webContents, senderFrame, processId: 1, frameId: 1 }, ...args);
  },
  async 'session:beforeRequest'(details: { url: string; method: string; resourceType: string; webContentsId: number | null }) {
    const listener = defaultSession.webRequest.beforeRequest;
    if (!listener) return { cancel: false };
    const response = await new Promise<{ cancel?: boolean }>((done) => listener({ ...details, id: 0, timestamp: Date.now() }, (answer) => done(answer ?? {})));
    return { cancel: response.cancel === true };
  },
  async 'session:headersReceived'(details: { url: string; statusCode: number; responseHeaders: Record<string, string[]> }) {
    const listener = defaultSession.webRequest.headersReceived;
    if (!listener) return { responseHeaders: details.responseHeaders };
    const response = await new Promise<{ cancel?: boolean; responseHeaders?: Record<string, string | string[]> }>((done) =>
      listener({ ...details, statusLine: `HTTP/1.1 ${details.statusCode}` }, (answer) => done(answer ?? {})),
    );
    return { cancel: response.cancel === true, responseHeaders: response.responseHeaders ?? details.responseHeaders };
  },
  /** A page asks for a permission (Electron grants it when no handler is set). */
  async 'session:permissionRequest'({ webContentsId, permission }: { webContentsId: number; permission: string }) {
    const handler = defaultSession.permissionRequest;
    if (!handler) return true;
    return await new Promise<boolean>((done) => handler(windowById(webContentsId).webContents, permission, done, {}));
  },
  'session:permissionCheck'({ webContentsId, permission, origin }: { webContentsId: number; permission: string; origin: string }) {
    const handler = defaultSession.permissionCheck;
    return handler ? handler(windowById(webContentsId).webContents, permission, origin, {}) : true;
  },
  'webContents:willNavigate'({ id, url }: { id: number; url: string }) {
    const event = new ElectronEvent();
    windowById(id).webContents.emit('will-navigate', event, url);
    return { prevented: event.defaultPrevented };
  },
  'webContents:windowOpen'({ id, url }: { id: number; url: string }) {
    return { action: windowById(id).webContents.windowOpenAction(url) };
  },
  'window:loaded'({ id }: { id: number }) {
    const window = windowById(id);
    window.webContents.emit('did-finish-load');
    window.emit('ready-to-show');
  },
  /** The user closes the window (its close button). */
  async 'window:userClose'({ id }: { id: number }) {
    const window = windowById(id);
    const closed = await window.closeAsked();
    if (closed && windows.size === 0) app.lastWindowClosed();
    return { closed };
  },
  /** A click in the application menu, by labels (or roles) from the top. */
  'menu:click'({ path }: { path: string[] }) {
    let items = Menu.getApplicationMenu()?.items ?? [];
    let item: MenuItem | undefined;
    for (const name of path) {
      item = items.find((candidate) => candidate.label === name || candidate.role === name);
      if (!item) throw new Error(`the menu has no item "${name}" (path ${path.join(' → ')})`);
      items = item.submenu?.items ?? [];
    }
    if (!item) throw new Error('an empty menu path');
    if (item.click) item.click(item, BrowserWindow.getFocusedWindow(), { triggeredByAccelerator: false });
    else if (item.role) performRole(item.role);
    else throw new Error(`the menu item "${item.label}" does nothing`);
  },
  'menu:describe'() {
    const menu = Menu.getApplicationMenu();
    return menu ? describeMenu(menu) : null;
  },
  'app:describe'() {
    return { userData: app.getPath('userData'), version: app.getVersion(), handlers: [...ipcMain.handlers.keys()].sort(), windows: windows.size };
  },
});
