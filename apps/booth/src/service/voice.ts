// The booth's voice as the two shells offer it to the page (the `voice` and `speak` calls): the same
// answers over Electron IPC and over the web shell's WebSocket. What is said is never kept.
import { err, ok, toBase64, type Result } from '@seggio/crypto';
import type { Voice } from '@seggio/hardware';
import { speakInput } from '../shared/bridge.js';

export interface VoiceMethods {
  voice(): { available: boolean; detail: string };
  speak(input: unknown): Promise<Result<{ wav: string }, string>>;
}

export function voiceMethods(voice: Voice | undefined): VoiceMethods {
  return {
    voice: () => voice?.status() ?? { available: false, detail: 'no voice configured for this booth' },
    speak: async (input) => {
      const asked = speakInput(input);
      if (!asked) return err('speak: give a text of 1 to 2000 characters and a language (it, de or en)');
      if (!voice) return err('no voice configured for this booth');
      const said = await voice.synthesize(asked.text, asked.language);
      return said.ok ? ok({ wav: toBase64(said.wav) }) : err(said.error);
    },
  };
}
