// The web door: the built renderer and the same LabApi over HTTP, for a real browser where Electron
// cannot run. It listens on 127.0.0.1 only, answers only to Host 127.0.0.1:PORT or localhost:PORT (no
// DNS rebinding), and every /api call needs the token made at start-up.
// The token travels in the x-lab-token header, which no browser adds on its own: the printed address carries it once,
// the page keeps it in its tab's sessionStorage and takes it out of the address bar (renderer/api/
// webLab.ts). Only GET /api/events also reads it from ?token=, because an EventSource cannot send a
// header; that address is a subresource's, never shown, bookmarked or sent as a Referer. A method call
// reads the header only: the token in its address alone is refused.
// Why not an HttpOnly SameSite=Strict cookie: cookies are not kept apart by port, so the browser would
// hand it to every server on 127.0.0.1 (a classmate's lab on another port, any local process that
// listens), and SameSite counts every port of 127.0.0.1 as the same site. A header is sent only by
// this origin's own script: no other page can ride on it.
//   POST /api/<method>   body {"args": [...]}   →  {"ok": true, "value": …} | {"ok": false, "error": {message, kind}}
//   GET  /api/events     server-sent events: one `data: <RunEvent JSON>` per run event, a comment every 15 s
// (Just over 400 lines: the door's checks — host, token, body limits, the event stream, static files — are
// each short and read in request order; splitting them would scatter one request's path over files.)

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { LabError, labError } from '../../engine/errors';
import { createDispatcher, type CallResult } from '../api/dispatch';
import { MAX_TEXT_CHARS, errorToWire } from '../api/schemas';
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES } from '../api/constants';
import type { LabService } from '../api/service';
import { CONTENT_SECURITY_POLICY } from '../contentPolicy';
import { ImportBodyScanner } from './importBody';

/** A request body may carry a 200 MB text plus the JSON around it. */
export const MAX_BODY_BYTES = MAX_TEXT_CHARS + 1024 * 1024;
const HEARTBEAT_MS = 15_000;
/** An upload of dropped files (r4-data): its bytes as base64 (4 characters for 3 bytes), each file's path, and the JSON around them. */
const UPLOAD_BODY_BYTES = Math.ceil((UPLOAD_MAX_BYTES * 4) / 3) + UPLOAD_MAX_FILES * 1200 + 64 * 1024;

export interface WebHostOptions {
  service: Pick<LabService, 'api' | 'onRunEvent'>;
  /** 0 picks a free port. */
  port: number;
  /** Only the loopback address is accepted. */
  host?: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  maxBodyBytes?: number;
  heartbeatMs?: number;
}

export interface WebHost {
  /** The address to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Deep Learning Lab</title></head>
<body><h1>Deep Learning Lab</h1>
<p>The lab's page is not built yet. In the lab folder, run <code>npm run build</code>, then reload this page.</p>
</body></html>
`;

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: CallResult, extra: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), extra);
}

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error: { message, kind: 'usage' } }, extra);
}

function statusOf(result: CallResult): number {
  if (result.ok) return 200;
  switch (result.error.kind) {
    case 'internal':
      return 500;
    case 'missing':
      return 404;
    default:
      return 400;
  }
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

class BodyTooLarge extends Error {}

/** Reads a body whole; `inspect` (if given) sees each chunk as it arrives and may refuse by throwing. */
function readBody(req: IncomingMessage, limit: number, inspect?: { feed(chunk: Buffer): void; end(): void }): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (failed) {
        // The rest of a refused body is read and dropped, so the client reads the answer instead of a broken
        // upload; a body past the limit is cut off there.
        if (size > limit) req.destroy();
        return;
      }
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      try {
        inspect?.feed(chunk);
      } catch (error) {
        failed = true;
        chunks.length = 0;
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on as thrown: the caller tells a LabError (the learner's sentence) by instanceof
        reject(error);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      try {
        inspect?.end();
      } catch (error) {
        failed = true;
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on as thrown: the caller tells a LabError (the learner's sentence) by instanceof
        reject(error);
        return;
      }
      resolvePromise(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw labError('usage', 'web.localOnly', { host });
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw labError('usage', 'web.port', { value: String(options.port) });
  }
  const rendererDir = resolve(options.rendererDir);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const token = randomBytes(24).toString('base64url');
  const dispatch = createDispatcher(options.service);
  const streams = new Set<ServerResponse>();
  let port = 0;
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin.toLowerCase())) {
      refuse(res, 403, `The lab answers only its own page, not one from ${origin}.`);
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const isEvents = method === 'events';
    const header = req.headers['x-lab-token'];
    const given = (typeof header === 'string' ? header : undefined) ?? (isEvents ? url.searchParams.get('token') : null) ?? null;
    if (!sameToken(given, token)) {
      refuse(
        res,
        401,
        given
          ? 'The lab’s token does not match: the web host makes a new one each time it starts, so open the address it printed last.'
          : url.searchParams.has('token')
            ? 'The lab’s token goes in the x-lab-token header of a call, not in its address (only /api/events takes it there).'
            : 'This call needs the lab’s token: open the address the web host printed (it ends in ?token=…).',
      );
      return;
    }
    if (isEvents) {
      if (req.method !== 'GET') {
        refuse(res, 405, 'The run events are read with GET /api/events.', { Allow: 'GET' });
        return;
      }
      serveEvents(req, res);
      return;
    }
    if (req.method !== 'POST') {
      refuse(res, 405, `Lab calls are made with POST /api/<method> and a JSON body {"args": [...]}, not ${req.method}.`, { Allow: 'POST' });
      return;
    }
    let body: Buffer;
    try {
      // A run file is checked as it arrives, so one past its limits is refused before it is held whole.
      body = await readBody(
        req,
        method === 'uploadData' ? Math.min(maxBodyBytes, UPLOAD_BODY_BYTES) : maxBodyBytes,
        method === 'importRuns' ? new ImportBodyScanner() : undefined,
      );
    } catch (error) {
      if (error instanceof BodyTooLarge && method === 'uploadData') {
        // Refused before it is held: the sentence the page says for an upload past the cap.
        const declared = Number(req.headers['content-length']);
        const mb = Math.ceil((Number.isFinite(declared) ? (declared * 3) / 4 : UPLOAD_BODY_BYTES) / (1024 * 1024));
        sendJson(
          res,
          413,
          { ok: false, error: errorToWire(labError('usage', 'upload.tooLarge', { mb, max: UPLOAD_MAX_BYTES / (1024 * 1024) })) },
          { Connection: 'close' },
        );
        req.resume();
        return;
      }
      if (error instanceof BodyTooLarge) {
        refuse(res, 413, `The request is larger than the ${Math.round(maxBodyBytes / (1024 * 1024))} MB the lab accepts.`, { Connection: 'close' });
        req.resume();
        return;
      }
      if (error instanceof LabError) {
        // The rest of the body is read and dropped (not kept), so the page gets this answer, not a broken upload.
        // The connection stays open until it has arrived: closing it at once (Connection: close) made the
        // client's next write fail with EPIPE while the file was still being sent, before it read the answer.
        sendJson(res, 400, { ok: false, error: errorToWire(error) });
        req.resume();
        return;
      }
      throw error;
    }
    let args: unknown = [];
    if (body.length > 0) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
        body = Buffer.alloc(0); // the bytes are not needed once parsed: a large run file is not held twice while it is imported
      } catch {
        refuse(res, 400, `${method}: the request body is not JSON; send {"args": [...]}.`);
        return;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        refuse(res, 400, `${method}: the request body must be an object like {"args": [...]}.`);
        return;
      }
      args = (parsed as { args?: unknown }).args ?? [];
    }
    let name: string;
    try {
      name = decodeURIComponent(method);
    } catch {
      refuse(res, 400, 'That lab method name is not a valid path.');
      return;
    }
    const result = await dispatch(name, args);
    sendJson(res, statusOf(result), result);
  }

  function serveEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.service.onRunEvent((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    let done = false;
    const stop = () => {
      if (done) return;
      done = true;
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'The lab’s page is read with GET.\n', { Allow: 'GET, HEAD' });
      return;
    }
    if (!existsSync(join(rendererDir, 'index.html'))) {
      send(res, 503, 'text/html; charset=utf-8', NOT_BUILT_PAGE);
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      send(res, 400, 'text/plain; charset=utf-8', 'That address is not a valid path.\n');
      return;
    }
    if (pathname.includes('\0') || pathname.includes('\\')) {
      send(res, 400, 'text/plain; charset=utf-8', 'That address is not a valid path.\n');
      return;
    }
    const wanted = resolve(rendererDir, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    const file = await insideRealPath(rendererDir, wanted);
    if (file === null) {
      send(res, 404, 'text/plain; charset=utf-8', 'The lab has no such page.\n');
      return;
    }
    const info = await stat(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(file),
      'Content-Length': String(info.size),
      'Cache-Control': extname(file) === '.html' ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) {
      send(res, 403, 'text/plain; charset=utf-8', `The lab answers only at 127.0.0.1:${port} or localhost:${port}.\n`);
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    const handled = isApi ? serveApi(req, res, url) : serveStatic(req, res, url);
    handled.catch((error: unknown) => {
      const message = `Something went wrong in the lab: ${(error as Partial<Error> | null | undefined)?.message ?? String(error)}`;
      if (isApi) sendJson(res, 500, { ok: false, error: { message, kind: 'internal' } });
      else send(res, 500, 'text/plain; charset=utf-8', `${message}\n`);
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(labError('usage', 'web.portInUse', { port: options.port }));
      } else reject(error);
    });
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const stream of streams) stream.end();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}

/** The real path of `wanted` if it is a file inside `root` (symbolic links followed), else null. */
async function insideRealPath(root: string, wanted: string): Promise<string | null> {
  const inside = (base: string, path: string) => {
    const rel = relative(base, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  if (!inside(root, wanted)) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(wanted)]);
    if (!inside(realRoot, realFile)) return null;
    const info = await stat(realFile);
    return info.isFile() ? realFile : null;
  } catch {
    return null;
  }
}
