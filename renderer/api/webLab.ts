// The LabApi over HTTP, for the page served by `npm run web`: each method a POST to /api/<method> with
// the token in x-lab-token, run events from one shared EventSource (the one address that carries the
// token: an EventSource cannot send a header). The methods are generated from LAB_METHODS, and the
// answers unwrapped by the same function as the Electron preload's: failures become LabCallErrors whose
// message is the lab's sentence (and whose `kind` says what sort of failure it was).
// Written against small structural types rather than the DOM's, so that it also runs (and type-checks)
// under Node in the tests.

import { LabCallError, generateLabApi, unwrapResult, type LabMethod } from '../../main/api/constants';
import type { LabApi, RunEvent } from '../../main/api/contract';

export interface FetchResponseLike {
  status: number;
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<FetchResponseLike>;

export interface EventSourceLike {
  onmessage: ((event: { data: string }) => void) | null;
  close(): void;
}
export type EventSourceFactory = new (url: string) => EventSourceLike;

export interface WebLabOptions {
  /** The per-start token of the web host (null when the page was opened without one). */
  token: string | null;
  /** Where the host is; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: FetchLike;
  EventSource?: EventSourceFactory;
}

export { LabCallError };

const NO_TOKEN = 'This page was opened without the lab’s token: open the address that `npm run web` printed (it ends in ?token=…).';
const NOT_ANSWERING = 'The lab’s web host is not answering: is `npm run web` still running?';

export function createWebLab(options: WebLabOptions): LabApi {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? (globalThis as unknown as { fetch: FetchLike }).fetch;

  async function request(method: LabMethod, args: unknown[]): Promise<unknown> {
    if (!options.token) throw new LabCallError(NO_TOKEN, 'usage');
    const trimmed = [...args];
    while (trimmed.length > 0 && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
    let response: FetchResponseLike;
    try {
      response = await doFetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-lab-token': options.token },
        body: JSON.stringify({ args: trimmed }),
      });
    } catch {
      throw new LabCallError(NOT_ANSWERING, 'internal');
    }
    const unreadable = `The lab’s web host answered ${method} with something that is not the lab’s reply (HTTP ${response.status}).`;
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch {
      throw new LabCallError(unreadable, 'internal');
    }
    return unwrapResult(body, unreadable);
  }

  const listeners = new Set<(event: RunEvent) => void>();
  let source: EventSourceLike | null = null;

  function openEvents(): void {
    const Factory = options.EventSource ?? (globalThis as unknown as { EventSource?: EventSourceFactory }).EventSource;
    if (!Factory || !options.token) return;
    source = new Factory(`${base}/api/events?token=${encodeURIComponent(options.token)}`);
    source.onmessage = (message) => {
      let event: RunEvent;
      try {
        event = JSON.parse(message.data) as RunEvent;
      } catch {
        return;
      }
      for (const listener of [...listeners]) listener(event);
    };
  }

  return generateLabApi(request, (listener) => {
    listeners.add(listener);
    if (source === null) openEvents();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source !== null) {
        source.close();
        source = null;
      }
    };
  });
}

const TOKEN_KEY = 'deep-learning-lab.token';

interface PageGlobals {
  location?: { href: string; search: string };
  history?: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  sessionStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * The token from the page's address (?token=…), kept for the tab's reloads in sessionStorage (this
 * origin's, this tab's only), then taken out of the address bar so that it is not bookmarked, copied
 * along with the address or shown on a projector. Why not a cookie instead: see main/web/server.ts.
 */
export function pageToken(): string | null {
  const page = globalThis as unknown as PageGlobals;
  const fromUrl = page.location ? new URLSearchParams(page.location.search).get('token') : null;
  let stored: string | null = null;
  try {
    if (fromUrl) page.sessionStorage?.setItem(TOKEN_KEY, fromUrl);
    stored = page.sessionStorage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    // No storage (a locked-down browser): the token stays in the address, or a reload would lose it.
  }
  if (fromUrl !== null && stored === fromUrl && page.location && page.history) {
    const clean = new URL(page.location.href);
    clean.searchParams.delete('token');
    page.history.replaceState(page.history.state, '', `${clean.pathname}${clean.search}${clean.hash}`);
  }
  return fromUrl ?? stored;
}

/** The web client for the page the host served, talking to its own origin. */
export function webLabFromPage(): LabApi {
  return createWebLab({ token: pageToken() });
}
