// The hyperparameter panel, generated from the schema: one control per field, each with its
// label, its current value as text, a one-line hint and, for the fields an idea of the VAE
// hangs on, an (i) to its explanation. Live fields apply as you move them (debounced); fields
// that need new weights apply on release, through the App's confirm.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { InfoButton } from './explain/InfoButton';
import type { SectionId } from './explain/explainStore';
import { SETTING_SECTION } from './explain/sectionText';
import { useLanguage } from './i18n/LanguageProvider';
import { optionLabel, reasonText, settingHint, settingLabel } from './i18n/settingText';
import {
  applicability,
  PANEL_KEYS,
  shownInPanel,
  STACKED_KEYS,
  SCHEMA,
  type ChoiceField,
  type RangeField,
  type SettingKey,
  type Settings,
} from './hyperSchema';
import './hyperPanel.css';

/** Live sliders send at most one update per this many ms while dragging, and always the last. */
const SLIDER_THROTTLE_MS = 80;

interface HyperPanelProps {
  settings: Settings;
  onChange(patch: Partial<Settings>): void;
}

export function HyperPanel({ settings, onChange }: HyperPanelProps) {
  const { t } = useLanguage();
  const [open, setOpen] = useState(true);
  const headingId = useId();
  const bodyId = useId();
  return (
    <section className={`panel hyper ${open ? '' : 'is-collapsed'}`} aria-labelledby={headingId}>
      <h2 className="panel-title">
        <button
          type="button"
          id={headingId}
          className="disclosure"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          <span className="chevron" aria-hidden="true" />
          {t('hyper.title')}
        </button>
      </h2>
      <div id={bodyId} className="hyper-grid" hidden={!open} data-objective={settings.kind === 'ae' ? 'beta' : settings.objective}>
        {PANEL_KEYS.map((key, i) => {
          if (STACKED_KEYS.has(key)) return null;
          const stacked = stackedAfter(i);
          const control = <Control key={key} name={key} settings={settings} onChange={onChange} />;
          if (stacked.length === 0) return control;
          return (
            <div key={key} className="control-stack" hidden={![key, ...stacked].some((k) => shownInPanel(k, settings))}>
              {control}
              {stacked.map((k) => (
                <Control key={k} name={k} settings={settings} onChange={onChange} />
              ))}
            </div>
          );
        })}
      </div>
      {!open && <Summary settings={settings} />}
    </section>
  );
}

/** The switches drawn in the cell of PANEL_KEYS[i]: the run of stacked keys right after it. */
function stackedAfter(i: number): SettingKey[] {
  const run: SettingKey[] = [];
  for (let k = i + 1; k < PANEL_KEYS.length && STACKED_KEYS.has(PANEL_KEYS[k]); k++) run.push(PANEL_KEYS[k]);
  return run;
}

/** Collapsed, the panel still says what is set (the values that apply to this model). */
function Summary({ settings }: { settings: Settings }) {
  const { t, lang } = useLanguage();
  return (
    <dl className="hyper-summary">
      {PANEL_KEYS.filter((key) => applicability(key, settings).enabled).map((key) => {
        const field = SCHEMA[key];
        const value = settings[key];
        let text: string;
        if (field.type === 'range') text = formatRange(field, value as number);
        else if (field.type === 'toggle') text = t(value ? 'hyper.on' : 'hyper.off');
        else {
          const options = field.options as ReadonlyArray<{ value: string | number; label: string }>;
          const hit = options.find((o) => o.value === value);
          text = hit ? optionLabel(lang, key, hit.value, hit.label) : String(value);
        }
        return (
          <div key={key}>
            <dt>{settingLabel(lang, key)}</dt>
            <dd>{text}</dd>
          </div>
        );
      })}
    </dl>
  );
}

export function Control({ name, settings, onChange }: { name: SettingKey } & HyperPanelProps) {
  const { t, lang } = useLanguage();
  const field = SCHEMA[name];
  const id = useId();
  const { enabled } = applicability(name, settings);
  const label = settingLabel(lang, name);
  const shell = {
    id,
    field: { label, needsReset: field.needsReset },
    enabled,
    // Hidden, not removed: the panel's children keep their places (hideControls counts on them).
    hidden: !shownInPanel(name, settings),
    hint: reasonText(name, settings, t) ?? settingHint(lang, name),
    explain: SETTING_SECTION[name],
    resetTitle: t('hyper.resetTag'),
  };
  const commit = (v: Settings[typeof name]) => onChange({ [name]: v } as Partial<Settings>);
  if (field.type === 'toggle') {
    return <ToggleControl {...shell} label={label} value={settings[name] as boolean} onCommit={commit} />;
  }
  if (field.type === 'range') {
    return <RangeControl {...shell} range={field} value={settings[name] as number} onCommit={commit} />;
  }
  const choice = field as ChoiceField<string | number>;
  const options = choice.options.map((o) => ({ value: o.value, label: optionLabel(lang, name, o.value, o.label) }));
  return <ChoiceControl {...shell} choice={{ ...choice, options }} value={settings[name] as string | number} onCommit={commit} />;
}

interface ShellProps {
  id: string;
  field: { label: string; needsReset: boolean };
  enabled: boolean;
  hidden: boolean;
  hint: string;
  explain?: SectionId;
  resetTitle: string;
  value?: string;
  children: ReactNode;
}

function Shell({ id, field, enabled, hidden, hint, explain, resetTitle, value, children }: ShellProps) {
  return (
    <div className={`control ${enabled ? '' : 'is-disabled'}`} hidden={hidden}>
      <div className="control-head">
        <label htmlFor={id}>{field.label}</label>
        {explain && <InfoButton section={explain} />}
        {field.needsReset && (
          <span className="tag" title={resetTitle} aria-hidden="true">
            ↺
          </span>
        )}
        {value !== undefined && (
          <output htmlFor={id} className="value">
            {value}
          </output>
        )}
      </div>
      {children}
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
    </div>
  );
}

export function formatRange(field: RangeField, v: number): string {
  if (field.integer) return String(v);
  return v.toFixed(Math.max(0, Math.ceil(-Math.log10(field.step) - 1e-9)));
}

interface ControlProps<T> {
  id: string;
  field: { label: string; needsReset: boolean };
  enabled: boolean;
  hidden: boolean;
  hint: string;
  explain?: SectionId;
  resetTitle: string;
  value: T;
  onCommit(v: T): void;
}

function RangeControl({ range: field, value, onCommit, ...shell }: ControlProps<number> & { range: RangeField }) {
  const [draft, setDraft] = useState<number | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(value);
  const commitRef = useRef(onCommit);
  useEffect(() => {
    commitRef.current = onCommit;
  });
  const shown = draft ?? value;

  // Fields that need new weights commit once, on release (the native change event), so a
  // drag asks at most one question. Live fields commit while dragging, throttled.
  useEffect(() => {
    const el = ref.current;
    if (!el || !field.needsReset) return;
    const onRelease = () => {
      commitRef.current(Number(el.value));
      setDraft(null);
    };
    el.addEventListener('change', onRelease);
    return () => el.removeEventListener('change', onRelease);
  }, [field.needsReset]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const text = formatRange(field, shown);
  return (
    <Shell {...shell} value={text}>
      <input
        ref={ref}
        id={shell.id}
        type="range"
        disabled={!shell.enabled}
        aria-describedby={`${shell.id}-hint`}
        min={field.min}
        max={field.max}
        step={field.step}
        value={shown}
        aria-valuetext={text}
        onChange={(e) => {
          const v = Number(e.currentTarget.value);
          setDraft(v);
          latest.current = v;
          if (field.needsReset || timer.current) return;
          timer.current = setTimeout(() => {
            timer.current = null;
            commitRef.current(latest.current);
            setDraft(null);
          }, SLIDER_THROTTLE_MS);
        }}
      />
    </Shell>
  );
}

type ChoiceProps = ControlProps<string | number> & { choice: ChoiceField<string | number> };

function ChoiceControl({ choice: field, value, onCommit, ...shell }: ChoiceProps) {
  const numeric = typeof field.default === 'number';
  // A value from a link or a checkpoint that is valid but not a preset still shows.
  const options = field.options.some((o) => o.value === value)
    ? field.options
    : [...field.options, { value, label: String(value).replaceAll('-', ' → ') }];
  return (
    <Shell {...shell}>
      <select
        id={shell.id}
        disabled={!shell.enabled}
        aria-describedby={`${shell.id}-hint`}
        value={String(value)}
        onChange={(e) => onCommit(numeric ? Number(e.currentTarget.value) : e.currentTarget.value)}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

function ToggleControl({ label, value, onCommit, ...shell }: ControlProps<boolean> & { label: string }) {
  return (
    <div className={`control toggle ${shell.enabled ? '' : 'is-disabled'}`} hidden={shell.hidden}>
      <div className="control-head">
        <label className="toggle-label">
          <input
            type="checkbox"
            id={shell.id}
            disabled={!shell.enabled}
            aria-describedby={`${shell.id}-hint`}
            checked={value}
            onChange={(e) => onCommit(e.currentTarget.checked)}
          />
          <span>{label}</span>
        </label>
        {shell.explain && <InfoButton section={shell.explain} />}
      </div>
      <p id={`${shell.id}-hint`} className="hint">
        {shell.hint}
      </p>
    </div>
  );
}
