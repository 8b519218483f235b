// Assignment packs handed to the app by the system (r5-packs): a .dlab-pack on the command line, one
// double-clicked (Windows and Linux start the app with its path; macOS sends 'open-file', often before
// the app is ready), or given to a second start, which passes its arguments to the first one. Each is
// read through the file doors' 'pack' kind (the same checks and size cap as File ▸ Open) once the window
// is there, and opened on the Class page. No Electron import: main.ts wires it, the tests drive it.

import { isAbsolute, resolve } from 'node:path';

const PACK_EXTENSION = '.dlab-pack';

/**
 * The .dlab-pack files among a command line's arguments, as absolute paths (a second start's relative
 * path is resolved against its own working folder). Switches (--inspect, Chromium's own) are not files.
 */
export function packPathsIn(argv: readonly string[], workingDirectory: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(PACK_EXTENSION))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(workingDirectory, arg)));
}

interface OpenedPaths {
  /** A path to open: held until the window is ready, else opened at once. */
  add(path: string): void;
  /** The window can take files now: the held ones are opened, in the order they came. */
  ready(): void;
}

/** Holds paths that arrive before the window can take them; `open` does the reading and the sending. */
export function createOpenedPaths(open: (path: string) => Promise<void>): OpenedPaths {
  let held: string[] | null = [];
  return {
    add(path) {
      if (held === null) void open(path);
      else if (!held.includes(path)) held.push(path);
    },
    ready() {
      if (held === null) return;
      const waiting = held;
      held = null;
      for (const path of waiting) void open(path);
    },
  };
}
