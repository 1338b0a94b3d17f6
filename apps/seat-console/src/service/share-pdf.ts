// A share of the urna key on paper (docs/design.md §3, docs/threat-model.md R19): one A4 page per seat member, with
// the share's text in groups of four, its QR code for the console's camera at the count, and what the
// member is to do with it. Made once, with the shares, and never kept by the console.
import { type Election } from '@seggio/ballot-core';
import { PDFDocument, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { A4, font, fontkit, MARGIN, Writer } from './verbale-layout.js';

export interface SharePaper {
  readonly election: Election;
  readonly section: string;
  readonly share: string;
  readonly index: number;
  readonly count: number;
  readonly threshold: number;
  readonly urnaFingerprint: string;
}

const LINE_GAP = 18;

export async function sharePdf(input: SharePaper): Promise<Uint8Array> {
  const { election, share, index, count, threshold } = input;
  const doc = await PDFDocument.create();
  // Fixed metadata: nothing in the file but what is printed (no creation time, R28).
  doc.setTitle(`Quota ${index} di ${count} della chiave dell'urna, sezione ${input.section}`);
  doc.setProducer('Seggio');
  doc.setCreator('Seggio');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(font('DejaVuSans.ttf'), { subset: true, customName: 'SGGREG+DejaVuSans' });
  const bold = await doc.embedFont(font('DejaVuSans-Bold.ttf'), { subset: true, customName: 'SGGBLD+DejaVuSans-Bold' });
  const mono = await doc.embedFont(font('DejaVuSansMono-Bold.ttf'), { subset: true, customName: 'SGGMON+DejaVuSansMono-Bold' });
  const w = new Writer(doc, regular, bold);
  const section = election.sections.find((s) => s.id === input.section);

  w.line(`Quota ${index} di ${count} della chiave dell'urna`, { bold: true, size: 18 });
  if (election.training) w.line('ELEZIONE DI PROVA: senza valore legale', { bold: true, size: 12 });
  w.line(election.title, { size: 11 });
  w.line(`Comune di ${election.comune.name} (${election.comune.province}), ${section?.name ?? `sezione ${input.section}`}`);
  w.gap();
  w.line(`Per il componente del seggio n. ${index}. Nome e firma: ______________________________________`, { size: 11 });
  w.gap();
  w.line(`Allo scrutinio servono ${threshold} quote su ${count}: la console le legge da questo codice QR o le riceve trascritte.`);
  w.line('Conservare questo foglio fino allo scrutinio, senza mostrarlo ad altri: chi raccoglie abbastanza quote può aprire l\'urna.');
  w.line(`Chiave dell'urna a cui appartiene: ${input.urnaFingerprint}`);
  w.gap(LINE_GAP);

  // The text in lines of six groups, large enough to read back without a mistake.
  const groups = share.split('-');
  for (let i = 0; i < groups.length; i += 6) {
    const text = groups.slice(i, i + 6).join('-') + (i + 6 < groups.length ? '-' : '');
    w.need(22);
    w.page.drawText(text, { x: MARGIN, y: w.y - 14, size: 14, font: mono, color: rgb(0, 0, 0) });
    w.y -= 22;
  }
  w.gap(LINE_GAP);

  // The QR code, drawn as one path of squares, as on the verbale.
  const qr = QRCode.create(share, { errorCorrectionLevel: 'M' });
  const cell = Math.floor(220 / qr.modules.size);
  w.need(qr.modules.size * cell + 24);
  let path = '';
  for (let row = 0; row < qr.modules.size; row++) {
    for (let col = 0; col < qr.modules.size; col++) if (qr.modules.get(row, col)) path += `M${col * cell} ${row * cell}h${cell}v${cell}h-${cell}Z`;
  }
  w.page.drawSvgPath(path, { x: (A4.width - qr.modules.size * cell) / 2, y: w.y - 12, color: rgb(0, 0, 0) });
  return doc.save({ useObjectStreams: false });
}
