import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n';
import { isLanguageCode, LANGUAGES, type LanguageCode } from '../i18n/languages';
import { useLanguage } from '../i18n/useLanguage';
import { Button } from './Button';
import { cx } from './classes';
import { GlobeIcon } from './icons';

/**
 * A labelled native select for headers. The label always says "Language" in
 * English too, so that someone who cannot read the current language finds it;
 * each language is named in itself, with its own `lang`.
 */
export function LanguageSwitcher({ className }: { className?: string }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const id = useId();
  return (
    <div className={cx('mg-language-switcher', className)}>
      <label htmlFor={id} className="mg-language-switcher__label">
        <GlobeIcon />
        <span>
          {t('common.language')}
          {lng !== 'en' && <span lang="en"> / Language</span>}
        </span>
      </label>
      <select
        id={id}
        className="mg-language-switcher__select"
        value={lng}
        onChange={(event) => {
          if (isLanguageCode(event.target.value)) void changeLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.nativeName}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface LanguageTilesProps {
  /** Called after the language has been switched. */
  onChosen: (lng: LanguageCode) => void;
  size?: 'lg' | 'kiosk';
  className?: string;
}

/** Big buttons, one per language, each written in its own language: the kiosk's first step. */
export function LanguageTiles({ onChosen, size = 'kiosk', className }: LanguageTilesProps) {
  const lng = useLanguage();
  return (
    <ul className={cx('mg-language-tiles', className)}>
      {LANGUAGES.map((language) => (
        <li key={language.code}>
          <Button
            variant={language.code === lng ? 'primary' : 'secondary'}
            size={size}
            fullWidth
            lang={language.code}
            className="mg-language-tiles__button"
            data-language={language.code}
            onClick={async () => {
              await changeLanguage(language.code);
              onChosen(language.code);
            }}
          >
            <span className="mg-language-tiles__name">{language.nativeName}</span>
            <span className="mg-language-tiles__start">{language.startLabel}</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}
