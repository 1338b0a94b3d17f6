// The calls and events the booth's interface may use, whatever carries them: Electron IPC through the
// preload, or the web shell's WebSocket (DESIGN.md §2). Types only.
import type { Election } from '@seggio/ballot-core';
import type { Result } from '@seggio/crypto';
import type { ButtonName } from '@seggio/hardware/types';
import type { BoothView, CastFailure, CastInput } from './api.js';

export type BoothCalls = {
  getView: { input: undefined; output: BoothView };
  getElection: { input: undefined; output: Election | null };
  castBallots: { input: CastInput; output: Result<{ readonly recorded: true }, CastFailure> };
};
export type BoothMethod = keyof BoothCalls;
export const BOOTH_METHODS: readonly BoothMethod[] = ['getView', 'getElection', 'castBallots'];

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
