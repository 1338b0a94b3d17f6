// Every code the office service can give has its words in Italian and English, with the same figures.
import { describe, expect, it } from 'vitest';
import { VERIFY_CHECKS } from '@seggio/ballot-core';
import { CHECKS } from '@seggio/cli/library';
import { CODES, type Code } from '../src/shared/codes.js';
import { CATALOGUES, explain, translator, type Key } from '../src/renderer/i18n.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the office catalogue', () => {
  it.each(Object.keys(CODES) as Code[])('%s is worded in every language with its figures', (code) => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      const text = (catalogue as Record<string, string | undefined>)[`code.${code}`];
      expect(text, `${language} code.${code}`).toBeTruthy();
      expect(placeholders(text!), `${language} code.${code}`).toEqual([...CODES[code]].sort());
    }
  });

  it("names each of the verifier's checks in words", () => {
    for (const check of Object.keys(CHECKS)) for (const catalogue of Object.values(CATALOGUES)) expect(catalogue[`check.${check}` as Key]).toBeTruthy();
    expect(explain(translator('it'), { code: 'bundle-check-failed', params: { check: 'signatures', place: 'tally.json', detail: 'x' } })).toBe(
      'La verifica non è superata: le firme della console su registro, chiave e scrutinio (tally.json). Dettaglio tecnico (in inglese): x',
    );
  });

  it('has the keys of the Italian in every language, each with the figures of the Italian', () => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      expect(Object.keys(catalogue).sort(), language).toEqual(Object.keys(CATALOGUES.it).sort());
      for (const [key, text] of Object.entries(CATALOGUES.it)) expect(placeholders(catalogue[key as Key]), `${language} ${key}`).toEqual(placeholders(text));
    }
  });

  it("names for the console's president the same checks of the verifier as the office's own words do", () => {
    expect([...VERIFY_CHECKS].sort()).toEqual(Object.keys(CHECKS).sort());
  });
});
