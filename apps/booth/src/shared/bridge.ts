// The calls and events the booth's interface may use, whatever carries them: Electron IPC through the
// preload, or the web shell's WebSocket (docs/design.md §1). Types only.
import type { Election } from '@seggio/ballot-core';
import type { Result } from '@seggio/crypto';
import type { ButtonName } from '@seggio/hardware/types';
import type { BoothNotice, BoothView, CastFailure, CastInput } from './api.js';

export type BoothCalls = {
  getView: { input: undefined; output: BoothView };
  getElection: { input: undefined; output: Election | null };
  castBallots: { input: CastInput; output: Result<{ readonly recorded: true }, CastFailure> };
  callPresident: { input: { calling: boolean }; output: Result<void, string> };
  listCertificates: { input: undefined; output: string[] };
  importCertificate: { input: { file: string }; output: Result<{ machine: string }, BoothNotice> };
  confirmConsole: { input: { accept: boolean }; output: Result<void, string> };
  /** Whether the booth has a voice of its own for the headphones, and which. */
  voice: { input: undefined; output: { readonly available: boolean; readonly detail: string } };
  /** A text said by the booth's voice: WAV bytes in base64 for the page to play. */
  speak: { input: SpeakInput; output: Result<{ readonly wav: string }, string> };
};
export type BoothMethod = keyof BoothCalls;
export const BOOTH_METHODS: readonly BoothMethod[] = ['getView', 'getElection', 'castBallots', 'callPresident', 'listCertificates', 'importCertificate', 'confirmConsole', 'voice', 'speak'];

export interface SpeakInput {
  readonly text: string;
  readonly language: 'it' | 'de' | 'en';
}

/** A speak call's input as the page sent it, or null: the shells answer nothing else. */
export function speakInput(input: unknown): SpeakInput | null {
  const { text, language } = (input ?? {}) as { text?: unknown; language?: unknown };
  if (typeof text !== 'string' || text.length === 0 || text.length > 2000) return null;
  return language === 'it' || language === 'de' || language === 'en' ? { text, language } : null;
}

/** A button of the booth's accessible keypad (hardware/profiles). */
export type KeypadButton = Extract<ButtonName, 'up' | 'down' | 'left' | 'right' | 'select' | 'back' | 'help' | 'volume-up' | 'volume-down' | 'repeat'>;

/** What the page hears: the booth's view, and the keypad's presses. */
export type BoothEvents = { view: BoothView; keypad: KeypadButton };

/** `window.seggio`: one call function and two event subscriptions, nothing more (R23). */
export interface BoothBridge {
  call<M extends BoothMethod>(method: M, input?: BoothCalls[M]['input']): Promise<BoothCalls[M]['output']>;
  onView(listener: (view: BoothView) => void): () => void;
  onKeypad(listener: (button: KeypadButton) => void): () => void;
}
