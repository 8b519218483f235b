// POST /api/importRuns is checked as it arrives (main/web/importBody.ts): the run file's text inside
// the envelope {"args": ["…"]}, unescaped, meets the run file's limits however the body is cut into
// chunks; nothing else in the envelope may be large; and the host answers a body past a limit while
// the client is still sending it — before the body is whole.

import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { TAGS_LISTED_MAX } from '../../../engine/runFileScan';
import { ImportBodyScanner } from '../../../main/web/importBody';
import { startWebHost, type WebHost } from '../../../main/web/server';
import { fakeService, type FakeService } from './fakeService';

const tooManyTags = 'The run file: runs[0].tags lists more than 1,000 tags; a run can have at most 30.';

/** A run file whose run lists `count` tags, the key spelled `tagsKey` (raw JSON). */
function runFileWithTags(count: number, tagsKey = '"tags"'): string {
  const tags = Array.from({ length: count }, (_, i) => `"한글 ${i}"`).join(',');
  return `{"format":"dlab-run","version":1,"runs":[{"name":"mina \\"A\\"",${tagsKey}:[${tags}]}]}`;
}

/** The body a page sends: the text JSON-escaped as JSON.stringify does. */
const envelope = (text: string) => JSON.stringify({ args: [text] });

/** Scans `body` cut into pieces of `size` bytes (cutting through UTF-8 sequences and escapes); returns the refusal, if any. */
function scan(body: string, size: number): string | null {
  const bytes = Buffer.from(body, 'utf8');
  const scanner = new ImportBodyScanner();
  try {
    for (let at = 0; at < bytes.length; at += size) scanner.feed(bytes.subarray(at, at + size));
    scanner.end();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return (error as Error).message;
  }
}

describe('the importRuns body, scanned as it arrives', () => {
  it('lets a run file within its limits through, however it is cut', () => {
    const body = envelope(runFileWithTags(TAGS_LISTED_MAX));
    for (const size of [1, 2, 3, 7, 64, body.length]) expect(scan(body, size)).toBeNull();
  });

  it('refuses a run file past a limit with the run file’s own sentence, however it is cut', () => {
    const body = envelope(runFileWithTags(TAGS_LISTED_MAX + 1));
    for (const size of [1, 3, 5, 4096]) expect(scan(body, size)).toBe(tooManyTags);
  });

  it('reads the text as JSON.parse will: escapes in the envelope, a key spelled with \\u, repeated "args"', () => {
    // The run file's key spelled "ta\u0067s" inside the text, and the envelope's own "\u0061rgs".
    const spelled = envelope(runFileWithTags(TAGS_LISTED_MAX + 1, '"ta\\u0067s"'));
    expect(scan(spelled, 2)).toBe(tooManyTags);
    const escapedEnvelope = `{"\\u0061rgs":[${JSON.stringify(runFileWithTags(TAGS_LISTED_MAX + 1)).replace(/"tags/, '"\\u0074ags')}]}`;
    expect(JSON.parse(JSON.parse(escapedEnvelope).args[0]).runs[0].tags).toHaveLength(TAGS_LISTED_MAX + 1);
    expect(scan(escapedEnvelope, 3)).toBe(tooManyTags);
    // JSON.parse keeps the last "args": a harmless first one does not let the second through.
    const repeated = `{"args":["{}"],"args":${JSON.stringify([runFileWithTags(TAGS_LISTED_MAX + 1)])}}`;
    expect(scan(repeated, 5)).toBe(tooManyTags);
  });

  it('refuses anything large besides the run file’s text, so nothing rides past the scan', () => {
    const sentence = 'importRuns: the request carries more than the run file’s text; send {"args": ["<the run file’s text>"]}.';
    expect(scan(JSON.stringify({ args: ['{}'], pad: 'x'.repeat(5000) }), 100)).toBe(sentence);
    expect(scan(JSON.stringify({ args: ['{}', new Array(5000).fill(0)] }), 100)).toBe(sentence);
    expect(scan(JSON.stringify({ args: [['x'.repeat(5000)]] }), 100)).toBe(sentence);
    expect(scan(JSON.stringify({ args: ['{}'], note: 'small' }), 100)).toBeNull();
  });
});

describe('the web host and an importRuns body past a limit', () => {
  let service: FakeService;
  let host: WebHost;
  beforeAll(async () => {
    service = fakeService();
    host = await startWebHost({ service, port: 0, rendererDir: '/nonexistent' });
  });
  afterAll(() => host.close());

  it('answers 400 with the limit’s sentence while the body is still being sent, and calls nothing', async () => {
    const body = envelope(runFileWithTags(TAGS_LISTED_MAX + 1));
    const req = httpRequest({
      host: '127.0.0.1',
      port: host.port,
      path: '/api/importRuns',
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'x-lab-token': host.token },
    });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    // All but the end of the body: the request stays open until the answer has come.
    req.write(body.slice(0, -3));
    const { status, text } = await answer;
    req.destroy();
    expect(status).toBe(400);
    // the sentence, and its code and values for the page to say it in its language
    expect(JSON.parse(text)).toEqual({
      ok: false,
      error: {
        message: tooManyTags,
        kind: 'file',
        said: { code: 'runFile.tooManyTags', values: { label: 'The run file', path: 'runs[0].tags', limit: '1,000', most: 30 } },
      },
    });
    expect(service.calls).toEqual([]);
  });
});
