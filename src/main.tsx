// Entry point: read the link, start the workers once (outside React, so StrictMode's double
// effects cannot start two), and render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Base styles first: component stylesheets refine them.
import './components/styles.css';
import { isolateThroughServiceWorker } from './client/crossOriginIsolation';
import { App } from './components/App';
import { settingsToConfig } from './components/hyperSchema';
import { settingsFromParams, settingsToParams } from './components/settingsLink';
import { modelBFromParams } from './components/modelBLink';
import { LanguageProvider } from './components/i18n/LanguageProvider';
import { pageOptionsFromParams } from './components/pageOptions';
import { paletteCss } from './components/palette';
import { BACKEND_CHOICES } from './components/statusText';
import { PlaygroundProvider } from './components/usePlayground';
import { createPlaygroundClient } from './client/client';
import type { BackendChoice } from './shared/protocol';

// The palette's CSS variables go in before anything paints.
const paletteStyle = document.createElement('style');
paletteStyle.textContent = paletteCss();
document.head.prepend(paletteStyle);

const baseUrl = new URL(import.meta.env.BASE_URL, window.location.href).href;
// A host without COOP/COEP headers (GitHub Pages): the first visit installs the service worker
// that adds them and reloads once, before any worker starts. Elsewhere this returns at once.
const isolation = await isolateThroughServiceWorker(baseUrl);
if (isolation.state === 'reloading') await new Promise<never>(() => {});
if (isolation.state === 'single') console.info(`WASM trains on one thread: ${isolation.reason}.`);

const params = new URLSearchParams(window.location.search);
const { settings, notes } = settingsFromParams(params);
const { options: pageOptions, notes: pageNotes } = pageOptionsFromParams(params);
notes.push(...pageNotes);
// Compare's Model B (b.beta=4, …): a teacher's link opens the same pair.
const { modelB, notes: modelBNotes } = modelBFromParams(params);
notes.push(...modelBNotes);
const backendParam = params.get('backend');
const backend: BackendChoice = BACKEND_CHOICES.find((b) => b.value === backendParam)?.value ?? 'auto';
if (backendParam !== null && backend === 'auto' && backendParam !== 'auto') {
  const names = BACKEND_CHOICES.map((b) => b.label).join(', ');
  notes.push(`Backend: "${backendParam.slice(0, 32)}" is not one of ${names}; using Auto.`);
}

const client = createPlaygroundClient(settingsToConfig(settings), {
  backend,
  baseUrl,
  // A link without training settings (or with only the defaults) opens on the shipped pretrained
  // model, unless it says start=fresh.
  instantStart: settingsToParams(settings).size === 0 && !pageOptions.fresh,
  // model=compare: both models from the start (AE vs VAE).
  view: settings.kind,
  ...(modelB ? { modelB } : {}),
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <PlaygroundProvider client={client}>
      <LanguageProvider>
        <App linkNotes={notes} pageOptions={pageOptions} />
      </LanguageProvider>
    </PlaygroundProvider>
  </StrictMode>,
);
