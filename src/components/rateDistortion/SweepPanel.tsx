// `Sweep β` beside the rate–distortion plane: the list of β values and the steps per model, the
// button, and while a sweep runs its progress (`model 3 of 6 · step 412`) with Pause/Resume and
// Cancel; each kept sweep with `Discard sweep`; the memory bound, stated. A bad list or budget,
// or a sweep that would not fit the bound, gets a note and nothing starts. Opening a point is the
// chart's (RateDistortionChart.tsx); its outcome is said here (`note`).
import { useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { isRunning, MAX_KEPT_BYTES, MAX_KEPT_MODELS, type SweepSnapshot } from '../../client/sweepStore';
import { DEFAULT_SWEEP_VALUES, parseSweepSteps, parseSweepValues, SWEEP_STEPS } from '../../shared/sweepValues';
import { useT } from '../i18n/LanguageProvider';
import type { Translate } from '../i18n/translate';
import { useClientState, usePlaygroundClient } from '../usePlayground';
import { listErrorText, mb, progressText, refusalText } from './sweepText';

export function useSweeps(): SweepSnapshot {
  const { sweeps } = usePlaygroundClient();
  return useSyncExternalStore(sweeps.subscribe, sweeps.get);
}

/** What was typed last: the plane unmounts while the loss curves are shown, the fields keep it. */
const typed = { values: DEFAULT_SWEEP_VALUES.join(', '), steps: SWEEP_STEPS.default.toLocaleString('en-US') };

/** A note worded when shown, so it follows the language. */
export type SweepNote = ((t: Translate) => string) | null;

export function SweepPanel({ note, onNote }: { note: SweepNote; onNote(note: SweepNote): void }) {
  const { sweeps } = usePlaygroundClient();
  const state = useClientState();
  const t = useT();
  const snap = useSweeps();
  const [valuesText, setValuesText] = useState(typed.values);
  const [stepsText, setStepsText] = useState(typed.steps);
  typed.values = valuesText;
  typed.steps = stepsText;
  const [bad, setBad] = useState<'values' | 'steps' | null>(null);
  const valuesId = useId();
  const stepsId = useId();
  const noteId = useId();

  const start = (e: FormEvent) => {
    e.preventDefault();
    const list = parseSweepValues(valuesText);
    if ('error' in list) {
      setBad('values');
      const error = list.error;
      return onNote((tr) => listErrorText(tr, error));
    }
    const steps = parseSweepSteps(stepsText);
    if (steps === null) {
      setBad('steps');
      return onNote((tr) => tr('sw.errSteps', { min: SWEEP_STEPS.valid.min, max: SWEEP_STEPS.valid.max.toLocaleString('en-US') }));
    }
    setBad(null);
    if (state.config.hyper.objective === 'capacity') return onNote((tr) => tr('sw.errCapacity'));
    const refusal = sweeps.start(list.values, steps);
    onNote(refusal ? (tr) => refusalText(tr, refusal) : null);
  };

  const active = snap.active;
  const p = active?.progress;
  const done = p ? p.index * p.steps + (p.phase === 'testing' ? p.steps : p.step) : 0;
  const pct = p ? Math.round((100 * done) / Math.max(1, p.of * p.steps)) : 0;
  const kept = snap.sweeps.filter((s) => !isRunning(s.progress));
  return (
    <div className="rd-sweep">
      <form className="rd-sweep-form" onSubmit={start} noValidate>
        <label htmlFor={valuesId}>{t('sw.values')}</label>
        <input
          id={valuesId}
          className="rd-sweep-values"
          value={valuesText}
          aria-invalid={bad === 'values'}
          aria-describedby={note ? noteId : undefined}
          onChange={(e) => setValuesText(e.currentTarget.value)}
        />
        <label htmlFor={stepsId}>{t('sw.steps')}</label>
        <input
          id={stepsId}
          className="rd-sweep-steps"
          inputMode="numeric"
          value={stepsText}
          aria-invalid={bad === 'steps'}
          onChange={(e) => setStepsText(e.currentTarget.value)}
        />
        <button type="submit" className="small" disabled={active !== null || state.phase !== 'ready'} title={t('sw.buttonTitle')}>
          {t('sw.button')}
        </button>
      </form>
      {active && p && (
        <div className="rd-sweep-run">
          <div
            className="rd-sweep-bar"
            role="progressbar"
            aria-label={t('sw.button')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={progressText(t, p)}
          >
            <div style={{ width: `${pct}%` }} />
          </div>
          <span className="num" data-testid="sweep-progress">
            {progressText(t, p)}
          </span>
          {p.phase === 'paused' ? (
            <button type="button" className="small" onClick={() => sweeps.resume()}>
              {t('sw.resume')}
            </button>
          ) : (
            <button type="button" className="small" onClick={() => sweeps.pause()}>
              {t('sw.pause')}
            </button>
          )}
          <button type="button" className="small" onClick={() => sweeps.cancel()}>
            {t('sw.cancel')}
          </button>
        </div>
      )}
      {kept.map((s) => (
        <div key={s.id} role="group" aria-label={t('sw.name', { n: s.number })} className="rd-sweep-kept">
          <strong>{t('sw.name', { n: s.number })}</strong>
          <span>
            {t('sw.summary', { models: s.models.length, of: s.values.length, steps: s.steps.toLocaleString('en-US') })}
            {s.progress.phase === 'cancelled' ? ` · ${t('sw.stopped')}` : ''}
          </span>
          <button type="button" className="small" onClick={() => sweeps.discard(s.id)}>
            {t('sw.discard')}
          </button>
        </div>
      ))}
      {(note ?? snap.note) && (
        <p id={noteId} className="rd-sweep-note" role="status">
          {note ? note(t) : snap.note}
        </p>
      )}
      {active && <p className="rd-sweep-hint">{t('sw.trainingPaused')}</p>}
      {(active || kept.length > 0) && (
        <p className="rd-sweep-hint">
          {snap.keptModels > 0 && `${t('sw.open')} `}
          {t('sw.bound', { models: MAX_KEPT_MODELS, mb: mb(MAX_KEPT_BYTES), kept: snap.keptModels, keptMb: mb(snap.keptBytes) })}
        </p>
      )}
    </div>
  );
}
