// Every text the president reads, in Italian, German and English (one catalogue per app),
// one file per language in i18n/. The service's refusals come as codes with figures and are said
// from the same catalogue (refusal.<code>, ui.tsx explain).
import { de } from './i18n/de.js';
import { en } from './i18n/en.js';
import { it, type Key } from './i18n/it.js';

export type Language = 'it' | 'de' | 'en';
export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: 'it', name: 'Italiano' },
  { code: 'de', name: 'Deutsch' },
  { code: 'en', name: 'English' },
];

export const CATALOGUES: Record<Language, Record<Key, string>> = { it, de, en };
export type { Key };
export type Translate = (key: Key, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  return (key, params = {}) => CATALOGUES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A key built at run time (a booth state, an event, a figure's voce), if the catalogue has it. */
export function knownKey(key: string): Key | null {
  return key in it ? (key as Key) : null;
}
