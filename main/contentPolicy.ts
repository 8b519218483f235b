// The Content-Security-Policy of the lab's page, one string for both places that serve it: the Electron
// window (a response header set by main/electron/security.ts) and the web host (main/web/server.ts).
// Everything comes from the page's own origin; nothing from anywhere else, no inline script, no eval.
// Styles need no 'unsafe-inline': the built renderer links its CSS as a file, and React, Recharts and
// dnd-kit set inline styles through the CSSOM (element.style), which CSP does not govern.
// img-src allows data: and blob: because filter and sample images are drawn to canvases and shown as URLs.
// 'wasm-unsafe-eval' lets the engine compile its own WebAssembly matrix kernel (built from source in the
// repository) — it permits WebAssembly compilation only, never JavaScript eval.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
