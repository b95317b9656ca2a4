/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { SERVICE_WORKER_FILE } from './src/client/crossOriginIsolation.ts';

/**
 * What the built page may load or run (a static site has no headers of its own, so a <meta>).
 * - script-src: our bundles only; 'wasm-unsafe-eval' lets WebAssembly compile (TF.js WASM and the
 *   kernels we assemble at run time) without allowing JS eval.
 * - worker-src 'self' blob:: the training/inference/import workers and the cross-origin isolation
 *   service worker (coi-serviceworker.js) are our files; the GEMM thread pool starts workers from
 *   Blob URLs.
 * - style-src 'unsafe-inline': the link's hide list is a <style> element and the PNG export writes
 *   computed styles into style attributes; neither can run script.
 * - img-src data: blob:: the favicon is a data: URL; exports render through blob:/data: images.
 * Only for the build: the dev server's HMR preamble is an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      // First in <head>: a meta policy only governs what comes after it.
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * Cross-origin isolation (COOP + COEP) on the dev and preview servers: it lets the training
 * worker share WebAssembly memory with helper threads, so its matrix products use both cores.
 * Everything the page loads is its own, so require-corp blocks nothing. A static host that can
 * set headers should send the same two (public/_headers does it on Netlify and Cloudflare Pages);
 * without them the service worker adds them (coiServiceWorker below), and where service workers
 * are unavailable the app runs single-threaded and says so in the backend menu.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * coi-serviceworker's service worker, copied from node_modules beside index.html at build time
 * (not committed): on a host that sends no COOP/COEP headers, src/client/crossOriginIsolation.ts
 * registers it, and the page reloads cross-origin isolated (threads). Its folder is its scope,
 * so it works under any sub-path like the rest of the site.
 */
function coiServiceWorker(): Plugin {
  return {
    name: 'coi-serviceworker',
    apply: 'build',
    generateBundle() {
      const file = createRequire(import.meta.url).resolve('coi-serviceworker/coi-serviceworker.min.js');
      this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source: readFileSync(file, 'utf8') });
    },
  };
}

// base './' so the built site works from any sub-path (e.g. a GitHub project page).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), coiServiceWorker()],
  worker: { format: 'es' },
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2000 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
