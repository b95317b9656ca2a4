// The references the benchmark runs beside the app: the bare TF.js loop (bare-loop.ts) and the
// same VAE trained by PyTorch on the CPU (native_vae.py), when a Python with torch is on this
// machine; and the conv VAE on WASM with our kernels (conv-loop.ts) beside the same conv model
// in PyTorch. Nothing is installed for it: without torch the report says so and the ratio stays empty.

import { spawnSync } from 'node:child_process';
import { lastJsonLine } from './nodeCli';

export interface NativeResult {
  framework: string;
  /** The model: the MLP VAE, or math.md's conv VAE. */
  arch?: 'mlp' | 'conv';
  parameters?: number;
  python: string;
  /** The BLAS the process actually loaded (from /proc/self/maps), e.g. "OpenBLAS 0.3.21 (openmp)". */
  blas: string;
  blasLibraries: string[];
  /** torch.__config__.show()'s BLAS_INFO (Debian's build says "generic"). */
  torchBlasInfo: string | null;
  /** The timed loop: `steps` steps after 20 untimed ones. */
  steps: number;
  imagesPerSec: number;
  msPerStep: number;
  /** CPU time of all the process's threads per step (robust when other processes share the cores). */
  cpuMsPerStep?: number;
  imagesPerCpuSec?: number;
  loadAverage1m?: number;
  /** A whole epoch of a fresh model (every training image once), and its test −ELBO. */
  epoch?: { steps: number; images: number; seconds: number; imagesPerSec: number; testNegElbo: number };
}

/** The conv VAE's training step on WASM with our kernels, in Node (conv-loop.ts). */
export interface ConvLoopResult {
  what: string;
  parameters: number;
  steps: number;
  batch: number;
  threads: number;
  msPerStep: number;
  /** CPU time of this process and its helper threads per step. */
  cpuMsPerStep: number;
  imagesPerSec: number;
  imagesPerCpuSec: number;
  lastLoss: number;
  /** Before and after the timed steps. */
  loadAverage1m: [number, number];
}

export interface BareLoopResult {
  what: string;
  steps: number;
  msPerStep: number;
  imagesPerSec: number;
}

/** Runs a script that prints one JSON line; its object, or why there is none. */
function runJsonScript<T>(root: string, command: string, args: string[], name: string, timeoutMs = 180_000): T | string {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: timeoutMs });
  if (r.status !== 0) return `${name} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout).slice(-500)}`;
  return lastJsonLine<T>(r.stdout) ?? `${name} printed no JSON: ${r.stdout.slice(-300)}`;
}

/** Runs bare-loop.ts (the bare TF.js loop) for `steps` steps; a reason string when it fails. */
export function runBareLoop(root: string, steps: number): BareLoopResult | string {
  return runJsonScript(root, process.execPath, ['--import', 'tsx', 'scripts/bench/bare-loop.ts', '--steps', String(steps)], 'bare-loop.ts');
}

/** The first Python that imports torch, or null. */
function pythonWithTorch(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return python;
  }
  return null;
}

/**
 * Runs native_vae.py (the timed loop, then a whole epoch) on the fastest BLAS installed: the
 * script itself prefers the OpenBLAS openmp build and names the one it loaded. A reason string
 * when it cannot run. On a busy machine an OpenMP BLAS slows down badly (its threads spin),
 * hence the long timeout.
 */
export function runNative(root: string, steps: number, threads: number, conv = false): NativeResult | string {
  const python = pythonWithTorch();
  if (python === null) return 'no Python with torch on this machine (e.g. Debian: apt-get install python3-torch libopenblas0-openmp)';
  // The conv VAE's step takes ≈ 0.4 s: a short timed loop, no epoch.
  const model = conv ? ['--arch', 'conv', '--warmup', '3', '--no-epoch'] : [];
  const args = ['scripts/bench/native_vae.py', '--steps', String(steps), '--threads', String(threads), ...model];
  const line = runJsonScript<Omit<NativeResult, 'python'>>(root, python, args, 'native_vae.py', 600_000);
  return typeof line === 'string' ? line : { ...line, python };
}

/** Runs conv-loop.ts (the conv VAE on WASM with our kernels) for `steps` steps on `threads` threads. */
export function runConvLoop(root: string, steps: number, threads: number): ConvLoopResult | string {
  return runJsonScript(root, process.execPath, ['--import', 'tsx', 'scripts/bench/conv-loop.ts', '--steps', String(steps), '--threads', String(threads)], 'conv-loop.ts', 300_000);
}
