// The top bar: what is trained (dataset, model), the transport (Train/Pause, Step, Reset),
// what is happening (status line) and where it runs (backend menu); at the end the Save / Load
// menu and the Presentation toggle. A teacher's link may hide dataset, model and backend.
import type { ReactNode } from 'react';
import type { ClientState } from '../client/clientTypes';
import type { BackendChoice } from '../shared/protocol';
import type { HideTarget } from './hideControls';
import { useT } from './i18n/LanguageProvider';
import { SCHEMA, type DatasetName, type Settings, type ViewKind } from './hyperSchema';
import { useLanguage } from './i18n/LanguageProvider';
import { optionLabel } from './i18n/settingText';
import { BACKEND_CHOICES, BACKEND_LABELS, backendOptionLabel, statusText, triedText } from './statusText';
import { PretrainedMenu } from './PretrainedMenu';
import { usePlaygroundClient } from './usePlayground';

interface HeaderProps {
  state: ClientState;
  settings: Settings;
  onChange(patch: Partial<Settings>): void;
  onReset(): void;
  /** Where the language toggle goes once there is one. */
  languageSlot?: ReactNode;
  /** Controls the link hides (only dataset, kind and backend live here). */
  hidden?: ReadonlySet<HideTarget>;
  /** Presentation mode (bigger type, fewer panels) and its toggle. */
  present?: boolean;
  onPresent?(): void;
  /** The Save / Load menu. */
  menu?: ReactNode;
  /** Shown after the status line (the progress of long work). */
  children?: ReactNode;
}

const NONE: ReadonlySet<HideTarget> = new Set();

export function Header(props: HeaderProps) {
  const { state, settings, onChange, onReset, languageSlot, hidden = NONE, present = false, onPresent, menu, children } = props;
  const client = usePlaygroundClient();
  const t = useT();
  const { lang } = useLanguage();
  const ready = state.phase === 'ready';
  const datasets = SCHEMA.dataset.options.map((o) => ({
    value: o.value,
    label: state.manifest?.datasets.find((d) => d.name === o.value)?.title ?? o.label,
  }));
  // The user's own images join the menu once trained on (UploadPanel.tsx).
  const own = state.manifest?.datasets.find((d) => d.name === 'custom');
  if (own) datasets.push({ value: own.name, label: t('upload.datasetOption', { title: own.title }) });
  const runningLabel = state.backend ? BACKEND_LABELS[state.backend] : null;

  return (
    <header className="header">
      <h1 className="title">
        VAE <span className="title-light">Playground</span>
      </h1>

      <label className="field-inline" hidden={hidden.has('dataset')}>
        <span className="field-inline-label">{t('header.dataset')}</span>
        <select
          value={settings.dataset}
          onChange={(e) => onChange({ dataset: e.currentTarget.value as DatasetName })}
        >
          {datasets.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </label>

      <div role="radiogroup" aria-label={t('header.model')} className="segmented" hidden={hidden.has('kind')}>
        {SCHEMA.kind.options.map((o) => (
          <label key={o.value} className="segment">
            <input
              type="radio"
              name="model-kind"
              value={o.value}
              checked={settings.kind === o.value}
              onChange={() => onChange({ kind: o.value as ViewKind })}
            />
            <span>{optionLabel(lang, 'kind', o.value, o.label)}</span>
          </label>
        ))}
      </div>

      <div className="transport">
        <button
          type="button"
          className={`primary play ${state.running ? 'is-running' : ''}`}
          disabled={!ready}
          onClick={() => (state.running ? client.pause() : client.play())}
        >
          <span className="icon" aria-hidden="true">
            {state.running ? <PauseIcon /> : <PlayIcon />}
          </span>
          {t(state.running ? 'header.pause' : 'header.train')}
        </button>
        <button
          type="button"
          disabled={!ready || state.running}
          onClick={() => client.step(1)}
          title={t('header.stepTitle')}
        >
          {t('header.step')}
        </button>
        <button
          type="button"
          disabled={state.phase === 'starting'}
          onClick={() => {
            // Training steps are the user's work: ask first, as Load pretrained does.
            if (state.step > 0 && !window.confirm(t('header.resetConfirm', { n: state.step.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US') }))) return;
            onReset();
          }}
          title={t('header.resetTitle')}
        >
          {t('header.reset')}
        </button>
      </div>

      <span className="status" data-testid="status">
        {statusText(state, t)}
      </span>
      {children}

      <div className="header-end">
        <label className="field-inline" hidden={hidden.has('backend')}>
          <span className="field-inline-label">{t('header.backend')}</span>
          <select
            title={triedText(state.tried, t)}
            value={state.backendChoice}
            onChange={(e) => client.setBackend(e.currentTarget.value as BackendChoice)}
            data-backend={state.backend ?? ''}
          >
            {BACKEND_CHOICES.map((b) => (
              <option key={b.value} value={b.value}>
                {b.value === 'auto'
                  ? runningLabel
                    ? t('header.backendAutoRunning', { name: runningLabel })
                    : t('header.backendAuto')
                  : backendOptionLabel(b.value, state.backendProbe, t)}
              </option>
            ))}
          </select>
        </label>
        <PretrainedMenu />
        {menu}
        {onPresent && (
          <button type="button" className="present-toggle" aria-pressed={present} onClick={onPresent} title={t('header.presentationTitle')}>
            {t('header.presentation')}
          </button>
        )}
        {languageSlot}
      </div>
    </header>
  );
}

function PlayIcon() {
  return (
    <svg viewBox="0 0 12 12" width="12" height="12">
      <path d="M3 1.5v9l7.5-4.5z" fill="currentColor" />
    </svg>
  );
}

function PauseIcon() {
  return (
    <svg viewBox="0 0 12 12" width="12" height="12">
      <path d="M2.5 1.5h2.5v9H2.5zM7 1.5h2.5v9H7z" fill="currentColor" />
    </svg>
  );
}
