// A station whose booth is voted by ear, for the specs of a blind voter: the accessible keypad, a fake
// device behind node-hid's interface in the device thread, pressed from the test; the booth's voice the
// real eSpeak NG, with what the page asks it to say recorded on the way and the sound it makes measured.
import { expect, test } from '@playwright/test';
import { EspeakVoice, HardwareHost, loadProfiles, wavSeconds, type ButtonName, type Voice, type VoiceLanguage } from '@seggio/hardware';
import { startStation, until, type Station } from './station.js';

export const PAD = 'seggio-keypad';

export type Said = { text: string; language: VoiceLanguage; seconds: number };

/** The booth's real voice, keeping what it was asked to say and how long the sound it made lasts. */
export class RecordedVoice implements Voice {
  readonly said: Said[] = [];
  readonly #voice = new EspeakVoice();
  status() {
    return this.#voice.status();
  }
  async synthesize(text: string, language: VoiceLanguage) {
    const made = await this.#voice.synthesize(text, language);
    this.said.push({ text, language, seconds: made.ok ? wavSeconds(made.wav) : 0 });
    return made;
  }
}

export interface KeypadStation {
  readonly station: Station;
  readonly keypad: HardwareHost;
  readonly voice: RecordedVoice;
  /** What the booth said last. */
  readonly lastSaid: () => string;
  /** Presses a key of the fake keypad, and waits for the booth to have said something new: what it said. */
  readonly press: (button: ButtonName) => Promise<string>;
}

/** The station on `electionBytes`, its keypad plugged and voting open, started before the spec's tests and stopped after them. */
export function keypadStation(electionBytes: Uint8Array, section: string): KeypadStation {
  const voice = new RecordedVoice();
  const lastSaid = () => voice.said.at(-1)?.text ?? '';
  const day: { station: Station; keypad: HardwareHost } & Omit<KeypadStation, 'station' | 'keypad'> = {
    voice,
    lastSaid,
    press: async (button) => {
      const before = voice.said.length;
      day.keypad.fake.press(PAD, button);
      await expect.poll(() => voice.said.length, { message: `the booth says something after "${button}"` }).toBeGreaterThan(before);
      return lastSaid();
    },
  } as typeof day;
  test.beforeAll(async () => {
    expect(day.voice.status(), 'eSpeak NG is installed (.ci/run installs it)').toMatchObject({ available: true });
    day.keypad = HardwareHost.start({ profiles: loadProfiles().profiles.filter((p) => p.kind === 'booth-keypad'), backend: 'fake', scanMs: 50 });
    day.keypad.fake.plug(PAD);
    await until(() => day.keypad.status()[0]?.state === 'connected');
    day.station = await startStation(electionBytes, section, { source: day.keypad, press: (button) => day.keypad.fake.press(PAD, button), voice: day.voice });
    day.station.seat.openVoting();
  });
  test.afterAll(async () => {
    await day.station.stop();
    await day.keypad.stop();
  });
  return day;
}
