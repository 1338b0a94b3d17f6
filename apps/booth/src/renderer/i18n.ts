// Every text a voter reads or hears, in Italian, German and English (one catalogue per app),
// one file per language in i18n/, each in one formal register.
import { contestTitle, type Contest, type RefusalCode, type Worded } from '@seggio/ballot-core';
import type { KeypadButton } from '../shared/bridge.js';
import { de } from './i18n/de.js';
import { en } from './i18n/en.js';
import { it, type Key } from './i18n/it.js';
import type { Language } from './language.js';

export type { Language };

export const LANGUAGES: readonly { code: Language; name: string }[] = [
  { code: 'it', name: 'Italiano' },
  { code: 'de', name: 'Deutsch' },
  { code: 'en', name: 'English' },
];

export const CATALOGUES: Record<Language, Record<Key, string>> = { it, de, en };
export type { Key };
export type Translate = (key: Key, params?: Record<string, string | number>) => string;

/** The keypad's keys by the names printed on them, for the texts that speak of them ({down}, {select}…). */
export const KEY_BUTTONS = ['up', 'down', 'left', 'right', 'select', 'back', 'help', 'repeat', 'volume-up', 'volume-down'] as const satisfies readonly KeypadButton[];

export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  const keys = Object.fromEntries(KEY_BUTTONS.map((b) => [b, catalogue[`key.${b}`]]));
  return (key, params = {}) => undoubled(catalogue[key], params).replace(/\{([\w-]+)\}/g, (_, name: string) => String(params[name] ?? keys[name] ?? `{${name}}`));
}

/**
 * A list whose name begins with the word the text puts before it ("la lista {list}" for "Lista
 * Lanterna") is named once: "la Lista Lanterna", not "la lista Lista Lanterna"; so for each list a text
 * names ({list}, {voted}), never for people's names.
 */
function undoubled(text: string, params: Record<string, string | number>): string {
  return text.replace(/(\p{L}+) \{(list|voted)\}/gu, (whole, word: string, name: string) => {
    const value = params[name];
    return typeof value === 'string' && value.toLocaleLowerCase().startsWith(`${word.toLocaleLowerCase()} `) ? `{${name}}` : whole;
  });
}

/** The keys whose wording follows the sex of the candidate it names: the catalogue holds "{key}.F" for a woman. */
export type SexedKey = 'mun.mayor' | 'party.candidate' | 'pref.candidate' | 'counts.mayorAndList' | 'counts.mayorOnly' | 'counts.split' | 'counts.listAndCandidate' | 'counts.candidateOnly';

export function bySex(key: SexedKey, sex: 'M' | 'F'): Key {
  return sex === 'F' ? `${key}.F` : key;
}

/**
 * A contest's title for the voter: in their language where the package gives it (a bilingual comune's
 * ballots), in Italian otherwise; and then, before the Italian title, the kind of the contest in the
 * voter's language, so that a German or English voter knows which ballot it is. No kind when the
 * title is in the voter's language: it says so itself.
 */
export function titleFor(contest: Contest, language: Language, t: Translate): { readonly title: Worded; readonly kind: string | null } {
  const title = contestTitle(contest, language);
  // With its collegio or circoscrizione, as the scheda is headed: the place's name is the same in every language.
  const constituency = 'constituency' in contest && contest.constituency ? ` — ${contest.constituency}` : '';
  return { title: { ...title, text: `${title.text}${constituency}` }, kind: title.language === language ? null : t(`kind.${contest.type}`) };
}

/** Items named in one sentence, as the language joins them: "A, B e C", "A, B und C", "A, B, and C". */
export const listOf = (items: readonly string[], language: Language): string => new Intl.ListFormat(language, { type: 'conjunction' }).format(items);

export { forVoice } from './spoken.js';

/** A catalogue text that is also said mid-sentence (lower case in Italian and English), as the start of a label. */
export const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const REFUSALS: readonly RefusalCode[] = ['empty', 'same-sex', 'too-many', 'outside-list', 'split-vote-not-allowed', 'candidate-list-not-linked'];

export function refusalText(t: Translate, code: RefusalCode): string {
  return REFUSALS.includes(code) ? t(`refusal.${code}` as Key) : t('refusal.other');
}
