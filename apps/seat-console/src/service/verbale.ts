// verbale.pdf: the printable record of the section (DOMAIN.md "The record"), every figure of the tally,
// the key fingerprints, the checks, and a QR code of the tally's digest for anyone to compare.
import { tallyDigest, type Contest, type Election, type MunicipalResults, type PartyListResults, type RecordCheck, type ReferendumResults, type SectionTally, type Setup } from '@seggio/ballot-core';
import { fingerprint, fromBase64 } from '@seggio/crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkitModule from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

export interface VerbaleInput {
  readonly election: Election;
  readonly tally: SectionTally;
  readonly checks: readonly RecordCheck[];
  readonly setup: Setup;
  readonly officeKey: Uint8Array;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const LINE = 14;

// fontkit is a UMD bundle: its functions arrive as the module or as its default export.
const fontkit = ('create' in fontkitModule ? fontkitModule : (fontkitModule as unknown as { default: typeof fontkitModule }).default) as Parameters<PDFDocument['registerFontkit']>[0];
const font = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`));

/**
 * DejaVu Sans, embedded (only the letters used): the names of every Italian ballot print as written,
 * the Slovene and German of the border regions included. A letter no font has is shown as "?" rather
 * than lost silently.
 */
function printable(font: PDFFont, text: string): string {
  const glyphs = (font as unknown as { embedder: { font?: { hasGlyphForCodePoint(codePoint: number): boolean } } }).embedder.font;
  return [...text]
    .map((c) => {
      if (glyphs) return glyphs.hasGlyphForCodePoint(c.codePointAt(0)!) ? c : '?';
      try {
        font.encodeText(c);
        return c;
      } catch {
        return '?';
      }
    })
    .join('');
}

class Writer {
  page: PDFPage;
  y = A4.height - MARGIN;

  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
  }

  need(height: number): void {
    if (this.y - height < MARGIN) {
      this.page = this.doc.addPage([A4.width, A4.height]);
      this.y = A4.height - MARGIN;
    }
  }

  line(text: string, options: { bold?: boolean; size?: number; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.font;
    const width = A4.width - 2 * MARGIN - (options.indent ?? 0);
    // Wrap on spaces to the page width.
    const words = printable(font, text).split(' ');
    let current = '';
    let used = 0;
    const flush = () => {
      this.need(size + 4);
      this.page.drawText(current, { x: MARGIN + (options.indent ?? 0), y: this.y - size, size, font, color: rgb(0, 0, 0) });
      this.y -= size + 4;
      current = '';
      used = 0;
    };
    const space = this.width(font, ' ', size);
    for (const word of words) {
      const wide = this.width(font, word, size);
      if (current && used + space + wide > width) flush();
      used += (current ? space : 0) + wide;
      current = current ? `${current} ${word}` : word;
    }
    flush();
  }

  // A word's width as the sum of its letters' advances, each measured once (without kerning, which
  // only narrows): laying text out is the slow part of writing the record.
  readonly #advances = new Map<string, number>();
  width(font: PDFFont, word: string, size: number): number {
    let width = 0;
    for (const c of word) {
      const key = `${font === this.bold ? 'b' : 'r'}${c}`;
      let advance = this.#advances.get(key);
      if (advance === undefined) this.#advances.set(key, (advance = font.widthOfTextAtSize(c, 1000)));
      width += advance;
    }
    return (width * size) / 1000;
  }

  gap(points = LINE / 2): void {
    this.y -= points;
  }
}

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;

function contestLines(w: Writer, contest: Contest, t: SectionTally['contests'][number]): void {
  const sexes = (c: { M: number; F: number; T: number }) => `maschi ${c.M}, femmine ${c.F}, totale ${c.T}`;
  w.line(`Elettori: ${sexes(t.electors)}`, { indent: 10 });
  w.line(`Votanti: ${sexes(t.voters)}`, { indent: 10 });
  w.line(`Schede bianche ${t.blank}, nulle ${t.invalid}, contestate ${t.contested}; schede nell'urna ${t.ballots.count}`, { indent: 10 });
  if (contest.type === 'referendum') {
    const r = t.results as ReferendumResults;
    w.line(`Voti SÌ ${r.YES}, voti NO ${r.NO}`, { indent: 10, bold: true });
  } else if (contest.type === 'municipal') {
    const r = t.results as MunicipalResults;
    for (const m of contest.mayors) w.line(`Sindaco ${person(m)}: ${r.mayors[m.id]!.votes} voti${r.mayors[m.id]!.mayorOnly ? ` (di cui solo al sindaco ${r.mayors[m.id]!.mayorOnly})` : ''}`, { indent: 10 });
    for (const l of contest.lists) {
      w.line(`${l.name}: ${r.lists[l.id]} voti di lista`, { indent: 10, bold: true });
      if (l.candidates.length) w.line(`Preferenze: ${l.candidates.map((c) => `${person(c)} ${r.preferences[c.id] ?? 0}`).join('; ')}`, { indent: 24 });
    }
  } else {
    const r = t.results as PartyListResults;
    if (contest.type !== 'european') {
      for (const c of contest.candidates) w.line(`Candidato ${person(c)}: ${r.candidates[c.id]} voti (di cui al solo candidato ${r.candidateOnly?.[c.id] ?? 0})`, { indent: 10 });
    }
    for (const l of contest.lists) {
      w.line(`${l.name}: ${r.lists[l.id]} voti di lista`, { indent: 10, bold: true });
      if (l.candidates.length) w.line(`Preferenze: ${l.candidates.map((c) => `${person(c)} ${r.preferences[c.id] ?? 0}`).join('; ')}`, { indent: 24 });
    }
  }
}

export async function verbalePdf(input: VerbaleInput): Promise<Uint8Array> {
  const { election, tally, setup } = input;
  const doc = await PDFDocument.create();
  // Fixed metadata: the same record gives the same file (no creation time, R28).
  doc.setTitle(`Verbale: ${election.title}, sezione ${tally.section}`);
  doc.setProducer('Seggio');
  doc.setCreator('Seggio');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  doc.registerFontkit(fontkit);
  // Fixed names for the embedded subsets, so that the same record gives the same bytes.
  const regular = await doc.embedFont(font('DejaVuSans.ttf'), { subset: true, customName: 'SGGREG+DejaVuSans' });
  const bold = await doc.embedFont(font('DejaVuSans-Bold.ttf'), { subset: true, customName: 'SGGBLD+DejaVuSans-Bold' });
  const w = new Writer(doc, regular, bold);
  const section = election.sections.find((s) => s.id === tally.section);

  w.line('Verbale delle operazioni dell\'ufficio elettorale di sezione', { bold: true, size: 15 });
  if (election.training) w.line('ESERCITAZIONE: senza valore legale', { bold: true, size: 12 });
  w.line(election.title, { size: 12 });
  w.line(`Comune di ${election.comune.name} (${election.comune.province}), ${section?.name ?? `sezione ${tally.section}`}`);
  w.line(`Definizione dell'elezione: SHA-256 ${tally.election}`, { size: 8 });
  w.gap();
  w.line('Chiavi', { bold: true, size: 12 });
  w.line(`Ufficio elettorale: ${fingerprint(input.officeKey)}`, { indent: 10 });
  w.line(`Seggio (console): ${fingerprint(fromBase64(setup.console))}`, { indent: 10 });
  w.line(`Urna: ${fingerprint(fromBase64(setup.urnaPublicKey))}, ricostruita con ${setup.shares.threshold} delle ${setup.shares.count} parti`, { indent: 10 });
  for (const b of setup.booths) w.line(`Cabina ${b.id}: ${fingerprint(fromBase64(b.publicKey))}`, { indent: 10 });

  for (const t of tally.contests) {
    const contest = election.contests.find((c) => c.id === t.id)!;
    w.gap();
    w.line(contest.title, { bold: true, size: 12 });
    contestLines(w, contest, t);
    const checks = input.checks.filter((c) => c.contest === t.id);
    w.line(`Controlli: ${checks.map((c) => `${c.check} ${c.ok ? 'regolare' : 'NON REGOLARE'}`).join(', ')}`, { indent: 10, size: 9 });
  }
  if (tally.turnout.length) {
    w.gap();
    w.line('Affluenza', { bold: true, size: 12 });
    for (const report of tally.turnout) {
      const at = election.turnoutCheckpoints.find((c) => c.id === report.checkpoint)?.at ?? '';
      w.line(`${report.checkpoint} (${at}): ${Object.entries(report.contests).map(([id, f]) => `${id} ${f.T} (M ${f.M}, F ${f.F})`).join('; ')}`, { indent: 10, size: 9 });
    }
  }

  // The QR code of the tally's digest, drawn as squares: compare it with `seggio verify`'s.
  const digest = tallyDigest(tally);
  const qr = QRCode.create(digest, { errorCorrectionLevel: 'M' });
  const cell = 3;
  const size = qr.modules.size * cell;
  w.need(size + 60);
  w.gap();
  w.line('Impronta dello scrutinio (SHA-256 delle cifre di tally.json)', { bold: true });
  w.line(digest, { size: 8 });
  const top = w.y - 12;
  w.page.drawRectangle({ x: MARGIN - 12, y: top - size - 12, width: size + 24, height: size + 24, color: rgb(1, 1, 1) });
  // One path of a square per dark module, in SVG coordinates from the top left corner (y grows down).
  let path = '';
  for (let row = 0; row < qr.modules.size; row++) {
    for (let col = 0; col < qr.modules.size; col++) {
      if (qr.modules.get(row, col)) path += `M${col * cell} ${row * cell}h${cell}v${cell}h-${cell}Z`;
    }
  }
  w.page.drawSvgPath(path, { x: MARGIN, y: top, color: rgb(0, 0, 0) });
  w.y = top - size - 24;
  w.line('Il presidente _______________________     Il segretario _______________________');
  return doc.save({ useObjectStreams: false });
}
