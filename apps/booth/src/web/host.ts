// The booth's web shell (docs/design.md §1): the booth service behind the generic web shell of
// @seggio/link, answering only the booth contract's methods, with the keypad's presses as events.
// With a fake keypad, the shell also serves a virtual keypad page (/keypad.html) that presses it.
import { VIRTUAL_KEYPAD, type ButtonEvent, type ButtonSource, type Voice } from '@seggio/hardware';
import { startWebShell, type WebShell } from '@seggio/link/web-shell';
import type { BoothCalls, KeypadButton } from '../shared/bridge.js';
import { voiceMethods, type BoothService } from '../service/index.js';

export type { WebShell };

export interface BoothDevices {
  /** Where keypad presses come from: a HardwareHost, real or fake. */
  readonly source?: ButtonSource;
  /** The booth's voice for the headphones (eSpeak NG); without one the page uses the browser's, if any. */
  readonly voice?: Voice;
  /** Presses a button of a fake keypad (the virtual keypad page calls it). */
  readonly press?: (button: KeypadButton) => void;
}

const KEYPAD_BUTTONS: readonly KeypadButton[] = ['up', 'down', 'left', 'right', 'select', 'back', 'help', 'volume-up', 'volume-down', 'repeat'];

/** `token`: the address of a day resumed (startWebShell). */
export async function startBoothWebShell(service: BoothService, rendererDir: string, port = 0, devices: BoothDevices = {}, token?: string): Promise<WebShell> {
  const voice = voiceMethods(devices.voice);
  const methods: { [M in keyof BoothCalls]: (input: BoothCalls[M]['input']) => BoothCalls[M]['output'] | Promise<BoothCalls[M]['output']> } = {
    getView: () => service.getView(),
    getElection: () => service.getElection(),
    castBallots: (input) => service.castBallots(input),
    callPresident: (input) => service.callPresident(input),
    listCertificates: () => service.listCertificates(),
    importCertificate: (input) => service.importCertificate({ file: typeof input?.file === 'string' ? input.file : '' }),
    confirmConsole: (input) => service.confirmConsole({ accept: input?.accept === true }),
    voice: () => voice.voice(),
    speak: (input) => voice.speak(input),
  };
  const { source, press } = devices;
  // The keypad's status and whether the booth can speak go to the console through the service (the
  // president sees them on the booth's tile).
  const reportKeypad = () => {
    const state = source?.status().find((d) => d.kind === 'booth-keypad')?.state;
    if (state) service.reportDevices({ keypad: state });
  };
  if (devices.voice) service.reportDevices({ voice: devices.voice.status().available });
  source?.on('status', reportKeypad);
  reportKeypad();
  const fakeMethods: Record<string, (input: unknown) => unknown> = press
    ? {
        pressKeypad: (input: unknown) => {
          const button = (input as { button?: unknown } | null)?.button;
          if (!KEYPAD_BUTTONS.includes(button as KeypadButton)) return { ok: false, error: 'not a keypad button' };
          press(button as KeypadButton);
          return { ok: true, value: undefined };
        },
      }
    : {};
  const shell = await startWebShell({
    rendererDir,
    port,
    ...(token ? { token } : {}),
    methods: { ...(methods as unknown as Record<string, (input: unknown) => unknown>), ...fakeMethods },
    events: {
      view: (listener) => {
        service.on('view', listener);
        return () => service.off('view', listener);
      },
      keypad: (listener) => {
        if (!source) return () => undefined;
        const forward = (event: ButtonEvent) => {
          if (event.kind === 'booth-keypad') listener(event.button);
        };
        source.on('button', forward);
        return () => source.off('button', forward);
      },
    },
    ...(press ? { extraFiles: VIRTUAL_KEYPAD } : {}),
  });
  return {
    url: shell.url,
    close: () => {
      source?.off('status', reportKeypad);
      return shell.close();
    },
  };
}
