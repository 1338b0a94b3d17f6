// The president's catalogue against what the service says: every refusal code of the console is said
// in Italian, German and English with the figures its code names, and the catalogue says no refusal
// the console does not have; every phase, booth state, category and event has its words. (Beside the
// renderer: it is browser code. That each code is made somewhere is apps/seat-console/test/refusals.test.ts.)
import { describe, expect, it } from 'vitest';
import { BALLOT_PROBLEMS, CATEGORIES, EVENTS } from '@seggio/ballot-core';
import { SHARE_PROBLEMS } from '@seggio/crypto';
import { refusal, REFUSALS, type RefusalCode } from '../shared/refusals.js';
import { CATALOGUES, knownKey, translator } from './i18n.js';
import { explain, officeReason } from './ui.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe("the event log's words", () => {
  it('say in words each reason a count fails with, in every language, not its code', () => {
    // What count.ts logs as the code of a failed count: a share's problem, an unreadable ballot, the wrong time.
    const codes = [...Object.keys(SHARE_PROBLEMS), 'ballot-unreadable', 'count-when'];
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      expect(codes.filter((code) => !(`logword.${code}` in catalogue)), language).toEqual([]);
    }
  });
});

describe('the refusals', () => {
  it.each(Object.keys(REFUSALS) as RefusalCode[])('%s is in every language, with the figures its code names', (code) => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      const said = (catalogue as Record<string, string>)[`refusal.${code}`];
      expect(said, `${language} refusal.${code}`).toBeDefined();
      expect(placeholders(said!), `${language} refusal.${code}`).toEqual([...REFUSALS[code]].sort());
    }
  });

  it('has no words for a refusal the console does not have', () => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      const said = Object.keys(catalogue).filter((k) => k.startsWith('refusal.')).map((k) => k.slice('refusal.'.length));
      expect(said.filter((code) => !(code in REFUSALS)), language).toEqual([]);
    }
  });

  it('says a refusal in the language chosen, with its states and categories in words, and a sentence of the page as it is', () => {
    const busy = refusal('booth-not-free', { booth: 'B2', state: 'in-session' });
    expect(explain(translator('it'), busy)).toBe('la cabina B2 non è libera (elettore in cabina)');
    expect(explain(translator('de'), busy)).toBe('die Kabine B2 ist nicht frei (Wähler in der Kabine)');
    expect(explain(translator('en'), refusal('roll-differs', { number: 4, category: 'EU_MUNICIPAL', sex: 'F' }))).toBe('the section roll lists number 4 as EU citizen (municipal elections), Woman');
    expect(explain(translator('it'), 'una frase della pagina, già detta')).toBe('una frase della pagina, già detta');
    expect(explain(translator('it'), refusal('package-other-key', { file: 'sanvalle.json.sig', signer: 'AAAA-BBBB', expected: 'CCCC-DDDD' }))).toBe(
      "sanvalle.json.sig: firmato con la chiave AAAA-BBBB, non con quella dell'ufficio elettorale CCCC-DDDD",
    );
    // The section roll's lines, as the service gives them (apps/seat-console/test/roll.test.ts).
    expect(explain(translator('it'), refusal('roll-sex', { file: 'lista.csv', line: 2, value: 'X' }))).toBe('lista.csv: riga 2: il sesso "X" deve essere M o F');
    expect(explain(translator('it'), refusal('roll-field-text', { file: 'lista.csv', line: 4, field: 'name', problem: 'contains a bidirectional formatting character (U+202E) at position 0' }))).toBe(
      'lista.csv: riga 4: colonna name: contains a bidirectional formatting character (U+202E) at position 0',
    );
    expect(explain(translator('de'), refusal('roll-category-unused', { file: 'lista.csv', line: 4, category: 'EU_EUROPEAN' }))).toMatch(/^lista\.csv: Zeile 4: die Kategorie .+ wählt bei keiner Abstimmung dieser Wahl$/);
    // A call the page could not make, and a request the bridge refused for its shape, in words too.
    expect(explain(translator('it'), refusal('service-lost'))).toMatch(/^Il servizio della console non è raggiungibile/);
    expect(explain(translator('de'), refusal('request-malformed', { method: 'enableBooth' }))).toBe('die Anfrage (enableBooth) ist nicht wohlgeformt: bitte die Seite neu laden und erneut versuchen');
  });
});

describe("the office's reasons", () => {
  it('says why the office refused the export in the language chosen, and a code it has no words for as the office sent it', () => {
    const failed = { code: 'bundle-check-failed', params: { check: 'reconciliation', place: 'booths/B1/seal.json', detail: 'count is 41; ballots.jsonl has 40' } };
    expect(officeReason(translator('it'), failed)).toBe("La verifica dell'ufficio non è superata: il riscontro di schede, sessioni e votanti (booths/B1/seal.json). Dettaglio tecnico (in inglese): count is 41; ballots.jsonl has 40");
    expect(officeReason(translator('de'), { code: 'no-election', params: {} })).toBe('Das Amt hat noch keine Wahl: Sein Personal hat das Wahlpaket des Tages noch nicht signiert. Die Konsole sendet den Export von selbst erneut.');
    // The console's own sentence is not the office's to give: a code of that name is shown as sent.
    expect(officeReason(translator('it'), { code: 'answer-unreadable', params: { answer: 'Esportazione accolta.' } })).toBe(
      'Motivo indicato dall’ufficio con un codice che questa console non conosce: answer-unreadable answer: Esportazione accolta.',
    );
    expect(officeReason(translator('en'), { code: 'second-submission', params: { section: '3', accepted: '2' } })).toBe('Section 3 already has a result accepted by the office (submission 2): this one is kept and flagged, never counted.');
    expect(officeReason(translator('en'), { code: 'quota-exceeded', params: { limit: '3', section: '7' } })).toBe('A reason the office gave with a code this console does not know: quota-exceeded limit: 3, section: 7');
  });
});

describe('the catalogue', () => {
  it('has the same keys in Italian, German and English, and words for every phase, state, category and event', () => {
    const keys = Object.keys(CATALOGUES.it).sort();
    expect(Object.keys(CATALOGUES.de).sort()).toEqual(keys);
    expect(Object.keys(CATALOGUES.en).sort()).toEqual(keys);
    const needed = [
      ...['no-election', 'setup', 'voting', 'closing', 'closed', 'counted', 'signed'].map((p) => `phase.${p}`),
      ...['unenrolled', 'unpaired', 'confirming', 'paired', 'ready', 'idle', 'in-session', 'closed', 'out-of-service'].map((s) => `booth.state.${s}`),
      ...CATEGORIES.map((c) => `cat.${c}`),
      ...Object.entries(EVENTS).filter(([, d]) => d.by !== 'booth').map(([e]) => `event.${e}`),
    ];
    for (const key of needed) expect(knownKey(key), key).not.toBeNull();
  });
});

describe("why a ballot cannot be read (ballot-core's BALLOT_PROBLEMS)", () => {
  it.each(Object.keys(BALLOT_PROBLEMS))('%s is said in every language', (code) => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) expect((catalogue as Record<string, string>)[`ballot.problem.${code}`], `${language} ballot.problem.${code}`).toBeDefined();
  });

  it('has no words for a problem ballot-core does not have, and says the one given in the language chosen', () => {
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      const said = Object.keys(catalogue).filter((k) => k.startsWith('ballot.problem.')).map((k) => k.slice('ballot.problem.'.length));
      expect(said.filter((code) => !(code in BALLOT_PROBLEMS)), language).toEqual([]);
    }
    const unreadable = refusal('ballot-unreadable', { ballot: '3f9a0c…', booth: 'B2', problem: 'not-opened' });
    expect(explain(translator('it'), unreadable)).toBe("la scheda 3f9a0c… della cabina B2 non si legge: non si apre con la chiave dell'urna");
    expect(explain(translator('de'), unreadable)).toBe('der Stimmzettel 3f9a0c… der Kabine B2 ist nicht lesbar: er lässt sich mit dem Urnenschlüssel nicht öffnen');
    expect(explain(translator('en'), refusal('check-fails', { check: 'C3', contest: 'REF-1' }))).toBe("check C3 of the record does not hold for REF-1: its figures are in the record's checks");
  });
});
