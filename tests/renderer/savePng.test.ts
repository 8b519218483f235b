// A chart's "Save PNG" in the desktop app goes through the native save dialog, like every other file the
// app saves (the comparison's CSV among them), not a browser download: the page hands the PNG's bytes
// (base64) to the window's file doors, and the real ones (main/electron/fileDoors.ts), behind the check
// the IPC handler makes, write exactly those bytes where the dialog says. In the browser it stays a download.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileDoors } from '../../main/api/contract';
import { parseFileCall } from '../../main/api/schemas';
import { createFileDoors, type DialogPort } from '../../main/electron/fileDoors';
import { savePngThrough } from '../../renderer/charts/savePng';

const dir = mkdtempSync(join(tmpdir(), 'dlab-png-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const asked: string[][] = [];
const dialogs: DialogPort = {
  chooseFileToOpen: () => Promise.resolve(null),
  chooseFileToSave: (kind, suggestedName, filters) => {
    asked.push([kind, suggestedName, ...filters.flatMap((filter) => filter.extensions)]);
    return Promise.resolve(suggestedName === 'cancel.png' ? null : join(dir, suggestedName));
  },
  chooseYourData: () => Promise.resolve(null),
};
const doors = createFileDoors(dialogs);
// What the preload exposes as window.labFiles, with the main side's check of what crosses the bridge.
const labFiles: Pick<FileDoors, 'saveTextFile'> = {
  saveTextFile: (...args) => doors.saveTextFile(...parseFileCall('saveTextFile', args)),
};
const noDownload = () => {
  throw new Error('the desktop app must not fall back to a browser download');
};

// A real 1×1 PNG, and a larger blob of every byte value so the base64 round trip is exercised in full.
const onePixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const everyByte = Buffer.concat([onePixel, Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256))]);

describe('saving a chart as PNG', () => {
  it('in the app: asks the native save dialog (PNG filter) and writes the image’s exact bytes', async () => {
    expect(await savePngThrough(labFiles, 'run-3-loss.png', new Blob([onePixel], { type: 'image/png' }), noDownload)).toBe(join(dir, 'run-3-loss.png'));
    expect(readFileSync(join(dir, 'run-3-loss.png')).equals(onePixel)).toBe(true);
    expect(asked[0]).toEqual(['png', 'run-3-loss.png', 'png', '*']);
  });

  it('in the app: keeps a large image byte for byte', async () => {
    await savePngThrough(labFiles, 'big.png', new Blob([everyByte]), noDownload);
    expect(readFileSync(join(dir, 'big.png')).equals(everyByte)).toBe(true);
  });

  it('in the app: writes nothing when the dialog is cancelled', async () => {
    expect(await savePngThrough(labFiles, 'cancel.png', new Blob([onePixel]), noDownload)).toBeNull();
    expect(() => readFileSync(join(dir, 'cancel.png'))).toThrow();
  });

  it('in the browser (no file doors): hands the blob to the download, unchanged', async () => {
    const downloads: [Blob, string][] = [];
    const png = new Blob([onePixel], { type: 'image/png' });
    expect(await savePngThrough(null, 'run-3-accuracy.png', png, (blob, name) => downloads.push([blob, name]))).toBe('run-3-accuracy.png');
    expect(downloads).toEqual([[png, 'run-3-accuracy.png']]);
  });
});
