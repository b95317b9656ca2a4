// English text of Compare's any-two pair: Model B's settings panel, the names each model goes by
// (its kind and the settings in which it differs), and what the maps say when the two latent
// spaces differ. jaCompare.ts has the same keys.

export const enCompare = {
  'cmp.modelB': 'Model B',
  'cmp.modelBEdit': 'Model B settings',
  'cmp.modelBHint': 'Model B differs from the panel’s model (Model A) in these settings and shares the rest. Kind, latent dimensions and layers give Model B new weights; Model A keeps its own.',
  'cmp.modelBConfirm': 'Changing {what} gives Model B new weights (its {n} training steps go); Model A keeps its own. Continue?',
  'cmp.modelBSameAsA': 'same as Model A',
  'cmp.modelBDefault': 'VAE vs AE (default pair)',
  'cmp.pairHint': 'Drag {glyph} in either map: both decoders get the same z.',
  'cmp.ownPoints': 'Model A has {a} latent dimensions and Model B {b}: one z cannot be both, so each map has its own point.',
  'cmp.cloudTitle': '{model}: each image is a small cloud',
  'cmp.pointTitle': '{model}: each image is one point',
  'cmp.latentDims': '{n}-D z',
  'cmp.trickOn': 'trick on',
  'cmp.trickOff': 'no trick',
  'loss.modelRecon': '{model} reconstruction',
  'loss.modelKl': '{model} KL',
  'loss.bKl': 'Model B KL',
} as const;
