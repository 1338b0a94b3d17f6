// The public page as the review asked: a checkpoint no section has reported says so (not 0), shares
// are given for votes and not for preferences, the contest's title is its heading only, and the
// charts' text is drawn large enough to read on a 360 px phone; it reads in Italian, German or English.
import { describe, expect, it } from 'vitest';
import type { ResultsView } from '../src/shared/api.js';
import { PAGE_CSS, pageLang, placeName, renderPage, renderPreparing } from '../src/service/page.js';

const zero = { M: 0, F: 0, T: 0 };
const view: ResultsView = {
  election: { id: 'e', title: 'Elezioni comunali', digest: 'd', comune: 'Sanvalle', training: false, level: 'comune' },
  sectionsTotal: 2,
  sectionsAccepted: 1,
  contests: [{
    id: 'COM', title: 'Elezione del sindaco', type: 'municipal', electors: { M: 50, F: 50, T: 100 }, voters: { M: 30, F: 30, T: 60 }, blank: 2, invalid: 0, contested: 0,
    rows: [
      { group: 'mayor', id: 'm1', name: 'ROSSI ANNA', votes: 40 }, { group: 'mayor', id: 'm2', name: 'BIANCHI LUCA', votes: 18 },
      { group: 'preference', id: 'p1', name: 'VERDI ELENA', votes: 7 }, { group: 'preference', id: 'p2', name: 'NERI PAOLO', votes: 3 },
    ],
  }],
  titles: { COM: 'Elezione del sindaco' },
  sections: [],
  turnout: [
    { id: 'C1', at: '2020-09-20T12:00:00+02:00', bySex: false, contests: { COM: { M: 0, F: 0, T: 9 } }, reported: ['1'], missing: ['2'] },
    { id: 'C2', at: '2020-09-20T19:00:00+02:00', bySex: false, contests: { COM: zero }, reported: [], missing: ['1', '2'] },
  ],
  version: 1,
};
const html = renderPage(view, 'it');
const rowOf = (label: string) => html.slice(html.indexOf(`>${label}</th>`), html.indexOf('</tr>', html.indexOf(`>${label}</th>`)));

describe('the public page', () => {
  it('says a checkpoint is not reported yet, and how many sections reported the others', () => {
    const c2 = html.slice(html.indexOf('<th scope="row">C2'), html.indexOf('</tr>', html.indexOf('<th scope="row">C2')));
    expect(c2).toContain('non ancora comunicata');
    expect(c2).not.toMatch(/<td>0<\/td>/);
    const c1 = html.slice(html.indexOf('<th scope="row">C1'), html.indexOf('</tr>', html.indexOf('<th scope="row">C1')));
    expect(c1).toContain('1 su 2');
    // At the comune's hour, as each language writes a date.
    expect(c1).toContain('<span class="at">20/09/2020 ore 12:00</span>');
    expect(renderPage(view, 'de')).toContain('<span class="at">20.09.2020 um 12:00</span>');
    expect(renderPage(view, 'en')).toContain('<span class="at">20/09/2020 at 19:00</span>');
  });

  it('names a section once when its name is already its word and number', () => {
    expect(placeName('Sezione', { id: '3', name: 'Sezione 3' })).toBe('Sezione 3');
    expect(placeName('Sprengel', { id: '3', name: 'Sezione 3' })).toBe('Sezione 3');
    expect(placeName('Sezione', { id: '1', name: 'Scuola primaria, via dei Tigli 4' })).toBe('Sezione 1: Scuola primaria, via dei Tigli 4');
    expect(placeName('Sezione', { id: '13', name: 'Sezione 3' })).toBe('Sezione 13: Sezione 3');
    const page = renderPage({ ...view, sections: [{ id: '3', name: 'Sezione 3', contests: view.contests }] }, 'it');
    expect(page).toContain('<summary>Sezione 3</summary>');
  });

  it('gives preferences as counts without a share, and mayors with theirs', () => {
    expect(rowOf('VERDI ELENA')).toBe('>VERDI ELENA</th><td>7</td>');
    expect(rowOf('ROSSI ANNA')).toContain('69,0');
  });

  it("names the contest once, in its heading: its tables' captions name only what they hold", () => {
    expect(html).toContain('<h2 id="h-c0">Elezione del sindaco</h2>');
    expect(html).not.toMatch(/<caption>[^<]*Elezione del sindaco/);
  });

  it('draws its chart labels at a size that reads on a 360 px phone', () => {
    const viewBox = Number(/viewBox="0 0 (\d+) /.exec(html)![1]);
    const font = Math.min(...[...html.matchAll(/<text [^>]*font-size="(\d+)"/g)].map((m) => Number(m[1])));
    // The chart is as wide as the phone's page (360 px less 2 rem of padding), and no wider than its max-width.
    const shown = Math.min(360 - 32, Number(/\.chart\{[^}]*max-width:(\d+)rem/.exec(PAGE_CSS)![1]) * 16);
    expect((font * shown) / viewBox).toBeGreaterThanOrEqual(14);
  });

  it('is in the language asked for, Italian otherwise, and links to the other two, each named in its own language', () => {
    expect([{ lang: 'de' }, { lang: 'en' }, { lang: 'it' }, { lang: 'fr' }, { lang: ['de'] }, {}, null].map(pageLang)).toEqual(['de', 'en', 'it', 'it', 'it', 'it', 'it']);
    const links = (page: string) => [...page.matchAll(/<a href="\/\?lang=(\w+)" hreflang="(\w+)" lang="(\w+)">([^<]+)<\/a>/g)].map((m) => `${m[1]}/${m[2]}/${m[3]} ${m[4]}`);
    expect(links(html)).toEqual(['de/de/de Deutsch', 'en/en/en English']);
    const german = renderPage(view, 'de');
    expect(german).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(links(german)).toEqual(['it/it/it Italiano', 'en/en/en English']);
    // Its figures are written as German writes them: 40 of 58 votes, 69,0 %.
    expect(german).toContain('69,0');
    expect(links(renderPreparing('en'))).toEqual(['it/it/it Italiano', 'de/de/de Deutsch']);
    expect(renderPreparing('de')).toContain('<html lang="de">');
    expect(renderPreparing('it')).toContain('L’ufficio elettorale prepara la giornata');
  });

  it('heads each contest of the turnout with its title before any section is in', () => {
    const before = renderPage({ ...view, sectionsAccepted: 0, contests: [] }, 'de');
    expect(before).toContain('<h3>Elezione del sindaco</h3><table class="turnout">');
    expect(before).not.toContain('<h3>COM</h3>');
  });
});
