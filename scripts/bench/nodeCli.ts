// The same model trained by the Node CLI (scripts/train.ts, TF.js WASM backend), for comparison
// with the browser: one epoch over a fixed subset, read from its JSON line.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NodeCliResult {
  command: string;
  /** The dataset it trained on (the same 512-256 MLP with a 2-D latent either way). */
  dataset: NodeCliDataset;
  trainSize: number;
  /** Training images per second over the epoch (the CLI's own figure; excludes the test pass). */
  imagesPerSec: number | null;
  /** Training images per CPU second of the whole CLI process over the same loop (null from a CLI without the figure). */
  imagesPerCpuSec: number | null;
  msPerStep: number | null;
  backend: string | null;
  /** Threads the CLI's matrix product used (with --threads auto: the count it measured fastest). */
  threads: number | null;
  /** os.availableParallelism() where the CLI ran. */
  hardwareConcurrency: number | null;
  /** Test −ELBO after the epoch, nats per image. */
  testNegElbo: number | null;
  /** The whole CLI run: start-up, data, training and the test pass, s. */
  wallSeconds: number;
  /** False when the CLI had printed its result but did not exit by itself and was stopped. */
  exitedByItself: boolean;
}

/** How long the CLI may linger after printing its result before it is stopped, ms. */
const EXIT_GRACE_MS = 5_000;

interface EpochLine {
  imagesPerSec?: number;
  imagesPerCpuSec?: number;
  msPerStep?: number;
  backend?: string;
  threads?: number;
  hardwareConcurrency?: number;
  test?: { elbo?: number };
}

/** The last JSON object among a script's stdout lines (by default the CLI's epoch line), or null. */
export function lastJsonLine<T = EpochLine>(stdout: string): T | null {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{'));
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      return JSON.parse(lines[i]!) as T;
    } catch {
      // A partial line: try the one before.
    }
  }
  return null;
}

/** MNIST (784 inputs, read from disk) or Shapes (1,024 inputs, drawn per batch). */
export type NodeCliDataset = 'mnist' | 'shapes';

export interface NodeCliOptions {
  /** Default 'mnist'. */
  dataset?: NodeCliDataset;
  /** Threads for our matrix product: a count, or 'auto' (measured, like the page's probe). */
  threads: number | 'auto';
  /** TF.js's own kernels only (--stock-kernels): the bare TF.js loop. */
  stockKernels: boolean;
}

export function runNodeCli(root: string, trainSize: number, options: NodeCliOptions, timeoutMs = 240_000): Promise<NodeCliResult> {
  const out = mkdtempSync(join(tmpdir(), 'vae-bench-'));
  const dataset = options.dataset ?? 'mnist';
  const args = [
    '--import', 'tsx', 'scripts/train.ts', '--dataset', dataset, '--model', 'vae', '--latent', '2',
    '--hidden', '512,256', '--epochs', '1', '--batch', '128', '--train-size', String(trainSize), '--seed', '1', '--out', out,
    '--threads', String(options.threads), ...(options.stockKernels ? ['--stock-kernels'] : []),
  ];
  const command = `node ${args.join(' ').replace(out, '<tmp>')}`;
  const t0 = performance.now();
  return new Promise<NodeCliResult>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    // It writes its checkpoint last: from then on it has nothing left to do.
    let grace: NodeJS.Timeout | undefined;
    let stopped = false;
    child.stderr.on('data', () => {
      if (grace || !stderr.includes('checkpoint.vaeckpt')) return;
      grace = setTimeout(() => {
        stopped = true;
        child.kill('SIGTERM');
      }, EXIT_GRACE_MS);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(grace);
      rmSync(out, { recursive: true, force: true });
      const line = lastJsonLine(stdout);
      if ((code !== 0 && !stopped) || !line) {
        reject(new Error(`train CLI exited ${code}: ${stderr.slice(-800)}`));
        return;
      }
      resolve({
        command,
        dataset,
        trainSize,
        imagesPerSec: line.imagesPerSec ?? null,
        imagesPerCpuSec: line.imagesPerCpuSec ?? null,
        msPerStep: line.msPerStep ?? null,
        backend: line.backend ?? null,
        threads: line.threads ?? null,
        hardwareConcurrency: line.hardwareConcurrency ?? null,
        testNegElbo: line.test?.elbo === undefined ? null : Math.round(-line.test.elbo * 10) / 10,
        wallSeconds: Math.round(performance.now() - t0) / 1000,
        exitedByItself: !stopped,
      });
    });
  });
}
