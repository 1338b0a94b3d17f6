// The president's catalogue against what the service says: every refusal of the console reads back to
// its code and figures, and is said in Italian, German and English with the same figures; every
// phase, booth state, category and event has its words. (Beside the renderer: it is browser code.)
import { describe, expect, it } from 'vitest';
import { CATEGORIES, EVENTS } from '@seggio/ballot-core';
import { PARAM_PATTERNS, readRefusal, refusal, REFUSALS, type RefusalCode } from '../shared/refusals.js';
import { CATALOGUES, knownKey, translator } from './i18n.js';
import { explain } from './ui.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** A figure of each known shape (refusals.ts PARAM_PATTERNS); any other figure is free text with punctuation in it. */
const SHAPED: Record<string, string> = { line: '102', field: 'surname', path: '$.contests[1].rules.splitVote' };

describe('the refusals', () => {
  it('has a sample figure of every known shape', () => {
    expect(Object.keys(SHAPED).sort()).toEqual(Object.keys(PARAM_PATTERNS).sort());
  });

  it.each(Object.keys(REFUSALS) as RefusalCode[])('%s reads back from its text, and is in every language with the same figures', (code) => {
    const names = placeholders(REFUSALS[code]);
    const params: Record<string, string> = Object.fromEntries(names.map((n, i) => [n, SHAPED[n] ?? `value ${i} (with: punctuation)`]));
    expect(readRefusal(refusal(code, params))).toEqual({ code, params });
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      const said = (catalogue as Record<string, string>)[`refusal.${code}`];
      expect(said, `${language} refusal.${code}`).toBeDefined();
      expect(placeholders(said!), `${language} refusal.${code}`).toEqual(names);
    }
  });

  it('says a refusal in the language chosen, with its states and categories in words, and leaves other text as it is', () => {
    const text = refusal('booth-not-free', { booth: 'B2', state: 'in-session' });
    expect(explain(translator('it'), text)).toBe('la cabina B2 non è libera (elettore in cabina)');
    expect(explain(translator('de'), text)).toBe('die Kabine B2 ist nicht frei (Wähler in der Kabine)');
    expect(explain(translator('en'), refusal('roll-differs', { number: 4, category: 'EU_MUNICIPAL', sex: 'F' }))).toBe('the section roll lists number 4 as EU citizen (municipal elections), Woman');
    expect(explain(translator('it'), 'a reason of another part, as it was given')).toBe('a reason of another part, as it was given');
    expect(explain(translator('it'), refusal('package-other-key', { file: 'sanvalle.json.sig', signer: 'AAAA-BBBB', expected: 'CCCC-DDDD' }))).toBe(
      "sanvalle.json.sig: firmato con la chiave AAAA-BBBB, non con quella dell'ufficio elettorale CCCC-DDDD",
    );
    // The section roll's lines, as the service words them (apps/seat-console/test/roll.test.ts).
    expect(explain(translator('it'), 'lista.csv: line 2: sex "X" must be M or F')).toBe('lista.csv: riga 2: il sesso "X" deve essere M o F');
    expect(explain(translator('it'), 'lista.csv: line 4: name contains a bidirectional formatting character (U+202E) at position 0')).toBe(
      'lista.csv: riga 4: colonna name: contains a bidirectional formatting character (U+202E) at position 0',
    );
    expect(explain(translator('de'), 'lista.csv: line 4: category EU_EUROPEAN votes in no contest of this election')).toMatch(/^lista\.csv: Zeile 4: die Kategorie .+ wählt bei keiner Abstimmung dieser Wahl$/);
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
      ...Object.keys(EVENTS).filter((e) => !['setup-received', 'console-refused', 'zero-report-signed', 'token-accepted', 'token-rejected', 'session-cast', 'session-cancelled', 'out-of-service'].includes(e)).map((e) => `event.${e}`),
    ];
    for (const key of needed) expect(knownKey(key), key).not.toBeNull();
  });
});
