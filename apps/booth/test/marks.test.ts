// The pencil's rules on the fixtures: a mark that cannot stand beside another moves and says what it took
// off; what would void part of the ballot is refused; what the marks count for is the count's own reading.
// (The renderer's pure part, run under Node.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseElection, type Contest, type Election } from '@seggio/ballot-core';
import { counted, mark, preferencesElsewhere } from '../src/renderer/marks.js';
import { readBack } from '../src/renderer/readback.js';
import { translator } from '../src/renderer/i18n.js';

const load = (name: string): Election => {
  const parsed = parseElection(readFileSync(new URL(`../../../fixtures/${name}.election.json`, import.meta.url)));
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
};
const contest = (name: string, type: Contest['type']) => load(name).contests.find((c) => c.type === type)!;
const t = translator('it');

describe('a municipal ballot up to 15,000 (no split vote)', () => {
  const sanvalle = contest('sanvalle-2020', 'municipal');
  it("moves the mark to another mayor's list and says the mayor's mark was taken off", () => {
    const first = mark(sanvalle, undefined, { mayor: 'S2' });
    expect(first).toEqual({ ok: true, selection: { mayor: 'S2', list: null, preferences: [] }, notice: null });
    const moved = mark(sanvalle, first.ok ? first.selection : undefined, { list: 'L1' });
    expect(moved).toEqual({ ok: true, selection: { mayor: null, list: 'L1', preferences: [] }, notice: { key: 'moved.split', removed: 'TINARI ROBERTO' } });
  });
  it('shows a list vote as counted on its mayor', () => {
    expect(counted(sanvalle, { mayor: null, list: 'L1', preferences: [] })).toMatchObject({ mayor: 'S1', list: 'L1' });
  });
  it('refuses a same-sex second preference and a preference in a list the mayor marked is not linked to', () => {
    expect(mark(sanvalle, { mayor: null, list: 'L1', preferences: ['L1-C01'] }, { preference: { list: 'L1', candidate: 'L1-C04' } })).toEqual({ ok: false, code: 'same-sex' });
    expect(mark(sanvalle, { mayor: 'S2', list: null, preferences: [] }, { preference: { list: 'L1', candidate: 'L1-C01' } })).toEqual({ ok: false, code: 'split-vote-not-allowed' });
  });
  it("keeps another list's preference lines closed once the vote goes to a list, naming it, and how: by its symbol, a preference, or its mayor", () => {
    expect(preferencesElsewhere(sanvalle, { mayor: null, list: 'L1', preferences: [] }, 'L2')).toEqual({ voted: 'Insieme per Sanvalle', list: 'Sanvalle Domani' });
    expect(preferencesElsewhere(sanvalle, { mayor: null, list: null, preferences: ['L1-C01'] }, 'L2')).toEqual({ voted: 'Insieme per Sanvalle', list: 'Sanvalle Domani' });
    expect(preferencesElsewhere(sanvalle, { mayor: 'S2', list: null, preferences: [] }, 'L1')).toEqual({ voted: 'Sanvalle Domani', list: 'Insieme per Sanvalle', mayor: 'TINARI ROBERTO' });
    // The list voted, or nothing yet: its lines open.
    expect(preferencesElsewhere(sanvalle, { mayor: null, list: 'L1', preferences: [] }, 'L1')).toBeNull();
    expect(preferencesElsewhere(sanvalle, undefined, 'L1')).toBeNull();
    expect(preferencesElsewhere(sanvalle, { blank: true }, 'L1')).toBeNull();
    const said = translator('it')('pref.otherListMayor', { voted: 'Sanvalle Domani', list: 'Insieme per Sanvalle', mayor: 'TINARI ROBERTO' });
    expect(said).toBe('Il voto per TINARI ROBERTO vale anche per la lista Sanvalle Domani: per esprimere preferenze per la lista Insieme per Sanvalle, prima voti la lista Insieme per Sanvalle, segnandone il simbolo.');
  });
  it('reads back the marks and what they count for', () => {
    expect(readBack(sanvalle, { mayor: null, list: 'L1', preferences: ['L1-C01'] }, t)).toEqual([
      'Ha segnato: simbolo della lista Insieme per Sanvalle.',
      'Il voto vale per la candidata sindaca BASSELLI ILARIA e per la lista Insieme per Sanvalle. Preferenze: TINAZZI LUCA.',
    ]);
  });
});

describe('a municipal ballot over 15,000 (split vote allowed)', () => {
  const rivafonda = contest('rivafonda-2020', 'municipal');
  it("keeps both marks for another mayor's list, and says it is a split vote", () => {
    const split = mark(rivafonda, { mayor: 'S2', list: null, preferences: [] }, { list: 'L1' });
    expect(split).toEqual({ ok: true, selection: { mayor: 'S2', list: 'L1', preferences: [] }, notice: null });
    expect(readBack(rivafonda, split.ok ? split.selection : undefined, t).at(-1)).toMatch(/^Voto disgiunto: vale per il candidato sindaco VAILINI ENRICO e per la lista Progetto Rivafonda/);
  });
  it("opens any list's lines beside a mayor alone (a preference then makes a split vote), and keeps them closed beside another list voted", () => {
    expect(preferencesElsewhere(rivafonda, { mayor: 'S2', list: null, preferences: [] }, 'L1')).toBeNull();
    expect(preferencesElsewhere(rivafonda, { mayor: 'S2', list: 'L1', preferences: [] }, 'L4')).toEqual({ voted: 'Progetto Rivafonda', list: 'Popolari per Rivafonda' });
  });
});

describe('European', () => {
  const european = contest('politiche-2022', 'european');
  it("keeps another list's lines closed once a list is voted, and says it once for a list named \"Lista …\"", () => {
    const elsewhere = preferencesElsewhere(european, { list: 'EU-L2', candidate: null, preferences: [] }, 'EU-L1');
    expect(elsewhere).toMatchObject({ voted: 'Lista Lanterna' });
    expect(t('pref.otherList', elsewhere!)).toMatch(/^Ha votato la Lista Lanterna: per esprimere preferenze per la lista /);
  });
});

describe('Camera and Senato', () => {
  const camera = contest('politiche-2022', 'camera');
  it("moves the mark from a list to a candidate it is not linked to, and says so", () => {
    expect(mark(camera, { list: 'CAM-L1', candidate: null, preferences: [] }, { candidate: 'CAM-U3' })).toEqual({
      ok: true,
      selection: { list: null, candidate: 'CAM-U3', preferences: [] },
      notice: { key: 'moved.linked', removed: "Movimento dell'Aquilone" },
    });
  });
  it('shows a list vote as counted on its candidate', () => {
    expect(counted(camera, { list: 'CAM-L4', candidate: null, preferences: [] })).toMatchObject({ list: 'CAM-L4', candidate: 'CAM-U3' });
  });
});
