// The page's language as React state: read once from the link or the stored choice, written
// back to both on every change, and to <html lang> so fonts and screen readers follow.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { initialLang, readStoredLang, storeLang, withLangParam, type Lang } from './lang';
import { translator, type Translate } from './translate';

interface LanguageApi {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const ENGLISH: LanguageApi = { lang: 'en', setLang: () => {}, t: translator('en') };
// Without a provider (a component rendered alone) everything reads in English.
const LanguageContext = createContext<LanguageApi>(ENGLISH);

export function LanguageProvider({ initial, children }: { initial?: Lang; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => initial ?? initialLang(window.location.search, readStoredLang()));

  useEffect(() => {
    document.documentElement.lang = lang;
    const search = withLangParam(window.location.search, lang);
    if (search !== window.location.search) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
    }
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setLangState(next);
  }, []);
  const api = useMemo(() => ({ lang, setLang, t: translator(lang) }), [lang, setLang]);
  return <LanguageContext.Provider value={api}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageApi {
  return useContext(LanguageContext);
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useContext(LanguageContext).t;
}
