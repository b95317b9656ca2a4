// Disentanglement (English): the capacity objective's chart line, the KL bars, MIG and the
// mutual-information matrix, colouring the map by a factor, the traversal labels, and the
// explanation section.
export const enDisentangle = {
  'hyper.betaOnly': 'β-VAE objective only.',
  'loss.capacity': 'Capacity C',
  'loss.klAxis': 'KL · C (nats)',

  'dis.title': 'Disentanglement',
  'dis.measure': 'Measure',
  'dis.measuring': 'Measuring…',
  'dis.mig': 'MIG {value}',
  'dis.atStep': 'at step {step}',
  'dis.notYet': 'MIG: after an epoch on Shapes, or press Measure.',
  'dis.noteNoFactors': 'No MIG: it needs a dataset whose factors are known (Shapes).',
  'dis.noteDim': 'No MIG with {d} latent dimension: it compares the two dimensions that know most about a factor.',
  'dis.noteDiverged': 'No MIG: the model has diverged (its codes are not numbers).',
  'dis.noteOther': 'No MIG: {note}',
  'dis.klCaption': 'KL per dimension',
  'dis.klTotal': 'Σ {total} nats',
  'dis.klAria': 'KL per dimension',
  'dis.klItem': '{z} {v} nats',
  'dis.klAe': 'The AE has no KL.',
  'dis.klWait': 'KL per dimension: once the test codes arrive.',
  'dis.miCaption': 'I(z; factor) / H',
  'dis.miAria': 'Mutual information',
  'dis.miAltLead': 'Share of each factor’s entropy each latent carries:',
  'dis.colourBy': 'Colour by',
  'dis.colourLabel': 'Label',
  'dis.colourMissing': 'No {factor} here: by label.',
  'dis.scaleAria': '{factor}: {lo} (dark) to {hi} (light)',

  'x.disentangle.title': 'Disentanglement: factors, β and MIG',
  'x.disentangle.short': 'Disentanglement',
  'x.disentangle.topic': 'disentanglement',
  'x.disentangle.p1':
    'A **factor of variation** is one thing that changes from image to image on its own: in Shapes, the shape, its scale, its orientation and its position x and y. The images are made from them, so we know each one’s true value.',
  'x.disentangle.p2':
    'The KL term pulls each $q(z|x)$ toward the prior $𝒩(0, I)$, whose dimensions are independent. A larger **β** pulls harder: the code can afford fewer nats, and it tends to spend them where they lower the reconstruction most, one factor per dimension — a **disentangled** code.',
  'x.disentangle.live': 'Now: β = {beta}, KL {kl} nats over {d} dimensions, {active} of them carrying more than 0.1 nats.',
  'x.disentangle.p3':
    '**MIG** (mutual information gap) asks, for each factor $v_k$, how much the best latent knows about it more than the second best: $\\frac{1}{K}\\sum_k (I_{(1)} − I_{(2)}) / H(v_k)$, each $μ_j$ cut into 20 bins. 1 means each factor sits in one dimension alone; 0 that it is shared or absent.',
  'x.disentangle.mig': 'This model: MIG {mig} at step {step}.',
  'x.disentangle.noMig': 'No MIG yet for this model: train on Shapes for an epoch, or press Measure.',
  'x.disentangle.p4':
    'Its limits: small values are normal (published β-VAEs on dSprites score about 0.1–0.3); it depends on the seed, so compare runs over a few seeds; and 20 bins cap what one latent can show of a 32-value position at about 0.86.',
  'x.disentangle.p5':
    '**Capacity annealing** (Burgess et al. 2018) replaces β·KL with $γ\\,|\\mathrm{KL} − C|$: the code may carry $C$ nats, and $C$ rises from 0 to $C_{max}$ over the ramp, so it learns the factors one at a time, those that help reconstruction most first. γ sets how firmly KL is held to $C$.',
  'x.disentangle.capacity': 'Now: capacity objective, γ = {gamma}, C = {c} of C max {cmax} nats.',
  'x.disentangle.try': 'Train Shapes at β = 1 and at β = 4 with the same seed, and compare MIG and the heat map.',
};
