// What the page uploads of a drop or a pick in a browser (yourData.ts sends it): one table as it is, or a
// folder's files relative to the folder, without file managers' litter. The caps are checked here, on
// sizes alone, so a folder too large is refused in a sentence before a byte of it is read.
// No DOM here beyond File, so the tests run it in Node.

import { labError } from '../../engine/errors';
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES } from '../../main/api/constants';

/** A file dropped or picked, with its path inside what was dropped ("pets/cat/1.png", or "iris.csv"). */
export interface PickedFile {
  path: string;
  file: File;
}

/** Files a system or a file manager leaves in folders: never uploaded (the loader skips them too). */
function isLitter(name: string): boolean {
  return name.startsWith('.') || ['thumbs.db', 'desktop.ini'].includes(name.toLowerCase());
}

/** An upload's name and files: one table as it is, or a folder's files relative to the folder. */
export function uploadPlan(picked: readonly PickedFile[]): { name: string; files: PickedFile[] } {
  const kept = picked.filter((p) => !p.path.split('/').some(isLitter));
  if (kept.length === 0) throw labError('usage', 'upload.empty', {});
  if (kept.length > UPLOAD_MAX_FILES) throw labError('usage', 'upload.tooManyFiles', { count: kept.length, max: UPLOAD_MAX_FILES });
  const bytes = kept.reduce((sum, p) => sum + p.file.size, 0);
  if (bytes > UPLOAD_MAX_BYTES) throw labError('usage', 'upload.tooLarge', { mb: Math.ceil(bytes / 2 ** 20), max: UPLOAD_MAX_BYTES / 2 ** 20 });
  if (kept.length === 1 && !kept[0]!.path.includes('/')) return { name: kept[0]!.path, files: kept };
  // Every file under one dropped folder: "pets/cat/1.png" → the folder "pets", the file "cat/1.png".
  const root = kept[0]!.path.split('/')[0]!;
  const files = kept.map((p) => {
    if (!p.path.startsWith(`${root}/`)) throw labError('usage', 'upload.badName', { name: p.path });
    return { path: p.path.slice(root.length + 1), file: p.file };
  });
  return { name: root, files };
}
