import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/contentPolicy';
import { WEB_PREFERENCES, headersForResponse, isAllowedRequest, isTrustedSender, withContentSecurityPolicy } from '../../../main/electron/rules';

const rendererDir = join('/opt', 'lab', 'resources', 'app.asar', 'dist', 'renderer');
const page = pathToFileURL(join(rendererDir, 'index.html')).href;

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('Content-Security-Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('allows only the page’s own origin, for everything', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    // WebAssembly compilation for the engine's own kernel, never JavaScript eval.
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it('names no remote origin and allows no inline script or eval', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|'unsafe-eval'|'unsafe-inline'/);
  });

  it('replaces whatever CSP a response brought, in any letter case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' });
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'Content-Type': ['text/html'] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('where the Content-Security-Policy goes', () => {
  const devtoolsPolicy = { 'Content-Security-Policy': ["script-src 'self' 'unsafe-eval'"], 'Content-Type': ['text/html'] };

  it('on the app’s page and every file it loads from the renderer folder', () => {
    for (const url of [page, pathToFileURL(join(rendererDir, 'assets', 'index-abc123.js')).href]) {
      expect(headersForResponse(url, { 'Content-Type': ['text/html'] }, rendererDir)).toEqual({
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      });
    }
    expect(headersForResponse(page.replace('file:', 'FILE:'), undefined, rendererDir)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('not on the developer tools, which keep their own policy (ours would stop their eval and break them)', () => {
    expect(headersForResponse('devtools://devtools/bundled/devtools_app.html', devtoolsPolicy, rendererDir)).toBeNull();
    expect(headersForResponse('devtools://devtools/bundled/shell.js', undefined, rendererDir)).toBeNull();
  });

  it('not on anything else the session answers: other files, in-page data, another scheme', () => {
    for (const url of [
      pathToFileURL(join(rendererDir, '..', 'electron', 'main.js')).href,
      pathToFileURL(join(rendererDir, '..', '..', 'renderer-evil', 'index.html')).href,
      'data:text/html,<p>hi</p>',
      'blob:file:///1234',
      'chrome-extension://abc/page.html',
    ]) {
      expect(headersForResponse(url, devtoolsPolicy, rendererDir), url).toBeNull();
    }
  });
});

describe('the window’s web preferences', () => {
  it('isolate the page, sandbox it and give it no Node', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('no network at run time', () => {
  it('lets the page load its own files', () => {
    expect(isAllowedRequest(page, rendererDir)).toBe(true);
    expect(isAllowedRequest(pathToFileURL(join(rendererDir, 'assets', 'index-3f2a.js')).href, rendererDir)).toBe(true);
    expect(isAllowedRequest(`${page}#/runs/3`, rendererDir)).toBe(true);
  });

  it('cancels every network scheme', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'http://localhost/',
      'ws://127.0.0.1:1234/',
      'wss://example.com/socket',
      'ftp://example.com/file',
      'HTTPS://EXAMPLE.COM/',
      'chrome-extension://abc/x.js',
      'javascript:alert(1)',
      'about:blank',
      'no-scheme-at-all',
    ]) {
      expect(isAllowedRequest(url, rendererDir), url).toBe(false);
    }
  });

  it('refuses files outside the renderer, however the path is written', () => {
    for (const url of [
      'file:///etc/passwd',
      pathToFileURL(join(rendererDir, '..', 'electron', 'main.js')).href,
      `${pathToFileURL(rendererDir).href}/../../package.json`,
      `${pathToFileURL(rendererDir).href}/%2e%2e/%2e%2e/package.json`,
      pathToFileURL(`${rendererDir}-evil/index.html`).href,
    ]) {
      expect(isAllowedRequest(url, rendererDir), url).toBe(false);
    }
  });

  it('allows the developer tools and in-page data', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', rendererDir)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,iVBORw0KGgo=', rendererDir)).toBe(true);
    expect(isAllowedRequest('blob:file:///5b1f-4e', rendererDir)).toBe(true);
  });
});

describe('who may call the lab', () => {
  const trusted = { windowIds: new Set([3]), rendererDir };

  it('the main frame of an app window showing the app’s page', () => {
    expect(isTrustedSender({ webContentsId: 3, frameUrl: page, isMainFrame: true }, trusted)).toBe(true);
  });

  it('nobody else', () => {
    expect(isTrustedSender({ webContentsId: 4, frameUrl: page, isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frameUrl: page, isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frameUrl: null, isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frameUrl: 'https://example.com/', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frameUrl: 'file:///tmp/evil.html', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 3, frameUrl: 'devtools://devtools/x.html', isMainFrame: true }, trusted)).toBe(false);
  });
});
