// A station whose booth is voted by ear, for the specs of a blind voter: the accessible keypad, a fake
// device behind node-hid's interface in the device thread, pressed from the test; the booth's voice the
// real eSpeak NG, with what the page asks it to say recorded on the way and the sound it makes measured.
import { expect, test } from '@playwright/test';
import { EspeakVoice, HardwareHost, loadProfiles, wavSeconds, type Voice, type VoiceLanguage } from '@seggio/hardware';
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
}

/** The station on `electionBytes`, its keypad plugged and voting open, started before the spec's tests and stopped after them. */
export function keypadStation(electionBytes: Uint8Array, section: string): KeypadStation {
  const day = { voice: new RecordedVoice() } as { station: Station; keypad: HardwareHost; voice: RecordedVoice };
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
