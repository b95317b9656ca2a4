// `node --import tsx scripts/bench-drag.ts --dist DIR [--port N] [--arch conv|mlp] [--backend wasm|webgl|cpu|auto] [--moves 200] [--reps 1]`:
// the bench's drag-while-training session alone (scripts/bench/session.ts, as `npm run bench`
// runs it for the conv VAE), against an app already built into DIR (`npx vite build --outDir DIR`),
// served on its own port so it can run beside other builds. Prints the drag latency (pointer
// event → decoded image painted) with the training rate and the 1-minute load average around it.

import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium/launchChromium';
import { runSession, type BackendRequest } from './bench/session';

const { values } = parseArgs({
  options: {
    dist: { type: 'string' }, port: { type: 'string', default: '4213' }, arch: { type: 'string', default: 'conv' },
    backend: { type: 'string', default: 'wasm' }, moves: { type: 'string', default: '200' }, reps: { type: 'string', default: '1' },
    warm: { type: 'string', default: '4000' }, window: { type: 'string', default: '6000' },
  },
});
if (!values.dist) {
  process.stderr.write('usage: node --import tsx scripts/bench-drag.ts --dist DIR [--port N] [--arch conv|mlp] [--backend wasm] [--moves 200] [--reps 1]\n');
  process.exit(2);
}
const port = Number(values.port);
const url = `http://127.0.0.1:${port}/`;
const child = spawn(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--outDir', values.dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
const stop = () => {
  if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
};
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

try {
  for (let i = 0; i < 100; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const { browser } = await launchChromium();
  try {
    for (let rep = 0; rep < Number(values.reps); rep++) {
      const before = load();
      const s = await runSession(browser, url, {
        backend: values.backend as BackendRequest, batch: 128, hidden: '512-256', arch: values.arch === 'mlp' ? 'mlp' : 'conv',
        warmMs: Number(values.warm), windowMs: Number(values.window), dragMoves: Number(values.moves), endurance: null, idleDragMoves: 0, heap: false,
      }, (m) => process.stderr.write(`${m}\n`));
      const d = s.dragWhileTraining;
      console.log(JSON.stringify({
        arch: values.arch, backend: s.backend, threads: s.threads, load1m5m15m: { before, after: load() },
        chunkImagesPerSec: s.training?.throughput.chunkImagesPerSec ?? null,
        drag: d ? { moves: d.moves, latencyMs: d.latencyMs, longTasks: d.longTasks } : null, errors: [...s.errors, ...s.pageErrors],
      }));
    }
  } finally {
    await browser.close();
  }
} finally {
  stop();
}
