// Why a booth is out of service comes as a code of the link's catalogue: the booth says each in Italian,
// German and English, with the figures the code names.
import { describe, expect, it } from 'vitest';
import { figureNames, OUT_OF_SERVICE_CODES } from '@seggio/link';
import { CATALOGUES } from '../src/renderer/i18n.js';

describe("the booth's words for the link's codes", () => {
  it.each(Object.keys(OUT_OF_SERVICE_CODES) as (keyof typeof OUT_OF_SERVICE_CODES)[])('out of service, %s, is said in every language', (code) => {
    const names = figureNames(OUT_OF_SERVICE_CODES[code]).sort();
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      const said = (catalogue as Record<string, string>)[`oos.${code}`];
      expect(said, `${language} oos.${code}`).toBeDefined();
      expect(figureNames(said!).sort(), `${language} oos.${code}`).toEqual(names);
    }
  });

  it('has no words for an out-of-service code the link does not have', () => {
    const known = new Set(['oos.title', 'oos.text', 'oos.reason', ...Object.keys(OUT_OF_SERVICE_CODES).map((c) => `oos.${c}`)]);
    for (const catalogue of Object.values(CATALOGUES)) expect(Object.keys(catalogue).filter((k) => k.startsWith('oos.') && !known.has(k))).toEqual([]);
  });
});
