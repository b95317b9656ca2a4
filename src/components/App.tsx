// The page: header, the model drawn left to right (LatentExplorer), and below it the knobs,
// the loss curves and the reconstructions. Decides which changes need new weights, which
// panels a teacher's link or presentation mode leaves out, and keeps the link in sync.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ExplainProvider } from './explain/ExplainContext';
import { ExplainDrawer } from './explain/ExplainDrawer';
import { Header } from './Header';
import { hiddenControlsCss } from './hideControls';
import { HyperPanel } from './HyperPanel';
import {
  configToSettings,
  SCHEMA,
  settingsToConfig,
  type SettingKey,
  type Settings,
} from './hyperSchema';
import { settingsToParams } from './settingsLink';
import { modelBToParams } from './modelBLink';
import { RateDistortionChart } from './rateDistortion/RateDistortionChart';
import { RdToggle } from './rateDistortion/RdToggle';
import { DEFAULT_MODEL_B } from '../shared/modelB';
import { useLanguage } from './i18n/LanguageProvider';
import { LanguageToggle } from './i18n/LanguageToggle';
import { noticeText } from './i18n/noticeText';
import { settingLabel } from './i18n/settingText';
import { CompareExplorer } from './latent/CompareExplorer';
import { LatentExplorer } from './latent/LatentExplorer';
import type { ColourChoice } from './disentangle/colourBy';
import { LossChart } from './LossChart';
import { Notices, type NoticeItem } from './Notices';
import { defaultPageOptions, hiddenPanels, pageOptionsToParams, unknownParams, type PageOptions } from './pageOptions';
import { ProgressBar } from './ProgressBar';
import { ReconStrip } from './ReconStrip';
import type { NoticeLevel } from './noticeLevel';
import { SaveLoad } from './SaveLoad';
import { UploadPanel } from './UploadPanel';
import { useClientState, usePlaygroundClient } from './usePlayground';
import { useHiddenTabPause } from './useHiddenTabPause';
import './presentation.css';

/** Success notes go by themselves; warnings and errors stay until dismissed. */
const INFO_NOTICE_MS = 8_000;

export interface AppProps {
  /** Values in the page's link that were corrected or ignored, to say so once. */
  linkNotes?: string[];
  /** How the link asks the page to be shown (presentation mode, hidden controls, language). */
  pageOptions?: PageOptions;
}

interface LocalNotice {
  key: string;
  level: NoticeLevel;
  message: string;
}

export function App({ linkNotes = [], pageOptions: linkOptions }: AppProps) {
  const client = usePlaygroundClient();
  const state = useClientState();
  const settings = useMemo(() => configToSettings(state.config, state.view), [state.config, state.view]);
  const { t, lang } = useLanguage();
  const [linkNotices, setLinkNotices] = useState(() => linkNotes.map((message, i) => ({ key: `link-${i}`, message })));
  const [present, setPresent] = useState(() => linkOptions?.present ?? false);
  const [colourBy, setColourBy] = useState<ColourChoice>(() => linkOptions?.colour ?? 'label');
  const options = useMemo(() => ({ ...(linkOptions ?? defaultPageOptions()), present, lang, colour: colourBy }), [linkOptions, present, lang, colourBy]);
  const hiddenPanel = useMemo(() => hiddenPanels(options), [options]);

  const [localNotices, setLocalNotices] = useState<LocalNotice[]>([]);
  const noticeCount = useRef(0);
  const dismissLocal = useCallback((key: string) => setLocalNotices((all) => all.filter((n) => n.key !== key)), []);
  const addNotice = useCallback(
    (level: NoticeLevel, message: string) => {
      const key = `local-${noticeCount.current++}`;
      setLocalNotices((all) => [...all.filter((n) => n.message !== message), { key, level, message }].slice(-4));
      if (level === 'info') setTimeout(() => dismissLocal(key), INFO_NOTICE_MS);
    },
    [dismissLocal],
  );
  const [keepTraining, setKeepTraining] = useState(false);
  useHiddenTabPause({
    running: state.running,
    keepTraining,
    pause: () => client.pause(),
    notify: () => addNotice('info', 'Training paused while the tab was hidden. Press Train to go on.'),
  });
  // Read at the moment of a change, so `change` (and the panels memoised on it) stay stable
  // while the step counts up every chunk.
  const stepRef = useRef(state.step);
  useEffect(() => {
    stepRef.current = state.step;
  }, [state.step]);

  const change = useCallback(
    (patch: Partial<Settings>) => {
      let changed = (Object.keys(patch) as SettingKey[]).filter((k) => patch[k] !== settings[k]);
      if (changed.length === 0) return;
      const next = { ...settings, ...patch };
      // AE vs VAE: the worker keeps every model kind, so switching is neither a reset nor a hyperparameter.
      // Compare starts both models at one step; it asks first when that replaces training of the user's own.
      if (changed.includes('kind')) {
        void client.setView(next.kind, (plan) =>
          window.confirm(t(plan.kind === 'fresh' ? 'app.compareConfirmFresh' : 'app.compareConfirmShipped', { n: plan.lost.toLocaleString('en-US'), step: plan.step.toLocaleString('en-US') })),
        );
      }
      changed = changed.filter((k) => k !== 'kind');
      if (changed.length === 0) return;
      const resetting = changed.filter((k) => SCHEMA[k].needsReset);
      if (resetting.length > 0) {
        const what = resetting.map((k) => settingLabel(lang, k)).join(t('app.and'));
        // Declining leaves the controls bound to the unchanged config, so they snap back.
        if (stepRef.current > 0 && !window.confirm(t('app.confirmReset', { what }))) return;
        client.reset(settingsToConfig(next));
        return;
      }
      const hyper = settingsToConfig(next).hyper;
      client.setHyper(Object.fromEntries(changed.map((k) => [k, hyper[k as keyof typeof hyper]])));
    },
    [client, settings, t, lang],
  );

  // The link always describes what is on screen, so a teacher can share it as it is.
  useEffect(() => {
    const params = pageOptionsToParams(options, settingsToParams(settings, new URLSearchParams(window.location.search)));
    // Model B's own settings (b.*); the AE view shows B's config, against which B has none.
    if (state.view !== 'ae') modelBToParams(state.config, state.modelB ?? DEFAULT_MODEL_B, params);
    for (const name of unknownParams(params)) params.delete(name);
    if (state.backendChoice === 'auto') params.delete('backend');
    else params.set('backend', state.backendChoice);
    // Commas are fine in a query and keep hide=beta,lik readable when a teacher copies the link.
    const query = params.toString().replaceAll('%2C', ',');
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(window.history.state, '', url);
    }
  }, [settings, state.backendChoice, options, state.view, state.config, state.modelB]);

  const notices: NoticeItem[] = [
    ...linkNotices.map((n) => ({
      key: n.key,
      level: 'warning' as const,
      message: t('app.linkNote', { message: noticeText(n.message, lang) }),
      onDismiss: () => setLinkNotices((all) => all.filter((m) => m.key !== n.key)),
    })),
    ...state.notices.map((n) => ({
      key: `client-${n.id}`,
      level: n.level,
      message: n.message,
      onDismiss: () => client.dismissNotice(n.id),
    })),
    ...localNotices.map((n) => ({ ...n, onDismiss: () => dismissLocal(n.key) })),
  ];

  // Panels that read streams themselves need not re-render with every status update.
  const comparing = settings.kind === 'compare';
  const explorer = useMemo(
    () => (comparing ? <CompareExplorer /> : <LatentExplorer colourBy={colourBy} onColourBy={setColourBy} />),
    [comparing, colourBy],
  );
  const hyperPanel = useMemo(() => <HyperPanel settings={settings} onChange={change} />, [settings, change]);
  const { kind, beta, objective, cMax, rampSteps } = settings;
  const capacity = useMemo(() => (objective === 'capacity' ? { cMax, rampSteps } : null), [objective, cMax, rampSteps]);
  // The curves' place shows the loss curves or the rate–distortion plane (its button toggles).
  const [rdPlane, setRdPlane] = useState(false);
  const lossChart = useMemo(
    () =>
      rdPlane ? (
        <RateDistortionChart comparing={kind === 'compare'} onToggle={() => setRdPlane(false)} />
      ) : (
        <LossChart kind={kind} beta={beta} capacity={capacity} switcher={<RdToggle pressed={false} onToggle={() => setRdPlane(true)} />} />
      ),
    [kind, beta, capacity, rdPlane],
  );
  const reconStrip = useMemo(() => <ReconStrip />, []);
  const menu = useMemo(
    () => (
      <>
        <UploadPanel onNotice={addNotice} />
        <SaveLoad onNotice={addNotice} />
      </>
    ),
    [addNotice],
  );
  const hideCss = useMemo(() => hiddenControlsCss(options.hide, settings), [options.hide, settings]);
  const showHyper = !hiddenPanel.has('hyper');
  const showCurves = !hiddenPanel.has('curves');
  const showRecon = !hiddenPanel.has('recon');

  return (
    <ExplainProvider>
      <div className={`app ${present ? 'is-present' : ''}`} data-phase={state.phase} data-running={state.running}>
        {hideCss && <style>{hideCss}</style>}
        <Header
          state={state}
          settings={settings}
          onChange={change}
          onReset={() => client.reset(state.config)}
          hidden={options.hide}
          present={present}
          onPresent={() => setPresent((p) => !p)}
          menu={hiddenPanel.has('files') ? null : menu}
          languageSlot={
            <>
              <label className="keep-background" title={t('header.keepTrainingTitle')}>
                <input type="checkbox" checked={keepTraining} onChange={(e) => setKeepTraining(e.target.checked)} /> {t('header.keepTraining')}
              </label>
              <LanguageToggle />
            </>
          }
        >
          <ProgressBar progress={state.progress} />
        </Header>
        <main className="stage" data-lower={showHyper || showCurves || showRecon}>
          <div className="explorer">{explorer}</div>
          {(showHyper || showCurves || showRecon) && (
            <div className="lower" data-hyper={showHyper} data-curves={showCurves || showRecon}>
              {showHyper && hyperPanel}
              {(showCurves || showRecon) && (
                <div className="curves" data-both={showCurves && showRecon}>
                  {showCurves && lossChart}
                  {showRecon && reconStrip}
                </div>
              )}
            </div>
          )}
        </main>
        <ExplainDrawer />
        <Notices items={notices} />
      </div>
    </ExplainProvider>
  );
}
