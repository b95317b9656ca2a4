// The class legend: one button per class (keyboard-operable). Pressing one brings that class
// forward and dims the rest; pressing it again shows all.
import { useT } from '../i18n/LanguageProvider';

interface LegendProps {
  classNames: readonly string[];
  colors: readonly string[];
  highlight: number | null;
  onHighlight(label: number | null): void;
}

export function Legend({ classNames, colors, highlight, onHighlight }: LegendProps) {
  const t = useT();
  return (
    <div className="lx-legend" role="group" aria-label={t('lx.classes')}>
      {classNames.map((name, c) => (
        <button
          key={c}
          type="button"
          className="lx-legend-item"
          aria-pressed={highlight === c}
          data-dimmed={highlight !== null && highlight !== c}
          title={highlight === c ? t('lx.showAll') : t('lx.bringForward', { name })}
          onClick={() => onHighlight(highlight === c ? null : c)}
        >
          <span className="lx-swatch" style={{ background: colors[c % colors.length] }} aria-hidden="true" />
          {name}
        </button>
      ))}
    </div>
  );
}
