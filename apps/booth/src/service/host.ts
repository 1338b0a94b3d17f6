// What either shell hosts for the booth's page (docs/design.md §1), wired once for the Electron main
// process, the web shell and `npm start`: the contract's handlers over the service and the booth's voice,
// the keypad's presses as the page's events, and the devices' state reported to the console (the
// president sees it on the booth's tile). What the voice says is never kept.
import { err, ok, toBase64 } from '@seggio/crypto';
import { DEFAULT_PROFILES, HardwareHost, loadProfiles, type ButtonEvent, type ButtonSource, type Voice } from '@seggio/hardware';
import { host, type Hosted } from '@seggio/shell/contract';
import { BOOTH_CONTRACT, type KeypadButton } from '../shared/bridge.js';
import type { BoothService } from './service.js';

export interface BoothDevices {
  /** Where keypad presses come from: a HardwareHost, real or fake. */
  readonly source?: ButtonSource;
  /** The booth's voice for the headphones (eSpeak NG); without one the page uses the browser's, if any. */
  readonly voice?: Voice;
  /** Presses a button of a fake keypad (the web shell's virtual keypad page calls it). */
  readonly press?: (button: KeypadButton) => void;
}

const NO_VOICE = 'no voice configured for this booth';

/** The booth's page as a shell hosts it; `stop` leaves the service and the devices running. */
export function hostBooth(service: BoothService, devices: BoothDevices = {}): Hosted & { stop(): void } {
  const { source, voice } = devices;
  const reportKeypad = () => {
    const state = source?.status().find((d) => d.kind === 'booth-keypad')?.state;
    if (state) service.reportDevices({ keypad: state });
  };
  if (voice) service.reportDevices({ voice: voice.status().available });
  source?.on('status', reportKeypad);
  reportKeypad();
  const hosted = host(
    BOOTH_CONTRACT,
    {
      getView: () => service.getView(),
      getElection: () => service.getElection(),
      castBallots: (input) => service.castBallots(input),
      callPresident: (input) => service.callPresident(input),
      listCertificates: () => service.listCertificates(),
      importCertificate: (input) => service.importCertificate(input),
      confirmConsole: (input) => service.confirmConsole(input),
      voice: () => voice?.status() ?? { available: false, detail: NO_VOICE },
      speak: async ({ text, language }) => {
        if (!voice) return err(NO_VOICE);
        const said = await voice.synthesize(text, language);
        return said.ok ? ok({ wav: toBase64(said.wav) }) : err(said.error);
      },
    },
    {
      view: (listener) => {
        service.on('view', listener);
        return () => service.off('view', listener);
      },
      keypad: (listener) => {
        if (!source) return () => undefined;
        const forward = (event: ButtonEvent) => {
          if (event.kind === 'booth-keypad') listener(event.button as KeypadButton);
        };
        source.on('button', forward);
        return () => source.off('button', forward);
      },
    },
  );
  return { ...hosted, stop: () => source?.off('status', reportKeypad) };
}

/**
 * The booth's keypad in its own thread: a real one (node-hid), or a fake one plugged at once and
 * pressed through `press` (the web shell's virtual keypad). `profilesDir`: another profile folder
 * (SEGGIO_HW_PROFILES); a profile refused is said, and the booth works without a keypad.
 */
export function startKeypad(backend: 'node-hid' | 'fake', profilesDir: string = DEFAULT_PROFILES): { readonly keypad: HardwareHost; readonly press?: (button: KeypadButton) => void } {
  const { profiles, problems } = loadProfiles(profilesDir);
  for (const problem of problems) console.error(`keypad profile refused: ${problem}`);
  const keypads = profiles.filter((p) => p.kind === 'booth-keypad');
  const keypad = HardwareHost.start({ profiles: keypads, backend });
  const id = keypads[0]?.id;
  if (backend === 'node-hid') keypad.on('status', (status) => status.forEach((s) => console.log(`keypad ${s.profile}: ${s.state}: ${s.detail}`)));
  if (backend === 'node-hid' || id === undefined) return { keypad };
  keypad.fake.plug(id);
  return { keypad, press: (button) => keypad.fake.press(id, button) };
}
