// Disentanglement (English): the capacity objective's chart line, the KL bars, MIG and the
// mutual-information matrix, colouring the map by a factor, and the traversal labels.
export const enDisentangle = {
  'hyper.betaOnly': 'β-VAE objective only.',
  'loss.capacity': 'Capacity C',
};
