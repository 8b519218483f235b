// What a dropped or chosen path holds, on real files: a table, a folder of IDX files, a folder of class
// folders, an image inside one (the Windows and Linux dialog picks a file, so an image names its folder),
// and a refusal, with a sentence, for anything else.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLabError } from '../../../engine/errors';
import { sourceOfPath } from '../../../main/data/yourData';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-yourdata-'));
  writeFileSync(join(dir, 'iris.csv'), 'a,label\n1,x\n');
  writeFileSync(join(dir, 'notes.docx'), 'x');
  mkdirSync(join(dir, 'fashion'));
  writeFileSync(join(dir, 'fashion', 'train-images-idx3-ubyte.gz'), '');
  mkdirSync(join(dir, 'pets', 'cat'), { recursive: true });
  writeFileSync(join(dir, 'pets', 'cat', '1.png'), '');
  mkdirSync(join(dir, 'split', 'train', 'cat'), { recursive: true });
  writeFileSync(join(dir, 'split', 'train', 'cat', '1.jpg'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(path: string): Promise<{ code: string | undefined; message: string }> {
  try {
    await sourceOfPath(path);
  } catch (error) {
    if (isLabError(error)) return { code: error.said?.code, message: error.message };
    throw error;
  }
  throw new Error(`${path} was not refused`);
}

describe('the data source a path holds', () => {
  it('a table, an IDX folder, a folder of class folders, and an image naming its folder', async () => {
    expect(await sourceOfPath(join(dir, 'iris.csv'))).toBe(`csv:${join(dir, 'iris.csv')}`);
    expect(await sourceOfPath(join(dir, 'fashion'))).toBe(`idx:${join(dir, 'fashion')}`);
    expect(await sourceOfPath(join(dir, 'pets'))).toBe(`images:${join(dir, 'pets')}`);
    expect(await sourceOfPath(join(dir, 'pets', 'cat', '1.png'))).toBe(`images:${join(dir, 'pets')}`);
    expect(await sourceOfPath(join(dir, 'split', 'train', 'cat', '1.jpg'))).toBe(`images:${join(dir, 'split')}`);
  });

  it('refuses a file that is no data, a path that is not there, and a network share, each in a sentence', async () => {
    expect(await refusal(join(dir, 'notes.docx'))).toEqual({
      code: 'yourData.notData',
      message: 'notes.docx is neither a table (.csv, .tsv, .txt) nor an image (.png, .jpg, .jpeg, .gif) nor a folder: choose a CSV file or a folder of images.',
    });
    expect((await refusal(join(dir, 'gone.csv'))).code).toBe('yourData.missing');
    expect((await refusal(join(dir, 'iris.csv', 'inside.csv'))).code).toBe('yourData.missing');
    expect((await refusal(join(dir, 'nul\0.csv'))).code).toBe('yourData.unreadable');
    expect((await refusal('\\\\server\\share\\iris.csv')).message).toMatch(/^The data/);
  });
});
