// A reader that stops reading early (`dlab datasets | head -1`) must not crash dlab with an unhandled
// EPIPE: the output stops, the command ends as it would have, with no stack trace.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const dlab = new URL('../../bin/dlab.js', import.meta.url).pathname;

describe('dlab writing into a pipe whose reader has gone', () => {
  it('stops its output quietly: exit status 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [dlab, 'datasets'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Close our end before dlab has written a line, as a reader that has already gone (`head -0`) does:
    // every write it makes meets a closed pipe.
    child.stdout.destroy();
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
