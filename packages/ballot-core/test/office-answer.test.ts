// The office's answers to a public export in the president's words (formats/office-answer.ts): every
// code and every check of the verifier in Italian, German and English, each sentence with the figures
// its code names; a reason said with its check in words, and a code without words left to the console.
import { describe, expect, it } from 'vitest';
import { EXPORT_ANSWER_CODES, OFFICE_ANSWER_WORDS, officeAnswerText, VERIFY_CHECKS, type OfficeAnswerKey } from '../src/index.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const say = (language: 'it' | 'de' | 'en') => (key: OfficeAnswerKey, params: Record<string, string> = {}) => OFFICE_ANSWER_WORDS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);

describe("the office's answers in words", () => {
  it.each(['it', 'de', 'en'] as const)('%s has a sentence for every code, with its figures, and words for every check, and nothing else', (language) => {
    const words = OFFICE_ANSWER_WORDS[language];
    const expected = [...Object.keys(EXPORT_ANSWER_CODES).map((c) => `office-answer.${c}`), ...VERIFY_CHECKS.map((c) => `office-answer.check.${c}`)].sort();
    expect(Object.keys(words).sort()).toEqual(expected);
    for (const [code, figures] of Object.entries(EXPORT_ANSWER_CODES)) expect(placeholders(words[`office-answer.${code}` as OfficeAnswerKey]), `${language} ${code}`).toEqual([...figures].sort());
    for (const check of VERIFY_CHECKS) expect(placeholders(words[`office-answer.check.${check}`]), `${language} ${check}`).toEqual([]);
  });

  it('says a failed check with the check in words and its place in brackets, each figure in its place', () => {
    const failed = { code: 'bundle-check-failed', params: { check: 'ballots', place: 'ballots.jsonl, line 3', detail: 'h is not the SHA-256 of ct' } };
    expect(officeAnswerText(say('it'), failed)).toBe("La verifica dell'ufficio non è superata: le singole schede (ballots.jsonl, line 3). Dettaglio tecnico (in inglese): h is not the SHA-256 of ct");
    expect(officeAnswerText(say('de'), { ...failed, params: { ...failed.params, place: '' } })).toBe('Die Prüfung durch das Amt ist fehlgeschlagen: die einzelnen Stimmzettel. Technische Angabe (auf Englisch): h is not the SHA-256 of ct');
    // A check this version does not know is named as the office named it.
    expect(officeAnswerText(say('en'), { ...failed, params: { ...failed.params, check: 'future' } })).toBe("The office's verification failed: future (ballots.jsonl, line 3). Technical detail: h is not the SHA-256 of ct");
    expect(officeAnswerText(say('it'), { code: 'second-submission', params: { section: '12', accepted: '7' } })).toBe(
      "La sezione 12 ha già un risultato accolto dall'ufficio (invio n. 7): questo invio è conservato e segnalato, ma mai conteggiato.",
    );
  });

  it('leaves a code it has no words for to the console, and takes only the figures a code names', () => {
    expect(officeAnswerText(say('it'), { code: 'not-authorised', params: {} })).toBeNull();
    expect(officeAnswerText(say('it'), { code: 'constructor', params: {} })).toBeNull();
    expect(officeAnswerText(say('it'), { code: 'section-unknown', params: { section: '99', extra: 'x' } })).toBe("La sezione 99 non è nell'elezione dell'ufficio.");
    // A figure the office did not send is left empty, not named by the template.
    expect(officeAnswerText(say('en'), { code: 'archive-entry-twice', params: {} })).toBe('The archive holds “” twice.');
    expect(officeAnswerText(say('en'), { code: 'archive-entry-twice', params: Object.create({ entry: 'inherited' }) as Record<string, string> })).toBe('The archive holds “” twice.');
  });
});
