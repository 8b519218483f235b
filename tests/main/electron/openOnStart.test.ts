// Assignment packs the system hands the desktop app (r5-packs): the .dlab-pack paths on a command line (a
// double-click on Windows and Linux, a second start passing its arguments to the first), macOS's
// 'open-file' before the window exists, each read from a real file through the 'pack' file door and sent
// to the window as File ▸ Open assignment pack sends it. `electron` is a fake, as in setup.test.ts.

import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FILE_CHANNELS, heldUntilHeard, type OpenedFile } from '../../../main/electron/bridge';
import { createOpenedPaths, packPathsIn } from '../../../main/electron/openOnStart';

const fake = vi.hoisted(() => {
  const sent: { channel: string; payload: unknown }[] = [];
  const boxes: { type: string; message: string }[] = [];
  const window = { isDestroyed: () => false, webContents: { send: (channel: string, payload: unknown) => sent.push({ channel, payload }) } };
  return {
    sent,
    boxes,
    app: { getLocale: () => 'en-US', getPreferredSystemLanguages: () => ['en-US'] },
    dialog: {
      showMessageBox: async (_window: unknown, box: { type: string; message: string }) => {
        boxes.push(box);
        return { response: 0 };
      },
    },
    BrowserWindow: { getFocusedWindow: () => null, getAllWindows: () => [window] },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
    ipcMain: { handle: () => {}, removeHandler: () => {} },
  };
});

vi.mock('electron', () => ({ app: fake.app, dialog: fake.dialog, BrowserWindow: fake.BrowserWindow, Menu: fake.Menu, ipcMain: fake.ipcMain }));

const { openPackAt, menuTemplate } = await import('../../../main/electron/menu');

const dir = mkdtempSync(join(tmpdir(), 'dlab-open-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  fake.sent.length = 0;
  fake.boxes.length = 0;
});

function packFile(name: string, text = JSON.stringify({ format: 'dlab-pack', id: name })): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const openedNames = () => fake.sent.map((s) => (s.payload as OpenedFile).name);

describe('the packs on a command line', () => {
  it('finds them as a double-click, a development start and a second start write them', () => {
    expect(packPathsIn(['C:\\Program Files\\Lab\\lab.exe', 'D:\\class\\xor.dlab-pack'], 'C:\\')).toHaveLength(1);
    expect(packPathsIn(['/usr/bin/electron', '/opt/lab/dist/electron/main.js', '--no-sandbox', '/home/s/XOR.DLAB-PACK'], '/')).toEqual([
      '/home/s/XOR.DLAB-PACK',
    ]);
    // a second start from a terminal in the student's folder, with a relative path
    expect(packPathsIn(['/opt/lab/lab', 'week3/xor.dlab-pack', 'notes.txt', 'run.dlab.json'], '/home/s')).toEqual(['/home/s/week3/xor.dlab-pack']);
    // a switch that happens to end like a pack is not a file
    expect(packPathsIn(['/opt/lab/lab', '--open=a.dlab-pack'], '/home/s')).toEqual([]);
  });
});

describe('a pack handed to the app', () => {
  it('arriving before the window has loaded is held, then opened once, in the order they came', async () => {
    const first = packFile('first.dlab-pack');
    const second = packFile('second.dlab-pack');
    const opened = createOpenedPaths(openPackAt);
    opened.add(first); // process.argv, before `ready`
    opened.add(second); // macOS 'open-file', before `ready`
    opened.add(first); // the same file again
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.sent).toEqual([]);
    opened.ready();
    await vi.waitFor(() => expect(fake.sent).toHaveLength(2));
    expect(openedNames()).toEqual(['first.dlab-pack', 'second.dlab-pack']);
    expect(fake.sent[0]).toEqual({
      channel: FILE_CHANNELS.opened,
      payload: { kind: 'pack', name: 'first.dlab-pack', text: JSON.stringify({ format: 'dlab-pack', id: 'first.dlab-pack' }) },
    });
    // a second start's pack, after the window is up: at once
    const third = packFile('third.dlab-pack');
    for (const path of packPathsIn(['/opt/lab/lab', 'third.dlab-pack'], dir)) opened.add(path);
    await vi.waitFor(() => expect(openedNames()).toEqual(['first.dlab-pack', 'second.dlab-pack', 'third.dlab-pack']));
    expect(third).toBe(join(dir, 'third.dlab-pack'));
  });

  it('a pack past the door’s size cap, or a folder, is refused in a message box and nothing reaches the window', async () => {
    const huge = join(dir, 'huge.dlab-pack');
    writeFileSync(huge, '');
    truncateSync(huge, 65 * 1024 * 1024);
    mkdirSync(join(dir, 'folder.dlab-pack'));
    await openPackAt(huge);
    await openPackAt(join(dir, 'folder.dlab-pack'));
    await openPackAt(join(dir, 'missing.dlab-pack'));
    expect(fake.sent).toEqual([]);
    expect(fake.boxes.map((box) => box.type)).toEqual(['error', 'error', 'error']);
    expect(fake.boxes[0]!.message).toContain('huge.dlab-pack');
    expect(fake.boxes[0]!.message).toContain('64 MB');
    expect(fake.boxes[1]!.message).toContain('folder.dlab-pack');
    expect(fake.boxes[2]!.message).toContain('missing.dlab-pack');
  });

  it('File ▸ Open Assignment Pack… is in the menu, in both languages', () => {
    const file = (lang: 'en' | 'ko') => (menuTemplate(true, false, lang)[0]!.submenu as { label?: string }[]).map((item) => item.label);
    expect(file('en')).toContain('Open Assignment Pack…');
    expect(file('ko')).toContain('과제 꾸러미 열기…');
  });
});

describe('the page’s side of the bridge', () => {
  it('keeps what is sent before the page listens and hands it to the first listener, then passes the rest straight on', () => {
    let deliver: (file: OpenedFile) => void = () => {};
    const subscribe = heldUntilHeard<OpenedFile>((listener) => {
      deliver = listener;
      return () => {};
    });
    const pack: OpenedFile = { kind: 'pack', name: 'xor.dlab-pack', text: '{}' };
    deliver(pack); // sent on 'did-finish-load', before React's effect subscribed
    const heard: OpenedFile[] = [];
    const stop = subscribe((file) => heard.push(file));
    expect(heard).toEqual([pack]);
    deliver({ ...pack, name: 'later.dlab-pack' });
    expect(heard.map((f) => f.name)).toEqual(['xor.dlab-pack', 'later.dlab-pack']);
    stop();
    deliver({ ...pack, name: 'unheard.dlab-pack' });
    expect(heard).toHaveLength(2);
  });
});
