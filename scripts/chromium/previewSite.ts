// Builds the app into bench-results/site and serves it with `vite preview` on a free port
// (never 4173, which the e2e tests use).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const SITE_DIR = 'bench-results/site';
const VITE = join('node_modules', 'vite', 'bin', 'vite.js');
const E2E_PORT = 4173;

/** Datasets (idempotent) and a production build; throws with the build's output when it fails. */
export function buildSite(root: string, log: (s: string) => void): number {
  const t0 = performance.now();
  for (const [what, args] of [
    ['datasets', [join('scripts', 'build-datasets.mjs')]],
    ['build', [VITE, 'build', '--outDir', SITE_DIR, '--emptyOutDir', '--logLevel', 'warn']],
  ] as const) {
    log(`bench: ${what}…`);
    const r = spawnSync(process.execPath, [...args], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): ${(r.stderr || r.stdout).slice(-2000)}`);
  }
  return performance.now() - t0;
}

export function siteExists(root: string): boolean {
  return existsSync(join(root, SITE_DIR, 'index.html'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port && port !== E2E_PORT ? resolve(port) : freePort().then(resolve, reject)));
    });
  });
}

export interface Preview {
  url: string;
  stop(): void;
}

/** `vite preview` of the built site; resolves once it answers HTTP. */
export async function startPreview(root: string, timeoutMs = 30_000): Promise<Preview> {
  const port = await freePort();
  // Its own process group, so stopping it also stops anything it started.
  const child: ChildProcess = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', SITE_DIR, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}): ${output.slice(-1000)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not answer on ${url} within ${timeoutMs} ms: ${output.slice(-1000)}`);
}
