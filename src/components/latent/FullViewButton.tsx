// The button that takes a panel of small multiples full screen and back (useFullView.ts).
import { useT } from '../i18n/LanguageProvider';
import type { FullView } from './useFullView';

export function FullViewButton({ view }: { view: FullView<HTMLElement> }) {
  const t = useT();
  return (
    <button type="button" className="lx-small lx-full-toggle" aria-pressed={view.full} onClick={view.toggle}>
      <FullScreenIcon exit={view.full} />
      {t(view.full ? 'lx.exitFullScreen' : 'lx.fullScreen')}
    </button>
  );
}

/** Four corners pointing out (enter) or in (exit); drawn, since fonts lack a full-screen glyph. */
export function FullScreenIcon({ exit }: { exit: boolean }) {
  const d = exit
    ? 'M5 1v4H1M11 1v4h4M5 15v-4H1M11 15v-4h4'
    : 'M1 5V1h4M15 5V1h-4M1 11v4h4M15 11v4h-4';
  return (
    <svg className="lx-full-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}
