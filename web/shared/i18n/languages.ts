/**
 * The languages madoguchi speaks, in the order screens list them. Japanese
 * comes first and is the fallback for every missing text. This file has no
 * imports so that the server side and Node tests can use it as well.
 */
export const LANGUAGES = [
  {
    code: 'ja',
    nativeName: '日本語',
    englishName: 'Japanese',
    startLabel: '日本語で始める',
    choosePrompt: 'ご利用になる言語を選んでください',
  },
  {
    code: 'en',
    nativeName: 'English',
    englishName: 'English',
    startLabel: 'Start in English',
    choosePrompt: 'Choose your language',
  },
  {
    code: 'zh-Hans',
    nativeName: '简体中文',
    englishName: 'Chinese (Simplified)',
    startLabel: '使用简体中文',
    choosePrompt: '请选择语言',
  },
  {
    code: 'ko',
    nativeName: '한국어',
    englishName: 'Korean',
    startLabel: '한국어로 시작',
    choosePrompt: '언어를 선택하십시오',
  },
  {
    code: 'vi',
    nativeName: 'Tiếng Việt',
    englishName: 'Vietnamese',
    startLabel: 'Bắt đầu bằng tiếng Việt',
    choosePrompt: 'Vui lòng chọn ngôn ngữ',
  },
  {
    code: 'pt-BR',
    nativeName: 'Português',
    englishName: 'Portuguese (Brazil)',
    startLabel: 'Começar em português',
    choosePrompt: 'Escolha o idioma',
  },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export type LanguageInfo = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: LanguageCode = 'ja';

export function isLanguageCode(value: unknown): value is LanguageCode {
  return LANGUAGES.some((language) => language.code === value);
}

export function languageInfo(code: LanguageCode): LanguageInfo {
  return LANGUAGES.find((language) => language.code === code) ?? LANGUAGES[0];
}

/**
 * Maps a BCP 47 tag from the browser (`vi-VN`, `zh-CN`, `pt`) to one of ours.
 * Traditional Chinese is deliberately not mapped to simplified: a reader of
 * 繁體 reads Japanese kanji more easily than 简体, so they fall back to Japanese.
 */
export function matchLanguage(tag: string): LanguageCode | undefined {
  const lower = tag.trim().toLowerCase().replace(/_/g, '-');
  if (!lower) return undefined;
  const [primary, ...rest] = lower.split('-');
  switch (primary) {
    case 'ja':
      return 'ja';
    case 'en':
      return 'en';
    case 'ko':
      return 'ko';
    case 'vi':
      return 'vi';
    case 'pt':
      return 'pt-BR';
    case 'zh': {
      if (rest.includes('hant') || rest.some((part) => ['tw', 'hk', 'mo'].includes(part))) return undefined;
      return 'zh-Hans';
    }
    default:
      return undefined;
  }
}

/** The first of the browser's preferred languages that we speak. */
export function preferredLanguage(tags: readonly string[]): LanguageCode | undefined {
  for (const tag of tags) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return undefined;
}
