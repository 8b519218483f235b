// Raw HTTP for the web host's tests: node:http sends the path and Host header exactly as given (fetch
// would normalise `..` away and refuse to set Host), which is what the traversal and rebinding tests need.

import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function request(options: {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  host?: string;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: options.host ?? '127.0.0.1',
        port: options.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens a server-sent event stream and collects what arrives. */
export function openStream(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ response: IncomingMessage; received: () => string; close: () => void; next: (pattern: RegExp) => Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'GET', headers: { Accept: 'text/event-stream', ...headers }, agent: false },
      (response) => {
        let text = '';
        const waiters: { pattern: RegExp; resolve: (match: string) => void }[] = [];
        response.setEncoding('utf8');
        response.on('error', () => {}); // destroying the request aborts the response: expected
        response.on('data', (chunk: string) => {
          text += chunk;
          for (const waiter of [...waiters]) {
            const match = text.match(waiter.pattern);
            if (match) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(match[0]);
            }
          }
        });
        resolve({
          response,
          received: () => text,
          close: () => req.destroy(),
          next: (pattern) =>
            new Promise((resolveMatch) => {
              const match = text.match(pattern);
              if (match) resolveMatch(match[0]);
              else waiters.push({ pattern, resolve: resolveMatch });
            }),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
