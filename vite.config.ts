// Builds the renderer (renderer/ → dist/renderer/). `base: './'` makes every asset path relative, so
// the Electron window can load the page from a file: URL. The built page also carries the lab's
// Content-Security-Policy as a <meta> (a file: page gets no response headers); frame-ancestors is left
// out there because browsers ignore it in a <meta> and warn about it.

import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './main/contentPolicy.ts';

function contentSecurityPolicy(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive && !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'dlab-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html
          // Same-origin files need no CORS mode, and a file: URL has no origin to be checked against.
          .replace(/\s+crossorigin(?=[\s>])/g, '')
          .replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // One offline page loaded from disk: a single large chunk costs nothing here.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        // Keep the libraries apart from the lab's own code, so a rebuild of the lab's code changes one file.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules/ }],
        },
      },
    },
  },
  server: { strictPort: false },
});
