// The Electron window's security rules as plain functions, so that they are tested without Electron:
// the web preferences, which requests may leave the page (none to the network), which frames may call
// the lab, and the Content-Security-Policy header (on the app's own files only).

import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../contentPolicy';

/** The window's renderer runs sandboxed and isolated, with no Node; only the preload bridges the two. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const;

/** Whether a file: URL names a file inside `dir` (the built renderer), after resolving `..`. */
export function isFileInside(url: string, dir: string): boolean {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Whether the window may make this request. No network at run time: http(s), ws(s), ftp and every other
 * scheme are cancelled. Allowed: the renderer's own files, the developer tools, and data:/blob: URLs
 * (made in the page from bytes it already has; they never touch the network).
 */
export function isAllowedRequest(url: string, rendererDir: string): boolean {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  switch (scheme) {
    case 'file:':
      return isFileInside(url, rendererDir);
    case 'devtools:':
    case 'data:':
    case 'blob:':
      return true;
    default:
      return false;
  }
}

/** Who sent an IPC call, reduced to what the check needs (event.sender.id and event.senderFrame). */
export interface SenderInfo {
  webContentsId: number;
  /** The sending frame's URL, or null when the frame has navigated away or been destroyed. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

/** Only the main frame of a window the app created, showing the app's own page, may call the lab. */
export function isTrustedSender(sender: SenderInfo, trusted: { windowIds: ReadonlySet<number>; rendererDir: string }): boolean {
  if (!trusted.windowIds.has(sender.webContentsId)) return false;
  if (!sender.isMainFrame || sender.frameUrl === null) return false;
  return sender.frameUrl.toLowerCase().startsWith('file:') && isFileInside(sender.frameUrl, trusted.rendererDir);
}

export type ResponseHeaders = Record<string, string | string[]>;

/**
 * The headers a response gets: our Content-Security-Policy when it is one of the app's own files (the page
 * and everything it loads from dist/renderer), null — left as it came — for anything else the session
 * serves. The developer tools (devtools://) bring their own policy and break under ours
 * (electron/electron#22451); whatever else survives isAllowedRequest is not the lab's to police.
 */
export function headersForResponse(url: string, headers: ResponseHeaders | undefined, rendererDir: string): Record<string, string[]> | null {
  if (!url.toLowerCase().startsWith('file:') || !isFileInside(url, rendererDir)) return null;
  return withContentSecurityPolicy(headers);
}

/** The response headers with our Content-Security-Policy in place of any the response brought. */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
