// One button that offers the other language, named in that language (`日本語` / `English`),
// so a reader who cannot read the current one still finds it.
import { useLanguage } from './LanguageProvider';
import './i18n.css';

export function LanguageToggle() {
  const { lang, setLang, t } = useLanguage();
  const other = lang === 'en' ? 'ja' : 'en';
  return (
    <button type="button" className="lang-toggle" title={t('lang.toggleTitle')} onClick={() => setLang(other)}>
      <span lang={other}>{t('lang.toggle')}</span>
    </button>
  );
}
