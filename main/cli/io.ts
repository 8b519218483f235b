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
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns || 80,
    now: () => performance.now(),
    cancelled: { value: false },
  };
}
