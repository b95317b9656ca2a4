// A small, keyboard-operable tab strip (WAI-ARIA tabs pattern: arrows move, Home/End jump).
// The strip is a row or, where the layout stacks it, a column: ←/→ and ↑/↓ both move.
import type { KeyboardEvent, ReactNode } from 'react';

export interface TabSpec<T extends string> {
  id: T;
  label: string;
}

interface ExplorerTabsProps<T extends string> {
  label: string;
  tabs: ReadonlyArray<TabSpec<T>>;
  value: T;
  onChange(id: T): void;
  children: ReactNode;
}

export function ExplorerTabs<T extends string>({ label, tabs, value, onChange, children }: ExplorerTabsProps<T>) {
  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.id === value);
    const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    onChange(tab.id);
    e.currentTarget.querySelector<HTMLButtonElement>(`#lx-tab-${tab.id}`)?.focus();
  };
  return (
    <div className="lx-tabs-wrap">
      <div className="lx-tabs" role="tablist" aria-label={label} onKeyDown={move}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`lx-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === value}
            aria-controls="lx-tabpanel"
            tabIndex={t.id === value ? 0 : -1}
            onClick={() => onChange(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="lx-tabpanel" id="lx-tabpanel" role="tabpanel" aria-labelledby={`lx-tab-${value}`}>
        {children}
      </div>
    </div>
  );
}
