// The public results page (docs/design.md §7): server-rendered HTML with its charts drawn here as SVG, so
// it reads without JavaScript and on a phone; a small script replaces <main> when the server says the
// figures changed (server-sent events). Italian, German (page-de.ts) and English.
import type { CheckpointView, ContestTotals, ResultsView, SexCounts } from '../shared/api.js';
import { PAGE_DE } from './page-de.js';

export type Lang = 'it' | 'de' | 'en';
/** The page's languages, in the order its links give them. */
const LANGS: readonly Lang[] = ['it', 'de', 'en'];

/** The language a reader asked for (`?lang=de`, `?lang=en`); Italian otherwise. */
export const pageLang = (query: unknown): Lang => {
  const asked = (query as { lang?: unknown } | null)?.lang;
  return asked === 'de' || asked === 'en' ? asked : 'it';
};

/** A date's day, month and year, as digits. */
export interface Written {
  readonly d: string;
  readonly m: string;
  readonly y: string;
}

/**
 * A checkpoint's time ("2020-09-20T12:00:00+02:00") as each language writes it, at the hour written:
 * the comune's own, whose offset it carries.
 */
function checkpointAt(t: Text, at: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)/.exec(at);
  return m ? t.at({ d: m[3]!, m: m[2]!, y: m[1]! }, m[4]!) : at;
}

/** The public page's words in its three languages. */
export const PAGE_TEXT = {
  it: {
    results: 'Risultati', comune: 'Comune di', province: 'Provincia di', sections: (n: number, of: number) => `Sezioni pervenute: ${n} su ${of}`, comuni: (n: number, of: number) => `Comuni pervenuti: ${n} su ${of}`, training: 'ELEZIONE DI PROVA: questi non sono risultati reali',
    turnout: 'Affluenza', checkpoint: 'Rilevazione', voters: 'Votanti', men: 'Maschi', women: 'Femmine', total: 'Totale', missing: 'Sezioni che non hanno comunicato', missingComuni: 'Comuni che non hanno comunicato', none: 'nessuna',
    notYet: 'non ancora comunicata', partial: (n: number, of: number) => `${n} su ${of}`, reportedBy: 'Sezioni', reportedByComuni: 'Comuni', figures: 'Elettori e schede',
    electors: 'Elettori', blank: 'Schede bianche', invalid: 'Schede nulle', contested: 'Schede contestate', votes: 'Voti', share: '%', choice: 'Voce', decimal: ',',
    answer: { YES: 'SÌ', NO: 'NO' } as Record<string, string>, mayor: 'Candidati sindaco', list: 'Liste', candidate: 'Candidati uninominali', preference: 'Preferenze',
    bySection: 'Sezione per sezione', byComune: 'Comune per comune', section: 'Sezione', comuneRow: 'Comune', noneYet: 'Nessuna sezione è ancora pervenuta.', noComuneYet: 'Nessun comune è ancora pervenuto.', downloads: 'Dati aperti', csv: 'Risultati (CSV)', json: 'Risultati (JSON)',
    tally: 'Riepilogo comunale firmato dall\'ufficio', signature: 'firma', export: 'Esportazione pubblica della sezione', package: 'Riepilogo firmato ed esportazioni delle sezioni del comune', name: 'Italiano', chart: (what: string) => `Grafico: ${what}`, live: 'La pagina si aggiorna da sola quando arriva una sezione.',
    at: (date: Written, time: string) => `${date.d}/${date.m}/${date.y} ore ${time}`,
    office: 'Ufficio elettorale', preparing: 'L’ufficio elettorale prepara la giornata: nessun pacchetto elettorale è ancora firmato. Affluenza e risultati compariranno qui quando lo sarà.',
  },
  de: PAGE_DE,
  en: {
    results: 'Results', comune: 'Comune of', province: 'Province of', sections: (n: number, of: number) => `Sections in: ${n} of ${of}`, comuni: (n: number, of: number) => `Comuni in: ${n} of ${of}`, training: 'TRAINING ELECTION: these are not real results',
    turnout: 'Turnout', checkpoint: 'Checkpoint', voters: 'Voters', men: 'Men', women: 'Women', total: 'Total', missing: 'Sections not reported', missingComuni: 'Comuni not reported', none: 'none',
    notYet: 'not reported yet', partial: (n: number, of: number) => `${n} of ${of}`, reportedBy: 'Sections', reportedByComuni: 'Comuni', figures: 'Electors and ballots',
    electors: 'Electors', blank: 'Blank ballots', invalid: 'Invalid ballots', contested: 'Contested ballots', votes: 'Votes', share: '%', choice: 'Choice', decimal: '.',
    answer: { YES: 'YES', NO: 'NO' } as Record<string, string>, mayor: 'Mayor candidates', list: 'Lists', candidate: 'Single-member candidates', preference: 'Preferences',
    bySection: 'Section by section', byComune: 'Comune by comune', section: 'Section', comuneRow: 'Comune', noneYet: 'No section has come in yet.', noComuneYet: 'No comune has come in yet.', downloads: 'Open data', csv: 'Results (CSV)', json: 'Results (JSON)',
    tally: 'Comune tally signed by the office', signature: 'signature', export: 'Public export of section', package: 'Signed tally and section exports of comune', name: 'English', chart: (what: string) => `Chart: ${what}`, live: 'This page updates by itself when a section comes in.',
    at: (date: Written, time: string) => `${date.d}/${date.m}/${date.y} at ${time}`,
    office: 'Electoral office', preparing: 'The electoral office is preparing the day: no election package has been signed yet. Turnout and results appear here once it is.',
  },
} as const;

type Text = (typeof PAGE_TEXT)[Lang];

const escape = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A share with one decimal, written with the page's decimal separator (Italian writes 61,9). */
const pct = (t: Text, n: number, of: number) => (of > 0 ? ((100 * n) / of).toFixed(1) : '0.0').replace('.', t.decimal);

/**
 * Horizontal bars, labelled in the SVG and described for screen readers. Each label has a line of its own
 * above its bar, in a drawing 320 units wide shown at most 22rem wide: its 15-unit text is never smaller
 * than ~14 px on a 360 px phone, and no larger than ~17 px on a desk.
 */
function bars(id: string, title: string, rows: readonly { label: string; value: number }[]): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = 44;
  const body = rows
    .map((r, i) => {
      const w = Math.round((r.value / max) * 240);
      const y = i * h;
      return `<text x="0" y="${y + 15}" font-size="15" fill="#1a1a1a">${escape(r.label.slice(0, 40))}</text><rect x="0" y="${y + 21}" width="${Math.max(w, 1)}" height="16" fill="#1f5fa8"></rect><text x="${w + 6}" y="${y + 35}" font-size="15" fill="#1a1a1a">${escape(r.value)}</text>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 320 ${Math.max(rows.length, 1) * h}" role="img" aria-labelledby="${id}"><title id="${id}">${escape(title)}</title>${body}</svg>`;
}

function turnoutSection(t: Text, view: ResultsView): string {
  const provincia = view.election.level === 'provincia';
  const ids = view.turnout.length > 0 ? Object.keys(view.turnout[0]!.contests) : [];
  const title = (id: string) => (Object.hasOwn(view.titles, id) ? view.titles[id]! : id);
  const of = view.sectionsTotal;
  // A checkpoint no section has reported shows that, not a 0 that reads as nobody having voted.
  const row = (cp: CheckpointView, f: SexCounts) => {
    const head = `<th scope="row">${escape(cp.id)} <span class="at">${escape(checkpointAt(t, cp.at))}</span></th>`;
    if (cp.reported.length === 0) return `<tr>${head}<td colspan="4" class="not-yet">${t.notYet}</td></tr>`;
    return `<tr>${head}<td>${t.partial(cp.reported.length, of)}</td><td>${cp.bySex ? f.M : '—'}</td><td>${cp.bySex ? f.F : '—'}</td><td>${f.T}</td></tr>`;
  };
  const tables = ids
    .map((id, k) => {
      const list = view.turnout.map((cp) => row(cp, cp.contests[id]!)).join('');
      const reported = view.turnout.filter((cp) => cp.reported.length > 0);
      const chart = reported.length === 0 ? '' : bars(`turnout-${k}`, t.chart(`${t.turnout}, ${title(id)}`), reported.map((cp) => ({ label: cp.id, value: cp.contests[id]!.T })));
      return `<h3>${escape(title(id))}</h3><table class="turnout"><caption>${t.voters}</caption><thead><tr><th scope="col">${t.checkpoint}</th><th scope="col">${provincia ? t.reportedByComuni : t.reportedBy}</th><th scope="col">${t.men}</th><th scope="col">${t.women}</th><th scope="col">${t.total}</th></tr></thead><tbody>${list}</tbody></table>${chart}`;
    })
    .join('');
  const missing = view.turnout.map((cp) => `<li>${escape(cp.id)}: ${cp.missing.length === 0 ? t.none : escape(cp.missing.join(', '))}</li>`).join('');
  return `<section aria-labelledby="h-turnout"><h2 id="h-turnout">${t.turnout}</h2>${tables}<h3>${provincia ? t.missingComuni : t.missing}</h3><ul>${missing}</ul></section>`;
}

function contestBlock(t: Text, c: ContestTotals, key: string, level: 2 | 3): string {
  const h = `h${level}`;
  const figures = `<table><caption>${t.figures}</caption><tbody>
    <tr><th scope="row">${t.electors}</th><td>${c.electors.T}</td></tr><tr><th scope="row">${t.voters}</th><td>${c.voters.T} (${pct(t, c.voters.T, c.electors.T)}%)</td></tr>
    <tr><th scope="row">${t.blank}</th><td>${c.blank}</td></tr><tr><th scope="row">${t.invalid}</th><td>${c.invalid}</td></tr><tr><th scope="row">${t.contested}</th><td>${c.contested}</td></tr></tbody></table>`;
  const groups = (['answer', 'mayor', 'candidate', 'list', 'preference'] as const).filter((g) => c.rows.some((r) => r.group === g));
  const blocks = groups
    .map((g, k) => {
      const rows = c.rows.filter((r) => r.group === g);
      const label = (r: (typeof rows)[number]) => (g === 'answer' ? (t.answer[r.id] ?? r.name) : r.name);
      const of = rows.reduce((n, r) => n + r.votes, 0);
      const name = g === 'answer' ? t.votes : t[g];
      // A preference is counted per candidate within a list: a share of all preferences says nothing.
      const share = g !== 'preference';
      const head = `<th scope="col">${t.choice}</th><th scope="col">${t.votes}</th>${share ? `<th scope="col">${t.share}</th>` : ''}`;
      const body = rows.map((r) => `<tr><th scope="row">${escape(label(r))}</th><td>${r.votes}</td>${share ? `<td>${pct(t, r.votes, of)}</td>` : ''}</tr>`).join('');
      const table = `<table><caption>${escape(name)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
      return g === 'preference' ? table : `${table}${bars(`chart-${key}-${k}`, t.chart(`${c.title}, ${name}`), rows.map((r) => ({ label: label(r), value: r.votes })))}`;
    })
    .join('');
  return `<section aria-labelledby="h-${key}"><${h} id="h-${key}">${escape(c.title)}</${h}>${figures}${blocks}</section>`;
}

/**
 * A section (or comune) as its heading names it: "Sezione 1: Scuola primaria", or only its name when the
 * name is already its word and number ("Sezione 3", not "Sezione 3: Sezione 3").
 */
export function placeName(word: string, place: { readonly id: string; readonly name: string }): string {
  const name = place.name.trim().toLowerCase();
  return [`${word} ${place.id}`, `sezione ${place.id}`].some((said) => said.toLowerCase() === name) ? place.name : `${word} ${place.id}: ${place.name}`;
}

/** The page in each other language, each link named in its own. */
const languageLinks = (lang: Lang): string =>
  LANGS.filter((l) => l !== lang)
    .map((l) => `<a href="/?lang=${l}" hreflang="${l}" lang="${l}">${PAGE_TEXT[l].name}</a>`)
    .join(' · ');

/** The public page before the staff sign the day's package: what the office is doing, in the reader's language. */
export function renderPreparing(lang: Lang): string {
  const t = PAGE_TEXT[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${t.office}</title><link rel="stylesheet" href="page.css"><script src="live.js" defer></script></head><body><header><p class="lang">${languageLinks(lang)}</p></header><main id="live"><h1>${t.office}</h1><p id="preparing">${t.preparing}</p></main></body></html>`;
}

export function renderPage(view: ResultsView, lang: Lang): string {
  const t = PAGE_TEXT[lang];
  const provincia = view.election.level === 'provincia';
  const contests = view.sectionsAccepted === 0 ? `<p>${provincia ? t.noComuneYet : t.noneYet}</p>` : view.contests.map((c, i) => contestBlock(t, c, `c${i}`, 2)).join('');
  const sections = view.sections
    .map((s, i) => `<details><summary>${escape(placeName(provincia ? t.comuneRow : t.section, s))}</summary>${s.contests.map((c, k) => contestBlock(t, c, `s${i}-${k}`, 3)).join('')}</details>`)
    .join('');
  const links = provincia
    ? view.sections.map((s) => `<li><a href="/comuni/${encodeURIComponent(s.id)}.tar">${t.package} ${escape(s.name)}</a></li>`).join('')
    : `<li><a href="/comune-tally.json">${t.tally}</a> <span class="nowrap">(<a href="/comune-tally.json.sig">${t.signature}</a>)</span></li>${view.sections.map((s) => `<li><a href="/sezioni/${encodeURIComponent(s.id)}.tar">${t.export} ${escape(s.id)}</a></li>`).join('')}`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.results}: ${escape(view.election.title)}</title><link rel="stylesheet" href="/page.css"><script src="/live.js" defer></script></head>
<body><header><p class="lang">${languageLinks(lang)}</p>
<h1>${t.results}: ${escape(view.election.title)}</h1><p>${provincia ? t.province : t.comune} ${escape(view.election.comune)}</p>${view.election.training ? `<p class="training">${t.training}</p>` : ''}</header>
<main id="live" data-version="${view.version}"><p class="count" id="sections-in">${(provincia ? t.comuni : t.sections)(view.sectionsAccepted, view.sectionsTotal)}</p>
${contests}${turnoutSection(t, view)}${sections ? `<section aria-labelledby="h-sections"><h2 id="h-sections">${provincia ? t.byComune : t.bySection}</h2>${sections}</section>` : ''}
<section aria-labelledby="h-data"><h2 id="h-data">${t.downloads}</h2><ul><li><a href="/risultati.csv">${t.csv}</a></li><li><a href="/risultati.json">${t.json}</a></li>${links}</ul></section>
</main><footer><p>${t.live}</p></footer></body></html>
`;
}

// On a phone (360 px) the turnout's five columns fit with the hour under its checkpoint, closer cells and 13 px text.
export const PAGE_CSS = `body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem;color:#1a1a1a;background:#fff;line-height:1.4}
table{border-collapse:collapse;margin:.5rem 0;width:100%;max-width:36rem}th,td{border-bottom:1px solid #bbb;padding:.25rem .5rem;text-align:left}td,thead th+th{text-align:right}
caption{text-align:left;font-weight:600}.chart{width:100%;max-width:22rem;height:auto;display:block;margin:.5rem 0 1rem}.not-yet{text-align:left;font-style:italic}.training{background:#fff3c4;padding:.5rem;font-weight:700}
.at{font-weight:400;color:#444}.count{font-size:1.25rem;font-weight:600}a{color:#0b4f9c;display:inline-flex;align-items:center;min-height:44px;line-height:1.4}summary{min-height:44px;line-height:44px;cursor:pointer}.lang{text-align:right}.nowrap{white-space:nowrap}
@media (max-width:30rem){body{padding:0 .5rem}table.turnout{font-size:.8125rem}table.turnout th,table.turnout td{padding:.25rem .2rem}.at{display:block}}`;

/** Replaces <main> with the server's when it says the figures changed; without it the page still reads. */
export const LIVE_JS = `'use strict';
(() => {
  const source = new EventSource('/events');
  source.addEventListener('update', async () => {
    const response = await fetch(location.href, { headers: { accept: 'text/html' } });
    const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('live');
    const open = [...document.querySelectorAll('#live details[open] summary')].map((s) => s.textContent);
    if (!next) return;
    next.querySelectorAll('details').forEach((d) => { if (open.includes(d.querySelector('summary')?.textContent)) d.open = true; });
    document.getElementById('live').replaceWith(next);
  });
})();
`;
