// What a dlab subcommand is: a name, a help text, and a function from arguments to an exit status.

import type { CliIo } from './io';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Resolves to the exit status; throws LabError for bad input. */
  run(argv: string[], io: CliIo): Promise<number>;
}

declare const __DLAB_VERSION__: string | undefined;

export function appVersion(): string {
  return typeof __DLAB_VERSION__ === 'string' ? __DLAB_VERSION__ : 'dev';
}
