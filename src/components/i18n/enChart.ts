// The loss chart's event markers, axis title and Gaussian-constant view (English).
export const enChart = {
  'chart.xTitle': 'training step',
  'chart.event.beta': 'β = {v}',
  'chart.event.sigmaX': 'σ = {v}',
  'chart.event.gaussian': 'Gaussian',
  'chart.event.bernoulli': 'Bernoulli',
  'chart.event.trickOn': 'trick on',
  'chart.event.trickOff': 'trick off',
  'chart.event.learningRate': 'lr = {v}',
  'chart.event.samples': 'L = {v}',
  'chart.event.batchSize': 'batch {v}',
  'chart.event.reset': 'reset',
  'chart.dropConstant': 'Without constant',
  'chart.dropConstantTitle': 'Subtract the Gaussian constant (D/2)·log 2πσ², which moves every curve when σ changes',
  'chart.withConstant': 'With the constant (D/2)·log 2πσ² = {c} nats (σ = {sigma})',
  'chart.withoutConstant': 'Without the constant (D/2)·log 2πσ²: reconstruction = ‖x − x̂‖²/(2σ²)',
};
