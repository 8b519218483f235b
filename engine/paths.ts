// Paths the lab will not open. The lab works offline; on Windows, opening \\host\share (or //host/share,
// or \\?\UNC\host\share) makes the system connect to another machine and offer it the user's sign-in
// credentials — a file handed out in class must not be able to do that. Device paths (\\.\PhysicalDrive0,
// \\.\pipe\name, \\?\GLOBALROOT\…) are no data files either.
//
// The rule is the same on every system: a path that begins with two slashes or backslashes is refused.
// On Linux and macOS such a path is at best the same as one slash (POSIX leaves a leading // to the system),
// so nothing is lost; and an experiment written on one system must behave the same on a classmate's.
// Pure string work, so it is tested anywhere.

import { LabError } from './errors';

const SEPARATOR = /[\\/]/;

/** Why `path` is refused, in words ("a network path"), or null when it is an ordinary path. */
export function networkPathKind(path: string): string | null {
  if (path.length < 2 || !SEPARATOR.test(path[0]!) || !SEPARATOR.test(path[1]!)) return null;
  const rest = path.slice(2);
  // \\?\ and \\.\ are Windows' prefixes for verbatim paths and devices.
  if (/^[?.][\\/]/.test(rest)) {
    const inner = rest.slice(2);
    if (/^unc([\\/]|$)/i.test(inner)) return 'a network path';
    if (rest[0] === '?' && /^[a-z]:([\\/]|$)/i.test(inner)) return 'a verbatim Windows path';
    return 'a device path';
  }
  return 'a network path';
}

const REASONS: Readonly<Record<string, string>> = {
  'a network path': 'the lab works offline, and opening a share could hand your sign-in to another computer: copy the files to this computer and open the copy',
  'a device path': 'a device is not a file the lab can read: give the path of a file or folder on this computer',
  'a verbatim Windows path': 'write it as an ordinary path such as C:\\folder\\file',
};

/**
 * The sentence that refuses `path` when it names a network share or a device, else null; `what` says
 * which file it was ("The data folder", "The database").
 */
export function networkPathRefusal(path: string, what = 'The file'): string | null {
  const kind = networkPathKind(path);
  return kind === null ? null : `${what} ${path} is ${kind}, which the lab does not open: ${REASONS[kind]}.`;
}

/** Throws the sentence of networkPathRefusal() when there is one. */
export function refuseNetworkPath(path: string, what = 'The file'): void {
  const refusal = networkPathRefusal(path, what);
  if (refusal !== null) throw new LabError('file', refusal);
}
