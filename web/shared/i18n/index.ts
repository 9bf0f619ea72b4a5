import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ja from './ja.json';
import {
  DEFAULT_LANGUAGE,
  isLanguageCode,
  LANGUAGES,
  type LanguageCode,
  preferredLanguage,
} from './languages';

export type Family = 'kiosk' | 'counter' | 'resident' | 'display' | 'dashboard' | 'notify-counter' | 'tablet';

export interface I18nOptions {
  family: Family;
  /**
   * Remember the choice in this browser. Off on shared devices (kiosks,
   * display boards), where the next person must start over in Japanese.
   */
  remember: boolean;
  /** Follow the browser's preferred languages on a first visit (a resident's own phone). */
  followBrowser: boolean;
}

const STORAGE_KEY = 'madoguchi.language';

// Japanese is in every bundle; the other languages load when first chosen.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>(['./*.json', '!./ja.json']);

let current: I18nOptions | undefined;

async function loadResources(lng: LanguageCode): Promise<void> {
  if (lng === DEFAULT_LANGUAGE || i18next.hasResourceBundle(lng, 'translation')) return;
  const load = loaders[`./${lng}.json`];
  if (!load) throw new Error(`no translation resources for ${lng}`);
  const resources = await load();
  i18next.addResourceBundle(lng, 'translation', resources.default, true, true);
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode, kiosk lockdown): then we simply do not remember.
    return null;
  }
}

/** `?lang=` wins (links from printed notices), then the remembered choice, then the browser. */
export function initialLanguage(
  options: Pick<I18nOptions, 'remember' | 'followBrowser'>,
  search: string = window.location.search,
  browserLanguages: readonly string[] = navigator.languages,
): LanguageCode {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (isLanguageCode(fromUrl)) return fromUrl;
  if (options.remember) {
    const stored = readStored();
    if (isLanguageCode(stored)) return stored;
  }
  if (options.followBrowser) return preferredLanguage(browserLanguages) ?? DEFAULT_LANGUAGE;
  return DEFAULT_LANGUAGE;
}

/** Keeps the document in step with the language: `lang` for screen readers and fonts, the title. */
function reflectLanguage(lng: string) {
  if (!current) return;
  document.documentElement.lang = lng;
  document.title = i18next.t(`${current.family}.documentTitle`);
  if (current.remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // See readStored.
    }
  }
}

export async function setUpI18n(options: I18nOptions): Promise<i18n> {
  current = options;
  const lng = initialLanguage(options);
  await i18next.use(initReactI18next).init({
    resources: { ja: { translation: ja } },
    partialBundledLanguages: true,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((language) => language.code),
    // Never look for a bare `zh` or `pt` bundle: ours are zh-Hans and pt-BR.
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  i18next.on('languageChanged', reflectLanguage);
  await changeLanguage(lng);
  reflectLanguage(lng);
  return i18next;
}

export async function changeLanguage(lng: LanguageCode): Promise<void> {
  await loadResources(lng);
  await i18next.changeLanguage(lng);
}

export function currentLanguage(): LanguageCode {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isLanguageCode(lng) ? lng : DEFAULT_LANGUAGE;
}
