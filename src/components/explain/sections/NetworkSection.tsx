// Idea 1: encoder → (μ, σ) → z → decoder, with the numbers of the image in focus.
import { useT } from '../../i18n/LanguageProvider';
import { useClientState } from '../../usePlayground';
import { useFocus, useSample } from '../ExplainContext';
import { MathFormula } from '../math/MathFormula';
import { Rich } from '../math/Rich';
import { focusPhrase, NoFocus, Worked } from '../parts';
import { NetworkFlow } from './NetworkFlow';
import { F } from '../formulas';

export function NetworkSection() {
  const t = useT();
  const focus = useFocus();
  const sample = useSample();
  const state = useClientState();
  const vae = state.config.model.kind === 'vae';
  return (
    <>
      <Rich text={t('x.network.p1')} />
      <MathFormula tex={vae ? F.networkVae : F.networkAe} />
      {focus ? (
        <Worked caption={t('x.network.live', { what: focusPhrase(t, focus) })}>
          <NetworkFlow
            focus={focus}
            sample={sample}
            weightsStep={state.weightsStep}
            labels={{ input: t('lx.inputImage', { caption: focusPhrase(t, focus) }), output: t('lx.decodedAria') }}
          />
        </Worked>
      ) : (
        <NoFocus />
      )}
      <Rich className="xp-note" text={t('x.network.notation')} />
    </>
  );
}
