// The booth's voice for the headphones (docs/threat-model.md R27): text made into speech on the booth itself by
// eSpeak NG, returned as WAV for the booth's page to play through its own audio output. Browsers on
// Linux (Chromium, Electron) have no speech voices of their own, so without this a blind voter would
// hear nothing. No text leaves the machine, none is written to disk or to any log.
import { spawn, spawnSync } from 'node:child_process';

export type VoiceLanguage = 'it' | 'de' | 'en';

export interface VoiceStatus {
  readonly available: boolean;
  /** Which synthesiser speaks, or plainly why none does. */
  readonly detail: string;
}

/** Makes speech of a text: behind this interface so that tests and other synthesisers fit. */
export interface Voice {
  status(): VoiceStatus;
  /** WAV bytes of `text` said in `language`; refused (never thrown) when the synthesiser fails. */
  synthesize(text: string, language: VoiceLanguage): Promise<{ ok: true; wav: Uint8Array } | { ok: false; error: string }>;
}

/** eSpeak NG's voices for the booth's languages. */
export const ESPEAK_VOICES: Readonly<Record<VoiceLanguage, string>> = { it: 'it', de: 'de', en: 'en-gb' };

/** The longest text said at once: a screen's title and its focused control are far shorter. */
export const MAX_SPOKEN = 2000;

export interface EspeakOptions {
  /** The program to run; `espeak-ng` on the PATH unless given. */
  readonly command?: string;
  /** Words a minute (eSpeak's default is 175; a little slower is easier to follow). */
  readonly wordsPerMinute?: number;
  /** Longest a synthesis may take before it is stopped. */
  readonly timeoutMs?: number;
}

export class EspeakVoice implements Voice {
  readonly #command: string;
  readonly #speed: number;
  readonly #timeout: number;
  #status: VoiceStatus;

  constructor(options: EspeakOptions = {}) {
    this.#command = options.command ?? 'espeak-ng';
    this.#speed = options.wordsPerMinute ?? 160;
    this.#timeout = options.timeoutMs ?? 10_000;
    const probe = spawnSync(this.#command, ['--version'], { encoding: 'utf8', timeout: 5_000 });
    this.#status =
      probe.error || probe.status !== 0
        ? { available: false, detail: `${this.#command} not found: install eSpeak NG (Debian: apt-get install espeak-ng) for the booth's voice` }
        : { available: true, detail: probe.stdout.trim().split('\n')[0]!.replace(/\s+Data at:.*/, '') };
  }

  status(): VoiceStatus {
    return this.#status;
  }

  synthesize(text: string, language: VoiceLanguage): Promise<{ ok: true; wav: Uint8Array } | { ok: false; error: string }> {
    if (!this.#status.available) return Promise.resolve({ ok: false, error: this.#status.detail });
    if (!(language in ESPEAK_VOICES)) return Promise.resolve({ ok: false, error: `no voice for language ${String(language)}` });
    const said = text.slice(0, MAX_SPOKEN);
    return new Promise((resolve) => {
      // The text goes in on stdin, never as an argument; the WAV comes back on stdout.
      const child = spawn(this.#command, ['-v', ESPEAK_VOICES[language], '-s', String(this.#speed), '--stdout', '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: this.#timeout });
      const out: Buffer[] = [];
      let errors = '';
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
      child.on('error', (error) => resolve({ ok: false, error: `${this.#command}: ${error.message}` }));
      child.on('close', (code, signal) => {
        const wav = Buffer.concat(out);
        if (code === 0 && isWav(wav)) resolve({ ok: true, wav: withSizes(new Uint8Array(wav)) });
        else resolve({ ok: false, error: `${this.#command} ${signal ? `stopped by ${signal}` : `exited with ${code}`}${errors.trim() ? `: ${errors.trim().split('\n')[0]}` : ''}` });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(said.replace(/\s+/g, ' '), 'utf8');
    });
  }
}

/** A RIFF WAVE header: what eSpeak writes and what the page can decode. */
export function isWav(bytes: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  return bytes.length > 44 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE';
}

/**
 * Written to a pipe, eSpeak cannot go back to fill in the RIFF and data sizes (it leaves 0x7ffff000):
 * they are set here from the bytes, so that any decoder reads exactly the sound there is.
 */
function withSizes(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(4, bytes.length - 8, true);
  const data = dataChunk(bytes);
  if (data !== null) view.setUint32(data + 4, bytes.length - data - 8, true);
  return bytes;
}

/** Where the data chunk starts, walking the chunks after the RIFF header. */
function dataChunk(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 12; at + 8 <= bytes.length; ) {
    if (String.fromCharCode(...bytes.subarray(at, at + 4)) === 'data') return at;
    const size = view.getUint32(at + 4, true);
    at += 8 + size + (size % 2);
  }
  return null;
}

/** Seconds of sound in a PCM WAV: its data chunk's size over the format's bytes a second. */
export function wavSeconds(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = dataChunk(bytes);
  // The format chunk comes first in every WAV eSpeak writes: its byte rate is at offset 28.
  if (data === null || bytes.length < 36 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'fmt ') return 0;
  const byteRate = view.getUint32(28, true);
  const size = Math.min(view.getUint32(data + 4, true), bytes.length - data - 8);
  return byteRate > 0 ? size / byteRate : 0;
}
