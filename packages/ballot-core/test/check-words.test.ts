// The record checks' words (tally/check-words.ts), shared by the console's count and `seggio verify --lang`:
// every key in Italian, German and English, each asking for the same figures.
import { describe, expect, it } from 'vitest';
import { CHECK_WORDS } from '../src/index.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the record checks in words', () => {
  it.each(['de', 'en'] as const)('%s has every key of the Italian, with the same figures, and no other', (language) => {
    expect(Object.keys(CHECK_WORDS[language]).sort()).toEqual(Object.keys(CHECK_WORDS.it).sort());
    for (const [key, text] of Object.entries(CHECK_WORDS.it)) expect(placeholders(CHECK_WORDS[language][key as keyof typeof CHECK_WORDS.it]), `${language} ${key}`).toEqual(placeholders(text));
  });

  it('has words for every check of the record', () => {
    for (const check of ['C1', 'C2', 'C3', 'C4', 'C5.item', 'C6', 'C7.item', 'C8.ok', 'E1', 'E1.fail']) expect(Object.keys(CHECK_WORDS.it)).toContain(`check.${check}`);
  });
});
