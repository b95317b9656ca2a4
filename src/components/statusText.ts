// The visible status line and the backend tooltip, as pure functions of the client state.
import type { BackendAttempt, BackendChoice, BackendName, BackendProbe } from '../shared/protocol';
import type { ClientState } from '../client/clientTypes';
import { tEn, type Translate } from './i18n/translate';

export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** The choices the backend menu offers, in the worker's order of preference. */
export const BACKEND_CHOICES: ReadonlyArray<{ value: BackendChoice; label: string }> = [
  { value: 'auto', label: 'Auto' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU' },
];

const n = (v: number) => Math.round(v).toLocaleString('en-US');

/** e.g. "step 1,200 · epoch 2 · WebGL · 2,310 img/s"; earlier phases say what is happening. */
export function statusText(
  s: Pick<ClientState, 'phase' | 'step' | 'epoch' | 'backend' | 'imagesPerSec'>,
  t: Translate = tEn,
): string {
  const parts = [t('status.step', { n: n(s.step) }), t('status.epoch', { n: n(s.epoch) })];
  if (s.backend) parts.push(BACKEND_LABELS[s.backend]);
  else parts.push(t(s.phase === 'error' ? 'status.noBackend' : 'status.starting'));
  if (s.imagesPerSec > 0) parts.push(t('status.throughput', { n: n(s.imagesPerSec) }));
  return parts.join(' · ');
}

/**
 * A backend menu entry with its figure from the speed probe: "WASM · 3,412 img/s" (with the
 * measured thread count when more than one: "WASM · 4 threads · 6,921 img/s"), or that it did not
 * run; the bare name when it was not measured.
 */
export function backendOptionLabel(backend: BackendName, probe: BackendProbe | null, t: Translate = tEn): string {
  const name = BACKEND_LABELS[backend];
  const result = probe?.results.find((r) => r.backend === backend);
  if (!result) return name;
  if (result.imagesPerSec === null) return t('header.backendProbeFailed', { name });
  return result.threads !== undefined && result.threads > 1
    ? t('header.backendMeasuredThreads', { name, n: n(result.imagesPerSec), threads: String(result.threads) })
    : t('header.backendMeasured', { name, n: n(result.imagesPerSec) });
}

/** Why each backend before the running one was passed over, one per line. */
export function triedText(tried: readonly BackendAttempt[], t: Translate = tEn): string {
  if (tried.length === 0) return t('tried.none');
  return tried
    .map((a) => {
      const name = BACKEND_LABELS[a.backend];
      if (a.ok) return t('tried.running', { name });
      return a.reason ? t('tried.notUsedWhy', { name, reason: a.reason }) : t('tried.notUsed', { name });
    })
    .join('\n');
}
