// The LabApi over HTTP, for the page served by `npm run web`: each method a POST to /api/<method> with
// the token in x-lab-token, run events from one shared EventSource (the one address that carries the
// token: an EventSource cannot send a header). Failures become Errors whose message
// is the lab's sentence (and whose `kind` says what sort of failure it was).
// Written against small structural types rather than the DOM's, so that it also runs (and type-checks)
// under Node in the tests.

import type { LabApi, LabMethod, RunEvent } from '../../main/api/contract';

export interface FetchResponseLike {
  status: number;
  text(): Promise<string>;
}
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<FetchResponseLike>;

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

/** An error the lab reported, with its sentence as the message. */
export class LabCallError extends Error {
  readonly kind: string;
  constructor(message: string, kind: string) {
    super(message);
    this.name = 'LabCallError';
    this.kind = kind;
  }
}

const NO_TOKEN =
  'This page was opened without the lab’s token: open the address that `npm run web` printed (it ends in ?token=…).';
const NOT_ANSWERING = 'The lab’s web host is not answering: is `npm run web` still running?';

type Call = <M extends LabMethod>(method: M, args: Parameters<LabApi[M]>) => ReturnType<LabApi[M]>;

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
    const text = await response.text();
    let body: { ok?: boolean; value?: unknown; error?: { message?: string; kind?: string } };
    try {
      body = JSON.parse(text);
    } catch {
      throw new LabCallError(`The lab’s web host answered ${method} with something that is not the lab’s reply (HTTP ${response.status}).`, 'internal');
    }
    if (body.ok === true) return body.value;
    throw new LabCallError(body.error?.message ?? `The lab refused ${method} (HTTP ${response.status}).`, body.error?.kind ?? 'internal');
  }
  const call = request as Call;

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

  return {
    startRun: (...args) => call('startRun', args),
    pauseRun: (...args) => call('pauseRun', args),
    resumeRun: (...args) => call('resumeRun', args),
    cancelRun: (...args) => call('cancelRun', args),
    listRuns: (...args) => call('listRuns', args),
    getRun: (...args) => call('getRun', args),
    compareRuns: (...args) => call('compareRuns', args),
    updateRun: (...args) => call('updateRun', args),
    deleteRun: (...args) => call('deleteRun', args),
    exportWeights: (...args) => call('exportWeights', args),
    exportMetricsCsv: (...args) => call('exportMetricsCsv', args),
    exportRun: (...args) => call('exportRun', args),
    importRuns: (...args) => call('importRuns', args),
    listDatasets: (...args) => call('listDatasets', args),
    previewDataset: (...args) => call('previewDataset', args),
    evaluateWeights: (...args) => call('evaluateWeights', args),
    readParams: (...args) => call('readParams', args),
    readParamHistograms: (...args) => call('readParamHistograms', args),
    gradientCheck: (...args) => call('gradientCheck', args),
    cancelGradientCheck: (...args) => call('cancelGradientCheck', args),
    onRunEvent(listener) {
      listeners.add(listener);
      if (source === null) openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source !== null) {
          source.close();
          source = null;
        }
      };
    },
  };
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
