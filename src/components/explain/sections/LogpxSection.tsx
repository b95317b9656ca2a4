// Idea 9: log p(x) versus the ELBO. The button asks the training worker for the
// importance-weighted estimate (K = 100) on its 1,000 fixed test images, whose ELBO comes back
// with it, and shows the gap; the worker's progress messages drive the bar.
import { useT } from '../../i18n/LanguageProvider';
import { useClientState, usePlaygroundClient } from '../../usePlayground';
import { useExplain, useLogpxRun } from '../ExplainContext';
import { MathFormula, num } from '../math/MathFormula';
import { Rich } from '../math/Rich';
import { Nats, Worked } from '../parts';
import { F } from '../formulas';

/** Importance samples per image (Burda et al. report K = 5000; 100 is a classroom's minute). */
export const LOGPX_K = 100;

export function LogpxSection() {
  const t = useT();
  const client = usePlaygroundClient();
  const store = useExplain();
  const state = useClientState();
  const run = useLogpxRun();
  const vae = state.config.model.kind === 'vae';
  const evaluate = client.evaluate.bind(client);
  const progress = state.progress?.stage === 'evaluate' && run?.status === 'running' ? state.progress : null;

  const start = () => {
    const step = state.step;
    store.setLogpx({ status: 'running', K: LOGPX_K });
    evaluate(false, LOGPX_K).then(
      ({ metrics, logpx }) =>
        store.setLogpx(
          logpx === undefined
            ? { status: 'failed', K: LOGPX_K, message: 'no estimate returned' }
            : { status: 'done', K: LOGPX_K, logpx, elbo: metrics.elbo, count: metrics.count, step },
        ),
      (err: unknown) => store.setLogpx({ status: 'failed', K: LOGPX_K, message: err instanceof Error ? err.message : String(err) }),
    );
  };

  return (
    <>
      <Rich text={t('x.logpx.p1')} />
      <MathFormula tex={F.logpxGap} />
      <Rich text={t('x.logpx.p2')} />
      <MathFormula tex={F.logpxIw} />
      {!vae ? (
        <p className="xp-muted">{t('x.aeOnly')}</p>
      ) : (
        <div className="xp-row">
          <button
            type="button"
            className="xp-small xp-primary"
            disabled={!evaluate || state.phase !== 'ready' || run?.status === 'running'}
            onClick={start}
          >
            {t('x.logpx.run')}
          </button>
          {run?.status === 'running' && (
            <span className="xp-muted">
              {t('x.logpx.running', { K: run.K })}
              {progress && progress.total > 1 && (
                <> · {t('x.logpx.count', { done: progress.loaded.toLocaleString('en-US'), n: progress.total.toLocaleString('en-US') })}</>
              )}
            </span>
          )}
        </div>
      )}
      {run?.status === 'running' && (
        <div
          className="xp-progress"
          role="progressbar"
          aria-label={t('x.logpx.progress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress && progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : undefined}
        >
          <div
            className={`xp-progress-fill ${progress && progress.total > 0 ? '' : 'is-indeterminate'}`}
            style={progress && progress.total > 0 ? { width: `${(100 * progress.loaded) / progress.total}%` } : undefined}
          />
        </div>
      )}
      {run?.status === 'done' && (
        <Worked caption={t('x.logpx.result', { n: run.count.toLocaleString('en-US'), step: run.step.toLocaleString('en-US'), K: run.K })}>
          <div data-testid="logpx-result" data-logpx={run.logpx} data-elbo={run.elbo}>
            <MathFormula
              tex={F.logpxLive}
              slots={{ lp: num(run.logpx, 1), elbo: num(run.elbo, 1), gap: num(run.logpx - run.elbo, 1, true) }}
            />
          </div>
          <Rich text={t('x.logpx.gap')} slots={{ gap: <Nats v={run.logpx - run.elbo} /> }} />
          {state.step !== run.step && <p className="xp-muted">{t('x.logpx.stale', { step: run.step.toLocaleString('en-US') })}</p>}
        </Worked>
      )}
      {run?.status === 'failed' && <p className="xp-error">{t('x.logpx.failed', { message: run.message })}</p>}
    </>
  );
}
