// The rate–distortion plane (English): the chart, its toggle and its explanation section.
// jaRateDistortion.ts has the same keys.
export const enRateDistortion = {
  'rd.title': 'Rate–distortion',
  'rd.unit': '(test, nats per image)',
  'rd.toggle': 'Rate–distortion',
  'rd.toggleTitle': 'Each model as a point: rate R (its KL) across, distortion D (its reconstruction) up; press again for the loss curves',
  'rd.xTitle': 'rate R = KL (nats)',
  'rd.yTitle': 'distortion D = reconstruction (nats)',
  'rd.yTitleShort': 'D (nats)',
  'rd.line': '−ELBO {c}',
  'rd.point': 'R {r} · D {d} · −ELBO {e}',
  'rd.pointAe': 'R n/a · D {d}',
  'rd.atStep': 'step {step}',
  'rd.empty': 'Each model appears here after its first test pass.',
  'rd.aeNote': 'An AE has no rate: it has no KL term, so its point sits on the D axis.',
  'rd.imgAria': 'Rate–distortion plane: each model’s test rate and distortion, and lines of equal −ELBO',

  'x.rd.title': 'Rate and distortion: what the ELBO sees',
  'x.rd.short': 'Rate–distortion',
  'x.rd.topic': 'rate and distortion',
  'x.rd.p1':
    'Split the −ELBO in two: the **rate** $R = \\mathrm{KL}(q(z|x)\\,\\|\\,p(z))$, how many nats the code carries about each image, and the **distortion** $D = -\\mathbb{E}_q[\\log p(x|z)]$, how badly the decoder redraws the image from that code. Every model is a point $(R, D)$.',
  'x.rd.live': 'Now, on the test images: R = {r} nats, D = {d} nats, −ELBO = R + D = {e} nats.',
  'x.rd.p2':
    'The ELBO only sees the sum $R + D$: all the points on one line of slope −1 (the faint lines, each with its −ELBO) are equally good to it, from a code that carries little and redraws badly to one that carries much and redraws well.',
  'x.rd.p3':
    'β picks the point: minimising $D + β R$ finds where the frontier of what this network can reach has slope $-β$. **β < 1** makes nats cheap: more rate, less distortion (toward an autoencoder). **β > 1** makes them dear: less rate, more distortion, blurrier images, and often a tidier code.',
  'x.rd.p4':
    'At **R → 0** the code carries nothing: every $q(z|x)$ is the prior, the decoder draws one average image (posterior collapse). It sits on the D axis, as high as D goes.',
  'x.rd.p5':
    'An **AE** has no rate: it maps each image to one point and has no KL term, so $R$ is not defined for it. The chart draws it on the D axis with a hollow mark: its distortion can be compared, its rate cannot.',
} as const;
