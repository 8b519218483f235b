// The CLI's view of the terminal, so that commands run the same in a test as in a shell.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (then a live progress bar is drawn on it). */
  stderrIsTTY: boolean;
  /** Terminal width for the progress bar. */
  columns: number;
  now: () => number;
  /** Set when the user presses Ctrl-C: long commands check it between steps. */
  cancelled: { value: boolean };
  /** The environment the locale is read from (process.env when absent). */
  env?: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  const cancelled = { value: false };
  // A reader that stops reading (`dlab runs list | head`) closes the pipe: the rest of the output has
  // nowhere to go. Writing on would throw EPIPE out of the stream; instead the output stops and a long
  // command is stopped as by Ctrl-C (a training run ends cancelled, stored as such).
  let readerGone = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
    cancelled.value = true;
  });
  return {
    stdout: (text) => {
      if (!readerGone) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    // Node's types say boolean, but isTTY is undefined (not false) when stderr is not a terminal.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- isTTY is really undefined off a terminal
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns || 80,
    now: () => performance.now(),
    cancelled,
  };
}
