// The web host's real HTTP API (startWebLab: the service, the store, the workers) given keys that every
// JavaScript object inherits — "constructor", "__proto__", "toString" — as query fields, patch fields,
// parameter names, layer and optimizer types, data sources: each is a 400 with a sentence, never a 500,
// and nothing stored changes. And a large run file is parsed off the main thread: the host answers
// another call while it is being checked.

import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../main/store/RunStore';
import { LOSSES_PER_RUN_MAX } from '../../../main/store/runFileScan';
import { startWebLab, type RunningWebLab } from '../../../main/web/cli-entry';
import { addRun, experiment, removeTempDirs, tempDir } from '../store/fixtures';
import { runFileWithLosses } from '../store/bigRunFile';

let lab: RunningWebLab;
let runId: number;

beforeAll(async () => {
  const dir = tempDir('dlab-hostile-');
  const dbPath = join(dir, 'lab.sqlite');
  const store = RunStore.open(dbPath);
  runId = addRun(store, { name: 'mina: Adam', weights: true, finalStatus: 'done' });
  store.close();
  lab = await startWebLab({ dbPath, port: 0, workers: 1, rendererDir: join(dir, 'no-renderer'), help: false });
});

afterAll(async () => {
  await lab?.stop();
  removeTempDirs();
});

/** POST /api/<method> with a raw JSON body (so "__proto__" arrives as the key it is on the wire). */
function call(method: string, body: string): Promise<{ status: number; json: { ok: boolean; value?: unknown; error?: { message: string; kind: string } } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: lab.host.port,
        path: `/api/${method}`,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'x-lab-token': lab.host.token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const layers = (type: string) => JSON.stringify({ ...experiment(), model: { input: [2], layers: [{ type }, { type: 'softmax-with-loss' }] } });
const optimizer = (type: string) => JSON.stringify({ ...experiment(), training: { ...experiment().training, optimizer: { type, lr: 0.1 } } });

describe('the web host and inherited keys', () => {
  it('answers every such key with a 400 and a sentence, never a 500, changing nothing', async () => {
    const cases: [method: string, body: string, message: RegExp][] = [
      ['listRuns', '{"args":[{"sort":"constructor"}]}', /^listRuns: query\.sort must be one of "startedAt", "name", "testAcc", "durationMs"\.$/],
      ['listRuns', '{"args":[{"sort":"__proto__"}]}', /^listRuns: query\.sort must be one of /],
      ['listRuns', '{"args":[{"__proto__":{"limit":1}}]}', /^listRuns: query has an unknown field "__proto__"\.$/],
      ['listRuns', '{"args":[{"constructor":{"prototype":{}}}]}', /^listRuns: query has an unknown field "constructor"\.$/],
      ['updateRun', `{"args":[${runId},{"__proto__":{"name":"hacked"}}]}`, /^updateRun: patch has an unknown field "__proto__"\.$/],
      ['updateRun', `{"args":[${runId},{"constructor":"hacked"}]}`, /^updateRun: patch has an unknown field "constructor"\.$/],
      ['readParams', `{"args":[${runId},["constructor"]]}`, new RegExp(`^Run ${runId} has no parameter "constructor"\\.$`)],
      ['readParams', `{"args":[${runId},["__proto__"]]}`, new RegExp(`^Run ${runId} has no parameter "__proto__"\\.$`)],
      ['readParams', `{"args":[${runId},["toString"],"start"]}`, new RegExp(`^Run ${runId} has no parameter "toString"\\.$`)],
      ['readParamHistograms', `{"args":[${runId},["hasOwnProperty"]]}`, new RegExp(`^Run ${runId} has no parameter "hasOwnProperty"\\.$`)],
      ['constructor', '{"args":[]}', /^The lab has no method "constructor"; it has /],
      ['__proto__', '{"args":[]}', /^The lab has no method "__proto__"; it has /],
      ['startRun', `{"args":[${layers('constructor')}]}`, /unknown layer type "constructor"/],
      ['startRun', `{"args":[${optimizer('__proto__')}]}`, /unknown optimizer "__proto__"/],
      ['previewDataset', '{"args":["toString",4]}', /toString/],
      ['previewDataset', '{"args":[{"source":"constructor"},4]}', /constructor/],
    ];
    for (const [method, body, message] of cases) {
      const { status, json } = await call(method, body);
      expect({ method, body, status }).toEqual({ method, body, status: 400 });
      expect(json.ok).toBe(false);
      expect(json.error!.message, body).toMatch(message);
      expect(json.error!.message).not.toMatch(/\n\s+at /);
    }
    const run = await call('getRun', `{"args":[${runId}]}`);
    expect(run.json.value).toMatchObject({ id: runId, name: 'mina: Adam' });
    const listed = await call('listRuns', '{"args":[{}]}');
    expect((listed.json.value as { total: number }).total).toBe(1);
  });
});

describe('the web host importing a large run file', () => {
  it('answers another call while the file is parsed and checked on its own thread', async () => {
    // A fifth of the largest file the lab takes: a second or more of checking, on whichever thread does it.
    const text = runFileWithLosses(LOSSES_PER_RUN_MAX / 5);
    const order: string[] = [];
    let listing: Promise<unknown> | undefined;
    // The host runs in this process: the moment the service is asked to import (the body is in, checked
    // by the schemas), a second call is sent. Were the file parsed on this thread, that call could not
    // even be read before the import was over.
    const { api } = lab.service;
    const importRuns = api.importRuns;
    api.importRuns = (file) => {
      listing = call('listRuns', '{"args":[{}]}').then((r) => order.push(`listRuns ${r.status}`));
      return importRuns.call(api, file);
    };
    try {
      const imported = await call('importRuns', JSON.stringify({ args: [text] }));
      order.push(`importRuns ${imported.status}`);
      await listing;
    } finally {
      api.importRuns = importRuns;
    }
    expect(order).toEqual(['listRuns 200', 'importRuns 200']);
    const listed = await call('listRuns', '{"args":[{"search":"a long run"}]}');
    expect((listed.json.value as { total: number }).total).toBe(1);
  }, 60_000);
});
