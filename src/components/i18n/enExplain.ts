// The explanations, one short section per idea, in English. Markup the sections understand:
// **term** (bold, a term's first use), $…$ (inline math in TeX, rendered by Temml: see
// explain/math/mathml.ts) and {name} (a live value filled in by the section). jaExplain.ts has
// the same keys.

export const enExplain = {
  'x.tryIt': 'Try it',
  'x.nats': '{v} nats',
  'x.focusTest': 'the hovered image ({name}, test #{n})',
  'x.focusDrawn': 'your drawing',
  'x.focusNone': 'Hover a test point on the map, or draw a digit, and the numbers here become that image’s.',
  'x.noWeights': 'Waiting for the first weights…',
  'x.aeOnly': 'The AE neither samples nor pays KL: choose VAE to see this.',

  'x.network.title': 'Encoder → (μ, σ) → z → decoder',
  'x.network.short': 'Network',
  'x.network.topic': 'the network',
  'x.network.p1':
    'The top row of the page is the variational autoencoder (VAE) itself, drawn the way data flows through it. The **encoder** $q_θ(z|x)$ reads an image $x$ and answers not with one code but with a distribution: a mean $μ_j$ and a spread $σ_j$ for each latent dimension. A code $z$ is drawn from it, and the **decoder** $p_φ(x|z)$ turns $z$ back into an image $\\hat{x}$.',
  'x.network.live': 'For {what}:',
  'x.network.notation':
    'Notation: θ stands for the encoder’s weights and φ for the decoder’s, each in its colour throughout the page. Kingma & Welling (2014) use the letters the other way round (φ for the encoder, θ for the decoder); the mathematics is the same.',

  'x.reparam.title': 'The reparameterization trick',
  'x.reparam.short': 'Reparameterization',
  'x.reparam.topic': 'the reparameterization trick',
  'x.reparam.p1':
    'Training needs the gradient of the reconstruction with respect to the encoder, but a random draw $z ∼ 𝒩(μ, σ^2)$ has no derivative. The trick moves the randomness into a fixed noise $ε ∼ 𝒩(0, I)$ and builds $z$ with a formula that has one:',
  'x.reparam.live': 'For {what}, ε is redrawn every second:',
  'x.reparam.p2':
    'A change in $μ$ or $σ$ now moves $z$ in a known way, so the reconstruction gradient flows through $z$ back into θ.',
  'x.reparam.try':
    'Switch off **Reparameterization trick** and keep training. $z$ is still sampled, but with its gradient stopped: the reconstruction gradient no longer reaches the encoder, only the KL term does. Watch the codes drift toward the prior ($μ → 0$, $σ → 1$) and the clusters on the map dissolve. The reconstruction curve does not just stop improving: it climbs, because the decoder is handed codes that say less and less about the image.',
  'x.reparam.drift': 'Over the test codes now: mean $|μ|$ = {mu}, mean $σ$ = {sigma}.',
  'x.reparam.on': 'The trick is on.',
  'x.reparam.off': 'The trick is off: the encoder learns from KL alone.',

  'x.elbo.title': 'ELBO = reconstruction − KL',
  'x.elbo.short': 'ELBO',
  'x.elbo.topic': 'the ELBO and the loss curves',
  'x.elbo.p1':
    'A VAE is trained to make each image probable. $\\log p(x)$ itself cannot be computed, so the VAE maximises a lower bound of it, the **evidence lower bound** (ELBO):',
  'x.elbo.p2':
    'The first term rewards decodings that explain $x$; the second charges for moving the encoder’s distribution away from the prior $p(z) = 𝒩(0, I)$. Both are in nats per image, summed over the 784 pixels. The loss chart shows $−\\text{ELBO}$ = reconstruction + KL.',
  'x.elbo.liveTest': 'On {count} test images at step {step}:',
  'x.elbo.liveTrain': 'Training, mean of the last {n} steps:',
  'x.elbo.image': 'For {what}, with the reconstruction averaged over {n} samples:',
  'x.elbo.beta':
    'With **Beta** $β ≠ 1$ the optimiser minimises reconstruction + $β$·KL instead. The chart still reports the true ELBO ($β = 1$) and draws that objective as a curve of its own.',
  'x.elbo.more': 'How far below $\\log p(x)$ is the bound? See {link}.',

  'x.likelihood.title': 'Likelihood: Bernoulli or Gaussian',
  'x.likelihood.short': 'Likelihood',
  'x.likelihood.topic': 'the likelihood and decoder sigma',
  'x.likelihood.p1':
    'The decoder outputs a mean image $\\hat{x}$; the likelihood $p_φ(x|z)$ says how well it explains the real pixels $x$. **Bernoulli** treats each pixel as a coin that shows 1 with probability $\\hat{x}_i$:',
  'x.likelihood.grey':
    'An honest caveat: our pixels are grey levels between 0 and 1, not binarised to 0 or 1, and for grey pixels this Bernoulli formula is minus the binary cross-entropy between $x$ and $\\hat{x}$, not the log of a true probability (it is not normalised over grey values). It trains well, as in the classic PyTorch VAE example, but read its numbers as a cross-entropy rather than an exact $\\log p(x|z)$.',
  'x.likelihood.p2': '**Gaussian** treats each pixel as $\\hat{x}_i$ plus noise of spread $σ_x$ (**Decoder sigma**):',
  'x.likelihood.live': 'For {what}, with $\\hat{x}$ decoded from its $μ$ ({lik}):',
  'x.likelihood.p3':
    'With $σ_x = 1$ the Gaussian term is half the squared error plus a constant, the textbook derivation. On pixels in [0, 1] that error is small, so the term is weak next to KL: the codes crowd toward the prior and the decodings blur. A smaller $σ_x$ multiplies the error by $1/σ_x^2$ and sharpens them.',
  'x.likelihood.compare': 'For this image the error term is {err} and its KL is {kl}.',
  'x.likelihood.try':
    'Choose Gaussian and train for a while with $σ_x = 1$; then lower **Decoder sigma** to 0.1 and watch the reconstructions sharpen and the codes spread out.',

  'x.mc.title': 'Monte Carlo estimate with L samples',
  'x.mc.short': 'Monte Carlo',
  'x.mc.topic': 'Monte Carlo samples L',
  'x.mc.p1':
    'The reconstruction term is an expectation over $q_θ(z|x)$ with no closed form. Training estimates it from **Samples L** draws of $ε$ per image:',
  'x.mc.p2':
    'The estimate is right on average for any $L$, but noisy: its spread shrinks like $1/\\sqrt{L}$, and each step costs $L$ decodings.',
  'x.mc.live':
    'For {what}, each small dot is one sample’s $\\log p_φ(x|z^{(l)})$ and each large dot one estimate from $L$ = {L} samples, drawn {R} times.',
  'x.mc.spread': 'Spread of the estimate: {spread} (standard deviation of the {R} estimates).',
  'x.mc.try': 'Raise **Samples L** from 1 to 16: the large dots close ranks, about four times tighter.',
  'x.mc.again': 'Draw again',
  'x.mc.axis': 'log p(x|z), nats',

  'x.kl.title': 'KL pulls each posterior toward the prior',
  'x.kl.short': 'KL and β',
  'x.kl.topic': 'KL and Beta',
  'x.kl.p1':
    'Hover a test point (or draw a digit): the ellipse drawn around it on the map is that image’s posterior $q_θ(z|x)$, centred at $μ$ with radii $σ$ (magnified, with the factor written beside it, when $σ$ is too small to see). The dashed circles are the prior $𝒩(0, I)$ at 1σ, 2σ and 3σ. The KL term measures how far the ellipse is from that unit circle:',
  'x.kl.live': 'For {what}:',
  'x.kl.p2':
    'Each term is zero only where $μ_j = 0$ and $σ_j = 1$. Training minimises reconstruction + $β$·KL, so **Beta** sets how hard the pull is: $β > 1$ (β-VAE) pulls harder, the codes huddle in the prior and the decodings blur; $β < 1$ loosens it, the codes spread and sharpen, and samples from the prior get worse.',
  'x.kl.beta': 'With $β$ = {beta}, this image’s KL adds {cost} to the objective.',
  'x.kl.try': 'Set **Beta** to 4, train, and hover a test point: its ellipse swells toward the dashed circles and its KL shrinks. Then try 0.2.',

  'x.continuity.title': 'Why a continuous latent space',
  'x.continuity.short': 'Continuity',
  'x.continuity.topic': 'a continuous latent space',
  'x.continuity.p1':
    'A plain autoencoder only has to put each training image at some point; nothing says what lies between the points. A VAE decodes a random $z$ from each ellipse, so the whole neighbourhood of a code must decode well, and KL keeps the ellipses overlapping near the origin. The space fills in: points between clusters decode to plausible in-between images.',
  'x.continuity.live': 'The latent point ◎ is at {z}, {dist} from the nearest test code (a {label}).',
  'x.continuity.try':
    'Drag ◎ into a gap between two clusters and watch the decoded image. Then choose **Compare** in the Model switch to see the AE beside the VAE: the same drag gives garbage from the AE and a blend from the VAE.',

  'x.traversal.title': 'Disentanglement: one dimension at a time',
  'x.traversal.short': 'Traversals',
  'x.traversal.topic': 'latent traversals',
  'x.traversal.p1':
    'With three or more latent dimensions the map shows only two at a time. The **Traversal** tab decodes one row per dimension: $z_j$ runs from −3 to 3 while the other coordinates stay at the hovered image’s $μ$.',
  'x.traversal.p2':
    'When a row changes one property of the image (slant, width, stroke) and nothing else, that dimension is **disentangled**. A larger $β$ encourages this at some cost in reconstruction. Rows that do not change at all belong to inactive dimensions.',
  'x.traversal.live': 'Now: {d} latent dimensions, {active} of them active.',
  'x.traversal.open': 'Open the Traversal tab',
  'x.traversal.try': 'Set **Latent dimensions** to 8 or more, train, and open the Traversal tab; then compare $β$ = 1 with $β$ = 4.',

  'x.logpx.title': 'log p(x) versus the ELBO',
  'x.logpx.short': 'log p(x)',
  'x.logpx.topic': 'log p(x) and the ELBO gap',
  'x.logpx.p1':
    'The ELBO falls short of $\\log p(x)$ by exactly the KL divergence from the encoder’s $q_θ(z|x)$ to the true posterior $p_φ(z|x)$, which the encoder can only approximate:',
  'x.logpx.p2':
    'Importance sampling with $K$ draws from $q$ estimates $\\log p(x)$ itself (Burda et al., 2016); the estimate rises toward $\\log p(x)$ as $K$ grows:',
  'x.logpx.run': 'Estimate log p(x)',
  'x.logpx.progress': 'Importance-weighted estimate',
  'x.logpx.running': 'Estimating with K = {K}',
  'x.logpx.count': '{done} of {n} test images',
  'x.logpx.result': 'On {n} test images at step {step}, with K = {K}:',
  'x.logpx.gap': 'The gap of {gap} is what the encoder’s approximation costs.',
  'x.logpx.stale': 'Estimated at step {step}; the model has trained since.',
  'x.logpx.failed': 'The estimate failed: {message}',

  'x.active.title': 'Active units and posterior collapse',
  'x.active.short': 'Active units',
  'x.active.topic': 'active units',
  'x.active.p1': 'A latent dimension is **active** when its mean $μ_j$ changes from image to image:',
  'x.active.p2':
    'When $\\text{Var}_x(μ_j)$ stays below 0.01 the encoder ignores $x$ in that dimension: $q_θ(z_j|x) ≈ 𝒩(0, 1)$ for every image, its KL is 0 and the decoder learns to ignore it. This is **posterior collapse**. A few idle dimensions out of many are normal; a large $β$ or a weak reconstruction term (Gaussian with a large $σ_x$) collapses more, and when all collapse the decoder draws the same average image for every input.',
  'x.active.bars': 'Variance of $μ_j$ over {count} test images, per dimension (dashed line: 0.01):',
  'x.active.ok': 'All {d} dimensions are active.',
  'x.active.some': '{k} of {d} dimensions are inactive.',
  'x.active.all': 'All dimensions have collapsed: the codes carry no information about the image.',
  'x.active.none': 'No codes yet: train for a moment.',
} as const;

export type ExplainKey = keyof typeof enExplain;
