import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../model/types';
import { DEFAULT_MODEL_B, MODEL_B_KEYS } from '../shared/modelB';
import type { SessionConfig } from '../shared/protocol';
import { SCHEMA } from './hyperSchema';
import { MODEL_B_LINK_NAMES, modelBFromParams, modelBToParams } from './modelBLink';
import { LINK_NAMES, pageOptionsFromParams } from './pageOptions';
import { noticeText } from './i18n/noticeText';

const a: SessionConfig = {
  dataset: 'mnist',
  model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] },
  hyper: { ...DEFAULT_HYPER },
  seed: 1,
};
const read = (query: string) => modelBFromParams(new URLSearchParams(query));

describe('Model B in a link (b.* names)', () => {
  it('has one b. name per setting B may hold apart, each A’s own link name, all known to the page', () => {
    expect(MODEL_B_LINK_NAMES).toEqual(MODEL_B_KEYS.map((k) => `b.${SCHEMA[k].param}`));
    expect(MODEL_B_LINK_NAMES).toEqual(expect.arrayContaining(['b.beta', 'b.model', 'b.z', 'b.hidden', 'b.lik', 'b.sigma', 'b.L', 'b.reparam']));
    for (const name of MODEL_B_LINK_NAMES) expect(LINK_NAMES.has(name)).toBe(true);
    // So the page does not call them unknown.
    expect(pageOptionsFromParams(new URLSearchParams('b.beta=4&b.z=3')).notes).toEqual([]);
  });

  it('without b.* names opens the default pair', () => {
    expect(read('model=compare&beta=2')).toEqual({ modelB: null, notes: [] });
  });

  it('reads b.beta=4 as a VAE like A with β = 4, and every setting as A’s are read', () => {
    expect(read('b.beta=4')).toEqual({ modelB: { beta: 4 }, notes: [] });
    expect(read('b.model=ae&b.z=10&b.hidden=256-128&b.lik=gaussian&b.sigma=0.5&b.L=3&b.reparam=0')).toEqual({
      modelB: { kind: 'ae', latentDim: 10, hidden: [256, 128], likelihood: 'gaussian', sigmaX: 0.5, samples: 3, reparam: false },
      notes: [],
    });
  });

  it('clamps out-of-range values and refuses nonsense, each with a note that says it is Model B’s', () => {
    const clamped = read('b.beta=1e9&b.z=999&b.L=-4');
    expect(clamped.modelB).toEqual({ beta: SCHEMA.beta.type === 'range' ? SCHEMA.beta.max : NaN, latentDim: 64, samples: 1 });
    expect(clamped.notes).toHaveLength(3);
    for (const note of clamped.notes) expect(note).toMatch(/^Model B: /);
    const refused = read('b.beta=abc&b.model=compare&b.lik=poisson&b.hidden=3-3&b.reparam=maybe');
    expect(refused.modelB).toEqual({});
    expect(refused.notes).toEqual([
      'Model B: Model: "compare" is not one of the choices; kept vae.',
      'Model B: Hidden layers: "3-3" is not one of the choices; kept 512-256.',
      'Model B: Beta: "abc" is not a number; kept 1.',
      'Model B: Likelihood: "poisson" is not one of the choices; kept bernoulli.',
      'Model B: Reparameterization trick: "maybe" is not on/off; kept on.',
    ]);
    // The notes read in Japanese too, B's name first.
    expect(noticeText(refused.notes[2], 'ja')).toMatch(/^モデル B：β（ベータ）「abc」は/);
    // A hostile value is cut short, never echoed whole.
    const long = read(`b.beta=${'9'.repeat(5000)}`);
    expect(long.notes[0].length).toBeLessThan(200);
  });

  it('writes only what differs from A, with B’s kind, and nothing for the default pair; reads back the same pair', () => {
    expect(modelBToParams(a, DEFAULT_MODEL_B).toString()).toBe('');
    expect(modelBToParams(a, { kind: 'ae', hidden: [512, 256] }).toString()).toBe('');
    const beta4 = modelBToParams(a, { beta: 4 });
    expect(beta4.toString()).toBe('b.model=vae&b.beta=4');
    expect(read(beta4.toString()).modelB).toEqual({ kind: 'vae', beta: 4 });
    const ae10 = modelBToParams(a, { kind: 'ae', latentDim: 10, hidden: [256], reparam: false });
    expect(ae10.toString()).toBe('b.model=ae&b.z=10&b.hidden=256&b.reparam=0');
    // B the same as A is still a pair of its own, not the default one.
    expect(modelBToParams(a, {}).toString()).toBe('b.model=vae');
    // Old b.* names go when B changes.
    const into = new URLSearchParams('lr=0.003&b.beta=4&b.z=5');
    expect(modelBToParams(a, { kind: 'ae' }, into).toString()).toBe('lr=0.003');
  });
});
