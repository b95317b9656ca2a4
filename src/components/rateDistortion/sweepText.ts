// The β sweep's words (SweepPanel.tsx): its progress (`model 3 of 6 · step 412`), why a list or
// a sweep is refused, megabytes. Pure, in the reader's language.
import type { SweepRefusal } from '../../client/sweepStore';
import type { SweepProgress } from '../../shared/protocol';
import type { SweepListError } from '../../shared/sweepValues';
import type { Translate } from '../i18n/translate';

const MB = 1e6;
export const mb = (bytes: number) => (bytes / MB).toLocaleString('en-US', { maximumFractionDigits: bytes < 10 * MB ? 1 : 0 });

/** A refused list in the reader's language (the CLI words the same check for the command line). */
export function listErrorText(t: Translate, e: SweepListError): string {
  switch (e.reason) {
    case 'tooMany':
      return t('sw.errTooMany', { max: e.max, count: e.count });
    case 'notNumber':
      return t('sw.errNotNumber', { part: e.part });
    case 'notPositive':
      return t('sw.errNotPositive', { value: e.value });
    case 'aboveMax':
      return t('sw.errAboveMax', { value: e.value, max: e.max });
    case 'repeated':
      return t('sw.errRepeated', { value: e.value });
  }
}

export function refusalText(t: Translate, r: SweepRefusal): string {
  if (r.reason === 'running') return t('sw.errRunning');
  if (r.reason === 'models') return t('sw.errModels', { adding: r.adding, total: r.kept + r.adding, max: r.max });
  return t('sw.errBytes', { total: mb(r.keptBytes + r.addingBytes), max: mb(r.maxBytes) });
}

/** `model 3 of 6 · step 412`, or `· testing`, with `paused` after it when paused. */
export function progressText(t: Translate, p: SweepProgress): string {
  const vars = { i: p.index + 1, n: p.of, step: p.step.toLocaleString('en-US') };
  const main = p.phase === 'testing' ? t('sw.testing', vars) : t('sw.progress', vars);
  return p.phase === 'paused' ? `${main} · ${t('sw.paused')}` : main;
}

