// The CLI's input/output captured in strings, for tests that run `dlab` commands in process.

import type { CliIo } from '../../main/cli/io';

export function io(): CliIo & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    stdout: (t: string) => void (captured.out += t),
    stderr: (t: string) => void (captured.err += t),
    stderrIsTTY: false,
    columns: 80,
    now: () => performance.now(),
    cancelled: { value: false },
    env: {}, // English whatever the machine's locale: tests/main/cliKorean.test.ts sets it
  };
  return captured;
}
