/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * What the built page may load or run (a static site has no headers of its own, so a <meta>).
 * - script-src: our bundles only; 'wasm-unsafe-eval' lets WebAssembly compile (TF.js WASM and the
 *   kernels we assemble at run time) without allowing JS eval.
 * - worker-src blob:: the GEMM thread pool starts workers from Blob URLs.
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

// base './' so the built site works from any sub-path (e.g. a GitHub project page).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2000 },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
