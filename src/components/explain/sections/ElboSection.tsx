// Idea 3: ELBO = reconstruction − KL, with the latest test (or recent training) figures and,
// for the image in focus, its own two terms.
import { useT } from '../../i18n/LanguageProvider';
import { useClientState } from '../../usePlayground';
import { useExplain, useFocus } from '../ExplainContext';
import { klTotal } from '../klDivergence';
import { MathFormula, num } from '../math/MathFormula';
import { Rich } from '../math/Rich';
import { focusPhrase, Worked } from '../parts';
import { SECTION_TITLE } from '../sectionText';
import { useLiveMetrics } from '../useLiveData';
import { MC_REPEATS, useMonteCarlo } from '../useMonteCarlo';
import { F } from '../formulas';


export function ElboSection() {
  const t = useT();
  const store = useExplain();
  const state = useClientState();
  const focus = useFocus();
  const metrics = useLiveMetrics();
  const { hyper, model } = state.config;
  const mc = useMonteCarlo(model.kind === 'vae' ? focus : null, hyper.samples, hyper, state.weightsStep, 0);

  const figures = metrics.test ?? metrics.train;
  const caption = metrics.test
    ? t('x.elbo.liveTest', { count: metrics.test.count.toLocaleString('en-US'), step: metrics.test.step.toLocaleString('en-US') })
    : metrics.train
      ? t('x.elbo.liveTrain', { n: metrics.train.steps })
      : null;
  const imageKl = focus?.logvar ? klTotal(focus.mu, focus.logvar) : null;
  const objective = metrics.train ? metrics.train.objective : null;

  return (
    <>
      <Rich text={t('x.elbo.p1')} />
      <MathFormula tex={F.elbo} />
      <Rich text={t('x.elbo.p2')} />
      {figures && caption && (
        <Worked caption={caption}>
          <MathFormula
            tex={F.elboLive}
            slots={{ rec: num(-figures.recon, 1), kl: num(figures.kl, 1), elbo: num(figures.elbo, 1) }}
          />
        </Worked>
      )}
      {focus && mc && imageKl !== null && (
        <Worked caption={t('x.elbo.image', { what: focusPhrase(t, focus), n: mc.L * MC_REPEATS })}>
          <MathFormula tex={F.elboImage} slots={{ rec: num(mc.mean, 1), kl: num(imageKl, 1), elbo: num(mc.mean - imageKl, 1) }} />
        </Worked>
      )}
      <Rich text={t('x.elbo.beta')} />
      {hyper.beta !== 1 && objective !== null && metrics.train && (
        <MathFormula
          tex={F.objectiveLive}
          slots={{ rec: num(metrics.train.recon, 1), beta: num(hyper.beta, 1), kl: num(metrics.train.kl, 1), obj: num(objective, 1) }}
        />
      )}
      <Rich
        text={t('x.elbo.more')}
        slots={{
          link: (
            <button type="button" className="xp-link" onClick={() => store.show('logpx')}>
              {t(SECTION_TITLE.logpx)}
            </button>
          ),
        }}
      />
    </>
  );
}
