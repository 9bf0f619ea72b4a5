import 'i18next';
import type ja from './ja.json';

// Japanese is the reference: every `t('…')` key is checked against ja.json at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ja };
  }
}
