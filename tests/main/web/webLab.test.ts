// The renderer's web client against the real web host (with a fake service behind it): what the page
// served by `npm run web` does, minus the browser.

import { get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LAB_METHODS, unwrapResult } from '../../../main/api/constants';
import type { RunEvent } from '../../../main/api/contract';
import { createLabBridge } from '../../../main/electron/bridge';
import { startWebHost, type WebHost } from '../../../main/web/server';
import { LabCallError, createWebLab, pageToken, type EventSourceLike } from '../../../renderer/api/webLab';
import { fakeService, type FakeService } from './fakeService';

/** Just enough of the browser's EventSource for the client: `data:` lines to onmessage. */
class NodeEventSource implements EventSourceLike {
  static opened: string[] = [];
  onmessage: ((event: { data: string }) => void) | null = null;
  private readonly request;
  constructor(url: string) {
    NodeEventSource.opened.push(url);
    this.request = get(url, { agent: false }, (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('error', () => {});
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('data: ')) this.onmessage?.({ data: block.slice(6) });
        }
      });
    });
    this.request.on('error', () => {});
  }
  close(): void {
    this.request.destroy();
  }
}

let host: WebHost;
let service: FakeService;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-weblab-'));
  service = fakeService();
  host = await startWebHost({ service, port: 0, rendererDir: dir });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = (token: string | null = host.token) =>
  createWebLab({ token, baseUrl: `http://127.0.0.1:${host.port}`, fetch: globalThis.fetch, EventSource: NodeEventSource });

describe('web client', () => {
  it('is generated from LAB_METHODS: every entry, each a POST to /api/<method>, plus onRunEvent and nothing else', async () => {
    const posted: { url: string; body: string }[] = [];
    const lab = createWebLab({
      token: 't',
      baseUrl: 'http://lab',
      fetch: async (url, init) => {
        posted.push({ url, body: init.body });
        return { status: 200, text: async () => JSON.stringify({ ok: true, value: url }) };
      },
    });
    expect(Object.keys(lab).sort()).toEqual([...LAB_METHODS, 'onRunEvent'].sort());
    for (const method of LAB_METHODS) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- detached on purpose: the test calls each method as a bare function
      const call = lab[method] as (...args: unknown[]) => Promise<unknown>;
      expect(await call(1, 'two')).toBe(`http://lab/api/${method}`);
    }
    expect(posted).toEqual(LAB_METHODS.map((method) => ({ url: `http://lab/api/${method}`, body: '{"args":[1,"two"]}' })));
  });

  it('unwraps answers with the same function as the preload, so both doors fail alike', async () => {
    const refusal = { ok: false, error: { message: 'getRun: runId is missing.', kind: 'usage' } };
    const web = createWebLab({ token: 't', fetch: async () => ({ status: 400, text: async () => JSON.stringify(refusal) }) });
    const preload = createLabBridge(
      async () => refusal,
      () => () => {},
    );
    const fromWeb = await web.getRun(1).catch((error: unknown) => error);
    const fromPreload = await preload.getRun(1).catch((error: unknown) => error);
    const direct = (() => {
      try {
        unwrapResult(refusal);
      } catch (error) {
        return error;
      }
    })();
    for (const error of [fromWeb, fromPreload, direct]) {
      expect(error).toBeInstanceOf(LabCallError);
      expect(error).toMatchObject({ message: 'getRun: runId is missing.', kind: 'usage' });
    }
    // An answer that is not a CallResult is named in the door's own words.
    const odd = createWebLab({ token: 't', fetch: async () => ({ status: 502, text: async () => '"hello"' }) });
    await expect(odd.listDatasets()).rejects.toThrow('The lab’s web host answered listDatasets with something that is not the lab’s reply (HTTP 502).');
  });

  it('calls the lab over HTTP and returns its values', async () => {
    const lab = client();
    expect(await lab.startRun({ format: 'dlab-experiment' }, { workers: 2 })).toEqual({ runId: 7 });
    expect(await lab.listRuns()).toEqual({ runs: [], total: 0 });
    expect(await lab.readParams(3, ['W1'])).toEqual([{ name: 'W1', shape: [1], data: [0.5] }]);
    expect(await lab.pauseRun(3)).toBeUndefined();
    // Optional arguments left undefined are not sent (JSON would turn them into null).
    expect(await lab.getRun(5, undefined).catch((error: unknown) => (error as Error).message)).toBe('There is no run 5.');
    expect(service.calls.find((call) => call.method === 'getRun')).toEqual({ method: 'getRun', args: [5] });
  });

  it('turns refusals into Errors carrying the sentence and its kind', async () => {
    const lab = client();
    const refused = await lab.compareRuns([1, 0]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LabCallError);
    expect(refused).toMatchObject({ message: 'compareRuns: runIds[1] must be a run id (a whole number from 1 up).', kind: 'usage' });
    const bug = await lab.updateRun(1, { name: 'x' }).catch((error: unknown) => error);
    expect(bug).toMatchObject({ message: "Something went wrong in the lab: Cannot read properties of undefined (reading 'name')", kind: 'internal' });
  });

  it('says what to do when the page has no token or a wrong one', async () => {
    await expect(client(null).listDatasets()).rejects.toThrow(/opened without the lab’s token/);
    await expect(client('wrong').listDatasets()).rejects.toThrow(/^The lab’s token does not match/);
  });

  it('says the host is not answering when it is gone', async () => {
    const lab = createWebLab({ token: 't', baseUrl: 'http://127.0.0.1:1', fetch: globalThis.fetch });
    await expect(lab.listDatasets()).rejects.toThrow('The lab’s web host is not answering: is `npm run web` still running?');
  });

  it('shares one event stream among its listeners and closes it after the last one leaves', async () => {
    NodeEventSource.opened = [];
    const lab = client();
    const first: RunEvent[] = [];
    const second: RunEvent[] = [];
    const stopFirst = lab.onRunEvent((event) => first.push(event));
    const stopSecond = lab.onRunEvent((event) => second.push(event));
    expect(NodeEventSource.opened).toEqual([`http://127.0.0.1:${host.port}/api/events?token=${encodeURIComponent(host.token)}`]);
    await vi.waitFor(() => expect(service.listenerCount()).toBe(1));
    const event: RunEvent = {
      type: 'progress',
      runId: 2,
      iteration: 10,
      iterationsTotal: 100,
      epoch: 1,
      loss: 0.7,
      samplesPerSecond: 900,
      etaSeconds: 3,
      recent: [{ iteration: 10, loss: 0.7 }],
    };
    service.emit(event);
    await vi.waitFor(() => expect(second).toEqual([event]));
    expect(first).toEqual([event]);
    stopFirst();
    expect(service.listenerCount()).toBe(1);
    stopSecond();
    await vi.waitFor(() => expect(service.listenerCount()).toBe(0));
  });
});

describe('the page’s token', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A tab at `href`: its address, its history and its sessionStorage (`failing`: one that refuses to store). */
  function tab(href: string, storage = new Map<string, string>(), failing = false) {
    const replaceState = vi.fn((_state: unknown, _unused: string, url: string) => {
      const next = new URL(url, href);
      location.href = next.href;
      location.search = next.search;
    });
    const location = { href, search: new URL(href).search };
    vi.stubGlobal('location', location);
    vi.stubGlobal('history', { state: { view: 'runs' }, replaceState });
    vi.stubGlobal('sessionStorage', {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => {
        if (failing) throw new Error('QuotaExceededError');
        storage.set(key, value);
      },
    });
    return { location, replaceState, storage };
  }

  it('takes it from the printed address, keeps it for the tab, and takes it out of the address bar', () => {
    const first = tab('http://127.0.0.1:5173/?lang=ko&token=t0ken#compare');
    expect(pageToken()).toBe('t0ken');
    expect(first.replaceState).toHaveBeenCalledTimes(1);
    expect(first.replaceState).toHaveBeenCalledWith({ view: 'runs' }, '', '/?lang=ko#compare');
    expect(first.location.href).toBe('http://127.0.0.1:5173/?lang=ko#compare');
    // A reload of the cleaned address: the tab still has it, and nothing more is rewritten.
    const reloaded = tab(first.location.href, first.storage);
    expect(pageToken()).toBe('t0ken');
    expect(reloaded.replaceState).not.toHaveBeenCalled();
  });

  it('leaves it in the address when the tab cannot keep it, so that a reload still works', () => {
    const locked = tab('http://127.0.0.1:5173/?token=t0ken', new Map(), true);
    expect(pageToken()).toBe('t0ken');
    expect(locked.replaceState).not.toHaveBeenCalled();
  });

  it('is null for a page opened without it', () => {
    tab('http://127.0.0.1:5173/');
    expect(pageToken()).toBeNull();
  });
});
