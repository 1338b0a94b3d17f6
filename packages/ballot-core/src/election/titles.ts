// Which words of the package a voter is given: a contest's title and a referendum's question in the
// voter's language where the package has them (a bilingual comune's ballots), in Italian otherwise.
// The console, the office and the record keep the Italian, the text of the law.
import type { Contest, ReferendumContest, Translated } from './schema.js';

export type VoterLanguage = 'it' | Translated;

/** A text and the language it is in, so that a page marks it (lang) and a voice knows what it reads. */
export interface Worded {
  readonly text: string;
  readonly language: VoterLanguage;
}

const pick = (italian: string, translated: Partial<Record<Translated, string>> | undefined, language: VoterLanguage): Worded => {
  const given = language === 'it' ? undefined : translated?.[language];
  return given === undefined ? { text: italian, language: 'it' } : { text: given, language };
};

export const contestTitle = (contest: Contest, language: VoterLanguage): Worded => pick(contest.title, contest.titles, language);

export const referendumQuestion = (contest: ReferendumContest, language: VoterLanguage): Worded => pick(contest.question, contest.questions, language);
