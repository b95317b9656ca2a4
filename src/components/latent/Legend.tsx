// The class legend: one button per class. Pressing one brings that class forward and dims the
// rest; pressing it again shows all. One tab stop for the whole legend (a roving tabindex):
// the arrow keys move between the classes, Home and End jump to the first and last.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/LanguageProvider';

interface LegendProps {
  classNames: readonly string[];
  colors: readonly string[];
  highlight: number | null;
  onHighlight(label: number | null): void;
}

const STEP: Readonly<Record<string, number>> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function Legend({ classNames, colors, highlight, onHighlight }: LegendProps) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  const n = classNames.length;
  // The tab stop: the class last moved to (the highlighted one when arriving from elsewhere).
  const stop = n === 0 ? -1 : Math.min(current, n - 1);

  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    if (n === 0) return;
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : STEP[e.key] === undefined ? null : (stop + STEP[e.key] + n) % n;
    if (next === null) return;
    e.preventDefault();
    setCurrent(next);
    box.current?.querySelectorAll<HTMLButtonElement>('.lx-legend-item')[next]?.focus();
  };

  return (
    <div className="lx-legend" role="group" aria-label={t('lx.classes')} ref={box} onKeyDown={move}>
      {classNames.map((name, c) => (
        <button
          key={c}
          type="button"
          className="lx-legend-item"
          tabIndex={c === stop ? 0 : -1}
          aria-pressed={highlight === c}
          data-dimmed={highlight !== null && highlight !== c}
          title={highlight === c ? t('lx.showAll') : t('lx.bringForward', { name })}
          onFocus={() => setCurrent(c)}
          onClick={() => onHighlight(highlight === c ? null : c)}
        >
          <span className="lx-swatch" style={{ background: colors[c % colors.length] }} aria-hidden="true" />
          {name}
        </button>
      ))}
    </div>
  );
}
