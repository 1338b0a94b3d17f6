// What the voice is given to say. The election's own texts are written for the eye ("Gazzetta Ufficiale
// n. 240", "collegio uninominale 04"): eSpeak NG reads "n." as the letter and a leading zero as "zero".
// They are spelled here as a person reading them aloud would say them, in the voter's language.
import type { Language } from './language.js';

const NUMBER: Record<Language, string> = { it: 'numero', de: 'Nummer', en: 'number' };

export function forVoice(text: string, language: Language): string {
  return (
    text
      // "n. 240", "N. 3": the abbreviation of "numero" before a figure.
      .replace(/\b[nN]\.\s*(?=\d)/g, `${NUMBER[language]} `)
      // "04" is said "4"; a lone "0" stays.
      .replace(/\b0+(?=[1-9]\d*\b)/g, '')
  );
}
