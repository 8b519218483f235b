// What the page uploads of a drop (the web host, where a dropped file has no path): one table as it is,
// or a folder's files relative to the folder, its litter left out; past the caps it is refused in a
// sentence before a byte is read.

import { describe, expect, it } from 'vitest';
import { isLabError } from '../../engine/errors';
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES } from '../../main/api/constants';
import { uploadPlan, type PickedFile } from '../../renderer/forms/uploadPlan';

const picked = (path: string, bytes = 3): PickedFile => ({ path, file: new File([new Uint8Array(bytes)], path.split('/').pop()!) });

function refusalCode(files: PickedFile[]): string | undefined {
  try {
    uploadPlan(files);
  } catch (error) {
    if (isLabError(error)) return error.said?.code;
    throw error;
  }
  return undefined;
}

describe('the upload of a drop', () => {
  it('a table goes as it is; a folder goes as its files below it, without the litter of file managers', () => {
    expect(uploadPlan([picked('iris.csv')]).name).toBe('iris.csv');
    const plan = uploadPlan([picked('pets/cat/1.png'), picked('pets/.DS_Store'), picked('pets/dog/Thumbs.db'), picked('pets/dog/2.png')]);
    expect(plan.name).toBe('pets');
    expect(plan.files.map((f) => f.path)).toEqual(['cat/1.png', 'dog/2.png']);
  });

  it('refuses, before reading, nothing to upload, two folders at once, too many files and too many bytes', () => {
    expect(refusalCode([picked('.hidden')])).toBe('upload.empty');
    expect(refusalCode([picked('pets/cat/1.png'), picked('other/cat/1.png')])).toBe('upload.badName');
    expect(refusalCode(Array.from({ length: UPLOAD_MAX_FILES + 1 }, (_, i) => picked(`pets/c/${i}.png`, 1)))).toBe('upload.tooManyFiles');
    expect(refusalCode([picked('huge.csv', UPLOAD_MAX_BYTES + 1)])).toBe('upload.tooLarge');
  });
});
