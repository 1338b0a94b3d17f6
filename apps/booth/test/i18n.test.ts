// The voter's catalogue: the same keys and placeholders in Italian, German and English, and one formal
// register ("Lei" or the infinitive; "Sie"): no informal form of address in any voter text.
import { describe, expect, it } from 'vitest';
import { CATALOGUES, KEY_BUTTONS, translator } from '../src/renderer/i18n.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{([\w-]+)\}/g)].map((m) => m[1]!).sort();

describe("the booth's catalogue", () => {
  it('has the same keys and placeholders in every language', () => {
    const keys = Object.keys(CATALOGUES.it).sort();
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      expect(Object.keys(catalogue).sort(), language).toEqual(keys);
      for (const key of keys) expect(placeholders((catalogue as Record<string, string>)[key]!), `${language} ${key}`).toEqual(placeholders((CATALOGUES.it as Record<string, string>)[key]!));
    }
  });

  it('speaks to the voter in one formal register', () => {
    const informal = { it: /\b(tu|tuo|tua|tuoi|tue|ti|hai|sei|scegli|premi|tocca|controlla|confermi|chiama|torna al)\b/i, de: /\b(du|dich|dir|dein|deine|deinen|hast|bist)\b/i, en: /\b(hey|ok)\b/i };
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) expect(text, `${language} ${key}`).not.toMatch(informal[language as keyof typeof informal]);
    }
  });

  it('names the keypad keys in help and hints as they are printed on them', () => {
    const t = translator('it');
    const help = t('speech.help');
    for (const button of KEY_BUTTONS) expect(help).toContain(CATALOGUES.it[`key.${button}`]);
    expect(t('speech.start')).toBe('Premere Conferma per iniziare il voto.');
  });
});
