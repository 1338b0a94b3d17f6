// The record checks in the president's language: every check, holding and failing, is said in Italian,
// German and English with all of its figures and with names for ids; the three catalogues ask for the
// same figures. (Beside the renderer: it is browser code.)
import { describe, expect, it } from 'vitest';
import { describeCheck, type CheckFigures, type CheckId, type CheckOutcome, type Election, type RecordCheck } from '@seggio/ballot-core';
import { checkText, namesOf } from '@seggio/ballot-core';
import { CATALOGUES, translator, type Key } from './i18n.js';

const make = <K extends CheckId>(check: K, ok: boolean, figures: CheckFigures[K]): RecordCheck => {
  const outcome = { check, ok, figures } as CheckOutcome;
  return { ...outcome, contest: 'COM', detail: describeCheck(outcome) };
};

const SAMPLES: readonly RecordCheck[] = [
  make('C1', true, { voters: { M: 4, F: 5, T: 9 }, electors: { M: 433, F: 458, T: 891 } }),
  make('C1', false, { voters: { M: 4, F: 5, T: 10 }, electors: { M: 433, F: 458, T: 891 } }),
  make('C2', true, { voters: 9, electors: 891, admitted: 2 }),
  make('C2', false, { voters: 900, electors: 891, admitted: 2 }),
  make('C3', true, { yes: 4, no: 3, blank: 1, invalid: 2, contested: 6, total: 16, voters: 16 }),
  make('C4', false, { counted: 'mayors', votes: 7, blank: 1, invalid: 2, contested: 0, total: 10, voters: 11 }),
  make('C4', true, { counted: 'lists', votes: 8, blank: 1, invalid: 2, contested: 0, total: 11, voters: 11 }),
  make('C4', true, { counted: 'candidates', votes: 8, blank: 1, invalid: 2, contested: 0, total: 11, voters: 11 }),
  make('C5', true, { mismatches: [] }),
  make('C5', false, { mismatches: [{ list: 'L1', listVotes: 3, mayor: 'S1', mayorVotes: 4 }] }),
  make('C6', false, { mayors: 12, lists: 7, mayorOnly: 4 }),
  make('C7', true, { over: [] }),
  make('C7', false, { over: [{ candidate: 'P1', preferences: 5, list: 'L1', listVotes: 3 }] }),
  make('C8', true, { final: 'C4', voters: 11, problems: [] }),
  make('C8', false, {
    final: 'C4',
    voters: 11,
    problems: [
      { problem: 'unknown-checkpoint', checkpoint: 'X9' },
      { problem: 'out-of-order', checkpoint: 'C2' },
      { problem: 'fell', sex: 'F', from: 6, at: 'C1', to: 5, checkpoint: 'C2' },
      { problem: 'final-missing', checkpoint: 'C4' },
      { problem: 'final-differs', sex: 'M', checkpoint: 'C4', reported: 3, voters: 7 },
    ],
  }),
  make('E1', true, { ballots: 11, sessions: 11, voters: 11 }),
  make('E1', false, { ballots: 10, sessions: 11, voters: 11 }),
];

// Only what the names need: the election's other fields are not read.
const election = {
  contests: [
    {
      id: 'COM',
      type: 'municipal',
      mayors: [{ id: 'S1', surname: 'BASSELLI', name: 'ILARIA', lists: ['L1'] }],
      lists: [{ id: 'L1', name: 'Insieme per Sanvalle', candidates: [{ id: 'P1', surname: 'TINAZZI', name: 'LUCA' }] }],
    },
  ],
} as unknown as Election;

/** Every number a check's figures hold, wherever they are. */
const numbers = (value: unknown): number[] =>
  typeof value === 'number' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(numbers) : [];

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the record checks', () => {
  it.each(SAMPLES.map((c) => [`${c.check} ${c.ok ? 'holding' : 'failing'}`, c] as const))('%s is said in every language with all its figures', (_, check) => {
    for (const language of ['it', 'de', 'en'] as const) {
      const text = checkText(translator(language), namesOf(election), check);
      expect(text, language).not.toMatch(/[{}]/);
      // A failing C8 says its problems; the voters are in them where they matter.
      const said = check.check === 'C8' && !check.ok ? check.figures.problems : check.figures;
      for (const n of numbers(said)) expect(text, `${language}: ${n}`).toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
      for (const id of ['L1', 'S1', 'P1']) expect(text, language).not.toContain(id);
    }
  });

  it('says the figures in words the president reads, with names for ids', () => {
    const it = translator('it');
    const names = namesOf(election);
    expect(checkText(it, names, SAMPLES[4]!)).toBe('SÌ 4 + NO 3 + bianche 1 + nulle 2 + contestate 6 = 16 = votanti 16');
    expect(checkText(it, names, SAMPLES[1]!)).toBe('votanti U 4 + D 5 ≠ T 10; elettori U 433 + D 458 = T 891');
    expect(checkText(it, names, SAMPLES[9]!)).toBe('la lista Insieme per Sanvalle ha 3 voti, il suo candidato sindaco BASSELLI ILARIA 4');
    expect(checkText(translator('de'), names, SAMPLES[12]!)).toBe('TINAZZI LUCA hat 5 Vorzugsstimmen, die Liste Insieme per Sanvalle 3 Stimmen');
    expect(checkText(translator('en'), names, SAMPLES[3]!)).toBe('voters 900 > electors 891 + voters admitted without being on the roll 2');
  });

  it('asks for the same figures in Italian, German and English', () => {
    const keys = Object.keys(CATALOGUES.it).filter((k) => k.startsWith('check.')) as Key[];
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      expect(placeholders(CATALOGUES.de[key]), `de ${key}`).toEqual(placeholders(CATALOGUES.it[key]));
      expect(placeholders(CATALOGUES.en[key]), `en ${key}`).toEqual(placeholders(CATALOGUES.it[key]));
    }
  });

  it('keeps the English wording of ballot-core for the command line', () => {
    expect(SAMPLES[4]!.detail).toBe('YES 4 + NO 3 + blank 1 + invalid 2 + contested 6 = 16 = voters 16');
    expect(SAMPLES[14]!.detail).toBe(
      "checkpoint X9 is not one of the election's; checkpoint C2 is out of order; F fell from 6 at C1 to 5 at C2; the final checkpoint C4 has not been reported; the final checkpoint C4 reports M 3, the poll book 7",
    );
  });
});
