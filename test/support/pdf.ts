// Reads a PDF as a person would: Debian's poppler renders its pages and extracts its text, and jsQR
// reads a QR code off the rendered page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

type JsQR = typeof jsQRModule.default;
// jsqr is CommonJS whose types declare an ES default export: take the function either way.
const imported = jsQRModule as unknown as JsQR | { default: JsQR };
const jsQR: JsQR = typeof imported === 'function' ? imported : imported.default;

export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** The QR codes found on the pages of a PDF rendered at 150 dpi, one string per page that has one. */
export function pdfQrCodes(file: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'seggio-pdf-'));
  try {
    execFileSync('pdftoppm', ['-png', '-r', '150', file, join(dir, 'page')]);
    return readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const code = pngQrCode(readFileSync(join(dir, name)));
        return code === null ? [] : [code];
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The QR code on a PNG image (a rendered page, a screenshot), or null. */
export function pngQrCode(bytes: Buffer): string | null {
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
}
