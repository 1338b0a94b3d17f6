// The booth's voice: the real eSpeak NG (installed by .ci/run) makes a WAV of each language's text,
// takes the text on stdin only (a text that looks like an option is said, not obeyed), and a booth
// without eSpeak says so plainly and refuses without throwing.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EspeakVoice, isWav, MAX_SPOKEN, wavSeconds, type Voice } from '../src/index.js';

const voice = new EspeakVoice();

async function wav(v: Voice, text: string, language: 'it' | 'de' | 'en'): Promise<Uint8Array> {
  const made = await v.synthesize(text, language);
  if (!made.ok) throw new Error(made.error);
  return made.wav;
}

describe('the booth voice (eSpeak NG)', () => {
  it('is there, and says which synthesiser speaks', () => {
    expect(voice.status().available).toBe(true);
    expect(voice.status().detail).toMatch(/^eSpeak NG text-to-speech: \d+\.\d+/);
  });

  it('makes a WAV of each language, as long as its text', async () => {
    for (const [language, text] of [
      ['it', 'Scheda 1 di 2. Referendum costituzionale.'],
      ['de', 'Stimmzettel 1 von 2. Verfassungsreferendum.'],
      ['en', 'Ballot 1 of 2. Constitutional referendum.'],
    ] as const) {
      const bytes = await wav(voice, text, language);
      expect(isWav(bytes), language).toBe(true);
      expect(wavSeconds(bytes), language).toBeGreaterThan(1.5);
      expect(wavSeconds(bytes), language).toBeLessThan(8);
      // The sizes in the header are the real ones, not the placeholder eSpeak leaves on a pipe.
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    }
    const short = wavSeconds(await wav(voice, 'NO', 'it'));
    const long = wavSeconds(await wav(voice, 'Elezione diretta del sindaco e del consiglio comunale di Sanvalle Cremonese', 'it'));
    expect(long).toBeGreaterThan(short * 4);
  });

  it('takes the text as text: an option-like text is said, a very long one is cut', async () => {
    const optionLike = await wav(voice, '--version -w /tmp/seggio-voice-test.wav', 'en');
    expect(isWav(optionLike)).toBe(true);
    expect(existsSync('/tmp/seggio-voice-test.wav')).toBe(false);
    expect(wavSeconds(optionLike)).toBeGreaterThan(1);
    const cut = wavSeconds(await wav(voice, 'uno '.repeat(MAX_SPOKEN), 'it'));
    const full = wavSeconds(await wav(voice, 'uno '.repeat(MAX_SPOKEN / 4), 'it'));
    expect(cut).toBeLessThan(full * 1.2);
  });

  it('without eSpeak NG: says so plainly and refuses, never throws', async () => {
    const missing = new EspeakVoice({ command: 'seggio-no-such-espeak' });
    expect(missing.status()).toEqual({ available: false, detail: "seggio-no-such-espeak not found: install eSpeak NG (Debian: apt-get install espeak-ng) for the booth's voice" });
    await expect(missing.synthesize('ciao', 'it')).resolves.toEqual({ ok: false, error: missing.status().detail });
  });

  it('refuses a language it has no voice for', async () => {
    await expect(voice.synthesize('bonjour', 'fr' as 'it')).resolves.toEqual({ ok: false, error: 'no voice for language fr' });
  });
});
