// Idea 6: KL(q ‖ N(0, I)) summed over dimensions, written out for the image in focus, and
// what Beta does with it.
import { useT } from '../../i18n/LanguageProvider';
import { useClientState } from '../../usePlayground';
import { useFocus } from '../ExplainContext';
import { klTerms } from '../klDivergence';
import { MathFormula, num } from '../math/MathFormula';
import { Rich } from '../math/Rich';
import { focusPhrase, Nats, NoFocus, TryIt, Worked } from '../parts';
import { F, klLive, klTerm } from '../formulas';

/** Dimensions written out term by term; the rest are summed into "+ ⋯". */
const WRITTEN = 2;

export function KlSection() {
  const t = useT();
  const state = useClientState();
  const focus = useFocus();
  const { beta } = state.config.hyper;
  if (state.config.model.kind !== 'vae') return <p className="xp-muted">{t('x.aeOnly')}</p>;

  let worked = null;
  if (focus?.logvar) {
    const logvar = focus.logvar;
    const terms = klTerms(focus.mu, focus.logvar);
    const total = terms.reduce((a, b) => a + b, 0);
    const slots: Record<string, string> = { kl: num(total, 2) };
    const written = Array.from({ length: Math.min(WRITTEN, terms.length) }, (_, j) => {
      slots[`m${j}`] = num(focus.mu[j], 2, true);
      slots[`s${j}`] = num(Math.exp(0.5 * logvar[j]), 2);
      return klTerm(j);
    });
    worked = (
      <Worked caption={t('x.kl.live', { what: focusPhrase(t, focus) })}>
        <MathFormula tex={klLive(written, terms.length > WRITTEN)} slots={slots} />
        <Rich text={t('x.kl.beta', { beta: beta.toFixed(1) })} slots={{ cost: <Nats v={beta * total} digits={2} /> }} />
      </Worked>
    );
  }

  return (
    <>
      <Rich text={t('x.kl.p1')} />
      <MathFormula tex={F.kl} />
      {worked ?? <NoFocus />}
      <Rich text={t('x.kl.p2')} />
      <TryIt text={t('x.kl.try')} />
    </>
  );
}
