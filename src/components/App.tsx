// The page: header, the model drawn left to right (LatentExplorer), and below it the knobs,
// the loss curves and the reconstructions. Decides which changes need new weights.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Header } from './Header';
import { HyperPanel } from './HyperPanel';
import {
  configToSettings,
  SCHEMA,
  settingsToConfig,
  settingsToParams,
  type SettingKey,
  type Settings,
} from './hyperSchema';
import { LatentExplorer } from './latent/LatentExplorer';
import { LossChart } from './LossChart';
import { Notices, type NoticeItem } from './Notices';
import { ProgressBar } from './ProgressBar';
import { ReconStrip } from './ReconStrip';
import { useClientState, usePlaygroundClient } from './usePlayground';

export interface AppProps {
  /** Values in the page's link that were corrected or ignored, to say so once. */
  linkNotes?: string[];
}

export function App({ linkNotes = [] }: AppProps) {
  const client = usePlaygroundClient();
  const state = useClientState();
  const settings = useMemo(() => configToSettings(state.config), [state.config]);
  const [linkNotices, setLinkNotices] = useState(() => linkNotes.map((message, i) => ({ key: `link-${i}`, message })));
  // Read at the moment of a change, so `change` (and the panels memoised on it) stay stable
  // while the step counts up every chunk.
  const stepRef = useRef(state.step);
  useEffect(() => {
    stepRef.current = state.step;
  }, [state.step]);

  const change = useCallback(
    (patch: Partial<Settings>) => {
      const changed = (Object.keys(patch) as SettingKey[]).filter((k) => patch[k] !== settings[k]);
      if (changed.length === 0) return;
      const next = { ...settings, ...patch };
      const resetting = changed.filter((k) => SCHEMA[k].needsReset);
      if (resetting.length > 0) {
        const what = resetting.map((k) => SCHEMA[k].label).join(' and ');
        // Declining leaves the controls bound to the unchanged config, so they snap back.
        if (stepRef.current > 0 && !window.confirm(`Changing ${what} resets the model. Continue?`)) return;
        client.reset(settingsToConfig(next));
        return;
      }
      const hyper = settingsToConfig(next).hyper;
      client.setHyper(Object.fromEntries(changed.map((k) => [k, hyper[k as keyof typeof hyper]])));
    },
    [client, settings],
  );

  // The link always describes what is on screen, so a teacher can share it as it is.
  useEffect(() => {
    const params = settingsToParams(settings, new URLSearchParams(window.location.search));
    if (state.backendChoice === 'auto') params.delete('backend');
    else params.set('backend', state.backendChoice);
    const query = params.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(window.history.state, '', url);
    }
  }, [settings, state.backendChoice]);

  const notices: NoticeItem[] = [
    ...linkNotices.map((n) => ({
      key: n.key,
      level: 'warning' as const,
      message: `Link: ${n.message}`,
      onDismiss: () => setLinkNotices((all) => all.filter((m) => m.key !== n.key)),
    })),
    ...state.notices.map((n) => ({
      key: `client-${n.id}`,
      level: n.level,
      message: n.message,
      onDismiss: () => client.dismissNotice(n.id),
    })),
  ];

  // Panels that read streams themselves need not re-render with every status update.
  const explorer = useMemo(() => <LatentExplorer />, []);
  const hyperPanel = useMemo(() => <HyperPanel settings={settings} onChange={change} />, [settings, change]);
  const { kind, beta } = settings;
  const lossChart = useMemo(() => <LossChart kind={kind} beta={beta} />, [kind, beta]);
  const reconStrip = useMemo(() => <ReconStrip />, []);

  return (
    <div className="app" data-phase={state.phase} data-running={state.running}>
      <Header state={state} settings={settings} onChange={change} onReset={() => client.reset(state.config)}>
        <ProgressBar progress={state.progress} />
      </Header>
      <main className="stage">
        <div className="explorer">{explorer}</div>
        <div className="lower">
          {hyperPanel}
          <div className="curves">
            {lossChart}
            {reconStrip}
          </div>
        </div>
      </main>
      <Notices items={notices} />
    </div>
  );
}
