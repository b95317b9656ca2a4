// English text of the header's "Save / Load" menu (SaveLoad.tsx, SavedCheckpoints.tsx,
// ExportButtons.tsx). The button and field names are the accessible names ui.md and the e2e
// tests use. jaSaveLoad.ts has the same keys.

export const enSaveLoad = {
  'saveload.button': 'Save / Load',
  'saveload.panel': 'Save, load and export',
  'saveload.saveHeading': 'Save the model',
  'saveload.nameAria': 'Checkpoint name',
  'saveload.namePlaceholder': 'Name (optional)',
  'saveload.saveFile': 'Save to file',
  'saveload.saveBrowser': 'Save in browser',
  'saveload.loadHeading': 'Load a model',
  'saveload.loadFile': 'Load from file…',
  'saveload.loadFileAria': 'Load checkpoint file',
  'saveload.loadBrowser': 'Load from browser',
  'saveload.exportHeading': 'Export',
  'saveload.working': 'Working…',
  'saveload.quoted': '“{name}”',

  'saveload.listFailed': 'Saved checkpoints cannot be listed: {message}',
  'saveload.saveFailed': 'The model could not be saved: {message}',
  'saveload.savedFile': 'Saved the model as {file} ({size}).',
  'saveload.savedBrowser': 'Saved “{name}” in this browser.',
  'saveload.saveBrowserFailed': 'The model could not be saved in this browser: {message}',
  'saveload.loaded': 'Loaded {source}: {run}.',
  'saveload.loadFailed': 'Could not load {source}. {message}',
  'saveload.loadFailedUnchanged': 'Could not load {source}. {message} The current model is unchanged.',
  'saveload.tooLarge': 'Could not load {source}: it is {size}, and a checkpoint is at most {max}. The current model is unchanged.',
  'saveload.emptyFile': 'Could not load {source}: the file is empty. The current model is unchanged.',
  'saveload.readFailed': 'Could not read {source}: {message}. The current model is unchanged.',
  'saveload.readSavedFailed': '{message} The current model is unchanged.',

  'saveload.reading': 'Reading…',
  'saveload.empty': 'Nothing saved in this browser yet.',
  'saveload.savedList': 'Saved in this browser',
  'saveload.loadEntry': 'Load {name}',
  'saveload.deleteEntry': 'Delete {name}',
  'saveload.deleteTitle': 'Delete from this browser',

  'export.csv': 'Export CSV',
  'export.pngLoss': 'Export PNG: loss chart',
  'export.pngLatent': 'Export PNG: latent map',
  'export.noCurves': 'There are no curves to export yet: train the model first.',
  'export.lossTitle': 'Loss (nats per image)',
  'export.latentTitle': 'Latent space',
  'export.lossFailed': 'The loss (nats per image) could not be exported: {message}',
  'export.latentFailed': 'The latent space could not be exported: {message}',
  'saveload.stepWord': 'step',
} as const;

export type SaveLoadKey = keyof typeof enSaveLoad;
