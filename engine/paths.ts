// Paths the lab will not open. The lab works offline; on Windows, opening \\host\share (or //host/share,
// or \\?\UNC\host\share) makes the system connect to another machine and offer it the user's sign-in
// credentials — a file handed out in class must not be able to do that. Device paths (\\.\PhysicalDrive0,
// \\.\pipe\name, \\?\GLOBALROOT\…) are no data files either.
//
// The rule is the same on every system: a path that begins with two slashes or backslashes is refused.
// On Linux and macOS such a path is at best the same as one slash (POSIX leaves a leading // to the system),
// so nothing is lost; and an experiment written on one system must behave the same on a classmate's.
// Pure string work, so it is tested anywhere.

import { labError } from './errors';
import type { LabMessage } from './messages';

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

/** The key of each kind in the table of messages (engine/messages.ts, 'file.networkPath'). */
const KIND_KEYS: Readonly<Record<string, string>> = { 'a network path': 'network', 'a device path': 'device', 'a verbatim Windows path': 'verbatim' };

/** The refusal of `path` as data (a code and values), or null when it is an ordinary path. */
export function networkPathSaid(path: string, what: string): LabMessage | null {
  const kind = networkPathKind(path);
  return kind === null ? null : { code: 'file.networkPath', values: { what, path, kind: KIND_KEYS[kind]!, reason: KIND_KEYS[kind]! } };
}

/** Throws the refusal of `path` when it names a network share or a device (`what` says which file it was), with its code so each door says it in its language. */
export function refuseNetworkPath(path: string, what = 'The file'): void {
  const said = networkPathSaid(path, what);
  if (said !== null) throw labError('file', said.code, said.values);
}
