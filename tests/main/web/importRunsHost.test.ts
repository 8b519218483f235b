// The web host as its own process, sent a 190 MB run file of 14 million loss pairs through
// POST /api/importRuns, streamed from disk as a browser uploads it: the host refuses it in one sentence
// naming the limit while the body is still arriving, keeps answering, stores nothing, and its peak
// resident memory (VmHWM) stays under 300 MB — it held the whole body several times over (1.2 GB)
// before the body was scanned as it arrived (main/web/importBody.ts).

import { createReadStream, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeHugeRunFile } from '../store/bigRunFile';
import { bundleWebHost, cleanUp, countOf, startWebHostChild, tempDir } from '../runs/troubleFixtures';

afterAll(cleanUp);

/** The highest resident memory the process has had, from the kernel (kB). */
function peakResidentKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB$/m);
  expect(line, `no VmHWM in /proc/${pid}/status`).not.toBeNull();
  return Number(line![1]);
}

/**
 * POSTs {"args": ["<the file's text>"]} to the host, the text read from disk and JSON-escaped a chunk at
 * a time (loss pairs need no escapes; the file's quotes do), never held whole by the test either. The
 * whole file is sent even after the answer (as a browser's upload goes on), so the host's memory is
 * read after it has taken in every byte; `seconds` is the time to the answer.
 */
async function postRunFileFromDisk(port: number, token: string, file: string): Promise<{ status: number; body: string; seconds: number }> {
  const started = performance.now();
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/importRuns',
    headers: { 'content-type': 'application/json', 'x-lab-token': token, host: `127.0.0.1:${port}` },
  });
  const answer = new Promise<{ status: number; body: string; seconds: number }>((resolve, reject) => {
    req.on('response', (res) => {
      const seconds = (performance.now() - started) / 1000;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, seconds }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  const drainedOrClosed = () =>
    new Promise<void>((resolve) => {
      const go = () => {
        req.off('drain', go);
        req.off('close', go);
        resolve();
      };
      req.on('drain', go);
      req.on('close', go);
    });
  req.write('{"args":["');
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const escaped = (chunk as string).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    if (!req.write(escaped)) await drainedOrClosed();
    if (req.destroyed) break;
  }
  req.end('"]}');
  const sent = new Promise<void>((resolve) => (req.writableFinished || req.destroyed ? resolve() : req.once('finish', resolve).once('close', resolve)));
  const [result] = await Promise.all([answer, sent]);
  return result;
}

describe('the web host and a run file far past its limits', () => {
  it('refuses a 190 MB file of 14 million loss pairs as it arrives, in one sentence, under 300 MB, and keeps answering', async () => {
    const dir = tempDir('dlab-webimport-');
    const file = join(dir, 'huge.dlab-run.json');
    await writeHugeRunFile(file, 14_000_000);
    const bytes = statSync(file).size;
    expect(bytes).toBeGreaterThan(190_000_000);
    const db = join(dir, 'lab.sqlite');
    const host = await startWebHostChild(await bundleWebHost(), db);
    try {
      const answer = await postRunFileFromDisk(host.port, host.token, file);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({
        ok: false,
        error: {
          kind: 'file',
          message:
            'The run file: runs[0].losses has more than 1,000,000 losses; a run file may hold at most 1,000,000 per run (a longer run moves with its database: dlab runs import LAB.db).',
          // the code and values travel with the sentence, so the page says it in the learner's language
          said: { code: 'runFile.tooManyLossesInRun', values: { label: 'The run file', limit: '1,000,000', path: 'runs[0].losses' } },
        },
      });
      const peakKb = peakResidentKb(host.child.pid!);
      // Still alive and answering, with nothing stored.
      expect(host.child.exitCode).toBeNull();
      expect(await host.call('listRuns')).toMatchObject({ ok: true });
      expect(countOf(db, 'SELECT COUNT(*) FROM runs')).toBe(0);
      console.info(
        `web host refused a ${(bytes / 1e6).toFixed(1)} MB file of 14,000,000 loss pairs in ${answer.seconds.toFixed(1)} s, peak RSS ${(peakKb / 1024).toFixed(0)} MB`,
      );
      expect(peakKb).toBeLessThan(300 * 1024);
    } finally {
      host.child.kill('SIGTERM');
      await host.exit;
    }
  }, 180_000);
});
