// A contest's title and a referendum's question in German and English (docs/bundle-format.md §3.1):
// optional, bounded and checked as the Italian ones, and chosen for the voter's language.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contestTitle, LIMITS, parseElection, referendumQuestion, type Election, type ReferendumContest } from '../src/index.js';

const sanvalle = () => JSON.parse(readFileSync(new URL('../../../fixtures/sanvalle-2020.election.json', import.meta.url), 'utf8')) as Election & Record<string, unknown>;
const problems = (election: unknown) => {
  const result = parseElection(JSON.stringify(election));
  return result.ok ? [] : result.error.map((p) => `${p.path}: ${p.message}`);
};
const parsed = (election: unknown): Election => {
  const result = parseElection(JSON.stringify(election));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('titles and questions in German and English', () => {
  it('are read where given, and a contest without them keeps its Italian for every language', () => {
    const e = sanvalle();
    e.contests[0]!.titles = { de: 'Verfassungsreferendum – Verringerung der Zahl der Parlamentarier', en: 'Constitutional referendum' };
    (e.contests[0] as ReferendumContest).questions = { de: 'Billigen Sie den Text des Verfassungsgesetzes?' };
    const election = parsed(e);
    const [referendum, municipal] = election.contests as [ReferendumContest, Election['contests'][number]];
    expect(contestTitle(referendum, 'de')).toEqual({ text: 'Verfassungsreferendum – Verringerung der Zahl der Parlamentarier', language: 'de' });
    expect(contestTitle(referendum, 'en')).toEqual({ text: 'Constitutional referendum', language: 'en' });
    expect(contestTitle(referendum, 'it')).toEqual({ text: referendum.title, language: 'it' });
    expect(referendumQuestion(referendum, 'de')).toEqual({ text: 'Billigen Sie den Text des Verfassungsgesetzes?', language: 'de' });
    // No English question: the Italian, said to be Italian.
    expect(referendumQuestion(referendum, 'en')).toEqual({ text: referendum.question, language: 'it' });
    for (const language of ['it', 'de', 'en'] as const) expect(contestTitle(municipal, language)).toEqual({ text: municipal.title, language: 'it' });
  });

  it('are refused over-long, with an invisible or a control character, in another language, or empty, each at its path', () => {
    const e = sanvalle();
    e.contests[0]!.titles = { de: 'T'.repeat(LIMITS.title + 1), en: 'Constitutional\u202Ereferendum' };
    (e.contests[0] as ReferendumContest).questions = { de: 'Billigen Sie\ndas Gesetz?', fr: 'Approuvez-vous ?' } as never;
    e.contests[1]!.titles = {};
    expect(problems(e)).toEqual([
      `$.contests[0].titles.de: is too long: at most ${LIMITS.title} characters are allowed`,
      '$.contests[0].titles.en: contains a bidirectional formatting character (U+202E) at position 14; allowed: visible text in Unicode NFC',
      '$.contests[0].questions.de: contains a control character (U+000A) at position 12; allowed: visible text in Unicode NFC',
      '$.contests[0].questions: has unknown field "fr"; only the fields of seggio/election@1 are allowed',
      '$.contests[1].titles: must give "de", "en" or both; leave the field out when there is neither',
    ]);
  });

  it('a question in other languages only on a referendum', () => {
    const e = sanvalle();
    (e.contests[1] as Record<string, unknown>).questions = { de: 'Frage?' };
    expect(problems(e)).toEqual(['$.contests[1]: has unknown field "questions"; only the fields of seggio/election@1 are allowed']);
  });
});
