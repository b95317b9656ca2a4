// English text of the model exchange in "Save / Load" (ModelExchange.tsx): open a model trained
// elsewhere, export one for PyTorch. `Open model…` and `Export for PyTorch` are ui.md's
// accessible names. jaModelExchange.ts has the same keys.

export const enModelExchange = {
  'exchange.heading': 'PyTorch and Keras',
  'exchange.open': 'Open model…',
  'exchange.openFolder': 'Open folder…',
  'exchange.openFolderAria': 'Open a model folder',
  'exchange.hint': 'A .vaeckpt, model.safetensors with its vae.json, or a TF.js model.json with its weight files: pick several files at once, a folder, or a .zip.',
  'exchange.export': 'Export for PyTorch',
  'exchange.exportTitle': 'A .zip of model.safetensors, vae.json and load_vae.py',
  'exchange.exported': 'Exported {file} ({size}): model.safetensors, vae.json and load_vae.py.',
  'exchange.exportFailed': 'The model could not be exported for PyTorch: {message}',
  'exchange.refused': 'Could not open {source}: {message} The current model is unchanged.',
  'exchange.tooLarge': 'Could not open {source}: the files add up to {size}, more than {max}. The current model is unchanged.',
  'exchange.readFailed': 'Could not read {source}: {message}. The current model is unchanged.',
  'exchange.files': '{n} files',
  'exchange.origin.pytorch': 'imported from PyTorch, step {step}',
  'exchange.origin.keras': 'imported from Keras (TF.js LayersModel), step {step}',
  'exchange.origin.playground': 'imported from a VAE Playground export, step {step}',
  'exchange.withOrigin': '{source} ({origin})',
} as const;

export type ModelExchangeKey = keyof typeof enModelExchange;
