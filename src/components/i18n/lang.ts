// Which language the page starts in and how the choice is kept: the link's `lang` wins (a
// teacher's shared link), then the reader's last choice (localStorage), then English.
import { LANG_FIELD, type Lang } from '../settingsLink';

export type { Lang };
export const LANG_STORAGE_KEY = 'vae-playground.lang';

export function isLang(v: unknown): v is Lang {
  return LANG_FIELD.options.some((o) => o.value === v);
}

/** The language to start in, from the query string and the stored choice (either may be junk). */
export function initialLang(search: string, stored: string | null): Lang {
  const raw = new URLSearchParams(search).get(LANG_FIELD.param)?.trim().toLowerCase();
  if (isLang(raw)) return raw;
  if (isLang(stored)) return stored;
  return LANG_FIELD.default;
}

/** The same link with `lang` set; the default language is left out so shared links stay short. */
export function withLangParam(search: string, lang: Lang): string {
  const params = new URLSearchParams(search);
  if (lang === LANG_FIELD.default) params.delete(LANG_FIELD.param);
  else params.set(LANG_FIELD.param, lang);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** localStorage may be unavailable (private mode, sandboxed frames): the choice then lives for the page only. */
export function readStoredLang(): string | null {
  try {
    return window.localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Not remembered across visits; the link still carries it.
  }
}
