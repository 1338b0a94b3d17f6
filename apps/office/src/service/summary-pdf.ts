// The printable summary of a signed package, for the office's records (docs/election-package.md): what was
// signed (the contests, their lists and candidates, the rules derived, the sections) and its sha256
// digest, in Italian, on A4 pages with DejaVu Sans embedded so that every name prints as written.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkitModule from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Election } from '@seggio/ballot-core';
import type { DerivedRules } from '@seggio/cli/library';

// fontkit is a UMD bundle: its functions arrive as the module or as its default export.
const fontkit = ('create' in fontkitModule ? fontkitModule : (fontkitModule as unknown as { default: typeof fontkitModule }).default) as Parameters<PDFDocument['registerFontkit']>[0];
const font = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`));

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const TYPES: Record<string, string> = { referendum: 'referendum', municipal: 'elezione comunale', european: 'elezione europea', camera: 'Camera dei deputati', senato: 'Senato della Repubblica' };
// The electors' categories as the electoral rolls name them, not the format's codes.
const CATEGORIES: Record<string, string> = {
  IT: 'elettori italiani',
  EU_MUNICIPAL: 'cittadini dell’Unione europea della lista aggiunta per le comunali',
  EU_EUROPEAN: 'cittadini dell’Unione europea della lista aggiunta per le europee',
};
const SEXES: Record<string, string> = { M: 'uomo', F: 'donna' };

/** "2020-09-20T12:00:00+02:00" as Italians write it, at the hour written (the comune's). */
function when(at: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?/.exec(at);
  if (!m) return at;
  return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` alle ${m[4]}:${m[5]}` : ''}`;
}

/** When the package was signed, in the election's zone, named: "il 21/09/2020 alle 12:00:05 CEST". */
function signedWhen(at: Date, timeZone: string): string {
  const date = new Intl.DateTimeFormat('it-IT', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('it-IT', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(at);
  return `il ${date} alle ${time}`;
}

/** The lists a mayor or a single-member candidate is linked to, by their names as on the ballot. */
function linkedLists(ids: readonly string[], lists: readonly { readonly id: string; readonly name: string }[]): string {
  const names = ids.map((id) => `«${lists.find((l) => l.id === id)?.name ?? id}»`);
  return names.length === 1 ? `lista ${names[0]}` : `liste ${names.join(', ')}`;
}

export interface SummaryInput {
  readonly election: Election;
  readonly digest: string;
  readonly rules: readonly DerivedRules[];
  readonly signer: string;
  readonly signedAt: Date;
}

function rulesLine(r: DerivedRules): string {
  const preferences = r.maxPreferences === 0 ? 'nessuna preferenza' : r.maxPreferences === 1 ? 'una preferenza' : `fino a ${r.maxPreferences} preferenze${r.preferencesBySex ? (r.type === 'european' ? ', non tutte dello stesso sesso' : ', di sesso diverso') : ''}`;
  return `Regole: ${preferences}; ${r.splitVote ? 'voto disgiunto ammesso' : 'voto disgiunto non ammesso'}.`;
}

/** The summary's lines: [text, size, bold]. */
function lines(input: SummaryInput): [string, number, boolean][] {
  const e = input.election;
  const out: [string, number, boolean][] = [
    ['Riepilogo del pacchetto elettorale firmato', 16, true],
    [e.title, 11, false],
    [`Comune di ${e.comune.name} (codice ISTAT ${e.comune.istat}, provincia ${e.comune.province})${e.training ? ' - ELEZIONE DI PROVA' : ''}`, 10, false],
    [`Identificativo: ${e.id}`, 10, false],
    [`Impronta SHA-256 di election.json: ${input.digest}`, 10, true],
    [`Firmato con la chiave dell'ufficio elettorale, impronta ${input.signer}, ${signedWhen(input.signedAt, e.timezone)}`, 10, false],
    [`Giorni: ${e.days.map((d) => `${when(d.date)} dalle ${d.open} alle ${d.close}`).join('; ')}`, 10, false],
    [`Rilevazioni dell'affluenza: ${e.turnoutCheckpoints.map((c) => `${when(c.at)}${c.final ? ' (finale)' : ''}`).join('; ')}`, 10, false],
    ['', 6, false],
    ['Consultazioni, nell\'ordine di scrutinio', 12, true],
  ];
  e.scrutinyOrder.forEach((id, i) => {
    const c = e.contests.find((k) => k.id === id)!;
    out.push([`${i + 1}. ${c.title} (${TYPES[c.type]}, ${c.id}, colore ${c.colour})`, 10, true]);
    if (c.type === 'referendum') out.push([`Quesito: ${c.question}`, 9, false]);
    if (c.type === 'municipal') out.push([`${c.population.toLocaleString('it-IT')} abitanti, ${c.seats} seggi. Candidati sindaco: ${c.mayors.map((m) => `${m.surname} ${m.name} (${linkedLists(m.lists, c.lists)})`).join('; ')}`, 9, false]);
    if (c.type === 'camera' || c.type === 'senato') out.push([`Candidati uninominali: ${c.candidates.map((m) => `${m.surname} ${m.name} (${linkedLists(m.lists, c.lists)})`).join('; ')}`, 9, false]);
    if (c.type !== 'referendum') {
      for (const l of c.lists) out.push([`Lista ${l.id} "${l.name}"${l.symbol ? '' : ' (senza contrassegno)'}: ${l.candidates.map((k, n) => `${n + 1}. ${k.surname} ${k.name} (${SEXES[k.sex] ?? k.sex})`).join(', ') || 'nessun candidato'}`, 9, false]);
    }
    const rules = input.rules.find((r) => r.contest === c.id);
    if (rules) out.push([rulesLine(rules), 9, false]);
  });
  out.push(['', 6, false], [`Sezioni (${e.sections.length})`, 12, true]);
  for (const s of e.sections) {
    const groups = Object.entries(s.electors).map(([cat, g]) => `${CATEGORIES[cat] ?? cat}: ${g.M} uomini e ${g.F} donne`).join('; ');
    // A section's name is often "Sezione 3" itself: said once.
    const named = s.name.trim().toLowerCase() === `sezione ${s.id}`.toLowerCase() ? `Sezione ${s.id}` : `Sezione ${s.id}, ${s.name}`;
    out.push([`${named}${s.address ? `, ${s.address}` : ''}. ${groups}; ${s.booths === 1 ? 'una cabina' : `${s.booths} cabine`}.`, 9, false]);
  }
  return out;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = text.split(' ');
  const result: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      result.push(line);
      line = word;
    }
  }
  result.push(line);
  return result;
}

export async function summaryPdf(input: SummaryInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`Riepilogo del pacchetto elettorale ${input.election.id}`);
  doc.setCreationDate(input.signedAt);
  doc.setModificationDate(input.signedAt);
  const regular = await doc.embedFont(font('DejaVuSans.ttf'), { subset: true });
  const bold = await doc.embedFont(font('DejaVuSans-Bold.ttf'), { subset: true });
  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  for (const [text, size, strong] of lines(input)) {
    const f = strong ? bold : regular;
    for (const line of wrap(text, f, size, A4.width - 2 * MARGIN)) {
      if (y < MARGIN + size) {
        page = doc.addPage([A4.width, A4.height]);
        y = A4.height - MARGIN;
      }
      page.drawText(line, { x: MARGIN, y: y - size, size, font: f, color: rgb(0, 0, 0) });
      y -= size * 1.35;
    }
  }
  const pages = doc.getPages();
  pages.forEach((p, i) => p.drawText(`${input.election.id} - sha256 ${input.digest.slice(0, 16)}… - pagina ${i + 1} di ${pages.length}`, { x: MARGIN, y: MARGIN / 2, size: 7, font: regular, color: rgb(0.3, 0.3, 0.3) }));
  return doc.save();
}
