// For the PyTorch round-trip tests: a Python with torch and numpy (PYTHON, then /usr/bin/python3 —
// Debian's python3-torch — then python3 on PATH), or null with the names tried, and a runner
// that fails with the command's stderr.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

export function findTorchPython(): { python: string | null; tried: string[] } {
  const candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
  for (const c of candidates) {
    const r = spawnSync(c, ['-c', 'import torch, numpy'], { stdio: 'ignore', timeout: 60_000 });
    if (r.status === 0) return { python: c, tried: candidates };
  }
  return { python: null, tried: candidates };
}

/** Runs a command in the repository root with one OpenMP thread; its stdout, or a throw with its stderr. */
export function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 240_000, env: { ...process.env, OMP_NUM_THREADS: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** The last line of a script's stdout as load_vae.py --check and train_vae.py print it. */
export const lastJson = (out: string) =>
  JSON.parse(out.trim().split('\n').pop()!) as { test_nelbo: number; recon: number; kl: number; count: number; step?: number };
