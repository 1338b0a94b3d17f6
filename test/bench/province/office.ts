// A comune's office as the province bench drives it: the office service behind its HTTP server
// (127.0.0.1, port 0), each section's turnout and public export pushed to /api/v1/turnout and
// /api/v1/sections as the console's "Inviare al Comune" does, and a reader of the public page as a phone
// keeps it: following /events and reading the page again on each update, as the page's script does.
// Per section: how long the push of the export took to be answered, and how long until the public page
// showed the section in.
import type { SigningKeyPair } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { Office, OfficeServer } from '@seggio/office';
import type { SectionOut } from './section.js';

/** No answer, and no page showing a section, takes this long even on a loaded machine. */
const WAIT_MS = 60_000;

export class ComuneAtOffice {
  #shown = 0;
  readonly #waiting: { sections: number; resolve: () => void }[] = [];
  readonly #stop = new AbortController();
  #reading: Promise<void> = Promise.resolve();

  private constructor(
    readonly office: Office,
    readonly server: OfficeServer,
  ) {}

  static async open(storePath: string, electionBytes: Uint8Array, key: SigningKeyPair, rendererDir: string): Promise<ComuneAtOffice> {
    const office = await Office.start(nodeCrypto, { storePath, electionBytes, key });
    // Every push comes from 127.0.0.1 here, standing for a comune's consoles at their own addresses.
    const server = await OfficeServer.listen(office, { host: '127.0.0.1', port: 0, staffPort: 0, rendererDir, rateLimit: 100_000 });
    const comune = new ComuneAtOffice(office, server);
    comune.#reading = comune.#follow();
    return comune;
  }

  /** The public page, read again on each `update` of its live stream, as its script does. */
  async #follow(): Promise<void> {
    const events = await fetch(new URL('events', this.server.publicUrl), { signal: this.#stop.signal });
    const text = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    try {
      for (let read = await text.read(); !read.done; read = await text.read()) {
        buffered += read.value;
        const parts = buffered.split('\n\n');
        buffered = parts.pop()!;
        if (parts.some((p) => p.startsWith('event: update'))) await this.#readPage();
      }
    } catch (error) {
      if (!this.#stop.signal.aborted) throw error;
    }
  }

  async #readPage(): Promise<void> {
    const page = await (await fetch(this.server.publicUrl, { headers: { accept: 'text/html' }, signal: this.#stop.signal })).text();
    const shown = /Sezioni pervenute: (\d+) su/.exec(page);
    this.#shown = shown ? Number(shown[1]) : this.#shown;
    for (const w of this.#waiting.filter((x) => x.sections <= this.#shown)) {
      this.#waiting.splice(this.#waiting.indexOf(w), 1);
      w.resolve();
    }
  }

  /**
   * The section's turnout then its export, pushed; resolves with the office's answer to the export, how
   * long it took, and how long from the push until the public page showed `sectionsIn` sections in.
   */
  async push(section: SectionOut, sectionsIn: number): Promise<{ answer: { ok: boolean; submission?: { state: string } }; intakeMs: number; liveMs: number | null }> {
    for (const body of section.turnout) {
      const answer = await fetch(new URL('api/v1/turnout', this.server.publicUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(WAIT_MS) });
      if (!answer.ok) throw new Error(`turnout refused: ${await answer.text()}`);
    }
    const pushed = performance.now();
    let resolveShown = () => {};
    const shown = new Promise<void>((resolve) => (resolveShown = resolve));
    const waiting = { sections: sectionsIn, resolve: resolveShown };
    this.#waiting.push(waiting);
    const response = await fetch(new URL('api/v1/sections', this.server.publicUrl), { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: section.archive as Uint8Array<ArrayBuffer>, signal: AbortSignal.timeout(WAIT_MS) });
    const answer = (await response.json()) as { ok: boolean; submission?: { state: string } };
    const intakeMs = performance.now() - pushed;
    if (answer.submission?.state !== 'accepted') {
      this.#waiting.splice(this.#waiting.indexOf(waiting), 1);
      return { answer, intakeMs, liveMs: null };
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the public page did not show ${sectionsIn} sections in within ${WAIT_MS} ms`)), WAIT_MS)));
    await Promise.race([shown, late]).finally(() => clearTimeout(timer));
    return { answer, intakeMs, liveMs: performance.now() - pushed };
  }

  async close(): Promise<void> {
    this.#stop.abort();
    await this.#reading;
    await this.server.close();
    await this.office.close();
  }
}
