import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/contentPolicy';
import { startWebHost, type WebHost } from '../../../main/web/server';
import { fakeService, type FakeService } from './fakeService';
import { openStream, request } from './http';

let dir: string;
let rendererDir: string;
let host: WebHost;
let service: FakeService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-web-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>lab</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("lab")');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(rendererDir, 'assets', 'digits.bin'), Buffer.from([1, 2, 3]));
  writeFileSync(join(dir, 'secret.txt'), 'the secret');
  symlinkSync(join(dir, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
  service = fakeService();
  host = await startWebHost({ service, port: 0, rendererDir, maxBodyBytes: 4096, heartbeatMs: 25 });
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  request({
    port: host.port,
    path: `/api/${method}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lab-token': host.token, ...headers },
    body: JSON.stringify(body),
  });

describe('web host: start-up', () => {
  it('listens on 127.0.0.1 and prints the address with a fresh random token', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await startWebHost({ service: fakeService(), port: 0, rendererDir });
    expect(other.token).not.toBe(host.token);
    await other.close();
  });

  it('refuses to listen anywhere but the loopback address', async () => {
    await expect(startWebHost({ service, port: 0, host: '0.0.0.0', rendererDir })).rejects.toThrow(
      'The web host listens on 127.0.0.1 only (this machine alone), not on 0.0.0.0.',
    );
  });

  it('cannot be reached on the machine’s other addresses', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && !address.internal)
      .map((address) => address!.address);
    for (const address of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: host.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, address).toBe('ECONNREFUSED');
    }
  });

  it('says so when its port is taken', async () => {
    await expect(startWebHost({ service, port: host.port, rendererDir })).rejects.toThrow(
      `Port ${host.port} is already in use on 127.0.0.1: choose another with --port, or 0 for any free port.`,
    );
  });
});

describe('web host: the API', () => {
  it('refuses calls without the token, or with a wrong one, with 401 and a sentence', async () => {
    const none = await request({ port: host.port, path: '/api/listRuns', method: 'POST', body: '{"args":[]}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toEqual({
      ok: false,
      error: { kind: 'usage', message: 'This call needs the lab’s token: open the address the web host printed (it ends in ?token=…).' },
    });
    // The last character changed to another one (a fixed 'x' would be no change for a token that ends in x).
    const last = host.token.slice(-1) === 'x' ? 'y' : 'x';
    const wrong = await api('listRuns', { args: [] }, { 'x-lab-token': `${host.token.slice(0, -1)}${last}` });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.message).toMatch(/^The lab’s token does not match/);
    const short = await api('listRuns', { args: [] }, { 'x-lab-token': 'x' });
    expect(short.status).toBe(401);
    expect(service.calls.filter((c) => c.method === 'listRuns')).toEqual([]);
  });

  it('answers a good call with {ok, value}', async () => {
    const response = await api('startRun', { args: [{ format: 'dlab-experiment' }, { workers: 3 }] });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { runId: 7 } });
    expect(service.calls.at(-1)).toEqual({ method: 'startRun', args: [{ format: 'dlab-experiment' }, { workers: 3 }] });
  });

  it('refuses a call whose token is in its address: a method reads the header only', async () => {
    const before = service.calls.length;
    const response = await request({ port: host.port, path: `/api/listDatasets?token=${host.token}`, method: 'POST', body: '{"args":[]}' });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).error).toEqual({
      kind: 'usage',
      message: 'The lab’s token goes in the x-lab-token header of a call, not in its address (only /api/events takes it there).',
    });
    // Nor does the address make up for a wrong header.
    const wrongHeader = await api(`listDatasets?token=${host.token}`, { args: [] }, { 'x-lab-token': 'wrong' });
    expect(wrongHeader.status).toBe(401);
    expect(service.calls.length).toBe(before);
    const header = await api(`listDatasets`, { args: [] });
    expect(header.status).toBe(200);
  });

  it('refuses bad arguments with the schema’s sentence and never calls the service', async () => {
    const before = service.calls.length;
    const response = await api('startRun', { args: [{}, { workers: 65 }] });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toEqual({ kind: 'usage', message: 'startRun: options.workers must be a whole number from 1 to 64.' });
    const unknown = await api('dropTables', { args: [] });
    expect(JSON.parse(unknown.body).error.message).toMatch(/^The lab has no method "dropTables"/);
    expect(service.calls.length).toBe(before);
  });

  it('delivers a thrown LabError as its sentence, and a TypeError as the generic sentence with no stack', async () => {
    const missing = await api('getRun', { args: [99] });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ ok: false, error: { kind: 'missing', message: 'There is no run 99.' } });
    const bug = await api('updateRun', { args: [1, { name: 'x' }] });
    expect(bug.status).toBe(500);
    expect(JSON.parse(bug.body)).toEqual({
      ok: false,
      error: { kind: 'internal', message: "Something went wrong in the lab: Cannot read properties of undefined (reading 'name')" },
    });
    expect(bug.body).not.toMatch(/\s+at\s|\.ts:\d+|TypeError/);
  });

  it('refuses other HTTP methods with 405', async () => {
    const get = await request({ port: host.port, path: '/api/listRuns', headers: { 'x-lab-token': host.token } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(JSON.parse(get.body).error.message).toMatch(/POST \/api\/<method>/);
    const postEvents = await request({ port: host.port, path: '/api/events', method: 'POST', headers: { 'x-lab-token': host.token } });
    expect(postEvents.status).toBe(405);
  });

  it('refuses a body that is not JSON, and one over the size cap with 413', async () => {
    const notObject = await api('listRuns', 'nope');
    expect(notObject.status).toBe(400);
    expect(JSON.parse(notObject.body).error.message).toBe('listRuns: the request body must be an object like {"args": [...]}.');
    const broken = await request({ port: host.port, path: '/api/listRuns', method: 'POST', headers: { 'x-lab-token': host.token }, body: '{"args": [' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.message).toBe('listRuns: the request body is not JSON; send {"args": [...]}.');
    const big = await api('importRuns', { args: ['x'.repeat(5000)] });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toMatch(/^The request is larger than the/);
  });

  it('refuses requests whose Host is not 127.0.0.1:PORT or localhost:PORT (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      const response = await api('listRuns', { args: [] }, { host: hostHeader });
      expect(response.status, hostHeader).toBe(403);
      expect(response.body).toBe(`The lab answers only at 127.0.0.1:${host.port} or localhost:${host.port}.\n`);
    }
    const page = await request({ port: host.port, path: '/', headers: { host: `rebound.example:${host.port}` } });
    expect(page.status).toBe(403);
    const localhost = await api('listRuns', { args: [] }, { host: `localhost:${host.port}` });
    expect(localhost.status).toBe(200);
  });

  it('refuses calls from a page of another origin', async () => {
    const response = await api('listRuns', { args: [] }, { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    const own = await api('listRuns', { args: [] }, { origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });
});

describe('web host: run events', () => {
  it('needs the token: in its address (what an EventSource can send) or in the header', async () => {
    const response = await request({ port: host.port, path: '/api/events' });
    expect(response.status).toBe(401);
    const wrong = await request({ port: host.port, path: `/api/events?token=${host.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    const listeners = service.listenerCount();
    for (const [path, headers] of [
      [`/api/events?token=${host.token}`, {}],
      ['/api/events', { 'x-lab-token': host.token }],
    ] as const) {
      const stream = await openStream(host.port, path, headers);
      expect(stream.response.statusCode, path).toBe(200);
      await stream.next(/: connected\n\n/);
      stream.close();
    }
    await vi.waitFor(() => expect(service.listenerCount()).toBe(listeners));
  });

  it('streams every run event as server-sent events, with heartbeats, and unsubscribes on close', async () => {
    const before = service.listenerCount();
    const stream = await openStream(host.port, `/api/events?token=${host.token}`);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await stream.next(/: connected\n\n/);
    expect(service.listenerCount()).toBe(before + 1);
    service.emit({ type: 'status', runId: 4, status: 'running' });
    service.emit({ type: 'epoch', runId: 4, metric: { epoch: 1, iteration: 80, trainLoss: 0.4, trainAcc: 0.9, testAcc: 0.88, testLoss: 0.41, seconds: 1.5 } });
    await stream.next(/"type":"epoch"[^\n]*\n\n/);
    const data = stream
      .received()
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => JSON.parse(block.slice('data: '.length)));
    expect(data).toEqual([
      { type: 'status', runId: 4, status: 'running' },
      { type: 'epoch', runId: 4, metric: { epoch: 1, iteration: 80, trainLoss: 0.4, trainAcc: 0.9, testAcc: 0.88, testLoss: 0.41, seconds: 1.5 } },
    ]);
    await stream.next(/: heartbeat\n\n/);
    stream.close();
    await vi.waitFor(() => expect(service.listenerCount()).toBe(before));
  });
});

describe('web host: the page', () => {
  it('serves the built renderer with its content types and a strict CSP', async () => {
    const index = await request({ port: host.port, path: '/?token=abc' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>lab</title>');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const script = await request({ port: host.port, path: '/assets/app.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await request({ port: host.port, path: '/assets/app.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await request({ port: host.port, path: '/assets/digits.bin' })).headers['content-type']).toBe('application/octet-stream');
    const head = await request({ port: host.port, path: '/assets/app.js', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await request({ port: host.port, path: '/nothing.js' })).status).toBe(404);
    expect((await request({ port: host.port, path: '/', method: 'POST' })).status).toBe(405);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/..\\secret.txt',
      `/${'%2e%2e/'.repeat(12)}etc/passwd`,
      '/assets/link.txt',
      '/assets/%00.js',
      '/%E0%A4%A',
    ]) {
      const response = await request({ port: host.port, path });
      expect([400, 404], path).toContain(response.status);
      expect(response.body, path).not.toContain('the secret');
      expect(response.body, path).not.toContain('root:');
    }
  });

  it('asks for npm run build when the renderer folder is missing', async () => {
    const bare = await startWebHost({ service, port: 0, rendererDir: join(dir, 'no-such-folder') });
    const response = await request({ port: bare.port, path: '/' });
    expect(response.status).toBe(503);
    expect(response.body).toContain('npm run build');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await bare.close();
  });
});

describe('web host: closing', () => {
  it('ends open event streams and stops listening', async () => {
    const own = fakeService();
    const temporary = await startWebHost({ service: own, port: 0, rendererDir });
    const stream = await openStream(temporary.port, `/api/events?token=${temporary.token}`);
    await stream.next(/: connected/);
    const ended = new Promise((resolve) => stream.response.on('close', resolve));
    await temporary.close();
    await ended;
    expect(own.listenerCount()).toBe(0);
    await expect(request({ port: temporary.port, path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
