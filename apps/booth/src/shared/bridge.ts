// The booth's contract with its page (docs/design.md §1), declared once: the calls and events its
// interface may use, whatever carries them (Electron IPC through the shared preload, or the web shell's
// WebSocket), each input checked for its shape as it crossed from the page. The IPC handler, the web
// shell and the page's bridge are all derived from it (@seggio/shell).
import type { Election } from '@seggio/ballot-core';
import { err, type Result } from '@seggio/crypto';
import type { ButtonName } from '@seggio/hardware/types';
import { accept, event, malformed, noInput, withInput, type CallsOf, type EventsOf } from '@seggio/shell/contract';
import type { BoothNotice, BoothView, CastFailure, CastInput } from './api.js';

export interface SpeakInput {
  readonly text: string;
  readonly language: 'it' | 'de' | 'en';
}

/** A button of the booth's accessible keypad (hardware/profiles). */
export type KeypadButton = Extract<ButtonName, 'up' | 'down' | 'left' | 'right' | 'select' | 'back' | 'help' | 'volume-up' | 'volume-down' | 'repeat'>;
export const KEYPAD_BUTTONS: readonly KeypadButton[] = ['up', 'down', 'left', 'right', 'select', 'back', 'help', 'volume-up', 'volume-down', 'repeat'];

const isObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

export const BOOTH_CONTRACT = {
  methods: {
    getView: noInput<BoothView>(),
    getElection: noInput<Election | null>(),
    /** The voter's ballots; what each selection holds is checked by the service against the election's rules. */
    castBallots: withInput<CastInput, Result<{ readonly recorded: true }, CastFailure>>((raw) =>
      isObject(raw) && typeof raw.session === 'string' && isObject(raw.selections)
        ? accept({ session: raw.session, selections: raw.selections as CastInput['selections'] })
        : malformed(err({ code: 'no-session', message: 'the cast request names no session and no ballots' })),
    ),
    callPresident: withInput<{ calling: boolean }, Result<void, string>>((raw) => (isObject(raw) && typeof raw.calling === 'boolean' ? accept({ calling: raw.calling }) : malformed(err('calling must be true or false')))),
    listCertificates: noInput<string[]>(),
    /** A file that is not text names no file on the drive: the service refuses it with its notice. */
    importCertificate: withInput<{ file: string }, Result<{ machine: string }, BoothNotice>>((raw) => accept({ file: isObject(raw) && typeof raw.file === 'string' ? raw.file : '' })),
    /** Only `true` confirms the console. */
    confirmConsole: withInput<{ accept: boolean }, Result<void, string>>((raw) => accept({ accept: isObject(raw) && raw.accept === true })),
    /** Whether the booth has a voice of its own for the headphones, and which. */
    voice: noInput<{ readonly available: boolean; readonly detail: string }>(),
    /** A text said by the booth's voice: WAV bytes in base64 for the page to play. */
    speak: withInput<SpeakInput, Result<{ readonly wav: string }, string>>((raw) => {
      const { text, language } = isObject(raw) ? raw : {};
      const given = typeof text === 'string' && text.length > 0 && text.length <= 2000 && (language === 'it' || language === 'de' || language === 'en');
      return given ? accept({ text, language }) : malformed(err('speak: give a text of 1 to 2000 characters and a language (it, de or en)'));
    }),
  },
  /** What the page hears: the booth's view, and the keypad's presses. */
  events: { view: event<BoothView>(), keypad: event<KeypadButton>() },
} as const;

export type BoothContract = typeof BOOTH_CONTRACT;
export type BoothCalls = CallsOf<BoothContract>;
export type BoothMethod = keyof BoothCalls;
export type BoothEvents = EventsOf<BoothContract>;
