// verbale.pdf: the printable record of the section (docs/election-rules.md "The record"), laid out as the Ministry's
// model of the section's record: the seat and its keys, then per contest its tables (electors and
// voters by sex, ballots, results), the checks, the turnout with its dates and times in Italian, the
// QR code of the tally's digest for anyone to compare, and the seat's signatures on every page.
import { tallyDigest, type Contest, type Election, type MunicipalResults, type PartyListResults, type RecordCheck, type ReferendumResults, type SectionTally, type Setup } from '@seggio/ballot-core';
import { fingerprint, fromBase64 } from '@seggio/crypto';
import { PDFDocument, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { font, fontkit, MARGIN, signEveryPage, table, Writer } from './verbale-layout.js';

export interface VerbaleInput {
  readonly election: Election;
  readonly tally: SectionTally;
  readonly checks: readonly RecordCheck[];
  readonly setup: Setup;
  readonly officeKey: Uint8Array;
}

const person = (p: { surname: string; name: string }) => `${p.surname} ${p.name}`;

/** The two formats of each time zone, made once. */
const formats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** A date and time in words, in Italian, in the election's time zone: "domenica 20 settembre 2020, ore 12:00". */
export function italianTime(at: string, timeZone: string): string {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return at;
  let format = formats.get(timeZone);
  if (!format) {
    format = {
      day: new Intl.DateTimeFormat('it-IT', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      time: new Intl.DateTimeFormat('it-IT', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    formats.set(timeZone, format);
  }
  return `${format.day.format(when)}, ore ${format.time.format(when)}`;
}
// ICU loads its Italian data on the first format made (tens of milliseconds): when the console
// starts, not at the close while the president waits for the record.
italianTime('2020-01-01T00:00:00Z', 'Europe/Rome');

const NUMBER = { width: 1, align: 'right' } as const;

function contestTables(w: Writer, contest: Contest, t: SectionTally['contests'][number]): void {
  table(w, [{ title: '', width: 3 }, { title: 'Maschi', ...NUMBER }, { title: 'Femmine', ...NUMBER }, { title: 'Totale', ...NUMBER }], [
    ['Elettori iscritti', t.electors.M, t.electors.F, t.electors.T],
    ['Votanti', t.voters.M, t.voters.F, t.voters.T],
  ]);
  table(w, [{ title: 'Schede', width: 4 }, { title: 'Numero', ...NUMBER }], [
    ["Schede votate (nell'urna)", t.ballots.count],
    ['Schede bianche', t.blank],
    ['Schede nulle', t.invalid],
    ['Schede contestate', t.contested],
  ]);
  if (contest.type === 'referendum') {
    const r = t.results as ReferendumResults;
    table(w, [{ title: 'Risposta al quesito', width: 4 }, { title: 'Voti validi', ...NUMBER }], [['SÌ', r.YES], ['NO', r.NO]]);
  } else if (contest.type === 'municipal') {
    const r = t.results as MunicipalResults;
    table(w, [{ title: 'Candidato alla carica di sindaco', width: 3 }, { title: 'Voti', ...NUMBER }, { title: 'di cui al solo sindaco', width: 1.6, align: 'right' }], contest.mayors.map((m) => [person(m), r.mayors[m.id]?.votes ?? 0, r.mayors[m.id]?.mayorOnly ?? 0]));
    table(w, [{ title: 'Lista', width: 4 }, { title: 'Voti di lista', ...NUMBER }], contest.lists.map((l) => [l.name, r.lists[l.id] ?? 0]));
    const preferences = contest.lists.flatMap((l) => l.candidates.map((c) => [person(c), l.name, r.preferences[c.id] ?? 0]));
    if (preferences.length) table(w, [{ title: 'Candidato consigliere', width: 2 }, { title: 'Lista', width: 2 }, { title: 'Preferenze', ...NUMBER }], preferences);
  } else {
    const r = t.results as PartyListResults;
    if (contest.type !== 'european') {
      table(w, [{ title: 'Candidato uninominale', width: 3 }, { title: 'Voti', ...NUMBER }, { title: 'di cui al solo candidato', width: 1.6, align: 'right' }], contest.candidates.map((c) => [person(c), r.candidates[c.id] ?? 0, r.candidateOnly?.[c.id] ?? 0]));
    }
    table(w, [{ title: 'Lista', width: 4 }, { title: 'Voti di lista', ...NUMBER }], contest.lists.map((l) => [l.name, r.lists[l.id] ?? 0]));
    const preferences = contest.lists.flatMap((l) => l.candidates.map((c) => [person(c), l.name, r.preferences[c.id] ?? 0]));
    if (preferences.length) table(w, [{ title: 'Candidato', width: 2 }, { title: 'Lista', width: 2 }, { title: 'Preferenze', ...NUMBER }], preferences);
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

  w.line("Verbale delle operazioni dell'ufficio elettorale di sezione", { bold: true, size: 15 });
  if (election.training) w.line('ELEZIONE DI PROVA: senza valore legale', { bold: true, size: 12 });
  w.line(election.title, { size: 12 });
  w.line(`Comune di ${election.comune.name} (${election.comune.province}), ${section?.name ?? `sezione ${tally.section}`}`);
  w.line(`Definizione dell'elezione: SHA-256 ${tally.election}`, { size: 8 });
  w.gap();
  w.line('Chiavi del seggio', { bold: true, size: 12 });
  table(w, [{ title: 'Chiave', width: 3 }, { title: 'Impronta', width: 2 }], [
    ["dell'ufficio elettorale (firma del pacchetto)", fingerprint(input.officeKey)],
    ['della console del seggio (firma del verbale)', fingerprint(fromBase64(setup.console))],
    [`dell'urna (ricostruita con ${setup.shares.threshold} delle ${setup.shares.count} quote)`, fingerprint(fromBase64(setup.urnaPublicKey))],
    ...setup.booths.map((b) => [`della cabina ${b.id}`, fingerprint(fromBase64(b.publicKey))]),
  ]);

  for (const t of tally.contests) {
    const contest = election.contests.find((c) => c.id === t.id)!;
    w.need(120);
    w.gap();
    w.line(contest.title, { bold: true, size: 12 });
    contestTables(w, contest, t);
    const checks = input.checks.filter((c) => c.contest === t.id);
    w.line(`Controlli del verbale: ${checks.map((c) => `${c.check} ${c.ok ? 'regolare' : 'NON REGOLARE'}`).join(', ')}`, { size: 9 });
  }
  if (tally.turnout.length) {
    w.need(80);
    w.gap();
    w.line('Affluenza alle urne', { bold: true, size: 12 });
    // Per contest, each checkpoint with its date and time in words.
    for (const contest of election.scrutinyOrder) {
      const rows = tally.turnout.flatMap((report) => {
        const f = report.contests[contest];
        const at = election.turnoutCheckpoints.find((c) => c.id === report.checkpoint)?.at;
        return f ? [[report.checkpoint, at ? italianTime(at, election.timezone) : '', f.M, f.F, f.T]] : [];
      });
      if (rows.length === 0) continue;
      w.need(60);
      w.line(election.contests.find((c) => c.id === contest)?.title ?? contest, { bold: true, size: 9 });
      table(w, [{ title: 'Rilevazione', width: 1.5 }, { title: 'Data e ora', width: 4 }, { title: 'Maschi', ...NUMBER }, { title: 'Femmine', ...NUMBER }, { title: 'Totale', ...NUMBER }], rows, 8);
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
  signEveryPage(w, `Verbale della sezione ${tally.section}, ${election.comune.name}`);
  return doc.save({ useObjectStreams: false });
}
