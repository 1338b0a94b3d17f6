// The details of `seggio verify` given as codes (src/verify/details.ts): each code said in Italian,
// German and English with exactly the figures it names, and no words for a code there is not.
import { describe, expect, it } from 'vitest';
import { DETAIL_WORDS, DETAILS, detail, sayDetail, type DetailCode } from '../src/verify/details.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe("seggio verify's details", () => {
  it.each(Object.keys(DETAILS) as DetailCode[])('%s is in every language, with the figures its code names', (code) => {
    for (const [language, words] of Object.entries(DETAIL_WORDS)) {
      const said = (words as Record<string, string | undefined>)[`detail.${code}`];
      expect(said, `${language} detail.${code}`).toBeDefined();
      expect(placeholders(said!), `${language} detail.${code}`).toEqual([...DETAILS[code]].sort());
    }
  });

  it('has no words for a code there is not, and puts the figures in', () => {
    for (const [language, words] of Object.entries(DETAIL_WORDS)) expect(Object.keys(words).filter((k) => !(k.slice('detail.'.length) in DETAILS)), language).toEqual([]);
    expect(sayDetail(DETAIL_WORDS.it, detail('recon-voters', { ballots: 19, voters: 20 }))).toBe('19 schede, 20 votanti nel registro: devono essere uguali (E1)');
  });
});
