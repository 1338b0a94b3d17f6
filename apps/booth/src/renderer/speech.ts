// Audio guidance for a voter who cannot see the screen (docs/threat-model.md R27): from the voter's arrival the
// booth says, through the headphones, each screen in full and the control that has the focus. Speech
// comes from the booth's own voice (eSpeak NG, played here as audio) when it has one, otherwise from
// the browser's speech synthesis; no text leaves the booth.
import type { Result } from '@seggio/crypto';
import type { KeypadButton } from '../shared/bridge.js';
import type { Language, Translate } from './i18n.js';
import { forVoice } from './spoken.js';

const VOICES: Record<Language, string> = { it: 'it-IT', de: 'de-DE', en: 'en-GB' };

/** The keypad's navigation keys are the keyboard's keys: one keybinding table for both. */
export const KEYPAD_KEYS: Partial<Record<KeypadButton, string>> = {
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  select: 'Enter',
  back: 'Escape',
};

/** The words of an element as a screen reader would say them: hidden parts left out, parts apart. */
function spokenText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
  if (node instanceof HTMLImageElement) return node.alt;
  const parts: string[] = [];
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) text += child.textContent ?? '';
    else {
      if (text.trim()) parts.push(text);
      text = '';
      parts.push(spokenText(child));
    }
  }
  if (text.trim()) parts.push(text);
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean).join(', ');
}

/** What a control says: its label, what it is and where (data-say), and whether it is marked. */
export function describe(element: Element | null, t: Translate): string {
  if (!element || element === document.body) return '';
  const label = element.getAttribute('aria-label') ?? spokenText(element);
  const what = element.getAttribute('data-say');
  const pressed = element.getAttribute('aria-pressed');
  const counted = element.getAttribute('data-counted');
  const state = pressed === 'true' ? t('speech.marked') : counted ?? (pressed === 'false' ? t('speech.unmarked') : '');
  return [label, what, state].filter(Boolean).join(', ');
}

/** The screen's title as it is said: its heading, and where there is one, "ballot 1 of 2". */
export function screenTitle(): string {
  return [document.querySelector('h1'), document.querySelector('.counter')]
    .map((e) => e?.textContent?.trim() ?? '')
    .filter(Boolean)
    .join('. ');
}

/** What is said on arriving at a screen: what the screen gives (data-intro), else its heading and text. */
export function screenIntro(): string {
  const given = document.querySelector('[data-intro]')?.getAttribute('data-intro');
  if (given) return given;
  const training = document.querySelector('.training')?.textContent?.trim();
  const texts = [...document.querySelectorAll('#root h1, #root h2, #root p')].map((e) => e.textContent?.trim() ?? '').filter((x) => x && x !== training);
  return texts.join('. ');
}

const liveText = (selector: string) => document.querySelector(selector)?.textContent?.trim() ?? '';
/** What a paged screen says of its pages (paged.tsx): that there are several, and which one is shown. */
const paging = (attribute: 'data-pages-intro' | 'data-page-said') => document.querySelector(`[${attribute}]`)?.getAttribute(attribute) ?? '';

/**
 * Parts said one after another, each but the last ended as a sentence: the voice pauses between
 * "…, segnato" and "Il voto vale per…" instead of running them together.
 */
function sentences(parts: readonly string[]): string {
  const said = parts.filter(Boolean);
  return said.map((p, i) => (i < said.length - 1 && !/[.!?…:;]$/.test(p) ? `${p}.` : p)).join(' ');
}

/** The booth's own voice: WAV bytes (base64) of a text, made by the booth (the `speak` call). */
export type BoothVoice = (text: string, language: Language) => Promise<Result<{ readonly wav: string }, string>>;

export class Speech {
  enabled = false;
  volume = 0.8;
  language: Language = 'it';
  /** Set once the booth says it has a voice of its own; until then, and without one, the browser's. */
  boothVoice = false;
  #heading = '';
  #last = '';
  /** Each utterance's turn: a later one silences an earlier one, even one still being made. */
  #turn = 0;
  #audio: AudioContext | null = null;
  #playing: AudioBufferSourceNode | null = null;

  constructor(
    private readonly t: () => Translate,
    private readonly voice: BoothVoice | null = null,
  ) {}

  /** A new voter: the voice on at the usual volume, from the arrival message on. */
  reset(): void {
    this.enabled = true;
    this.volume = 0.8;
    this.#heading = '';
    this.#alert = '';
    this.#status = '';
    this.#page = '';
    this.#last = '';
    this.#silence();
  }

  say(text: string): void {
    this.#last = text;
    if (!this.enabled || !text) return;
    this.#silence();
    const said = forVoice(text, this.language);
    if (this.boothVoice && this.voice) void this.#play(said, this.#turn);
    else this.#synthesise(said);
  }

  #silence(): void {
    this.#turn++;
    this.#playing?.stop();
    this.#playing = null;
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }

  /** The browser's own speech synthesis (on Linux it usually has no voice at all). */
  #synthesise(text: string): void {
    if (typeof speechSynthesis === 'undefined') return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = VOICES[this.language];
    utterance.volume = this.volume;
    speechSynthesis.speak(utterance);
  }

  /** The booth's voice: made by the booth, played here at the voter's volume; the browser's if it fails. */
  async #play(text: string, turn: number): Promise<void> {
    const made = await this.voice!(text, this.language).catch((error: unknown) => ({ ok: false as const, error: String(error) }));
    if (turn !== this.#turn) return;
    if (!made.ok) return this.#synthesise(text);
    try {
      const audio = (this.#audio ??= new AudioContext());
      if (audio.state === 'suspended') await audio.resume();
      const bytes = Uint8Array.from(atob(made.value.wav), (c) => c.charCodeAt(0));
      const buffer = await audio.decodeAudioData(bytes.buffer);
      if (turn !== this.#turn) return;
      const source = audio.createBufferSource();
      source.buffer = buffer;
      const gain = audio.createGain();
      gain.gain.value = this.volume;
      source.connect(gain).connect(audio.destination);
      source.start();
      this.#playing = source;
    } catch {
      if (turn === this.#turn) this.#synthesise(text);
    }
  }

  #alert = '';
  #status = '';
  #page = '';

  /**
   * Says the screen when it has changed (all of it: title, question, rules, the choices it holds, its
   * pages), otherwise the control with the focus, after the page turned to and what a mark took off or
   * why it was refused, and followed by what the marks now count for.
   */
  announce(): void {
    const heading = screenTitle();
    const focus = describe(document.activeElement, this.t());
    const alert = liveText('[role="alert"]');
    const status = liveText('[role="status"]');
    const page = paging('data-page-said');
    let parts: string[];
    if (heading !== this.#heading) parts = [screenIntro(), paging('data-pages-intro'), focus];
    else parts = [page !== this.#page ? page : '', alert !== this.#alert ? alert : '', focus || heading, status !== this.#status ? status : ''];
    this.#heading = heading;
    this.#page = page;
    this.#alert = alert;
    this.#status = status;
    this.say(sentences(parts));
  }

  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Says the screen and the focus once the page has settled: one announcement for a burst of changes. */
  announceSoon(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.enabled) this.announce();
    }, 40);
  }

  /** Says the screen only if it is not the one last said, and only if the voice was on when it came. */
  announceNewScreen(): void {
    if (this.enabled && screenTitle() !== this.#heading) this.announceSoon();
  }

  repeat(): void {
    this.say(this.#last);
  }

  /** Louder or quieter, in fifths, and says the new volume. */
  changeVolume(step: 1 | -1): void {
    this.volume = Math.min(1, Math.max(0.2, Math.round((this.volume + step * 0.2) * 10) / 10));
    this.say(this.t()('speech.volume', { n: Math.round(this.volume * 100) }));
  }
}
