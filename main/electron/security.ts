// The window's walls: a strict CSP on the app's own pages and files, no request that is not the app's own files (the
// lab works with the cable unplugged), no navigation, no new windows, no webviews, no permissions.
// The rules themselves are plain functions in rules.ts; this file only wires them into Electron.

import { app, type BrowserWindowConstructorOptions, type Session } from 'electron';
import { WEB_PREFERENCES, headersForResponse, isAllowedRequest } from './rules';

export function secureSession(session: Session, rendererDir: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, rendererDir) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = headersForResponse(details.url, details.responseHeaders, rendererDir);
    callback(responseHeaders === null ? {} : { responseHeaders });
  });
}

/** Every web contents the app ever makes stays on its page and opens nothing else. */
export function secureAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Deep Learning Lab',
    backgroundColor: '#ffffff',
    webPreferences: { ...WEB_PREFERENCES, preload },
  };
}
