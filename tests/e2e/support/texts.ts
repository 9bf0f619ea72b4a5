import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type LanguageCode } from '../../../web/shared/i18n/languages.js';

const i18nDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/shared/i18n');

export type Translations = Record<string, unknown>;

const cache = new Map<string, Translations>();

/** The translation resources of one language, as the front-end ships them. */
export function translations(lang: LanguageCode): Translations {
  let resources = cache.get(lang);
  if (!resources) {
    resources = JSON.parse(readFileSync(join(i18nDir, `${lang}.json`), 'utf8')) as Translations;
    cache.set(lang, resources);
  }
  return resources;
}

/** One text by its dotted key, e.g. `text('vi', 'kiosk.placeCardTitle')`. */
export function text(lang: LanguageCode, key: string): string {
  let node: unknown = translations(lang);
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no text ${key} in ${lang}.json`);
  return node;
}

export const LANGUAGE_CODES: LanguageCode[] = LANGUAGES.map((language) => language.code);
