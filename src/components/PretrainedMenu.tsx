// The header's `Load pretrained` choice: the models shipped with the app (public/pretrained,
// each trained by `npm run train`; its command and test −ELBO are in the option's tooltip).
// It shows which one is on screen while that model is as shipped; once it has trained steps of
// its own (or after Reset or a loaded file) it shows "(your model)", and choosing a shipped
// model asks first. Failures are the client's notices.
import { useEffect, useState } from 'react';
import type { PretrainedEntry } from '../client/clientTypes';
import { useT } from './i18n/LanguageProvider';
import { useClientState, usePlaygroundClient } from './usePlayground';

function optionTitle(m: PretrainedEntry): string {
  const metric = m.model === 'vae' ? `test −ELBO ${(-m.test.elbo).toFixed(1)}` : `test reconstruction ${m.test.recon.toFixed(1)}`;
  return `${m.epochs} epochs, step ${m.step.toLocaleString('en-US')}, ${metric} nats · ${m.command}`;
}

export function PretrainedMenu() {
  const client = usePlaygroundClient();
  const state = useClientState();
  const t = useT();
  const [models, setModels] = useState<PretrainedEntry[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    // Without the list (an old build, no files) the menu stays empty and disabled.
    client.listPretrained().then((list) => live && setModels(list), () => {});
    return () => {
      live = false;
    };
  }, [client]);

  const shown = models.find((m) => m.id === state.pretrained);
  // As shipped: the model's own step. Any other step is training of the user's own.
  const current = shown && state.step === shown.step ? shown.id : '';
  const ownSteps = state.step > 0 && current === '';

  const choose = (id: string) => {
    const entry = models.find((m) => m.id === id);
    if (!entry || !client.loadPretrained) return;
    if (ownSteps && !window.confirm(t('header.pretrainedConfirm', { name: entry.title }))) return;
    setBusy(true);
    client
      .loadPretrained(id)
      .catch(() => {})
      .finally(() => setBusy(false));
  };

  return (
    <label className="field-inline" title={t('header.loadPretrainedTitle')}>
      <span className="field-inline-label">{t('header.loadPretrained')}</span>
      <select
        value={current}
        disabled={busy || state.phase !== 'ready' || models.length === 0}
        onChange={(e) => choose(e.currentTarget.value)}
      >
        {current === '' && <option value="">{t('header.pretrainedOwn')}</option>}
        {models.map((m) => (
          <option key={m.id} value={m.id} title={optionTitle(m)}>
            {m.title}
          </option>
        ))}
      </select>
    </label>
  );
}
