// Beside the map: the `Colour by` menu and the legend of what the colours mean. The class legend
// (press a class to bring it forward) for the label and Shapes' shape; a sequential scale with
// its two ends for the continuous factors.
import type { CSSProperties } from 'react';
import { Legend } from '../latent/Legend';
import { useLanguage } from '../i18n/LanguageProvider';
import { COLOUR_CHOICES, type ColourChoice, type Colouring } from './colourBy';
import { factorLabel, factorPhrase } from './factorText';

interface ColourLegendProps {
  choice: ColourChoice;
  onChoice(c: ColourChoice): void;
  /** The factors the shown snapshot carries (none: only Label is offered). */
  factors: readonly string[];
  colouring: Colouring;
  /** The chosen factor is not in this dataset: coloured by label instead. */
  missing: boolean;
  classNames: readonly string[];
  colors: readonly string[];
  highlight: number | null;
  onHighlight(label: number | null): void;
}

export function ColourLegend(p: ColourLegendProps) {
  const { t, lang } = useLanguage();
  const offered = COLOUR_CHOICES.filter((c) => c === 'label' || p.factors.includes(c));
  const value = offered.includes(p.choice) ? p.choice : 'label';
  const c = p.colouring;
  return (
    <div className="lx-colour">
      <label className="lx-colour-by">
        <span>{t('dis.colourBy')}</span>
        <select value={value} onChange={(e) => p.onChoice(e.currentTarget.value as ColourChoice)}>
          {offered.map((o) => (
            <option key={o} value={o}>
              {o === 'label' ? t('dis.colourLabel') : factorLabel(lang, o)}
            </option>
          ))}
        </select>
      </label>
      {p.missing && <p className="lx-colour-note">{t('dis.colourMissing', { factor: factorPhrase(lang, p.choice) })}</p>}
      {c.kind === 'factor' && c.scale === 'sequential' ? (
        <div
          className="lx-scale"
          role="img"
          aria-label={t('dis.scaleAria', { factor: factorLabel(lang, c.factor), lo: c.names[0], hi: c.names[c.names.length - 1] })}
          data-factor={c.factor}
        >
          <span className="lx-scale-end">{c.names[c.names.length - 1]}</span>
          <span className="lx-scale-bar" style={{ '--stops': c.colors.join(', ') } as CSSProperties} />
          <span className="lx-scale-end">{c.names[0]}</span>
        </div>
      ) : (
        <Legend
          classNames={c.kind === 'factor' ? c.names.map((n) => shapeName(lang, n)) : p.classNames}
          colors={c.kind === 'factor' ? c.colors : p.colors}
          highlight={p.highlight}
          onHighlight={p.onHighlight}
        />
      )}
    </div>
  );
}

const JA_SHAPES: Readonly<Record<string, string>> = { square: '四角', ellipse: '楕円', heart: 'ハート' };
function shapeName(lang: string, name: string): string {
  return lang === 'ja' ? (JA_SHAPES[name] ?? name) : name;
}
