// The renderer build both Electron apps share (and the office's page): Vite with React, workspace
// packages from their sources, relative asset paths (the web shell serves the page over
// http://127.0.0.1, Electron under the app's protocol), and, with `csp`, the page's content security
// policy written into index.html's head from the one place the policies are kept (src/common/csp.ts).
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { PAGE_CSP } from './dist/src/common/csp.js';

/** `csp`: false for a page whose server sets its own policy (the office). */
export function rendererConfig({ csp = true } = {}) {
  const policy = {
    name: 'seggio-page-csp',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_CSP }, injectTo: 'head-prepend' }],
  };
  return defineConfig({
    root: 'src/renderer',
    base: './',
    plugins: [react(), ...(csp ? [policy] : [])],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: { outDir: '../../dist/renderer', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  });
}
