// What the voice says of each place on the scheda (its data-say) and of the review, on the fixtures:
// one count of the choices the keypad reaches, each one's position within that same count; a woman is "candidata"/"Kandidatin"; the review says what was marked as a noun phrase, and no
// capital letter follows a semicolon.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseElection, type Contest, type Election } from '@seggio/ballot-core';
import { choicesOf, sayOf } from '../src/renderer/choices.js';
import { translator, type Language } from '../src/renderer/i18n.js';
import { readBack } from '../src/renderer/readback.js';
import { forVoice } from '../src/renderer/spoken.js';

const load = (name: string): Election => {
  const parsed = parseElection(readFileSync(new URL(`../../../fixtures/${name}.election.json`, import.meta.url)));
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
};
const contests = [...load('sanvalle-2020').contests, ...load('politiche-2022').contests, ...load('rivafonda-2020').contests];
const ofType = (type: Contest['type']) => contests.find((c) => c.type === type)!;

/** What the voice says of every place that takes a mark, in the order drawn (the scheda's data-say). */
const says = (contest: Contest, language: Language = 'it'): string[] => choicesOf(contest).map((key) => sayOf(contest, key, translator(language)));

describe('the scheda by ear', () => {
  for (const type of ['referendum', 'municipal', 'european', 'camera', 'senato'] as const) {
    it(`says, on a ${type} ballot, each choice's position within the count of all the choices announced`, () => {
      const contest = ofType(type);
      const n = choicesOf(contest).length;
      // Every name and every symbol drawn takes a mark: all of them are counted, not the people only.
      const drawn = contest.type === 'referendum' ? 2 : contest.type === 'municipal' ? contest.mayors.length + contest.lists.length : contest.type === 'european' ? contest.lists.length : contest.candidates.length + contest.lists.length;
      expect(n).toBe(drawn);
      const heard = says(contest);
      expect(heard.map((s) => s.match(/(\d+) di (\d+)/)?.slice(1))).toEqual(heard.map((_, i) => [String(i + 1), String(n)]));
    });
  }

  it('calls a woman "candidata" (it) and "Kandidatin" (de), a man "candidato"', () => {
    const municipal = ofType('municipal');
    const camera = ofType('camera');
    expect(says(municipal)[0]).toMatch(/^candidata alla carica di sindaco, 1 di/);
    expect(says(municipal, 'de')[0]).toMatch(/^Kandidatin für das Bürgermeisteramt,/);
    expect(says(municipal, 'en')[0]).toMatch(/^candidate for mayor,/);
    const cameraSays = says(camera);
    const women = camera.type === 'camera' ? camera.candidates.map((c) => c.sex) : [];
    expect(cameraSays.filter((s) => /^candidat[ao] nel collegio/.test(s)).map((s) => (s.startsWith('candidata') ? 'F' : 'M'))).toEqual(women);
  });

  it('says no capital letter after a semicolon', () => {
    for (const language of ['it', 'en'] as const) {
      for (const contest of contests) for (const s of says(contest, language)) expect(s, `${language} ${contest.id}`).not.toMatch(/; \p{Lu}/u);
    }
    expect(says(ofType('senato')).find((s) => s.includes('; candidati della lista: '))).toBeDefined();
  });
});

describe("the review's read-back", () => {
  const t = translator('it');
  it('says what was marked as a noun phrase, a woman as "candidata", and what it counts for', () => {
    const municipal = ofType('municipal');
    if (municipal.type !== 'municipal') throw new Error('municipal');
    const woman = municipal.mayors.find((m) => m.sex === 'F')!;
    const list = municipal.lists.find((l) => l.id === woman.lists[0])!;
    expect(readBack(municipal, { mayor: woman.id, list: null, preferences: [] }, t)).toEqual([
      `Ha segnato: candidata alla carica di sindaco ${woman.surname} ${woman.name}.`,
      `Il voto vale per la candidata sindaca ${woman.surname} ${woman.name} e per la lista ${list.name}.`,
    ]);
    const camera = ofType('camera');
    if (camera.type !== 'camera') throw new Error('camera');
    const candidate = camera.candidates.find((c) => c.sex === 'F')!;
    const [marked, counts] = readBack(camera, { list: null, candidate: candidate.id, preferences: [] }, translator('de'));
    expect(marked).toBe(`Angekreuzt: Kandidatin im Einerwahlkreis ${candidate.surname} ${candidate.name}.`);
    expect(counts).toContain(`für die Kandidatin ${candidate.surname} ${candidate.name}`);
  });
});

describe('what the voice is given', () => {
  it('says the election texts as a person reads them aloud: "n. 240" as the word, "04" as 4', () => {
    const referendum = ofType('referendum');
    if (referendum.type !== 'referendum') throw new Error('referendum');
    expect(referendum.question).toContain('n. 240');
    expect(forVoice(referendum.question, 'it')).toContain('Gazzetta Ufficiale della Repubblica italiana numero 240 del 12 ottobre 2019?');
    expect(forVoice(referendum.question, 'de')).toContain('Nummer 240');
    const senato = ofType('senato');
    if (senato.type !== 'senato') throw new Error('senato');
    expect(forVoice(`${senato.title} — ${senato.constituency}`, 'en')).toBe('Elezione del Senato della Repubblica — Lombardia - collegio uninominale 4');
    // Nothing else is touched: a lone zero, the figures of a date, a name's initial before a word.
    expect(forVoice('0 di 2; 2019; 10 di 12; n. e basta', 'it')).toBe('0 di 2; 2019; 10 di 12; n. e basta');
  });
});

describe('a list named with the word that introduces it', () => {
  it('is named once: "la Lista Lanterna", "die Liste Bürgernähe", and other lists as before', () => {
    expect(translator('it')('counts.list', { list: 'Lista Lanterna' })).toBe('Il voto vale per la Lista Lanterna.');
    expect(translator('it')('pref.title', { list: 'LISTA TORRE NUOVA' })).toBe('Preferenze per la LISTA TORRE NUOVA');
    expect(translator('de')('counts.list', { list: 'Liste Bürgernähe' })).toBe('Die Stimme zählt für die Liste Bürgernähe.');
    expect(translator('it')('counts.list', { list: 'Sanvalle Domani' })).toBe('Il voto vale per la lista Sanvalle Domani.');
    expect(translator('it')('counts.list', { list: 'Listaverde' })).toBe('Il voto vale per la lista Listaverde.');
  });
});

