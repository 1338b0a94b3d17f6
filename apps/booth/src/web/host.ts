// The booth's web shell (docs/design.md §1): the booth's page as hostBooth hosts it, behind the shared
// web shell of @seggio/shell. With a fake keypad, the shell also serves a virtual keypad page
// (/keypad.html) whose one call, outside the booth's contract, presses it.
import { err, ok, type Result } from '@seggio/crypto';
import { VIRTUAL_KEYPAD } from '@seggio/hardware';
import { accept, dispatcher, malformed, withInput, type Dispatch } from '@seggio/shell/contract';
import { startWebShell, type WebShell } from '@seggio/shell/web-shell';
import { KEYPAD_BUTTONS, type KeypadButton } from '../shared/bridge.js';
import { hostBooth, type BoothDevices, type BoothService } from '../service/index.js';

export type { BoothDevices, WebShell };

/** The virtual keypad page's contract: a press of one of the keypad's buttons. */
const VIRTUAL_KEYPAD_CONTRACT = {
  methods: {
    pressKeypad: withInput<{ button: KeypadButton }, Result<void, string>>((raw) => {
      const button = (raw as { button?: unknown } | null)?.button;
      return KEYPAD_BUTTONS.includes(button as KeypadButton) ? accept({ button: button as KeypadButton }) : malformed(err('not a keypad button'));
    }),
  },
  events: {},
};

/** `token`: the address of a day resumed (startWebShell). */
export async function startBoothWebShell(service: BoothService, rendererDir: string, port = 0, devices: BoothDevices = {}, token?: string): Promise<WebShell> {
  const hosted = hostBooth(service, devices);
  const { press } = devices;
  const keypad = press ? dispatcher(VIRTUAL_KEYPAD_CONTRACT, {
        pressKeypad: ({ button }) => {
          press(button);
          return ok(undefined);
        },
      }) : null;
  const dispatch: Dispatch = (method, input) => {
    const call = hosted.dispatch(method, input);
    return call.known || !keypad ? call : keypad(method, input);
  };
  const shell = await startWebShell({ rendererDir, port, ...(token ? { token } : {}), dispatch, events: hosted.events, ...(press ? { extraFiles: VIRTUAL_KEYPAD } : {}) });
  return {
    url: shell.url,
    close: () => {
      hosted.stop();
      return shell.close();
    },
  };
}
