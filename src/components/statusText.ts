// The visible status line and the backend tooltip, as pure functions of the client state.
import type { BackendAttempt, BackendChoice, BackendName } from '../workers/protocol';
import type { ClientState } from '../workers/clientTypes';

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** The choices the backend menu offers, in the worker's order of preference. */
export const BACKEND_CHOICES: ReadonlyArray<{ value: BackendChoice; label: string }> = [
  { value: 'auto', label: 'Auto' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU' },
];

const n = (v: number) => Math.round(v).toLocaleString('en-US');

/** e.g. "step 1,200 · epoch 2 · WebGL · 2,310 img/s"; earlier phases say what is happening. */
export function statusText(
  s: Pick<ClientState, 'phase' | 'step' | 'epoch' | 'backend' | 'imagesPerSec'>,
): string {
  const parts = [`step ${n(s.step)}`, `epoch ${n(s.epoch)}`];
  if (s.backend) parts.push(BACKEND_LABELS[s.backend]);
  else parts.push(s.phase === 'error' ? 'no backend' : 'starting…');
  if (s.imagesPerSec > 0) parts.push(`${n(s.imagesPerSec)} img/s`);
  return parts.join(' · ');
}

/** Why each backend before the running one was passed over, one per line. */
export function triedText(tried: readonly BackendAttempt[]): string {
  if (tried.length === 0) return 'No backend tried yet.';
  return tried
    .map((t) => `${BACKEND_LABELS[t.backend]}: ${t.ok ? 'running' : `not used${t.reason ? ` (${t.reason})` : ''}`}`)
    .join('\n');
}
