// The colour theme canvases paint with (CSS follows the same media query by itself).
import { useSyncExternalStore } from 'react';
import { currentTheme, onThemeChange, type Theme } from '../palette';

const subscribe = (onChange: () => void) => onThemeChange(() => onChange());

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, currentTheme, () => 'light');
}
