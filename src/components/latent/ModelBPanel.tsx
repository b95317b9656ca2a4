// Compare's `Model B` group: the second model's name (its kind and the settings in which it
// differs from Model A), and behind a button the settings themselves, drawn by the hyperparameter
// panel's own schema-driven controls (HyperPanel.tsx). A setting set back to Model A's value is
// shared again; one that needs new weights asks first when Model B has trained, and resets
// Model B only.
import { useId, useState } from 'react';
import { DEFAULT_MODEL_B, MODEL_B_KEYS, modelBNeedsNewWeights, type ModelBKey, type ModelBSettings } from '../../shared/modelB';
import type { SessionConfig } from '../../shared/protocol';
import { archOf } from '../../model/types';
import { Control } from '../HyperPanel';
import { configToSettings, parseHidden, type Settings } from '../hyperSchema';
import { useLanguage } from '../i18n/LanguageProvider';
import { settingLabel } from '../i18n/settingText';
import { useClientState, usePlaygroundClient } from '../usePlayground';
import type { ModelPair } from './modelPair';

const isModelBKey = (key: string): key is ModelBKey => (MODEL_B_KEYS as readonly string[]).includes(key);

/** A's value of a setting Model B may hold apart. */
function valueOfA(a: SessionConfig, key: ModelBKey): unknown {
  if (key === 'arch') return archOf(a.model);
  return key === 'kind' || key === 'latentDim' || key === 'hidden' ? a.model[key] : a.hyper[key];
}

/** B's settings after a control's change: a value equal to A's is no longer B's own. */
export function patchModelB(a: SessionConfig, b: ModelBSettings, patch: Partial<Settings>): ModelBSettings {
  const next: ModelBSettings = { ...b };
  for (const [key, raw] of Object.entries(patch)) {
    if (!isModelBKey(key)) continue;
    const value = key === 'hidden' ? parseHidden(String(raw)) : raw;
    if (value === null || value === undefined || (key === 'kind' && value !== 'vae' && value !== 'ae')) continue;
    if (String(value) === String(valueOfA(a, key))) delete next[key];
    else Object.assign(next, { [key]: value });
  }
  return next;
}

export function ModelBPanel({ pair }: { pair: ModelPair }) {
  const client = usePlaygroundClient();
  const state = useClientState();
  const { t, lang } = useLanguage();
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const kindId = useId();
  const current = state.modelB ?? DEFAULT_MODEL_B;
  const settingsB = configToSettings(pair.config.b);

  const change = (patch: Partial<Settings>) => {
    const next = patchModelB(state.config, current, patch);
    if (modelBNeedsNewWeights(state.config, current, next)) {
      const n = client.stepOf('b');
      const what = Object.keys(patch).filter(isModelBKey).map((k) => settingLabel(lang, k)).join(t('app.and'));
      if (n > 0 && !window.confirm(t('cmp.modelBConfirm', { what, n: n.toLocaleString('en-US') }))) return;
    }
    client.setModelB(next);
  };

  return (
    <div role="group" aria-label={t('cmp.modelB')} className="cmp-modelb">
      <span className="cmp-modelb-name">
        {t('cmp.modelB')}: <strong data-testid="model-b-label">{pair.label.b}</strong>
      </span>
      <button type="button" className="cmp-modelb-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
        {t('cmp.modelBEdit')}
      </button>
      {open && (
        <div id={bodyId} className="cmp-modelb-body">
          <p className="hint">{t('cmp.modelBHint')}</p>
          <div className="hyper-grid cmp-modelb-grid">
            <div className="control">
              <div className="control-head">
                <label htmlFor={kindId}>{settingLabel(lang, 'kind')}</label>
              </div>
              <select id={kindId} value={settingsB.kind} onChange={(e) => change({ kind: e.currentTarget.value as Settings['kind'] })}>
                <option value="vae">VAE</option>
                <option value="ae">AE</option>
              </select>
            </div>
            {MODEL_B_KEYS.filter((k) => k !== 'kind').map((key) => (
              <Control key={key} name={key} settings={settingsB} onChange={change} />
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
