// The page layout of verbale.pdf: A4 pages, DejaVu Sans embedded, lines wrapped to the page, ruled
// tables whose header is repeated on a new page, and the footer every page of the record carries
// (the seat's signatures and the page number), as on the Ministry's model of the section's record.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkitModule from '@pdf-lib/fontkit';
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 50;
const LINE = 14;
/** The room kept at the foot of every page for the signatures and the page number. */
const FOOTER = 118;

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
// fontkit is a UMD bundle: its functions arrive as the module or as its default export.
const fontkitLibrary = ('create' in fontkitModule ? fontkitModule : (fontkitModule as unknown as { default: typeof fontkitModule }).default) as Fontkit;

// Each font file read and parsed once a process, then shared by every document that embeds it (each
// takes its own subset): parsing DejaVu's tables again for each of a section's five share sheets and
// its record was most of the time they took. A parsed font is only read from once made.
const files = new Map<string, Uint8Array>();
const parsed = new Map<Uint8Array, ReturnType<Fontkit['create']>>();
export const fontkit: Fontkit = {
  create(data, postscriptName) {
    if (postscriptName !== undefined) return fontkitLibrary.create(data, postscriptName);
    let made = parsed.get(data);
    if (!made) parsed.set(data, (made = fontkitLibrary.create(data)));
    return made;
  },
};
export function font(name: string): Uint8Array {
  let bytes = files.get(name);
  if (!bytes) files.set(name, (bytes = readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`))));
  return bytes;
}

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

/** A letter's advance at size 1000, by font name and letter: the same in every document the font is in. */
const advances = new Map<string, number>();

export class Writer {
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
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
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

  // A word's width as the sum of its letters' advances, each measured once a process for each font
  // (without kerning, which only narrows): laying text out is the slow part of writing the record.
  width(font: PDFFont, word: string, size: number): number {
    let width = 0;
    for (const c of word) {
      const key = `${font.name}\u0000${c}`;
      let advance = advances.get(key);
      if (advance === undefined) advances.set(key, (advance = font.widthOfTextAtSize(c, 1000)));
      width += advance;
    }
    return (width * size) / 1000;
  }

  gap(points = LINE / 2): void {
    this.y -= points;
  }
}


export interface Column {
  readonly title: string;
  /** A share of the table's width. */
  readonly width: number;
  readonly align?: 'left' | 'right';
}

/** A ruled table: a bold header row, then the rows; a row that does not fit goes to a new page, under the header again. */
export function table(w: Writer, columns: readonly Column[], rows: readonly (readonly (string | number)[])[], size = 9): void {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => ((A4.width - 2 * MARGIN) * c.width) / total);
  const height = size + 8;
  const draw = (cells: readonly (string | number)[], bold: boolean) => {
    let x = MARGIN;
    const font = bold ? w.bold : w.font;
    cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      const room = width - 8;
      let text = printable(font, String(cell));
      while (text.length > 1 && w.width(font, text, size) > room) text = `${text.slice(0, -2)}…`;
      const textWidth = w.width(font, text, size);
      const left = columns[i]?.align === 'right' ? x + width - 4 - textWidth : x + 4;
      w.page.drawText(text, { x: left, y: w.y - size - 3, size, font, color: rgb(0, 0, 0) });
      w.page.drawRectangle({ x, y: w.y - height, width, height, borderColor: rgb(0.3, 0.3, 0.3), borderWidth: 0.5 });
      x += width;
    });
    w.y -= height;
  };
  w.need(2 * height);
  draw(columns.map((c) => c.title), true);
  for (const row of rows) {
    if (w.y - height < MARGIN + FOOTER) {
      w.newPage();
      draw(columns.map((c) => c.title), true);
    }
    draw(row, false);
  }
  w.gap(6);
}

/**
 * The foot of every page: the signatures of the seat (president, secretary, four scrutineers) and of
 * the list representatives present, and "pagina N di M", drawn once every page is laid out.
 */
export function signEveryPage(w: Writer, caption: string): void {
  const pages = w.doc.getPages();
  const size = 8;
  const line = (page: PDFPage, x: number, y: number, label: string, width: number) => {
    page.drawText(label, { x, y: y + 3, size, font: w.font, color: rgb(0, 0, 0) });
    page.drawLine({ start: { x: x + w.width(w.font, label, size) + 4, y }, end: { x: x + width, y }, thickness: 0.5, color: rgb(0, 0, 0) });
  };
  pages.forEach((page, i) => {
    const top = MARGIN + FOOTER - 16;
    page.drawLine({ start: { x: MARGIN, y: top + 8 }, end: { x: A4.width - MARGIN, y: top + 8 }, thickness: 0.5, color: rgb(0.3, 0.3, 0.3) });
    const half = (A4.width - 2 * MARGIN) / 2 - 10;
    line(page, MARGIN, top - 14, 'Il presidente', half);
    line(page, MARGIN + half + 20, top - 14, 'Il segretario', half);
    const quarter = (A4.width - 2 * MARGIN) / 4 - 8;
    page.drawText('Gli scrutatori', { x: MARGIN, y: top - 34, size, font: w.bold, color: rgb(0, 0, 0) });
    for (let s = 0; s < 4; s++) line(page, MARGIN + s * (quarter + 10), top - 52, `${s + 1}.`, quarter);
    page.drawText('I rappresentanti di lista presenti', { x: MARGIN, y: top - 70, size, font: w.bold, color: rgb(0, 0, 0) });
    for (let s = 0; s < 3; s++) line(page, MARGIN + s * ((A4.width - 2 * MARGIN) / 3), top - 88, '', (A4.width - 2 * MARGIN) / 3 - 12);
    const footer = printable(w.font, `${caption} · pagina ${i + 1} di ${pages.length}`);
    page.drawText(footer, { x: A4.width - MARGIN - w.width(w.font, footer, size), y: MARGIN - 20, size, font: w.font, color: rgb(0.2, 0.2, 0.2) });
  });
}
